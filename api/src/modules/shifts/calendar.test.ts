import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import { OrganiserKind, ShiftStatus, SignupStatus } from './shift.enums.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { Signup } from './signup.entity.js';
import { Volunteer } from './volunteer.entity.js';

const API = 'https://api.gongjian.example';
const WEB = 'https://gongjian.example';
const t = useTestApp(() => ({ publicApiUrl: `${API}/`, publicWebUrl: WEB }));

const ISSUE = `mutation { issueCalendarFeed(input: {}) { url errors { code message } } }`;
const REVOKE = `mutation { revokeCalendarFeed(input: {}) { url errors { code } } }`;
const PROFILE = `{ myVolunteerProfile { calendarFeedActive } }`;

interface Property {
  params: Record<string, string>;
  value: string;
}
type Component = Record<string, Property>;

/** Just enough of RFC 5545 to read our feed back: unfolding, components, params, TEXT escapes. */
function parseComponents(ics: string, name: string): Component[] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const found: Component[] = [];
  let current: Component | null = null;
  for (const line of lines) {
    if (line === `BEGIN:${name}`) current = {};
    else if (line === `END:${name}` && current) {
      found.push(current);
      current = null;
    } else if (current) {
      const match = /^([A-Z-]+)((?:;[^:;]+)*):(.*)$/.exec(line);
      if (!match) continue;
      const params = Object.fromEntries(
        match[2]!
          .split(';')
          .filter(Boolean)
          .map((p) => p.split('=') as [string, string]),
      );
      const value = match[3]!.replace(/\\([\\;,nN])/g, (_, c: string) =>
        c === 'n' || c === 'N' ? '\n' : c,
      );
      current[match[1]!] = { params, value };
    }
  }
  return found;
}

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const icalLocal = (date: Date) => {
  const p = Object.fromEntries(wallClock.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
};

const base = () => t.url.replace(/\/graphql$/, '');
const tokenOf = (url: string) => /\/volunteer\/calendar\/([^/]+)\.ics$/.exec(url)![1]!;
const fetchFeed = (token: string) => fetch(`${base()}/volunteer/calendar/${token}.ics`);

let community: Community;
let staff: User;
let volunteer: { user: User; volunteer: Volunteer };
let token: string;
let activities: Record<'community' | 'unit' | 'socialWorker', Activity>;
/** The sign-ups that belong in the feed. */
let expected: { signup: Signup; shift: Shift; activity: Activity; organiser: string }[];

async function signUp(shift: Shift, v: Volunteer, status: SignupStatus): Promise<Signup> {
  const em = t.orm.em.fork();
  const signup = em.create(Signup, {
    shift: shift.id,
    volunteer: v.id,
    status,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    waitlistSeq: status === SignupStatus.WAITLISTED ? 1 : null,
    cancelledAt: status === SignupStatus.CANCELLED ? new Date() : null,
  });
  await em.flush();
  return signup;
}

// The server renders times in Asia/Shanghai whatever zone the process runs in.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  const unit = await makeUnit(t.orm, community, { name: '青山热电厂' });
  const socialWorker = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community });
  activities = {
    community: await makeActivity(t.orm, community, { createdBy: staff }),
    unit: await makeActivity(t.orm, community, { createdBy: staff, organiserUnit: unit }),
    socialWorker: await makeActivity(t.orm, community, { createdBy: socialWorker }),
  };
  const em = t.orm.em.fork();
  await em.nativeUpdate(
    Activity,
    { id: activities.socialWorker.id },
    { organiserKind: OrganiserKind.SOCIAL_WORKER, location: '福康社区, 二楼; 活动室' },
  );
  activities.socialWorker.location = '福康社区, 二楼; 活动室';
  volunteer = await makeVolunteer(t.orm, community);
  token = await t.login(volunteer.user.username);
  const other = await makeVolunteer(t.orm, community);
  const v = volunteer.volunteer;

  const shift = (activity: Activity, startsInHours: number) =>
    makeShift(t.orm, activity, { startsInHours, hours: 2 });
  const soon = await shift(activities.community, 30);
  const later = await shift(activities.unit, 24 * 14);
  const recent = await shift(activities.socialWorker, -24 * 30);
  const longAgo = await shift(activities.community, -24 * 120);
  const waitlisted = await shift(activities.community, 50);
  const cancelledSignup = await shift(activities.community, 70);
  const cancelledShift = await shift(activities.unit, 90);
  const othersOnly = await shift(activities.unit, 110);

  expected = [
    {
      signup: await signUp(soon, v, SignupStatus.CONFIRMED),
      shift: soon,
      activity: activities.community,
      organiser: community.name,
    },
    {
      signup: await signUp(later, v, SignupStatus.CONFIRMED),
      shift: later,
      activity: activities.unit,
      organiser: '青山热电厂',
    },
    {
      signup: await signUp(recent, v, SignupStatus.CONFIRMED),
      shift: recent,
      activity: activities.socialWorker,
      organiser: `社工 ${socialWorker.displayName}`,
    },
  ];
  await signUp(longAgo, v, SignupStatus.CONFIRMED);
  await signUp(waitlisted, v, SignupStatus.WAITLISTED);
  await signUp(cancelledSignup, v, SignupStatus.CANCELLED);
  await signUp(cancelledShift, v, SignupStatus.CONFIRMED);
  await em.nativeUpdate(Shift, { id: cancelledShift.id }, { status: ShiftStatus.CANCELLED });
  await signUp(soon, other.volunteer, SignupStatus.CONFIRMED);
  await signUp(othersOnly, other.volunteer, SignupStatus.CONFIRMED);
});

