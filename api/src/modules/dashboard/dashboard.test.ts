import { beforeAll, describe, expect, it } from 'vitest';
import {
  categoryByCode,
  CommitmentStatus,
  makeActivity,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  makeVolunteer,
  Measure,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import { User } from '../auth/user.entity.js';
import { CommitmentCategory } from '../commitments/category.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { FulfilmentStatus } from '../commitments/commitment.enums.js';
import { Fulfilment } from '../commitments/fulfilment.entity.js';
import type { Community } from '../directory/community.entity.js';
import { Pairing } from '../pairing/pairing.entity.js';
import { SocialWorker } from '../pairing/social-worker.entity.js';
import type { Activity } from '../shifts/activity.entity.js';
import { Shift } from '../shifts/shift.entity.js';
import { Attendance, ShiftStatus, SignupStatus } from '../shifts/shift.enums.js';
import { Signup } from '../shifts/signup.entity.js';
import type { Volunteer } from '../shifts/volunteer.entity.js';

const t = useTestApp();

const YEAR = 2025;
const DASHBOARD = `query($communityId: ID, $year: Int) {
  dashboard(communityId: $communityId, year: $year) {
    year asOf community { id }
    categories { category { code } measure commitmentCount targetAmount verifiedAmount ratio rate }
    hoursByMonth { month minutes hours }
    shiftsByMonth { month shifts capacity filled fillRatio }
    pairingCoverage { volunteers paired ratio }
    unitCount laggingUnits unratedUnits
    pendingReviews { commitments fulfilments total }
  }
}`;

let home: Community;
let other: Community;
let staff: User;
let tokens: Record<'staff' | 'otherStaff' | 'admin' | 'liaison' | 'volunteer' | 'social', string>;

const at = (local: string) => new Date(`${local}+08:00`);

async function shift(
  activity: Activity,
  data: { startsAt: string; hours: number; capacity: number; filled: number; cancelled?: boolean },
): Promise<Shift> {
  const em = t.orm.em.fork();
  const startsAt = at(data.startsAt);
  const row = em.create(Shift, {
    activity: activity.id,
    community: activity.community.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + data.hours * 3_600_000),
    capacity: data.capacity,
    confirmedCount: data.filled,
    status: data.cancelled ? ShiftStatus.CANCELLED : ShiftStatus.OPEN,
  });
  await em.flush();
  return row;
}

async function served(s: Shift, volunteer: Volunteer, minutes: number, confirmed: boolean) {
  const em = t.orm.em.fork();
  em.create(Signup, {
    shift: s.id,
    volunteer: volunteer.id,
    status: SignupStatus.CONFIRMED,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    // Served: checked in and out (the database holds a check-out to its times and minutes).
    attendance: Attendance.CHECKED_OUT,
    checkedInAt: s.startsAt,
    checkedOutAt: s.endsAt,
    minutes,
    hoursConfirmedAt: confirmed ? new Date() : null,
    hoursConfirmedBy: confirmed ? staff.id : null,
  });
  await em.flush();
}

