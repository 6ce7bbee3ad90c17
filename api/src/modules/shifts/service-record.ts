// A volunteer's service record (志愿服务记录证明): every sign-up whose hours the organiser
// confirmed, with the totals and star level. Following 《志愿服务记录与证明出具办法》 only
// confirmed service time counts; each row's hours are its minutes / 60 to two decimals and the
// total is the sum of the minutes / 60 (not the sum of rounded rows). The xlsx and PDF files are
// service-record-files.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { notFound } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { DISPLAY_TIME_ZONE } from '../../graphql/scalars.js';
import { authorize } from '../auth/policy.js';
import type { Activity } from './activity.entity.js';
import { OrganiserKind } from './shift.enums.js';
import { volunteerScope } from './shifts.policy.js';
import { Signup } from './signup.entity.js';
import { starLevel } from './star-level.js';
import { Volunteer } from './volunteer.entity.js';

export interface ServiceRecordRow {
  /** Day of the shift in Asia/Shanghai, YYYY-MM-DD. */
  date: string;
  /** HH:MM–HH:MM in Asia/Shanghai. */
  time: string;
  activity: string;
  organiser: string;
  location: string;
  minutes: number;
  hours: number;
}

export interface ServiceRecord {
  volunteer: { id: string; realName: string; community: string; starLevel: number };
  rows: ServiceRecordRow[];
  totalMinutes: number;
  totalHours: number;
  /** When it was made, and that day in Asia/Shanghai. */
  generatedAt: Date;
  generatedOn: string;
}

export const SERVICE_RECORD_TITLE = '志愿服务记录证明 Volunteer Service Record';

/** Who organised an activity: its community, its unit, or the social worker who runs it. */
export function organiserName(activity: Activity): string {
  switch (activity.organiserKind) {
    case OrganiserKind.UNIT:
      return activity.organiserUnit?.name ?? '';
    case OrganiserKind.SOCIAL_WORKER:
      return `社工 ${activity.createdBy.displayName}`;
    default:
      return activity.community.name;
  }
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The record of the viewer's own volunteer profile, or of `volunteerId` (a global ID) when the
 * policy lets the viewer read that volunteer (`volunteer.read`: their community's staff and
 * social workers, the office). UNAUTHENTICATED, FORBIDDEN or NOT_FOUND otherwise.
 */
export async function loadServiceRecord(
  ctx: Context,
  volunteerId?: string | null,
  now = new Date(),
): Promise<ServiceRecord> {
  const user = ctx.viewer.requireUser();
  const em = ctx.em;
  let volunteer: Volunteer | null;
  if (volunteerId) {
    const id = idOf(volunteerId, 'Volunteer');
    volunteer = id ? await em.findOne(Volunteer, id, { populate: ['community'] }) : null;
    if (!volunteer) throw notFound('No such volunteer.');
    authorize(ctx.viewer, 'serviceRecord.read', volunteerScope(volunteer));
  } else {
    volunteer = await em.findOne(Volunteer, { user: user.id }, { populate: ['community'] });
    if (!volunteer) throw notFound('You have no volunteer profile yet.');
  }
  const rows = await confirmedService(em, volunteer.id);
  const totalMinutes = rows.reduce((sum, row) => sum + row.minutes, 0);
  return {
    volunteer: {
      id: volunteer.nodeId,
      realName: volunteer.realName,
      community: volunteer.community.name,
      starLevel: starLevel(volunteer.verifiedMinutes, ctx.app.config.shifts.starLevelHours),
    },
    rows,
    totalMinutes,
    totalHours: hoursOf(totalMinutes),
    generatedAt: now,
    generatedOn: shanghaiDate(now),
  };
}

/** Every sign-up with confirmed hours, oldest first. */
async function confirmedService(em: EntityManager, volunteerId: number) {
  const signups = await em.find(
    Signup,
    { volunteer: volunteerId, hoursConfirmedAt: { $ne: null } },
    {
      populate: [
        'shift.activity.community',
        'shift.activity.organiserUnit',
        'shift.activity.createdBy',
      ],
      orderBy: { startsAt: 'asc', id: 'asc' },
    },
  );
  return signups.map((signup): ServiceRecordRow => {
    const { shift } = signup;
    const activity = shift.activity;
    const minutes = signup.minutes ?? 0;
    return {
      date: shanghaiDate(shift.startsAt),
      time: `${clock.format(shift.startsAt)}–${clock.format(shift.endsAt)}`,
      activity: activity.title,
      organiser: organiserName(activity),
      location: activity.location,
      minutes,
      hours: hoursOf(minutes),
    };
  });
}

export function serviceRecordFileName(record: ServiceRecord): string {
  return `志愿服务记录-${record.volunteer.realName}-${record.generatedOn}`;
}
