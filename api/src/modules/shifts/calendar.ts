// The private calendar feed (iCal) of a volunteer's shifts.
//
// Issuing a feed stores only the SHA-256 of a random token in `volunteer.calendar_token_hash`,
// so issuing again (or revoking) makes the old URL answer 404. Calendar apps fetch the feed
// without our login, so the token in the URL is the only secret. The feed lists the confirmed
// sign-ups of open shifts from 90 days ago on; cancelled ones are left out rather than sent
// with STATUS:CANCELLED — calendar apps drop events that disappear from a subscribed feed.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import ical, { type ICalDayJsStub } from 'ical-generator';
import type { Config } from '../../config.js';
import type { Context } from '../../context.js';
import { refused, userError, UserErrorCode, type UserError } from '../../graphql/errors.js';
import { DISPLAY_TIME_ZONE } from '../../graphql/scalars.js';
import { tokenHash } from '../auth/password.js';
import { organiserName } from './service-record.js';
import { ShiftStatus, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { Volunteer } from './volunteer.entity.js';
import { volunteerOf } from './volunteers.service.js';

/** Past shifts stay in the feed this long. */
export const FEED_PAST_DAYS = 90;
/** A feed never lists more events than this (years of weekly shifts). */
export const FEED_MAX_EVENTS = 2000;

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export interface CalendarFeedResult {
  url: string | null;
  errors: UserError[];
}

export function calendarFeedUrl(config: Pick<Config, 'publicApiUrl'>, token: string): string {
  return `${config.publicApiUrl.replace(/\/+$/, '')}/volunteer/calendar/${token}.ics`;
}

/**
 * Plain SQL on purpose: the ORM would bump the profile's optimistic-lock version, and the feed
 * is not part of the profile a volunteer may be editing on another device at the same time.
 */
async function setFeedHash(
  em: EntityManager,
  who: { volunteerId: number } | { userId: number },
  hash: string | null,
): Promise<void> {
  const [column, id] = 'volunteerId' in who ? ['id', who.volunteerId] : ['user_id', who.userId];
  await em
    .getConnection()
    .execute(`update volunteer set calendar_token_hash = ? where ${column} = ?`, [hash, id], 'run');
}

/** A new feed URL for the viewer's volunteer profile; any earlier URL stops working. */
export async function issueCalendarFeed(ctx: Context): Promise<CalendarFeedResult> {
  const volunteer = await volunteerOf(ctx.em, ctx.viewer.requireUser());
  if (!volunteer) {
    return refused(
      'url',
      userError(UserErrorCode.REQUIRED, 'Create your volunteer profile first.'),
    );
  }
  const token = randomBytes(32).toString('base64url');
  await setFeedHash(ctx.em, { volunteerId: volunteer.id }, tokenHash(token));
  return { url: calendarFeedUrl(ctx.app.config, token), errors: [] };
}

/** Stops the viewer's feed URL from working; nothing to do without a profile or a feed. */
export async function revokeCalendarFeed(ctx: Context): Promise<CalendarFeedResult> {
  const user = ctx.viewer.requireUser();
  await setFeedHash(ctx.em, { userId: user.id }, null);
  return { url: null, errors: [] };
}

/** Asia/Shanghai keeps UTC+8 all year, so one STANDARD block describes it completely. */
function vtimezone(zone: string): string | null {
  if (zone !== 'Asia/Shanghai') return null;
  return [
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'X-LIC-LOCATION:Asia/Shanghai',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant ical-generator writes as wall-clock time in the feed's zone. A plain Date would be
 * written in the server process's zone (whatever TZ is), so times go in through its Day.js
 * interface instead, formatted with Intl in the zone it asks for.
 */
class ZonedInstant implements ICalDayJsStub {
  constructor(
    private readonly instant: Date,
    private readonly zone: string,
  ) {}

  tz(zone?: string): ZonedInstant {
    return new ZonedInstant(this.instant, zone ?? this.zone);
  }

  utc(): ZonedInstant {
    return new ZonedInstant(this.instant, 'UTC');
  }

  isValid(): boolean {
    return !Number.isNaN(this.instant.getTime());
  }

  toDate(): Date {
    return this.instant;
  }

  toJSON(): string {
    return this.instant.toISOString();
  }

  format(pattern = 'YYYY-MM-DDTHH:mm:ss'): string {
    let format = partsFormats.get(this.zone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone: this.zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      partsFormats.set(this.zone, format);
    }
    const parts = Object.fromEntries(
      format.formatToParts(this.instant).map((p) => [p.type, p.value]),
    ) as Record<string, string>;
    const tokens: Record<string, string> = {
      YYYY: parts.year!,
      MM: parts.month!,
      DD: parts.day!,
      HH: parts.hour!,
      mm: parts.minute!,
      ss: parts.second!,
    };
    return pattern.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => tokens[token]!);
  }
}

/** The feed behind a token, or null when no volunteer holds it (never issued, or revoked). */
export async function calendarFeed(
  em: EntityManager,
  config: Pick<Config, 'publicWebUrl'>,
  token: string,
  now = new Date(),
): Promise<string | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const volunteer = await em.findOne(Volunteer, { calendarTokenHash: tokenHash(token) });
  if (!volunteer) return null;
  const signups = await em.find(
    Signup,
    {
      volunteer: volunteer.id,
      status: SignupStatus.CONFIRMED,
      startsAt: { $gte: new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000) },
      shift: { status: ShiftStatus.OPEN },
    },
    {
      populate: [
        'shift.activity.community',
        'shift.activity.organiserUnit',
        'shift.activity.createdBy',
      ],
      orderBy: { startsAt: 'asc', id: 'asc' },
      limit: FEED_MAX_EVENTS,
    },
  );

  const web = config.publicWebUrl.replace(/\/+$/, '');
  const calendar = ical({
    name: '共建志愿服务 Gongjian volunteer shifts',
    prodId: { company: 'Gongjian', product: 'volunteer-shifts', language: 'ZH' },
    // No calendar-wide zone (DTSTAMP must stay UTC); each event names its zone, and the
    // generator adds the VTIMEZONE block the TZID refers to.
    timezone: { name: null, generator: vtimezone },
    ttl: 60 * 60,
  });
  for (const signup of signups) {
    const shift = signup.shift;
    const activity = shift.activity;
    const link = `${web}/shifts/${shift.nodeId}`;
    calendar.createEvent({
      id: `signup-${signup.id}@gongjian`,
      timezone: DISPLAY_TIME_ZONE,
      start: new ZonedInstant(shift.startsAt, DISPLAY_TIME_ZONE),
      end: new ZonedInstant(shift.endsAt, DISPLAY_TIME_ZONE),
      stamp: now,
      summary: activity.title,
      location: activity.location,
      description: `组织方 Organiser: ${organiserName(activity)}\n详情 Details: ${link}`,
      url: link,
    });
  }
  return calendar.toString();
}
