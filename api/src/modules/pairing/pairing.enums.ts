// The vocabularies of social worker – volunteer pairing (社工+义工).
import { registerEnumType } from 'type-graphql';

/** What a social worker specialises in (a fixed list; the web translates each value). */
export enum Specialty {
  ELDERLY = 'ELDERLY',
  CHILDREN = 'CHILDREN',
  YOUTH = 'YOUTH',
  DISABILITY = 'DISABILITY',
  FAMILY = 'FAMILY',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  COMMUNITY_DEVELOPMENT = 'COMMUNITY_DEVELOPMENT',
  CORRECTIONS = 'CORRECTIONS',
  ADDICTION = 'ADDICTION',
  MEDICAL = 'MEDICAL',
  POVERTY_RELIEF = 'POVERTY_RELIEF',
  MIGRANTS = 'MIGRANTS',
}
registerEnumType(Specialty, {
  name: 'Specialty',
  valuesConfig: {
    ELDERLY: { description: '老年社会工作 elderly' },
    CHILDREN: { description: '儿童社会工作 children' },
    YOUTH: { description: '青少年社会工作 youth' },
    DISABILITY: { description: '残障社会工作 disability' },
    FAMILY: { description: '家庭社会工作 family' },
    MENTAL_HEALTH: { description: '心理健康 mental health' },
    COMMUNITY_DEVELOPMENT: { description: '社区发展 community development' },
    CORRECTIONS: { description: '社区矫正 corrections' },
    ADDICTION: { description: '禁毒戒毒 addiction' },
    MEDICAL: { description: '医务社会工作 medical' },
    POVERTY_RELIEF: { description: '社会救助 poverty relief' },
    MIGRANTS: { description: '流动人口 migrants' },
  },
});

/** National qualification (社会工作者职业资格). */
export enum Qualification {
  ASSISTANT = 'ASSISTANT',
  INTERMEDIATE = 'INTERMEDIATE',
  SENIOR = 'SENIOR',
}
registerEnumType(Qualification, {
  name: 'Qualification',
  valuesConfig: {
    ASSISTANT: { description: '助理社会工作师 assistant social worker' },
    INTERMEDIATE: { description: '社会工作师 social worker' },
    SENIOR: { description: '高级社会工作师 senior social worker' },
  },
});

export enum PairingStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(PairingStatus, { name: 'PairingStatus' });

export enum SupervisionMode {
  IN_PERSON = 'IN_PERSON',
  PHONE = 'PHONE',
  ONLINE = 'ONLINE',
  GROUP = 'GROUP',
}
registerEnumType(SupervisionMode, { name: 'SupervisionMode' });

export enum UnmatchedReason {
  /** No social worker of the community is admissible for this volunteer. */
  NO_ADMISSIBLE_WORKER = 'NO_ADMISSIBLE_WORKER',
  /** Every admissible worker worth pairing with is full (or filled by better pairs in the plan). */
  ALL_FULL = 'ALL_FULL',
  /** Workers have room, but every pair with them scores below 0: unpaired is better. */
  NOT_WORTH_IT = 'NOT_WORTH_IT',
}
registerEnumType(UnmatchedReason, { name: 'UnmatchedReason' });
