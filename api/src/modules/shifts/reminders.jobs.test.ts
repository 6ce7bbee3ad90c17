import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUser,
  makeVolunteer,
  makeVolunteersWithTokens,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import { startAppJobs } from '../../jobs/jobs.js';
import { JOB_SCHEMA } from '../../jobs/queue.js';
import { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import type { Activity } from './activity.entity.js';
import nodemailer from 'nodemailer';
import { mailerOver } from '../notifications/mailer.js';
import { REMINDER_KIND, REMINDERS_JOB, writeDueReminders } from './reminders.jobs.js';
import { Shift } from './shift.entity.js';
import { ShiftStatus, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';

const t = useTestApp();
const HOUR = 3_600_000;

async function waitFor<T>(what: string, probe: () => Promise<T>, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sql = async <R = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  (await t.orm.em.getConnection().execute(query, params)) as R[];

/** A sign-up written straight to the database, keeping the shift's counters right. */
async function signUp(shift: Shift, community: Community, status: SignupStatus) {
  const { user, volunteer } = await makeVolunteer(t.orm, community);
  const em = t.orm.em.fork();
  const row = await em.findOneOrFail(Shift, shift.id);
  const signup = em.create(Signup, {
    shift: row,
    volunteer: volunteer.id,
    status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  });
  if (status === SignupStatus.CONFIRMED) row.confirmedCount += 1;
  if (status === SignupStatus.WAITLISTED) {
    row.lastWaitlistSeq += 1;
    row.waitlistCount += 1;
    signup.waitlistSeq = row.lastWaitlistSeq;
  }
  if (status === SignupStatus.CANCELLED) signup.cancelledAt = new Date();
  await em.flush();
  return { user, signup };
}

/** Three sign-ups on a shift: one confirmed, one waitlisted, one cancelled. */
async function crowd(shift: Shift, community: Community) {
  return {
    confirmed: await signUp(shift, community, SignupStatus.CONFIRMED),
    waitlisted: await signUp(shift, community, SignupStatus.WAITLISTED),
    cancelled: await signUp(shift, community, SignupStatus.CANCELLED),
  };
}

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** A start time as the e-mails write it: 12月3日 09:00 / 09:00 on 2026-12-03. */
function localParts(date: Date) {
  const p = Object.fromEntries(shanghai.formatToParts(date).map((x) => [x.type, x.value]));
  return {
    zh: `${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`,
    en: `${p.hour}:${p.minute} on ${p.year}-${p.month!.padStart(2, '0')}-${p.day!.padStart(2, '0')}`,
  };
}

const reminders = () =>
  t.orm.em.fork().find(Notification, { kind: REMINDER_KIND }, { orderBy: { id: 'asc' } });

describe('shifts.reminders', () => {
  let community: Community;
  let activity: Activity;
  let shifts: Record<'in1h' | 'in20h' | 'in30h' | 'cancelled' | 'cancelledOnly', Shift>;
  let people: Record<keyof typeof shifts, Awaited<ReturnType<typeof crowd>>>;
  let inactive: Awaited<ReturnType<typeof signUp>>;

  beforeAll(async () => {
    community = await makeCommunity(t.orm);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    activity = await makeActivity(t.orm, community, { createdBy: staff });
    shifts = {
      in1h: await makeShift(t.orm, activity, { startsInHours: 1, hours: 2 }),
      in20h: await makeShift(t.orm, activity, { startsInHours: 20, hours: 2 }),
      in30h: await makeShift(t.orm, activity, { startsInHours: 30, hours: 2 }),
      cancelled: await makeShift(t.orm, activity, { startsInHours: 10, hours: 2 }),
      cancelledOnly: await makeShift(t.orm, activity, { startsInHours: 1.5, hours: 0.25 }),
    };
    people = {
      in1h: await crowd(shifts.in1h, community),
      in20h: await crowd(shifts.in20h, community),
      in30h: await crowd(shifts.in30h, community),
      cancelled: await crowd(shifts.cancelled, community),
      cancelledOnly: await crowd(shifts.cancelledOnly, community),
    };
    // Cancelled by its organiser (which cancels the sign-ups too).
    const token = await t.login(staff.username);
    const res = await t.gql(
      `mutation($input: CancelShiftInput!) { cancelShift(input: $input) { errors { code } } }`,
      { input: { id: shifts.cancelled.nodeId, reason: '天气原因' } },
      token,
    );
    expect(res.data?.cancelShift.errors).toEqual([]);
    // A cancelled shift whose confirmed sign-up was left as it was: the shift decides.
    await t.orm.em
      .fork()
      .nativeUpdate(Shift, { id: shifts.cancelledOnly.id }, { status: ShiftStatus.CANCELLED });
    // Someone whose account was switched off gets nothing.
    inactive = await signUp(shifts.in20h, community, SignupStatus.CONFIRMED);
    await t.orm.em.fork().nativeUpdate(User, { id: inactive.user.id }, { active: false });
  });

  it('writes exactly the due reminders through the queue, and nothing on a second run', async () => {
    const queue = await startAppJobs(t.app);
    try {
      const [schedule] = await sql<{ cron: string; timezone: string }>(
        `select cron, timezone from ${JOB_SCHEMA}.schedule where name = ?`,
        [REMINDERS_JOB],
      );
      expect(schedule).toEqual({ cron: '*/5 * * * *', timezone: 'Asia/Shanghai' });

      const run = async () => {
        const id = await queue.send(REMINDERS_JOB, {});
        const [job] = await waitFor('the reminders job', async () => {
          const rows = await sql<{ state: string; output: unknown }>(
            `select state, output from ${JOB_SCHEMA}.job where id = ?`,
            [id],
          );
          return rows[0]?.state === 'completed' ? rows : null;
        });
        return job!.output;
      };

      expect(await run()).toEqual({ created: { '24': 1, '2': 1 }, emailed: 0 });
      const written = await reminders();
      expect(written.map((n) => [n.user.id, n.dedupeKey])).toEqual(
        expect.arrayContaining([
          [
            people.in20h.confirmed.user.id,
            `reminder-24h:signup:${people.in20h.confirmed.signup.id}`,
          ],
          [people.in1h.confirmed.user.id, `reminder-2h:signup:${people.in1h.confirmed.signup.id}`],
        ]),
      );
      expect(written).toHaveLength(2);

      const soon = written.find((n) => n.user.id === people.in1h.confirmed.user.id)!;
      expect(soon).toMatchObject({
        kind: 'SHIFT_REMINDER',
        link: `/shifts/${shifts.in1h.nodeId}`,
        readAt: null,
      });
      expect(soon.data).toEqual({
        shiftId: shifts.in1h.nodeId,
        signupId: people.in1h.confirmed.signup.nodeId,
        activityTitle: activity.title,
        location: activity.location,
        startsAt: shifts.in1h.startsAt.toISOString(),
        hoursBefore: 2,
      });
      const later = written.find((n) => n.user.id === people.in20h.confirmed.user.id)!;
      expect(later.data).toMatchObject({
        hoursBefore: 24,
        shiftId: shifts.in20h.nodeId,
        startsAt: shifts.in20h.startsAt.toISOString(),
      });

      // The volunteer sees it in their feed, as data for the web to word.
      const token = await t.login(people.in1h.confirmed.user.username);
      const feed = await t.gql(
        `{ notifications { edges { node { kind link data { shiftId activityTitle location startsAt hoursBefore } } } } unreadNotificationCount }`,
        {},
        token,
      );
      expect(feed.data).toEqual({
        notifications: {
          edges: [
            {
              node: {
                kind: 'SHIFT_REMINDER',
                link: soon.link,
                data: {
                  shiftId: shifts.in1h.nodeId,
                  activityTitle: activity.title,
                  location: activity.location,
                  startsAt: shifts.in1h.startsAt.toISOString(),
                  hoursBefore: 2,
                },
              },
            },
          ],
        },
        unreadNotificationCount: 1,
      });

      expect(await run()).toEqual({ created: { '24': 0, '2': 0 }, emailed: 0 });
      expect(await reminders()).toHaveLength(2);
    } finally {
      await queue.stop();
    }
  });

  it('sends the smaller reminder when the shift comes closer, each only once', async () => {
    const em = () => t.orm.em.fork() as EntityManager;
    const inNineteenHours = new Date(Date.now() + 19 * HOUR);
    expect(await writeDueReminders(em(), { now: inNineteenHours, hoursBefore: [2, 24] })).toEqual({
      created: { '24': 1, '2': 1 },
      emailed: 0,
    });
    const keys = (await reminders()).map((n) => n.dedupeKey);
    expect(keys).toEqual(
      expect.arrayContaining([
        `reminder-2h:signup:${people.in20h.confirmed.signup.id}`,
        `reminder-24h:signup:${people.in30h.confirmed.signup.id}`,
      ]),
    );
    expect(keys).toHaveLength(4);
    // Two processes at once: the unique dedupe key lets only one write.
    const twice = await Promise.all([
      writeDueReminders(em(), { now: inNineteenHours, hoursBefore: [24, 2] }),
      writeDueReminders(em(), { now: inNineteenHours, hoursBefore: [24, 2] }),
    ]);
    expect(twice).toEqual([
      { created: { '24': 0, '2': 0 }, emailed: 0 },
      { created: { '24': 0, '2': 0 }, emailed: 0 },
    ]);
    // Nobody waitlisted, cancelled, on a cancelled shift or switched off got anything.
    const reminded = new Set((await reminders()).map((n) => n.user.id));
    const never = [
      ...Object.values(people).flatMap((p) => [p.waitlisted.user.id, p.cancelled.user.id]),
      people.cancelled.confirmed.user.id,
      people.cancelledOnly.confirmed.user.id,
      inactive.user.id,
    ];
    expect(never.filter((id) => reminded.has(id))).toEqual([]);
  });
});

describe('e-mail reminders', () => {
  it('mails each new reminder to volunteers who gave an address, once, in their language', async () => {
    const community = await makeCommunity(t.orm);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity, { startsInHours: 500, hours: 2 });
    const withMail = await signUp(shift, community, SignupStatus.CONFIRMED);
    const withoutMail = await signUp(shift, community, SignupStatus.CONFIRMED);
    const inEnglish = await signUp(shift, community, SignupStatus.CONFIRMED);
    await t.orm.em
      .fork()
      .nativeUpdate(User, { id: withMail.user.id }, { email: 'li.hong@example.com' });
    await t.orm.em
      .fork()
      .nativeUpdate(User, { id: inEnglish.user.id }, { email: 'amy@example.com', language: 'en' });
    const transporter = nodemailer.createTransport({ jsonTransport: true });
    const sent: { to: string; subject: string; text: string }[] = [];
    const mailer = mailerOver(transporter, 'Gongjian <no-reply@example.com>');
    const spy = {
      send: async (m: { to: string | string[]; subject: string; text: string }) => {
        sent.push({ to: String(m.to), subject: m.subject, text: m.text });
        return mailer.send(m);
      },
      close: () => mailer.close(),
    };
    const now = new Date(Date.now() + 490 * HOUR);
    const run = await writeDueReminders(t.orm.em.fork() as EntityManager, {
      now,
      hoursBefore: [24],
      mailer: spy,
    });
    expect(run.created['24']).toBeGreaterThanOrEqual(3);
    const local = localParts(shift.startsAt);
    // Worded from the notification's data: Chinese by default, English for who chose it.
    expect(sent.filter((m) => m.to === 'li.hong@example.com')).toEqual([
      {
        to: 'li.hong@example.com',
        subject: `班次提醒：${activity.title}，${local.zh} 开始`,
        text: expect.stringContaining(`地点：${activity.location}`),
      },
    ]);
    expect(sent.filter((m) => m.to === 'amy@example.com')).toEqual([
      {
        to: 'amy@example.com',
        subject: `Shift reminder: ${activity.title}, ${local.en} (Beijing time)`,
        text: expect.stringContaining(`at ${activity.location}.`),
      },
    ]);
    expect(sent.some((m) => m.to.includes(String(withoutMail.user.id)))).toBe(false);
    const again = await writeDueReminders(t.orm.em.fork() as EntityManager, {
      now,
      hoursBefore: [24],
      mailer: spy,
    });
    expect(again.emailed).toBe(0);
    expect(sent.filter((m) => m.to === 'li.hong@example.com')).toHaveLength(1);
    expect(sent.filter((m) => m.to === 'amy@example.com')).toHaveLength(1);
  });
});

describe('shifts.reminders at scale', () => {
  it('writes thousands of reminders with one statement per threshold, racing runs included', async () => {
    const community = await makeCommunity(t.orm);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    // Far in the future, so no other test's shift falls in the same window.
    const shift = await makeShift(t.orm, activity, { startsInHours: 24 * 60, capacity: 3000 });
    const volunteers = await makeVolunteersWithTokens(t.orm, community, 2500);
    await sql(
      `insert into signup (shift_id, volunteer_id, status, starts_at, ends_at)
       select ?, id, 'CONFIRMED', ?, ? from volunteer where community_id = ?`,
      [shift.id, shift.startsAt, shift.endsAt, community.id],
    );
    const now = new Date(shift.startsAt.getTime() - 10 * HOUR);
    let results: Awaited<ReturnType<typeof writeDueReminders>>[] = [];
    const statements = await t.countStatements(async () => {
      results = await Promise.all([
        writeDueReminders(t.orm.em.fork() as EntityManager, { now, hoursBefore: [24, 2] }),
        writeDueReminders(t.orm.em.fork() as EntityManager, { now, hoursBefore: [24, 2] }),
      ]);
    });
    expect(statements).toBe(4);
    expect(results.reduce((sum, r) => sum + r.created['24']!, 0)).toBe(volunteers.length);
    const [written] = await sql<{ count: string }>(
      `select count(*) from notification where dedupe_key like 'reminder-24h:signup:%' and link = ?`,
      [`/shifts/${shift.nodeId}`],
    );
    expect(Number(written!.count)).toBe(volunteers.length);
  });
});
