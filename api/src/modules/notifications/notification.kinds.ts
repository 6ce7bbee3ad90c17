// What a notification is about (its kind) and the facts it carries (its data). Notifications hold
// no text: the web, and the mailer for e-mail, write the message in the reader's language.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Measure } from '../commitments/commitment.enums.js';

export enum NotificationKind {
  SHIFT_REMINDER = 'SHIFT_REMINDER',
  WAITLIST_PROMOTED = 'WAITLIST_PROMOTED',
  SHIFT_CANCELLED = 'SHIFT_CANCELLED',
  AFFILIATION_REQUESTED = 'AFFILIATION_REQUESTED',
  SUPERVISION_OVERDUE = 'SUPERVISION_OVERDUE',
  COMMITMENT_SUBMITTED = 'COMMITMENT_SUBMITTED',
  COMMITMENT_ACCEPTED = 'COMMITMENT_ACCEPTED',
  COMMITMENT_REJECTED = 'COMMITMENT_REJECTED',
  TARGET_CHANGE_REQUESTED = 'TARGET_CHANGE_REQUESTED',
  TARGET_CHANGE_APPROVED = 'TARGET_CHANGE_APPROVED',
  TARGET_CHANGE_DECLINED = 'TARGET_CHANGE_DECLINED',
  FULFILMENT_RECORDED = 'FULFILMENT_RECORDED',
  FULFILMENT_VERIFIED = 'FULFILMENT_VERIFIED',
  FULFILMENT_REJECTED = 'FULFILMENT_REJECTED',
  PAIRING_CONFIRMED = 'PAIRING_CONFIRMED',
  SOCIAL_WORKER_ASSIGNED = 'SOCIAL_WORKER_ASSIGNED',
  PAIRING_ENDED = 'PAIRING_ENDED',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about; each kind fills its own fields of NotificationData.',
  valuesConfig: {
    SHIFT_REMINDER: {
      description:
        '班次提醒: a confirmed shift starts soon (shiftId, signupId, activityTitle, location, startsAt, hoursBefore).',
    },
    WAITLIST_PROMOTED: {
      description:
        '候补转正: a place became free and you are confirmed (shiftId, signupId, activityTitle, startsAt).',
    },
    SHIFT_CANCELLED: {
      description:
        '班次取消: a shift you signed up for was cancelled (shiftId, signupId, activityTitle, startsAt, reason).',
    },
    AFFILIATION_REQUESTED: {
      description:
        '单位确认: a volunteer says they work for your unit (volunteerId, volunteerName, unitId, unitName).',
    },
    SUPERVISION_OVERDUE: {
      description:
        '督导逾期: no supervision logged for a pairing (pairingId, volunteerName, socialWorkerName, lastContactDate, daysSinceContact).',
    },
    COMMITMENT_SUBMITTED: {
      description:
        '承诺待审核, to the community’s staff: a unit submitted a commitment (commitmentId, commitmentTitle, unitName).',
    },
    COMMITMENT_ACCEPTED: {
      description:
        '承诺已通过, to the unit’s liaisons: staff accepted the commitment (commitmentId, commitmentTitle).',
    },
    COMMITMENT_REJECTED: {
      description:
        '承诺被退回, to the unit’s liaisons: staff rejected the commitment (commitmentId, commitmentTitle, reason).',
    },
    TARGET_CHANGE_REQUESTED: {
      description:
        '目标调整待审核, to the community’s staff (commitmentId, commitmentTitle, unitName, measure, targetAmount, proposedTargetAmount).',
    },
    TARGET_CHANGE_APPROVED: {
      description:
        '目标调整已同意, to the unit’s liaisons (commitmentId, commitmentTitle, measure, targetAmount: the new target).',
    },
    TARGET_CHANGE_DECLINED: {
      description:
        '目标调整未同意, to the unit’s liaisons (commitmentId, commitmentTitle, measure, targetAmount, proposedTargetAmount, reason).',
    },
    FULFILMENT_RECORDED: {
      description:
        '履行记录待核实, to the community’s staff (commitmentId, commitmentTitle, unitName, fulfilmentId, measure, amount, fulfilmentDate, evidenceCount).',
    },
    FULFILMENT_VERIFIED: {
      description:
        '履行记录已核实, to the unit’s liaisons (commitmentId, commitmentTitle, fulfilmentId, measure, amount, fulfilmentDate).',
    },
    FULFILMENT_REJECTED: {
      description:
        '履行记录未通过, to the unit’s liaisons (commitmentId, commitmentTitle, fulfilmentId, measure, amount, fulfilmentDate, reason).',
    },
    PAIRING_CONFIRMED: {
      description:
        '新结对, to the social worker: a volunteer was paired with them (pairingId, volunteerName, socialWorkerName).',
    },
    SOCIAL_WORKER_ASSIGNED: {
      description:
        '结对社工, to the volunteer: a social worker now supervises them (pairingId, volunteerName, socialWorkerName).',
    },
    PAIRING_ENDED: {
      description:
        '结对结束, to the social worker (pairingId, volunteerName, socialWorkerName, reason).',
    },
  },
});

/** Facts about a shift: global ids, and instants as ISO strings. */
interface ShiftFacts {
  shiftId: string;
  signupId: string;
  activityTitle: string;
  startsAt: string;
}

/** Facts about a commitment. */
interface CommitmentFacts {
  commitmentId: string;
  commitmentTitle: string;
}

