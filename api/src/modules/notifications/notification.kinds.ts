// What a notification is about (its kind) and the facts it carries (its data). Notifications hold
// no text: the web, and the mailer for e-mail, write the message in the reader's language.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum NotificationKind {
  SHIFT_REMINDER = 'SHIFT_REMINDER',
  WAITLIST_PROMOTED = 'WAITLIST_PROMOTED',
  SHIFT_CANCELLED = 'SHIFT_CANCELLED',
  AFFILIATION_REQUESTED = 'AFFILIATION_REQUESTED',
  SUPERVISION_OVERDUE = 'SUPERVISION_OVERDUE',
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
  },
});

/** Facts about a shift: global ids, and instants as ISO strings. */
interface ShiftFacts {
  shiftId: string;
  signupId: string;
  activityTitle: string;
  startsAt: string;
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

  @Field(() => String, { nullable: true, description: 'Why the shift was cancelled.' })
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