beforeAll(async () => {
  home = await makeCommunity(t.orm);
  other = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: home });
  const otherStaff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: other });
  const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
  const resources = await categoryByCode(t.orm, 'resources');

  const [behind, lapsed, idle, good] = await Promise.all(
    ['behind', 'lapsed', 'idle', 'good'].map((name) =>
      makeUnit(t.orm, home, { name: `${name}-${home.code}` }),
    ),
  );
  const elsewhere = await makeUnit(t.orm, other);
  const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community: home, unit: good });
  const year = { periodStart: `${YEAR}-01-01`, periodEnd: `${YEAR}-12-31`, createdBy: staff };

  // activities / hours: 100 of 100, 40 of 80 (active at the year's end: behind).
  await makeCommitment(t.orm, behind!, {
    ...year,
    status: CommitmentStatus.COMPLETED,
    targetAmount: '100.00',
    verifiedAmount: '100.00',
  });
  const active = await makeCommitment(t.orm, behind!, {
    ...year,
    status: CommitmentStatus.ACTIVE,
    targetAmount: '80.00',
    verifiedAmount: '40.00',
  });
  // activities / events: 2 of 4, lapsed.
  await makeCommitment(t.orm, lapsed!, {
    ...year,
    status: CommitmentStatus.LAPSED,
    measure: Measure.EVENTS,
    targetAmount: '4.00',
    verifiedAmount: '2.00',
  });
  // resources / funds: 1000.50 of 1000.50; resources / people served: 30 of 25 (capped rate 1).
  await makeCommitment(t.orm, lapsed!, {
    ...year,
    status: CommitmentStatus.COMPLETED,
    measure: Measure.FUNDS_YUAN,
    category: resources,
    targetAmount: '1000.50',
    verifiedAmount: '1000.50',
  });
  await makeCommitment(t.orm, good!, {
    ...year,
    status: CommitmentStatus.COMPLETED,
    measure: Measure.PEOPLE_SERVED,
    category: resources,
    targetAmount: '25.00',
    verifiedAmount: '30.00',
  });
  // Not counted: a draft, a submission (waiting for review), another year, another community.
  await makeCommitment(t.orm, good!, { ...year, status: CommitmentStatus.DRAFT });
  await makeCommitment(t.orm, good!, { ...year, status: CommitmentStatus.SUBMITTED });
  await makeCommitment(t.orm, idle!, {
    ...year,
    status: CommitmentStatus.ACTIVE,
    periodStart: `${YEAR - 1}-01-01`,
    periodEnd: `${YEAR - 1}-12-31`,
  });
  await makeCommitment(t.orm, elsewhere, {
    ...year,
    status: CommitmentStatus.ACTIVE,
    targetAmount: '10.00',
    verifiedAmount: '10.00',
  });
  await makeCommitment(t.orm, elsewhere, { ...year, status: CommitmentStatus.SUBMITTED });

  // Two fulfilment records waiting, one already verified.
  {
    const em = t.orm.em.fork();
    for (const status of [
      FulfilmentStatus.PENDING,
      FulfilmentStatus.PENDING,
      FulfilmentStatus.VERIFIED,
    ]) {
      em.create(Fulfilment, {
        commitment: em.getReference(Commitment, active.id),
        amount: '5.00',
        date: `${YEAR}-06-01`,
        status,
        recordedBy: em.getReference(User, staff.id),
        reviewedAt: status === FulfilmentStatus.PENDING ? null : new Date(),
      });
    }
    await em.flush();
  }

  // Volunteers: three at home, one of them paired; one elsewhere.
  const volunteers = await Promise.all([1, 2, 3].map(() => makeVolunteer(t.orm, home)));
  const stranger = await makeVolunteer(t.orm, other);
  const socialUser = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community: home });
  {
    const em = t.orm.em.fork();
    const worker = em.create(SocialWorker, { user: socialUser.id, community: home.id });
    em.create(Pairing, {
      socialWorker: worker,
      volunteer: volunteers[0]!.volunteer.id,
      community: home.id,
      confirmedBy: staff.id,
      confirmedAt: new Date(),
      lastContactDate: `${YEAR}-06-01`,
    });
    await em.flush();
  }

  // Shifts: March 10 (4 of 10 places), April 1 07:00 Shanghai = March 31 in UTC (5 of 5),
  // a cancelled one in March, one on New Year's Eve before, and one in the other community.
  const activity = await makeActivity(t.orm, home, { createdBy: staff });
  const march = await shift(activity, {
    startsAt: `${YEAR}-03-10T09:00:00`,
    hours: 3,
    capacity: 10,
    filled: 4,
  });
  const april = await shift(activity, {
    startsAt: `${YEAR}-04-01T07:00:00`,
    hours: 2,
    capacity: 5,
    filled: 5,
  });
  await shift(activity, {
    startsAt: `${YEAR}-03-20T09:00:00`,
    hours: 2,
    capacity: 8,
    filled: 0,
    cancelled: true,
  });
  const before = await shift(activity, {
    startsAt: `${YEAR - 1}-12-31T20:00:00`,
    hours: 2,
    capacity: 6,
    filled: 1,
  });
  const away = await shift(await makeActivity(t.orm, other, { createdBy: otherStaff }), {
    startsAt: `${YEAR}-03-10T09:00:00`,
    hours: 3,
    capacity: 7,
    filled: 2,
  });
  await served(march, volunteers[0]!.volunteer, 180, true);
  await served(march, volunteers[1]!.volunteer, 150, true);
  await served(march, volunteers[2]!.volunteer, 120, false); // not confirmed: not counted
  await served(april, volunteers[0]!.volunteer, 120, true);
  await served(before, volunteers[1]!.volunteer, 100, true);
  await served(away, stranger.volunteer, 60, true);

  tokens = {
    staff: await t.login(staff.username),
    otherStaff: await t.login(otherStaff.username),
    admin: await t.login(admin.username),
    liaison: await t.login(liaison.username),
    volunteer: await t.login(volunteers[1]!.user.username),
    social: await t.login(socialUser.username),
  };
});

