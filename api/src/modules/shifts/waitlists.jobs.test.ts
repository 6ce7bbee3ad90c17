import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../../../seeds/scale/invariants.js';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import { startAppJobs } from '../../jobs/jobs.js';
import { JOB_SCHEMA } from '../../jobs/queue.js';
import type { Community } from '../directory/community.entity.js';
import type { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { CLOSE_WAITLISTS_JOB, closeEndedWaitlists } from './waitlists.jobs.js';

const t = useTestApp();

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

/** The invariants the shift's counters and tickets keep: each counts its violations. */
async function violations() {
  const names = [
    'shift counters match its sign-ups',
    'waitlist tickets are unique per shift and already handed out',
    'attendance only where it can be',
  ];
  const counts: Record<string, number> = {};
  for (const name of names) {
    const [row] = await sql<{ count: string }>(INVARIANTS[name]!);
    counts[name] = Number(row!.count);
  }
  return counts;
}
const none = {
  'shift counters match its sign-ups': 0,
  'waitlist tickets are unique per shift and already handed out': 0,
  'attendance only where it can be': 0,
};

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

/** A full shift (capacity 1): one confirmed, two waitlisted, one cancelled. */
async function crowd(shift: Shift, community: Community) {
  return {
    confirmed: await signUp(shift, community, SignupStatus.CONFIRMED),
    first: await signUp(shift, community, SignupStatus.WAITLISTED),
    second: await signUp(shift, community, SignupStatus.WAITLISTED),
    cancelled: await signUp(shift, community, SignupStatus.CANCELLED),
  };
}

const statusOf = async (signup: Signup) =>
  (await t.orm.em.fork().findOneOrFail(Signup, signup.id)).status;
const shiftRow = (shift: Shift) => t.orm.em.fork().findOneOrFail(Shift, shift.id);

describe('shifts.close-waitlists', () => {
  let community: Community;
  let activity: Activity;
  let staff: User;
  let shifts: Record<'ended' | 'running' | 'upcoming', Shift>;
  let people: Record<keyof typeof shifts, Awaited<ReturnType<typeof crowd>>>;

  beforeAll(async () => {
    community = await makeCommunity(t.orm);
    staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    activity = await makeActivity(t.orm, community, { createdBy: staff });
    shifts = {
      ended: await makeShift(t.orm, activity, { capacity: 1, startsInHours: -3, hours: 2 }),
      running: await makeShift(t.orm, activity, { capacity: 1, startsInHours: -1, hours: 2 }),
      upcoming: await makeShift(t.orm, activity, { capacity: 1, startsInHours: 5, hours: 2 }),
    };
    people = {
      ended: await crowd(shifts.ended, community),
      running: await crowd(shifts.running, community),
      upcoming: await crowd(shifts.upcoming, community),
    };
  });

  it('closes the waitlists of ended shifts through the queue, and nothing on a second run', async () => {
    const queue = await startAppJobs(t.app);
    try {
      const [schedule] = await sql<{ cron: string; timezone: string }>(
        `select cron, timezone from ${JOB_SCHEMA}.schedule where name = ?`,
        [CLOSE_WAITLISTS_JOB],
      );
      expect(schedule).toEqual({ cron: '*/10 * * * *', timezone: 'Asia/Shanghai' });

      const run = async () => {
        const id = await queue.send(CLOSE_WAITLISTS_JOB, {});
        const [job] = await waitFor('the close-waitlists job', async () => {
          const rows = await sql<{ state: string; output: unknown }>(
            `select state, output from ${JOB_SCHEMA}.job where id = ?`,
            [id],
          );
          return rows[0]?.state === 'completed' ? rows : null;
        });
        return job!.output;
      };

      expect(await run()).toEqual({ shifts: 1, signups: 2 });
      expect(await statusOf(people.ended.first.signup)).toBe(SignupStatus.EXPIRED);
      expect(await statusOf(people.ended.second.signup)).toBe(SignupStatus.EXPIRED);
      expect(await statusOf(people.ended.confirmed.signup)).toBe(SignupStatus.CONFIRMED);
      expect(await statusOf(people.ended.cancelled.signup)).toBe(SignupStatus.CANCELLED);
      expect(await shiftRow(shifts.ended)).toMatchObject({
        confirmedCount: 1,
        waitlistCount: 0,
        lastWaitlistSeq: 2,
      });
      // A shift still running, or still to come, keeps its waitlist.
      for (const key of ['running', 'upcoming'] as const) {
        expect(await statusOf(people[key].first.signup)).toBe(SignupStatus.WAITLISTED);
        expect(await shiftRow(shifts[key])).toMatchObject({ confirmedCount: 1, waitlistCount: 2 });
      }
      expect(await violations()).toEqual(none);

      expect(await run()).toEqual({ shifts: 0, signups: 0 });
    } finally {
      await queue.stop();
    }
  });

  it('shows the volunteer a closed waitlist place, and nobody can cancel it', async () => {
    const { user, signup } = people.ended.first;
    const token = await t.login(user.username);
    const mine = await t.gql(
      `{ mySignups(includePast: true) { id status waitlistPosition } }`,
      {},
      token,
    );
    expect(mine.data?.mySignups).toEqual([
      { id: signup.nodeId, status: 'EXPIRED', waitlistPosition: null },
    ]);
    // Only upcoming sign-ups on My shifts: the closed one is not among them.
    const upcoming = await t.gql(`{ mySignups { id } }`, {}, token);
    expect(upcoming.data?.mySignups).toEqual([]);

    const cancel = `mutation($input: CancelSignupInput!) {
      cancelSignup(input: $input) { signup { status } errors { code } } }`;
    const organiser = await t.login(staff.username);
    const res = await t.gql(cancel, { input: { signupId: signup.nodeId } }, organiser);
    expect(res.data?.cancelSignup).toEqual({
      signup: null,
      errors: [{ code: 'INVALID_TRANSITION' }],
    });
    expect(await shiftRow(shifts.ended)).toMatchObject({ waitlistCount: 0 });
    expect(await violations()).toEqual(none);
  });

  it('closes many waitlists once, with racing runs and cancellations', async () => {
    const many: Shift[] = [];
    const waitlisted: Signup[] = [];
    for (let i = 0; i < 12; i++) {
      const shift = await makeShift(t.orm, activity, {
        capacity: 1,
        startsInHours: -4 - i,
        hours: 1,
      });
      many.push(shift);
      await signUp(shift, community, SignupStatus.CONFIRMED);
      for (let j = 0; j < 3; j++) {
        waitlisted.push((await signUp(shift, community, SignupStatus.WAITLISTED)).signup);
      }
    }
    // While the runs race, organisers take some volunteers off the waitlists (same row lock).
    const token = await t.login(staff.username);
    const removed = waitlisted.filter((_, i) => i % 5 === 0);
    const cancel = `mutation($input: CancelSignupInput!) {
      cancelSignup(input: $input) { signup { status } errors { code } } }`;
    const [runs, cancels] = await Promise.all([
      Promise.all(
        Array.from({ length: 4 }, () => closeEndedWaitlists(t.orm.em.fork() as EntityManager)),
      ),
      Promise.all(removed.map((s) => t.gql(cancel, { input: { signupId: s.nodeId } }, token))),
    ]);
    const cancelledNow = cancels.filter((r) => r.data?.cancelSignup.errors.length === 0).length;
    const closedNow = runs.reduce((sum, run) => sum + run.signups, 0);
    // Each waitlisted sign-up ended exactly one way: closed by one run, or cancelled.
    expect(closedNow + cancelledNow).toBe(waitlisted.length);
    for (const r of cancels) {
      const errors = r.data?.cancelSignup.errors ?? [];
      if (errors.length) expect(errors).toEqual([{ code: 'INVALID_TRANSITION' }]);
    }
    const [left] = await sql<{ n: string }>(
      `select count(*) as n from signup where status = 'WAITLISTED' and shift_id in (${many
        .map((s) => s.id)
        .join(', ')})`,
    );
    expect(Number(left!.n)).toBe(0);
    expect(await violations()).toEqual(none);
    expect(await closeEndedWaitlists(t.orm.em.fork() as EntityManager)).toEqual({
      shifts: 0,
      signups: 0,
    });
  });
});