/** Facts about a fulfilment record (amounts are decimal strings, `fulfilmentDate` a day). */
interface FulfilmentFacts extends CommitmentFacts {
  fulfilmentId: string;
  measure: Measure;
  amount: string;
  fulfilmentDate: string;
}

/** Facts about a pairing. */
interface PairingFacts {
  pairingId: string;
  volunteerName: string;
  socialWorkerName: string;
}

/** The data each kind carries (ids are global ids; `lastContactDate` is a YYYY-MM-DD day). */
export interface NotificationDataOf {
  [NotificationKind.SHIFT_REMINDER]: ShiftFacts & { location: string; hoursBefore: number };
  [NotificationKind.WAITLIST_PROMOTED]: ShiftFacts;
  [NotificationKind.SHIFT_CANCELLED]: ShiftFacts & { reason: string };
  [NotificationKind.AFFILIATION_REQUESTED]: {
    volunteerId: string;
    volunteerName: string;
    unitId: string;
    unitName: string;
  };
  [NotificationKind.SUPERVISION_OVERDUE]: {
    pairingId: string;
    volunteerName: string;
    socialWorkerName: string;
    lastContactDate: string;
    daysSinceContact: number;
  };
  [NotificationKind.COMMITMENT_SUBMITTED]: CommitmentFacts & { unitName: string };
  [NotificationKind.COMMITMENT_ACCEPTED]: CommitmentFacts;
  [NotificationKind.COMMITMENT_REJECTED]: CommitmentFacts & { reason: string };
  [NotificationKind.TARGET_CHANGE_REQUESTED]: CommitmentFacts & {
    unitName: string;
    measure: Measure;
    targetAmount: string;
    proposedTargetAmount: string;
  };
  [NotificationKind.TARGET_CHANGE_APPROVED]: CommitmentFacts & {
    measure: Measure;
    targetAmount: string;
  };
  [NotificationKind.TARGET_CHANGE_DECLINED]: CommitmentFacts & {
    measure: Measure;
    targetAmount: string;
    proposedTargetAmount: string;
    reason: string;
  };
  [NotificationKind.FULFILMENT_RECORDED]: FulfilmentFacts & {
    unitName: string;
    evidenceCount: number;
  };
  [NotificationKind.FULFILMENT_VERIFIED]: FulfilmentFacts;
  [NotificationKind.FULFILMENT_REJECTED]: FulfilmentFacts & { reason: string };
  [NotificationKind.PAIRING_CONFIRMED]: PairingFacts;
  [NotificationKind.SOCIAL_WORKER_ASSIGNED]: PairingFacts;
  [NotificationKind.PAIRING_ENDED]: PairingFacts & { reason: string };
}

/** One notification's kind with the data of that kind. */
export type KindAndData = {
  [K in NotificationKind]: { kind: K; data: NotificationDataOf[K] };
}[NotificationKind];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/** Every field any kind uses; a stored row has those of its kind (older rows may lack some). */
export type StoredNotificationData = Partial<
  UnionToIntersection<NotificationDataOf[NotificationKind]>
>;

@ObjectType('NotificationData', {
  description:
    'The facts a notification carries, for the reader’s language to word; each kind fills its own fields (see NotificationKind), the others are null.',
})
export class NotificationData {
  @Field(() => ID, { nullable: true, description: 'The shift (Shift id).' })
  shiftId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Your sign-up for the shift (Signup id).' })
  signupId?: string | null;

  @Field(() => String, { nullable: true, description: 'The activity’s title.' })
  activityTitle?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the shift takes place.' })
  location?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the shift starts.' })
  startsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'The reminder’s threshold, in hours.' })
  hoursBefore?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why: the shift was cancelled, the commitment, record or target change refused, the pairing ended.',
  })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: 'The volunteer (Volunteer id).' })
  volunteerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The volunteer’s name.' })
  volunteerName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit (Unit id).' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'The unit’s name.' })
  unitName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The pairing (Pairing id).' })
  pairingId?: string | null;

  @Field(() => String, { nullable: true, description: 'The social worker’s name.' })
  socialWorkerName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The day of the last supervision (YYYY-MM-DD).',
  })
  lastContactDate?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Days without supervision when the alert was sent.',
  })
  daysSinceContact?: number | null;

  @Field(() => ID, { nullable: true, description: 'The commitment (Commitment id).' })
  commitmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'The commitment’s title.' })
  commitmentTitle?: string | null;

  @Field(() => Measure, { nullable: true, description: 'What the commitment’s amounts count.' })
  measure?: Measure | null;

  @Field(() => String, {
    nullable: true,
    description: 'The commitment’s target (after an approved change: the new one), a decimal.',
  })
  targetAmount?: string | null;

  @Field(() => String, { nullable: true, description: 'The target the unit asked for, a decimal.' })
  proposedTargetAmount?: string | null;

  @Field(() => ID, { nullable: true, description: 'The fulfilment record (Fulfilment id).' })
  fulfilmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'The amount the record reports, a decimal.' })
  amount?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The day the record says it was delivered (YYYY-MM-DD).',
  })
  fulfilmentDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many evidence files the record has.' })
  evidenceCount?: number | null;
}

/** The GraphQL view of stored data (instants become dates; missing facts are null). */
export function notificationDataOf(stored: StoredNotificationData | null): NotificationData {
  const data: NotificationData = {};
  if (!stored) return data;
  for (const [key, value] of Object.entries(stored)) {
    if (value === undefined || value === null) continue;
    (data as Record<string, unknown>)[key] = key === 'startsAt' ? new Date(String(value)) : value;
  }
  return data;
}
