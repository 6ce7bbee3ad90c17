import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
  Skill,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { Shift } from './shift.entity.js';
import { ShiftStatus, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { Volunteer } from './volunteer.entity.js';

const t = useTestApp();

const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status waitlistPosition } errors { code field message } } }`;
const CANCEL = `mutation($input: CancelSignupInput!) {
  cancelSignup(input: $input) { signup { status } promoted { id } errors { code message } } }`;

let community: Community;
let staff: User;
let staffToken: string;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  staffToken = await t.login(staff.username);
});

async function volunteer(skills: Skill[] = []) {
  const { user, volunteer: profile } = await makeVolunteer(t.orm, community, { skills });
  return { user, profile, token: await t.login(user.username) };
}

/** What a refusal must leave untouched. */
async function state(shiftId: number, volunteerId: number) {
  const em = t.orm.em.fork();
  const shift = await em.findOneOrFail(Shift, shiftId);
  return {
    confirmed: shift.confirmedCount,
    waitlist: shift.waitlistCount,
    tickets: shift.lastWaitlistSeq,
    signups: await em.count(Signup, { shift: shiftId }),
    mine: await em.count(Signup, { volunteer: volunteerId }),
  };
}

describe('signUpForShift refusals write nothing', () => {
  it('refuses a shift that has started', async () => {
    const v = await volunteer();
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity, { startsInHours: -1 });
    const before = await state(shift.id, v.profile.id);
    const res = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, v.token);
    expect(res.data!.signUpForShift).toMatchObject({
      signup: null,
      errors: [{ code: 'SHIFT_STARTED' }],
    });
    expect(await state(shift.id, v.profile.id)).toEqual(before);
  });

  it('refuses a cancelled shift', async () => {
    const v = await volunteer();
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity);
    await t.orm.em.fork().nativeUpdate(Shift, shift.id, { status: ShiftStatus.CANCELLED });
    const before = await state(shift.id, v.profile.id);
    const res = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, v.token);
    expect(res.data!.signUpForShift.errors[0].code).toBe('SHIFT_CANCELLED');
    expect(await state(shift.id, v.profile.id)).toEqual(before);
  });

  it('refuses a volunteer who lacks a required skill', async () => {
    const v = await volunteer([Skill.CLEANING]);
    const activity = await makeActivity(t.orm, community, {
      createdBy: staff,
      requiredSkills: [Skill.MEDICAL],
    });
    const shift = await makeShift(t.orm, activity);
    const before = await state(shift.id, v.profile.id);
    const res = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, v.token);
    expect(res.data!.signUpForShift.errors[0]).toMatchObject({ code: 'MISSING_SKILL' });
    expect(res.data!.signUpForShift.errors[0].message).toContain('MEDICAL');
    expect(await state(shift.id, v.profile.id)).toEqual(before);
  });

  it('refuses a shift overlapping one of their confirmed shifts, but not a back-to-back one', async () => {
    const v = await volunteer();
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const first = await makeShift(t.orm, activity, { startsInHours: 100, hours: 3 });
    const overlapping = await makeShift(t.orm, activity, { startsInHours: 102, hours: 3 });
    const next = await makeShift(t.orm, activity, { startsInHours: 103, hours: 2 });
    expect(
      (await t.gql(SIGN_UP, { input: { shiftId: first.nodeId } }, v.token)).data!.signUpForShift
        .errors,
    ).toEqual([]);
    const before = await state(overlapping.id, v.profile.id);
    const res = await t.gql(SIGN_UP, { input: { shiftId: overlapping.nodeId } }, v.token);
    expect(res.data!.signUpForShift.errors[0].code).toBe('OVERLAPPING_SHIFT');
    expect(await state(overlapping.id, v.profile.id)).toEqual(before);
    expect(
      (await t.gql(SIGN_UP, { input: { shiftId: next.nodeId } }, v.token)).data!.signUpForShift
        .errors,
    ).toEqual([]);
  });

  it('refuses a second sign-up for the same shift, also when sent twice at once', async () => {
    const v = await volunteer();
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity);
    const results = await Promise.all(
      [1, 2, 3].map(() => t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, v.token)),
    );
    const codes = results.map((r) => r.data!.signUpForShift.errors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['ALREADY_SIGNED_UP', 'ALREADY_SIGNED_UP', 'OK']);
    expect(await state(shift.id, v.profile.id)).toMatchObject({ confirmed: 1, signups: 1 });
  });

  it('refuses two overlapping shifts taken at the same moment: one wins', async () => {
    const v = await volunteer();
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shifts = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        makeShift(t.orm, activity, { startsInHours: 200 + i * 0.5, hours: 2 }),
      ),
    );
    const results = await Promise.all(
      shifts.map((s) => t.gql(SIGN_UP, { input: { shiftId: s.nodeId } }, v.token)),
    );
    const ok = results.filter((r) => r.data!.signUpForShift.errors.length === 0);
    expect(ok).toHaveLength(1);
    expect(
      results.filter((r) => r.data!.signUpForShift.errors[0]?.code === 'OVERLAPPING_SHIFT'),
    ).toHaveLength(3);
    expect(
      await t.orm.em
        .fork()
        .count(Signup, { volunteer: v.profile.id, status: SignupStatus.CONFIRMED }),
    ).toBe(1);
  });

  it('refuses people who are not volunteers', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity);
    const res = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, staffToken);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } })).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
  });
});

describe('waitlist and cancellation', () => {
  it('waitlists past capacity and promotes the first in line when a place is given up', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity, { capacity: 1 });
    const [a, b, c] = [await volunteer(), await volunteer(), await volunteer()];
    const ra = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, a.token);
    const rb = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, b.token);
    const rc = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, c.token);
    expect(
      [ra, rb, rc].map((r) => [
        r.data!.signUpForShift.signup.status,
        r.data!.signUpForShift.signup.waitlistPosition,
      ]),
    ).toEqual([
      ['CONFIRMED', null],
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
    ]);
    const cancel = await t.gql(
      CANCEL,
      { input: { signupId: ra.data!.signUpForShift.signup.id } },
      a.token,
    );
    // Who got the place is for the organiser only (see cancel-signup-privacy.test.ts).
    expect(cancel.data!.cancelSignup.promoted).toBeNull();
    const bNow = await t.gql(
      `{ node(id: "${rb.data!.signUpForShift.signup.id}") { ... on Signup { status waitlistPosition } } }`,
      {},
      b.token,
    );
    expect(bNow.data!.node).toEqual({ status: 'CONFIRMED', waitlistPosition: null });
    const cNow = await t.gql(
      `{ node(id: "${rc.data!.signUpForShift.signup.id}") { ... on Signup { status waitlistPosition } } }`,
      {},
      c.token,
    );
    expect(cNow.data!.node).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
    const notified = await t.orm.em
      .fork()
      .find(Notification, { user: b.user.id, kind: NotificationKind.WAITLIST_PROMOTED });
    expect(notified.map((n) => n.data)).toEqual([
      {
        shiftId: shift.nodeId,
        signupId: rb.data!.signUpForShift.signup.id,
        activityTitle: activity.title,
        startsAt: shift.startsAt.toISOString(),
      },
    ]);
  });

  it('passes over a waitlisted volunteer who has meanwhile confirmed an overlapping shift', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity, { capacity: 1, startsInHours: 300 });
    const other = await makeShift(t.orm, activity, { capacity: 5, startsInHours: 300 });
    const [a, b, c] = [await volunteer(), await volunteer(), await volunteer()];
    const ra = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, a.token);
    await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, b.token);
    const rc = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, c.token);
    await t.gql(SIGN_UP, { input: { shiftId: other.nodeId } }, b.token); // b is now busy at that time
    const cancel = await t.gql(
      CANCEL,
      { input: { signupId: ra.data!.signUpForShift.signup.id } },
      staffToken,
    );
    expect(cancel.data!.cancelSignup.promoted).toEqual([{ id: rc.data!.signUpForShift.signup.id }]);
  });

  it('lets a volunteer cancel only before the cut-off; the organiser can still remove them', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const soon = await makeShift(t.orm, activity, { startsInHours: 1 });
    const v = await volunteer();
    const signup = (await t.gql(SIGN_UP, { input: { shiftId: soon.nodeId } }, v.token)).data!
      .signUpForShift.signup;
    const before = await state(soon.id, v.profile.id);
    const late = await t.gql(CANCEL, { input: { signupId: signup.id } }, v.token);
    expect(late.data!.cancelSignup.errors[0].code).toBe('PAST_CUTOFF');
    expect(await state(soon.id, v.profile.id)).toEqual(before);
    const byOrganiser = await t.gql(CANCEL, { input: { signupId: signup.id } }, staffToken);
    expect(byOrganiser.data!.cancelSignup.signup.status).toBe('CANCELLED');
  });

  it('does not let one volunteer cancel another’s place', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity);
    const [a, b] = [await volunteer(), await volunteer()];
    const signup = (await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, a.token)).data!
      .signUpForShift.signup;
    const res = await t.gql(CANCEL, { input: { signupId: signup.id } }, b.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await state(shift.id, a.profile.id)).toMatchObject({ confirmed: 1 });
  });

  it('cancelling a shift cancels every place and tells everyone', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity, { capacity: 1 });
    const [a, b] = [await volunteer(), await volunteer()];
    await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, a.token);
    await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, b.token);
    const res = await t.gql(
      `mutation($input: CancelShiftInput!) { cancelShift(input: $input) { shift { status cancelReason spotsRemaining waitlistCount } errors { code } } }`,
      { input: { id: shift.nodeId, reason: '暴雪预警，活动顺延' } },
      staffToken,
    );
    expect(res.data!.cancelShift.shift).toEqual({
      status: 'CANCELLED',
      cancelReason: '暴雪预警，活动顺延',
      spotsRemaining: 0,
      waitlistCount: 0,
    });
    const em = t.orm.em.fork();
    expect(
      await em.count(Signup, { shift: shift.id, status: { $ne: SignupStatus.CANCELLED } }),
    ).toBe(0);
    const told = await em.find(Notification, {
      user: { $in: [a.user.id, b.user.id] },
      kind: NotificationKind.SHIFT_CANCELLED,
    });
    expect(told).toHaveLength(2);
    expect(told[0]!.data).toMatchObject({
      shiftId: shift.nodeId,
      activityTitle: activity.title,
      startsAt: shift.startsAt.toISOString(),
      reason: '暴雪预警，活动顺延',
    });
  });
});

describe('finding shifts', () => {
  it('lists upcoming shifts with places left, and those eligible for me', async () => {
    const home = await makeCommunity(t.orm);
    const organiser = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: home });
    const open = await makeActivity(t.orm, home, { createdBy: organiser });
    const medical = await makeActivity(t.orm, home, {
      createdBy: organiser,
      requiredSkills: [Skill.MEDICAL],
    });
    const past = await makeShift(t.orm, open, { startsInHours: -5 });
    const mine = await makeShift(t.orm, open, { startsInHours: 24, capacity: 3 });
    const clashing = await makeShift(t.orm, open, { startsInHours: 25, capacity: 3 });
    const free = await makeShift(t.orm, open, { startsInHours: 48, capacity: 3 });
    const needsSkill = await makeShift(t.orm, medical, { startsInHours: 72, capacity: 3 });
    const { user } = await makeVolunteer(t.orm, home, { skills: [Skill.CLEANING] });
    const token = await t.login(user.username);
    await t.gql(SIGN_UP, { input: { shiftId: mine.nodeId } }, token);

    const QUERY = `query($filter: ShiftFilter) { shifts(first: 50, filter: $filter) {
      edges { node { id spotsRemaining waitlistCount viewerSignup { status } } } } }`;
    const all = await t.gql(QUERY, { filter: { communityId: home.nodeId } }, token);
    const ids = all.data!.shifts.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toEqual([mine.nodeId, clashing.nodeId, free.nodeId, needsSkill.nodeId]);
    expect(ids).not.toContain(past.nodeId);
    expect(all.data!.shifts.edges[0].node).toMatchObject({
      spotsRemaining: 2,
      viewerSignup: { status: 'CONFIRMED' },
    });

    const eligible = await t.gql(
      QUERY,
      { filter: { communityId: home.nodeId, eligibleForMe: true } },
      token,
    );
    expect(eligible.data!.shifts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      free.nodeId,
    ]);
    const counted = await t.gql(
      `query($filter: ShiftFilter) { shifts(first: 1, filter: $filter) { totalCount } }`,
      { filter: { communityId: home.nodeId, eligibleForMe: true } },
      token,
    );
    expect(counted.data!.shifts.totalCount).toBe(1);
    // Someone without a volunteer profile is told why, not shown an empty list.
    const noProfile = await t.gql(
      QUERY,
      { filter: { communityId: home.nodeId, eligibleForMe: true } },
      await t.login(organiser.username),
    );
    expect(noProfile.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noProfile.errors?.[0]?.message).toMatch(/volunteers with a profile/);

    const bySkill = await t.gql(
      QUERY,
      { filter: { communityId: home.nodeId, skill: 'MEDICAL' } },
      token,
    );
    expect(bySkill.data!.shifts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      needsSkill.nodeId,
    ]);
  });

  it('pages through shifts by start time in a constant number of statements', async () => {
    const home = await makeCommunity(t.orm);
    const organiser = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: home });
    const activity = await makeActivity(t.orm, home, { createdBy: organiser });
    for (let i = 0; i < 12; i++) await makeShift(t.orm, activity, { startsInHours: 10 + i });
    const { user } = await makeVolunteer(t.orm, home);
    const token = await t.login(user.username);
    const QUERY = `query($first: Int, $after: String) { shifts(first: $first, after: $after, filter: { communityId: "${home.nodeId}" }) {
      edges { node { id startsAt spotsRemaining activity { title community { name } } viewerSignup { status } } }
      pageInfo { hasNextPage endCursor } } }`;
    const counts: number[] = [];
    for (const first of [2, 8])
      counts.push(await t.countStatements(() => t.gql(QUERY, { first }, token)));
    expect(counts[0]).toBe(counts[1]);
    const page1 = await t.gql(QUERY, { first: 5 }, token);
    const page2 = await t.gql(
      QUERY,
      { first: 10, after: page1.data!.shifts.pageInfo.endCursor },
      token,
    );
    const seen = [...page1.data!.shifts.edges, ...page2.data!.shifts.edges].map(
      (e: { node: { id: string } }) => e.node.id,
    );
    expect(new Set(seen).size).toBe(12);
  });
});

describe('Shift.viewerEligibility', () => {
  const ELIGIBILITY = `query($first: Int, $filter: ShiftFilter) { shifts(first: $first, filter: $filter) {
    edges { node { id viewerEligibility { eligible missingSkills reason { code message } } } } } }`;

  it('says beforehand what sign-up would answer, for a page in a constant number of statements', async () => {
    const home = await makeCommunity(t.orm);
    const organiser = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: home });
    const plain = await makeActivity(t.orm, home, { createdBy: organiser });
    const medical = await makeActivity(t.orm, home, {
      createdBy: organiser,
      requiredSkills: [Skill.MEDICAL],
    });
    const open = await makeShift(t.orm, plain, { startsInHours: 10 });
    const needsSkill = await makeShift(t.orm, medical, { startsInHours: 20 });
    const taken = await makeShift(t.orm, plain, { startsInHours: 30 });
    const overlapping = await makeShift(t.orm, plain, { startsInHours: 31 });
    const v = await volunteer();
    expect(
      (await t.gql(SIGN_UP, { input: { shiftId: taken.nodeId } }, v.token)).data!.signUpForShift
        .errors,
    ).toEqual([]);
    const filter = { communityId: home.nodeId };
    const res = await t.gql(ELIGIBILITY, { first: 10, filter }, v.token);
    const byId = new Map(
      res.data!.shifts.edges.map((e: AnyData) => [e.node.id, e.node.viewerEligibility]),
    );
    expect(byId.get(open.nodeId)).toEqual({ eligible: true, reason: null, missingSkills: [] });
    expect(byId.get(needsSkill.nodeId)).toMatchObject({
      eligible: false,
      reason: { code: 'MISSING_SKILL' },
      missingSkills: ['MEDICAL'],
    });
    expect(byId.get(taken.nodeId)).toMatchObject({ reason: { code: 'ALREADY_SIGNED_UP' } });
    expect(byId.get(overlapping.nodeId)).toMatchObject({ reason: { code: 'OVERLAPPING_SHIFT' } });
    // The same answer as sign-up gives.
    const refused = await t.gql(SIGN_UP, { input: { shiftId: needsSkill.nodeId } }, v.token);
    expect(refused.data!.signUpForShift.errors[0].code).toBe('MISSING_SKILL');

    // A page of 1 and a page of 4 cost the same number of statements.
    const counts: number[] = [];
    for (const first of [1, 4])
      counts.push(await t.countStatements(() => t.gql(ELIGIBILITY, { first, filter }, v.token)));
    expect(counts[0]).toBe(counts[1]);

    // Someone without a volunteer profile gets null, not a refusal.
    const staffView = await t.gql(
      ELIGIBILITY,
      { first: 4, filter },
      await t.login(organiser.username),
    );
    expect(staffView.data!.shifts.edges.map((e: AnyData) => e.node.viewerEligibility)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('volunteers list', () => {
  it('shows staff their community, a liaison their unit’s people, and nobody else anything', async () => {
    const home = await makeCommunity(t.orm);
    const away = await makeCommunity(t.orm);
    const unit = await makeUnit(t.orm, home);
    const ours = await makeVolunteer(t.orm, home, { unit });
    const theirs = await makeVolunteer(t.orm, home);
    const homeStaff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: home });
    const awayStaff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: away });
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit, community: home });
    const LIST = `query($filter: VolunteerFilter) { volunteers(first: 50, filter: $filter) { edges { node { id phone } } } }`;
    const ids = (res: AnyData) => res.data!.volunteers.edges.map((e: AnyData) => e.node.id).sort();

    const staffView = await t.gql(
      LIST,
      { filter: { communityId: home.nodeId } },
      await t.login(homeStaff.username),
    );
    expect(ids(staffView)).toEqual([ours.volunteer.nodeId, theirs.volunteer.nodeId].sort());
    expect(staffView.data!.volunteers.edges[0].node.phone).toBe('13600000000');

    const liaisonView = await t.gql(
      LIST,
      { filter: { unitId: unit.nodeId } },
      await t.login(liaison.username),
    );
    expect(ids(liaisonView)).toEqual([ours.volunteer.nodeId]);

    const refused = await t.gql(
      LIST,
      { filter: { communityId: home.nodeId } },
      await t.login(awayStaff.username),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const liaisonWide = await t.gql(
      LIST,
      { filter: { communityId: home.nodeId } },
      await t.login(liaison.username),
    );
    expect(liaisonWide.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('volunteer profile', () => {
  it('is created from the account and edited by its owner, with every bad field named', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const token = await t.login(user.username);
    const UPDATE = `mutation($input: UpdateMyVolunteerProfileInput!) { updateMyVolunteerProfile(input: $input) {
      volunteer { realName skills availability { day start end } affiliation verifiedHours starLevel } errors { code field } } }`;
    const ok = await t.gql(
      UPDATE,
      {
        input: {
          realName: '周晓燕',
          skills: ['PATROL', 'ELDER_CARE'],
          availability: [{ day: 6, start: '09:00', end: '12:00' }],
        },
      },
      token,
    );
    expect(ok.data!.updateMyVolunteerProfile).toEqual({
      volunteer: {
        realName: '周晓燕',
        skills: ['ELDER_CARE', 'PATROL'],
        availability: [{ day: 6, start: '09:00', end: '12:00' }],
        affiliation: 'NONE',
        verifiedHours: 0,
        starLevel: 0,
      },
      errors: [],
    });
    const bad = await t.gql(
      UPDATE,
      { input: { phone: '123', availability: [{ day: 8, start: '12:00', end: '09:00' }] } },
      token,
    );
    expect(
      bad
        .data!.updateMyVolunteerProfile.errors.map((e: { field: string[] }) =>
          e.field.slice(1, 2).join(),
        )
        .sort(),
    ).toEqual(['availability', 'availability', 'phone']);
    const saved = await t.orm.em.fork().findOneOrFail(Volunteer, { user: user.id });
    expect(saved.phone).not.toBe('123');

    const badMail = await t.gql(UPDATE, { input: { email: 'not-an-address' } }, token);
    expect(badMail.data!.updateMyVolunteerProfile.errors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'email'],
    });
    await t.gql(UPDATE, { input: { email: 'Zhou.XY@Example.com' } }, token);
    expect((await t.gql('{ viewer { email } }', {}, token)).data!.viewer.email).toBe(
      'zhou.xy@example.com',
    );
    expect(
      (await t.gql(`{ node(id: "${user.nodeId}") { ... on User { email } } }`, {}, staffToken))
        .data!.node,
    ).toEqual({ email: null });
  });

  it('asking to join a unit tells its liaison who asks, as data', async () => {
    const unit = await makeUnit(t.orm, community);
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit, community });
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const token = await t.login(user.username);
    const res = await t.gql(
      `mutation($input: UpdateMyVolunteerProfileInput!) { updateMyVolunteerProfile(input: $input) {
        volunteer { id affiliation } errors { code } } }`,
      { input: { realName: '陈思远', unitId: unit.nodeId } },
      token,
    );
    expect(res.data!.updateMyVolunteerProfile).toMatchObject({
      volunteer: { affiliation: 'PENDING' },
      errors: [],
    });
    const feed = await t.gql(
      `{ notifications { edges { node { kind data { volunteerId volunteerName unitId unitName } } } } }`,
      {},
      await t.login(liaison.username),
    );
    expect(feed.data!.notifications.edges).toEqual([
      {
        node: {
          kind: 'AFFILIATION_REQUESTED',
          data: {
            volunteerId: res.data!.updateMyVolunteerProfile.volunteer.id,
            volunteerName: '陈思远',
            unitId: unit.nodeId,
            unitName: unit.name,
          },
        },
      },
    ]);
  });
});