async function dashboardOf(token: string, communityId: string | null = null): Promise<AnyData> {
  const res = await t.gql(DASHBOARD, { communityId, year: YEAR }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.dashboard;
}

const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;

describe('dashboard', () => {
  it('has exact figures for the staff’s own community (the default)', async () => {
    const d = await dashboardOf(tokens.staff);
    expect(d.year).toBe(YEAR);
    expect(d.community.id).toBe(home.nodeId);

    // Categories: in display order, every active category, one row per measure.
    const all = await t.orm.em
      .fork()
      .find(CommitmentCategory, { active: true }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
    const codes = d.categories.map((c: AnyData) => c.category.code);
    expect([...new Set(codes)]).toEqual(all.map((c) => c.code));
    const byKey = Object.fromEntries(
      d.categories.map((c: AnyData) => [`${c.category.code}/${c.measure}`, c]),
    );
    expect(byKey['activities/EVENTS']).toMatchObject({
      commitmentCount: 1,
      targetAmount: 4,
      verifiedAmount: 2,
      ratio: 0.5,
      rate: 0.5,
    });
    expect(byKey['activities/VOLUNTEER_HOURS']).toMatchObject({
      commitmentCount: 2,
      targetAmount: 180,
      verifiedAmount: 140,
    });
    expect(byKey['activities/VOLUNTEER_HOURS'].ratio).toBeCloseTo(140 / 180, 12);
    expect(byKey['activities/VOLUNTEER_HOURS'].rate).toBeCloseTo(0.75, 12);
    expect(byKey['resources/FUNDS_YUAN']).toMatchObject({
      commitmentCount: 1,
      targetAmount: 1000.5,
      verifiedAmount: 1000.5,
      ratio: 1,
      rate: 1,
    });
    expect(byKey['resources/PEOPLE_SERVED']).toMatchObject({
      commitmentCount: 1,
      targetAmount: 25,
      verifiedAmount: 30,
      ratio: 1.2,
      rate: 1,
    });
    expect(codes.indexOf('activities')).toBe(
      d.categories.findIndex((c: AnyData) => c.measure === 'EVENTS'),
    );
    const empty = d.categories.filter(
      (c: AnyData) => !['activities', 'resources'].includes(c.category.code),
    );
    expect(empty.length).toBe(all.length - 2);
    for (const row of empty)
      expect(row).toMatchObject({ measure: null, commitmentCount: 0, ratio: 0, rate: null });

    // Months: twelve, Asia/Shanghai; only confirmed minutes; cancelled shifts left out.
    expect(d.hoursByMonth.map((m: AnyData) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => month(i + 1)),
    );
    expect(d.hoursByMonth.filter((m: AnyData) => m.minutes > 0)).toEqual([
      { month: month(3), minutes: 330, hours: 5.5 },
      { month: month(4), minutes: 120, hours: 2 },
    ]);
    expect(d.shiftsByMonth.filter((m: AnyData) => m.shifts > 0)).toEqual([
      { month: month(3), shifts: 1, capacity: 10, filled: 4, fillRatio: 0.4 },
      { month: month(4), shifts: 1, capacity: 5, filled: 5, fillRatio: 1 },
    ]);
    expect(d.shiftsByMonth[0]).toEqual({
      month: month(1),
      shifts: 0,
      capacity: 0,
      filled: 0,
      fillRatio: 0,
    });

    expect(d.pairingCoverage).toEqual({ volunteers: 3, paired: 1, ratio: 1 / 3 });
    // behind (one behind) and lapsed (one lapsed) lag; good does not; idle (none this year) is
    // not yet rated, not lagging.
    expect(d.unitCount).toBe(4);
    expect(d.laggingUnits).toBe(2);
    expect(d.unratedUnits).toBe(1);
    expect(d.pendingReviews).toEqual({ commitments: 1, fulfilments: 2, total: 3 });
  });

  it('gives the office any community, and the whole sub-district without one', async () => {
    const same = await dashboardOf(tokens.admin, home.nodeId);
    const own = await dashboardOf(tokens.staff, home.nodeId);
    expect({ ...same, asOf: null }).toEqual({ ...own, asOf: null });

    const whole = await dashboardOf(tokens.admin);
    expect(whole.community).toBeNull();
    const hours = whole.hoursByMonth.filter((m: AnyData) => m.minutes > 0);
    expect(hours).toEqual([
      { month: month(3), minutes: 390, hours: 6.5 },
      { month: month(4), minutes: 120, hours: 2 },
    ]);
    const march = whole.shiftsByMonth[2];
    expect(march).toMatchObject({ shifts: 2, capacity: 17, filled: 6 });
    // Submissions and pending records everywhere (other test data may exist: at least ours).
    expect(whole.pendingReviews.commitments).toBeGreaterThanOrEqual(2);
    expect(whole.pairingCoverage.volunteers).toBeGreaterThanOrEqual(4);
    expect(whole.unitCount).toBeGreaterThanOrEqual(5);
  });

  it('refuses staff of another community, liaisons, social workers and volunteers', async () => {
    const refused = async (token: string, communityId: string | null) => {
      const res = await t.gql(DASHBOARD, { communityId, year: YEAR }, token);
      expect(res.data?.dashboard ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    };
    await refused(tokens.otherStaff, home.nodeId);
    await refused(tokens.staff, other.nodeId);
    await refused(tokens.liaison, null);
    await refused(tokens.liaison, home.nodeId);
    await refused(tokens.volunteer, null);
    await refused(tokens.social, home.nodeId);

    const anonymous = await t.gql(DASHBOARD, { year: YEAR });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badYear = await t.gql(DASHBOARD, { year: 1900 }, tokens.staff);
    expect(badYear.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sends the same small number of statements whatever the data', async () => {
    const count = () =>
      t.countStatements(async () => {
        await dashboardOf(tokens.staff);
      });
    const before = await count();
    // More units, commitments and shifts change nothing.
    for (let i = 0; i < 5; i++) {
      const unit = await makeUnit(t.orm, home);
      await makeCommitment(t.orm, unit, {
        createdBy: staff,
        status: CommitmentStatus.ACTIVE,
        periodStart: `${YEAR}-01-01`,
        periodEnd: `${YEAR}-12-31`,
        category: await categoryByCode(t.orm, 'resources'),
      });
    }
    const after = await count();
    expect(after).toBe(before);
    // viewer, community, categories + their loader, months, review queue, standings (2), coverage.
    expect(after).toBe(9);
  });
});