describe('calendar feed', () => {
  it('needs a signed-in volunteer', async () => {
    const anonymous = await t.gql(ISSUE, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const noProfile = await t.gql(ISSUE, {}, await t.login(staff.username));
    expect(noProfile.data!.issueCalendarFeed).toMatchObject({
      url: null,
      errors: [{ code: 'REQUIRED' }],
    });
  });

  it('lists exactly your confirmed shifts of open shifts, in Shanghai time', async () => {
    const issued = await t.gql(ISSUE, {}, token);
    expect(issued.data!.issueCalendarFeed.errors).toEqual([]);
    const url: string = issued.data!.issueCalendarFeed.url;
    expect(url).toMatch(/^https:\/\/api\.gongjian\.example\/volunteer\/calendar\/[\w-]{43}\.ics$/);
    const secret = tokenOf(url);
    // Only the hash is stored.
    const saved = await t.orm.em.fork().findOneOrFail(Volunteer, volunteer.volunteer.id);
    expect(saved.calendarTokenHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(saved.version).toBe(volunteer.volunteer.version);
    expect((await t.gql(PROFILE, {}, token)).data!.myVolunteerProfile).toEqual({
      calendarFeedActive: true,
    });

    const response = await fetchFeed(secret);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    const ics = await response.text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);

    const [zone] = parseComponents(ics, 'VTIMEZONE');
    expect(zone?.TZID?.value).toBe('Asia/Shanghai');
    const events = parseComponents(ics, 'VEVENT');
    expect(events.map((e) => e.UID!.value).sort()).toEqual(
      expected.map((x) => `signup-${x.signup.id}@gongjian`).sort(),
    );
    for (const x of expected) {
      const event = events.find((e) => e.UID!.value === `signup-${x.signup.id}@gongjian`)!;
      const link = `${WEB}/shifts/${x.shift.nodeId}`;
      expect(event.SUMMARY!.value).toBe(x.activity.title);
      expect(event.LOCATION!.value).toBe(x.activity.location);
      expect(event.DTSTART).toEqual({
        params: { TZID: 'Asia/Shanghai' },
        value: icalLocal(x.shift.startsAt),
      });
      expect(event.DTEND).toEqual({
        params: { TZID: 'Asia/Shanghai' },
        value: icalLocal(x.shift.endsAt),
      });
      expect(event.DTSTAMP!.value).toMatch(/^\d{8}T\d{6}Z$/);
      expect(event.DESCRIPTION!.value).toBe(
        `组织方 Organiser: ${x.organiser}\n详情 Details: ${link}`,
      );
      expect(event.URL!.value).toBe(link);
    }
  });

  it('re-issuing revokes the old URL, and revoking stops the feed', async () => {
    const first = tokenOf((await t.gql(ISSUE, {}, token)).data!.issueCalendarFeed.url);
    expect((await fetchFeed(first)).status).toBe(200);
    const second = tokenOf((await t.gql(ISSUE, {}, token)).data!.issueCalendarFeed.url);
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);

    const revoked = await t.gql(REVOKE, {}, token);
    expect(revoked.data!.revokeCalendarFeed).toEqual({ url: null, errors: [] });
    expect((await fetchFeed(second)).status).toBe(404);
    expect((await t.gql(PROFILE, {}, token)).data!.myVolunteerProfile).toEqual({
      calendarFeedActive: false,
    });
    // Revoking twice is fine.
    expect((await t.gql(REVOKE, {}, token)).data!.revokeCalendarFeed.errors).toEqual([]);
  });

  it('answers 404 to tokens nobody holds', async () => {
    expect((await fetchFeed('A'.repeat(43))).status).toBe(404);
    expect((await fetchFeed('not-a-token')).status).toBe(404);
    expect((await fetch(`${base()}/volunteer/calendar/`)).status).toBe(404);
  });

  it('shows whether a feed is on only to its owner', async () => {
    const res = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Volunteer { calendarFeedActive } } }`,
      { id: volunteer.volunteer.nodeId },
      await t.login(staff.username),
    );
    expect(res.data!.node).toEqual({ calendarFeedActive: null });
  });
});
