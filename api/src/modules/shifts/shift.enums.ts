// The vocabularies of volunteer service: skills, organisers, shift, sign-up and attendance states.
import { registerEnumType } from 'type-graphql';

/** A fixed list so that shifts and volunteers can be matched; the web translates each value. */
export enum Skill {
  ELDER_CARE = 'ELDER_CARE',
  CHILD_TUTORING = 'CHILD_TUTORING',
  MEDICAL = 'MEDICAL',
  FIRST_AID = 'FIRST_AID',
  LEGAL = 'LEGAL',
  PSYCHOLOGICAL_SUPPORT = 'PSYCHOLOGICAL_SUPPORT',
  IT = 'IT',
  DRIVING = 'DRIVING',
  COOKING = 'COOKING',
  PATROL = 'PATROL',
  CLEANING = 'CLEANING',
  CULTURE_ARTS = 'CULTURE_ARTS',
  TRANSLATION = 'TRANSLATION',
  SIGN_LANGUAGE = 'SIGN_LANGUAGE',
  DISABILITY_SUPPORT = 'DISABILITY_SUPPORT',
  EVENT_SUPPORT = 'EVENT_SUPPORT',
}
registerEnumType(Skill, {
  name: 'Skill',
  valuesConfig: {
    ELDER_CARE: { description: '助老服务 elder care' },
    CHILD_TUTORING: { description: '课业辅导 child tutoring' },
    MEDICAL: { description: '医疗卫生 medical' },
    FIRST_AID: { description: '应急救护 first aid' },
    LEGAL: { description: '法律咨询 legal advice' },
    PSYCHOLOGICAL_SUPPORT: { description: '心理疏导 psychological support' },
    IT: { description: '信息技术 IT help' },
    DRIVING: { description: '驾驶 driving' },
    COOKING: { description: '烹饪 cooking' },
    PATROL: { description: '治安巡逻 security patrol' },
    CLEANING: { description: '环境清洁 cleaning' },
    CULTURE_ARTS: { description: '文化艺术 culture and arts' },
    TRANSLATION: { description: '翻译 translation' },
    SIGN_LANGUAGE: { description: '手语 sign language' },
    DISABILITY_SUPPORT: { description: '助残服务 disability support' },
    EVENT_SUPPORT: { description: '活动保障 event support' },
  },
});

export enum OrganiserKind {
  COMMUNITY = 'COMMUNITY',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  UNIT = 'UNIT',
}
registerEnumType(OrganiserKind, { name: 'OrganiserKind' });

export enum ShiftStatus {
  OPEN = 'OPEN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ShiftStatus, { name: 'ShiftStatus' });

export enum SignupStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  /** Still on the waitlist when the shift ended: closed by the `shifts.close-waitlists` job. */
  EXPIRED = 'EXPIRED',
}
registerEnumType(SignupStatus, {
  name: 'SignupStatus',
  valuesConfig: {
    EXPIRED: { description: 'Still waitlisted when the shift ended; the waitlist is closed.' },
  },
});

export enum Attendance {
  /** Not yet: the shift has not been attended or marked. */
  EXPECTED = 'EXPECTED',
  CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(Attendance, { name: 'Attendance' });

export enum Affiliation {
  NONE = 'NONE',
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}
registerEnumType(Affiliation, {
  name: 'Affiliation',
  description: 'Whether the resident unit a volunteer says they work for has confirmed it.',
});
