// Attendance and hours through the API: organiser and QR check-in/out, no-shows, confirmation
// (exactly once, under races), and the automatic credit to a unit's volunteer-hours commitment.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Affiliation,
  CommitmentStatus,
  makeActivity,
  makeCommitment,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
  Measure,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import { shanghaiDate } from '../../graphql/dates.js';
import type { User } from '../auth/user.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { FulfilmentSource, FulfilmentStatus } from '../commitments/commitment.enums.js';
import { Fulfilment } from '../commitments/fulfilment.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import type { Activity } from './activity.entity.js';
import { signCheckInCode } from './check-in-code.js';
import { Shift } from './shift.entity.js';
import { Attendance, ShiftStatus, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { Volunteer } from './volunteer.entity.js';

const t = useTestApp();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const SIGNUP = `signup { id status attendance checkedInAt checkedOutAt minutes hours hoursConfirmed
  hoursConfirmedAt volunteer { verifiedHours starLevel } } errors { code field message }`;
const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status } errors { code } } }`;
const CHECK_IN = `mutation($input: CheckInInput!) { checkIn(input: $input) { ${SIGNUP} } }`;
const CHECK_OUT = `mutation($input: CheckOutInput!) { checkOut(input: $input) { ${SIGNUP} } }`;
const CODE_IN = `mutation($input: CheckInWithCodeInput!) { checkInWithCode(input: $input) { ${SIGNUP} } }`;
const CODE_OUT = `mutation($input: CheckOutWithCodeInput!) { checkOutWithCode(input: $input) { ${SIGNUP} } }`;
const NO_SHOW = `mutation($input: MarkNoShowInput!) { markNoShow(input: $input) { ${SIGNUP} } }`;
const CONFIRM = `mutation($input: ConfirmHoursInput!) { confirmHours(input: $input) { ${SIGNUP} } }`;
const CANCEL_SHIFT = `mutation($input: CancelShiftInput!) { cancelShift(input: $input) { errors { code } } }`;
const QR = `query($shiftId: ID!) { shiftCheckInCode(shiftId: $shiftId) { code expiresAt url qrSvg } }`;

let community: Community;
let staff: User;
let staffToken: string;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  staffToken = await t.login(staff.username);
});

const dbId = (globalId: string) =>
  Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);

async function volunteer(data: { unit?: Unit; affiliation?: Affiliation } = {}) {
  const { user, volunteer: profile } = await makeVolunteer(t.orm, community, data);
  return { user, profile, token: await t.login(user.username) };
}

/** Signs up through the API and returns the sign-up's global ID. */
async function signUp(shift: Shift, token: string, status = 'CONFIRMED'): Promise<string> {
  const res = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, token);
  expect(res.data!.signUpForShift.errors).toEqual([]);
  expect(res.data!.signUpForShift.signup.status).toBe(status);
  return res.data!.signUpForShift.signup.id;
}

/**
 * Shifts cannot be created in the past through the API: sign up while it lies ahead, then move
 * the shift (and the copies of its times on its sign-ups) to where the test needs it.
 */
async function moveShift(shift: Shift, startsAt: Date, endsAt: Date) {
  const em = t.orm.em.fork();
  await em.nativeUpdate(Shift, shift.id, { startsAt, endsAt });
  await em.nativeUpdate(Signup, { shift: shift.id }, { startsAt, endsAt });
  shift.startsAt = startsAt;
  shift.endsAt = endsAt;
}

/** A shift of `activity` that started `startedHoursAgo` and lasts `hours`, with places taken. */
async function pastShift(
  activity: Activity,
  tokens: string[],
  { startedHoursAgo = 4, hours = 3 } = {},
): Promise<{ shift: Shift; signupIds: string[] }> {
  const shift = await makeShift(t.orm, activity, { capacity: 10 });
  const signupIds: string[] = [];
  for (const token of tokens) signupIds.push(await signUp(shift, token));
  const startsAt = new Date(Date.now() - startedHoursAgo * HOUR);
  await moveShift(shift, startsAt, new Date(startsAt.getTime() + hours * HOUR));
  return { shift, signupIds };
}

/** What a refusal must leave untouched. */
async function row(signupGlobalId: string) {
  const em = t.orm.em.fork();
  const s = await em.findOneOrFail(Signup, dbId(signupGlobalId), { populate: ['volunteer'] });
  return {
    attendance: s.attendance,
    checkedInAt: s.checkedInAt,
    checkedOutAt: s.checkedOutAt,
    minutes: s.minutes,
    hoursConfirmedAt: s.hoursConfirmedAt,
    verifiedMinutes: s.volunteer.verifiedMinutes,
  };
}

const payload = (res: AnyData, name: string) => res.data![name];

describe('the organiser checks volunteers in and out', () => {
  it('counts the time within the shift, rounded down to 15 minutes', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const early = await volunteer();
    const late = await volunteer();
    const { shift, signupIds } = await pastShift(activity, [early.token, late.token]);
    const [earlyId, lateId] = signupIds as [string, string];
    const start = shift.startsAt.getTime();
    const end = shift.endsAt.getTime();

    // Arrived 20 minutes early and stayed 30 minutes late: the shift's 3 hours count.
    let res = await t.gql(
      CHECK_IN,
      { input: { signupId: earlyId, at: new Date(start - 20 * MINUTE).toISOString() } },
      staffToken,
    );
    expect(payload(res, 'checkIn')).toMatchObject({
      signup: { attendance: 'CHECKED_IN', minutes: null, hours: null, hoursConfirmed: false },
      errors: [],
    });
    expect(new Date(payload(res, 'checkIn').signup.checkedInAt).getTime()).toBe(
      start - 20 * MINUTE,
    );
    res = await t.gql(
      CHECK_OUT,
      { input: { signupId: earlyId, at: new Date(end + 30 * MINUTE).toISOString() } },
      staffToken,
    );
    expect(payload(res, 'checkOut')).toMatchObject({
      signup: { attendance: 'CHECKED_OUT', minutes: 180, hours: 3, hoursConfirmed: false },
      errors: [],
    });

    // 7 minutes late, left 1 minute early: 172 minutes served, 165 counted.
    await t.gql(
      CHECK_IN,
      { input: { signupId: lateId, at: new Date(start + 7 * MINUTE).toISOString() } },
      staffToken,
    );
    res = await t.gql(
      CHECK_OUT,
      { input: { signupId: lateId, at: new Date(end - MINUTE).toISOString() } },
      staffToken,
    );
    expect(payload(res, 'checkOut').signup).toMatchObject({ minutes: 165, hours: 2.75 });
    expect(await row(lateId)).toMatchObject({
      attendance: Attendance.CHECKED_OUT,
      minutes: 165,
      hoursConfirmedAt: null,
      verifiedMinutes: 0,
    });
  });

  it('refuses the impossible steps with codes and writes nothing', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const v = await volunteer();
    const {
      shift,
      signupIds: [id],
    } = await pastShift(activity, [v.token], { startedHoursAgo: 1, hours: 3 });
    const signupId = id!;
    const start = shift.startsAt.getTime();
    const tries: [string, AnyData, string, string][] = [
      // Nothing to check out yet.
      [CHECK_OUT, { signupId }, 'checkOut', 'NOT_CHECKED_IN'],
      // The future is not a time anyone was seen.
      [
        CHECK_IN,
        { signupId, at: new Date(Date.now() + 10 * MINUTE).toISOString() },
        'checkIn',
        'OUT_OF_RANGE',
      ],
      // More than 60 minutes before the start.
      [
        CHECK_IN,
        { signupId, at: new Date(start - 61 * MINUTE).toISOString() },
        'checkIn',
        'TOO_EARLY',
      ],
      [CHECK_IN, { signupId: 'bm9wZToxMjM' }, 'checkIn', 'NOT_FOUND'],
    ];
    for (const [query, input, name, code] of tries) {
      const before = await row(signupId);
      const res = await t.gql(query, { input }, staffToken);
      expect(payload(res, name)).toMatchObject({ signup: null, errors: [{ code }] });
      expect(await row(signupId)).toEqual(before);
    }
    const inRes = await t.gql(
      CHECK_IN,
      { input: { signupId, at: new Date(start - 60 * MINUTE).toISOString() } },
      staffToken,
    );
    expect(payload(inRes, 'checkIn').errors).toEqual([]);
    const before = await row(signupId);
    expect(
      payload(await t.gql(CHECK_IN, { input: { signupId } }, staffToken), 'checkIn').errors[0].code,
    ).toBe('ALREADY_CHECKED_IN');
    const backwards = await t.gql(
      CHECK_OUT,
      { input: { signupId, at: new Date(start - 61 * MINUTE).toISOString() } },
      staffToken,
    );
    expect(payload(backwards, 'checkOut').errors).toMatchObject([
      { code: 'OUT_OF_RANGE', field: ['input', 'at'] },
    ]);
    expect(await row(signupId)).toEqual(before);
    expect(
      payload(await t.gql(CHECK_OUT, { input: { signupId } }, staffToken), 'checkOut').errors,
    ).toEqual([]);
    expect(
      payload(await t.gql(CHECK_OUT, { input: { signupId } }, staffToken), 'checkOut').errors[0]
        .code,
    ).toBe('ALREADY_CHECKED_OUT');
  });

  it('refuses check-in too early, after the end, on a cancelled shift, and on a waitlisted place', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const a = await volunteer();
    const b = await volunteer();

    // Starts in two hours: check-in opens in an hour.
    const soon = await makeShift(t.orm, activity, { capacity: 1, startsInHours: 2 });
    const soonId = await signUp(soon, a.token);
    const waitlistedId = await signUp(soon, b.token, 'WAITLISTED');
    const before = await row(soonId);
    let res = await t.gql(CHECK_IN, { input: { signupId: soonId } }, staffToken);
    expect(payload(res, 'checkIn')).toMatchObject({
      signup: null,
      errors: [{ code: 'TOO_EARLY' }],
    });
    expect(await row(soonId)).toEqual(before);

    // Half an hour before the start the confirmed volunteer can come in; the waitlisted cannot.
    const startsAt = new Date(Date.now() + 30 * MINUTE);
    await moveShift(soon, startsAt, new Date(startsAt.getTime() + 2 * HOUR));
    const waitlistedBefore = await row(waitlistedId);
    res = await t.gql(CHECK_IN, { input: { signupId: waitlistedId } }, staffToken);
    expect(payload(res, 'checkIn').errors[0].code).toBe('NOT_CONFIRMED');
    expect(await row(waitlistedId)).toEqual(waitlistedBefore);
    res = await t.gql(CHECK_IN, { input: { signupId: soonId } }, staffToken);
    expect(payload(res, 'checkIn').signup.attendance).toBe('CHECKED_IN');

    // A cancelled shift takes no attendance.
    const c = await volunteer();
    const doomed = await makeShift(t.orm, activity, { startsInHours: 3 });
    const doomedId = await signUp(doomed, c.token);
    const cancelled = await t.gql(
      CANCEL_SHIFT,
      { input: { id: doomed.nodeId, reason: '暴雨预警' } },
      staffToken,
    );
    expect(cancelled.data!.cancelShift.errors).toEqual([]);
    await moveShift(doomed, new Date(Date.now() + 10 * MINUTE), new Date(Date.now() + HOUR));
    const doomedBefore = await row(doomedId);
    res = await t.gql(CHECK_IN, { input: { signupId: doomedId } }, staffToken);
    expect(payload(res, 'checkIn').errors[0].code).toBe('SHIFT_CANCELLED');
    expect(await row(doomedId)).toEqual(doomedBefore);

    // After the end, only a time within the window is accepted.
    const d = await volunteer();
    const {
      shift: over,
      signupIds: [overId],
    } = await pastShift(activity, [d.token], { startedHoursAgo: 5, hours: 2 });
    const overBefore = await row(overId!);
    res = await t.gql(CHECK_IN, { input: { signupId: overId } }, staffToken);
    expect(payload(res, 'checkIn').errors[0].code).toBe('SHIFT_ENDED');
    expect(await row(overId!)).toEqual(overBefore);
    res = await t.gql(
      CHECK_IN,
      { input: { signupId: overId, at: over.endsAt.toISOString() } },
      staffToken,
    );
    expect(payload(res, 'checkIn').errors).toEqual([]);
  });

  it('keeps a started shift: it can no longer be cancelled, and its attendance and hours stay', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const v = await volunteer();
    const {
      shift,
      signupIds: [signupId],
    } = await pastShift(activity, [v.token], { startedHoursAgo: 4, hours: 3 });
    await t.gql(CHECK_IN, { input: { signupId, at: shift.startsAt.toISOString() } }, staffToken);
    await t.gql(CHECK_OUT, { input: { signupId, at: shift.endsAt.toISOString() } }, staffToken);
    const confirmed = await t.gql(CONFIRM, { input: { signupId } }, staffToken);
    expect(payload(confirmed, 'confirmHours').errors).toEqual([]);
    const before = await row(signupId!);
    expect(before).toMatchObject({ minutes: 180, verifiedMinutes: 180 });

    const res = await t.gql(
      CANCEL_SHIFT,
      { input: { id: shift.nodeId, reason: '补录时点错了' } },
      staffToken,
    );
    expect(res.data!.cancelShift.errors.map((e: AnyData) => e.code)).toEqual(['SHIFT_STARTED']);
    expect(await row(signupId!)).toEqual(before);
    const em = t.orm.em.fork();
    const saved = await em.findOneOrFail(Signup, dbId(signupId!));
    expect(saved.status).toBe(SignupStatus.CONFIRMED);
    expect((await em.findOneOrFail(Shift, shift.id)).status).toBe(ShiftStatus.OPEN);
  });

  it('is forbidden to the organiser of another activity and to volunteers', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const v = await volunteer();
    const {
      signupIds: [signupId],
    } = await pastShift(activity, [v.token], { startedHoursAgo: 1 });

    // A unit's liaison who runs their own activity in the same community.
    const otherUnit = await makeUnit(t.orm, community);
    const otherLiaison = await makeUser(t.orm, {
      role: Role.UNIT_LIAISON,
      community,
      unit: otherUnit,
    });
    await makeActivity(t.orm, community, { createdBy: otherLiaison, organiserUnit: otherUnit });
    const otherToken = await t.login(otherLiaison.username);
    // Staff of another community.
    const elsewhere = await makeCommunity(t.orm);
    const otherStaff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: elsewhere });
    const otherStaffToken = await t.login(otherStaff.username);

    const before = await row(signupId!);
    for (const token of [otherToken, otherStaffToken, v.token]) {
      for (const [query, name] of [
        [CHECK_IN, 'checkIn'],
        [NO_SHOW, 'markNoShow'],
        [CONFIRM, 'confirmHours'],
      ] as const) {
        const res = await t.gql(query, { input: { signupId } }, token);
        expect(res.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
      }
    }
    const qr = await t.gql(QR, { shiftId: (await shiftOf(signupId!)).nodeId }, v.token);
    expect(qr.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await row(signupId!)).toEqual(before);
    const anonymous = await t.gql(CHECK_IN, { input: { signupId } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

async function shiftOf(signupGlobalId: string): Promise<Shift> {
  const em = t.orm.em.fork();
  const signup = await em.findOneOrFail(Signup, dbId(signupGlobalId));
  return em.findOneOrFail(Shift, signup.shift.id);
}

describe('volunteers check themselves in and out with the shift’s QR code', () => {
  it('organiser shows the code; the volunteer checks in and out with it', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const v = await volunteer();
    const {
      shift,
      signupIds: [signupId],
    } = await pastShift(activity, [v.token], { startedHoursAgo: 1, hours: 3 });

    const issued = Date.now();
    const qr = await t.gql(QR, { shiftId: shift.nodeId }, staffToken);
    expect(qr.errors).toBeUndefined();
    const { code, expiresAt, url, qrSvg } = qr.data!.shiftCheckInCode;
    expect(code).toMatch(/^\d+\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`${t.app.config.publicWebUrl}/check-in?code=${code}`);
    expect(qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const ttl = t.app.config.shifts.qrCodeTtlSeconds * 1000;
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(issued + ttl - 2000);
    expect(new Date(expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + ttl);

    let res = await t.gql(CODE_IN, { input: { code } }, v.token);
    expect(payload(res, 'checkInWithCode')).toMatchObject({
      signup: { id: signupId, attendance: 'CHECKED_IN' },
      errors: [],
    });
    expect(
      Math.abs(new Date(payload(res, 'checkInWithCode').signup.checkedInAt).getTime() - Date.now()),
    ).toBeLessThan(10_000);
    res = await t.gql(CODE_IN, { input: { code } }, v.token);
    expect(payload(res, 'checkInWithCode').errors[0].code).toBe('ALREADY_CHECKED_IN');

    // They arrived 50 minutes ago, as far as the record goes: 45 minutes count.
    await t.orm.em
      .fork()
      .nativeUpdate(Signup, dbId(signupId!), { checkedInAt: new Date(Date.now() - 50 * MINUTE) });
    res = await t.gql(CODE_OUT, { input: { code } }, v.token);
    expect(payload(res, 'checkOutWithCode')).toMatchObject({
      signup: { attendance: 'CHECKED_OUT', minutes: 45, hours: 0.75 },
      errors: [],
    });
  });

  it('refuses tampered, expired and foreign codes, and those without a confirmed place', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const v = await volunteer();
    const waiting = await volunteer();
    const stranger = await volunteer();
    const shift = await makeShift(t.orm, activity, { capacity: 1 });
    const signupId = await signUp(shift, v.token);
    const waitingId = await signUp(shift, waiting.token, 'WAITLISTED');
    const startsAt = new Date(Date.now() + 30 * MINUTE);
    await moveShift(shift, startsAt, new Date(startsAt.getTime() + HOUR));
    const other = await makeShift(t.orm, activity);

    const { code } = (await t.gql(QR, { shiftId: shift.nodeId }, staffToken)).data!
      .shiftCheckInCode;
    const [id, exp, sig] = code.split('.') as [string, string, string];
    const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
    const secret = t.app.config.appSecret;
    const cases: [string, string, string][] = [
      [`${other.id}.${exp}.${sig}`, v.token, 'INVALID_CODE'],
      [`${id}.${Number(exp) + 3600}.${sig}`, v.token, 'INVALID_CODE'],
      [`${id}.${exp}.${flipped}`, v.token, 'INVALID_CODE'],
      ['not-a-code', v.token, 'INVALID_CODE'],
      [
        signCheckInCode('another-secret', shift.id, new Date(Date.now() + HOUR)),
        v.token,
        'INVALID_CODE',
      ],
      // Properly signed, but its time is up.
      [signCheckInCode(secret, shift.id, new Date(Date.now() - 1000)), v.token, 'CODE_EXPIRED'],
      [code, waiting.token, 'NOT_SIGNED_UP'],
      [code, stranger.token, 'NOT_SIGNED_UP'],
    ];
    for (const [tried, token, expected] of cases) {
      const before = [await row(signupId), await row(waitingId)];
      const res = await t.gql(CODE_IN, { input: { code: tried } }, token);
      expect(payload(res, 'checkInWithCode'), tried).toMatchObject({
        signup: null,
        errors: [{ code: expected }],
      });
      expect([await row(signupId), await row(waitingId)]).toEqual(before);
    }
    // Staff scan nothing: the code is for volunteers.
    const staffTry = await t.gql(CODE_IN, { input: { code } }, staffToken);
    expect(staffTry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A fresh code signed with the server's secret works.
    const fresh = signCheckInCode(secret, shift.id, new Date(Date.now() + MINUTE));
    const ok = await t.gql(CODE_IN, { input: { code: fresh } }, v.token);
    expect(payload(ok, 'checkInWithCode').signup.attendance).toBe('CHECKED_IN');
    // The same time window as for organisers: too early for a shift two days ahead.
    const ahead = await makeShift(t.orm, activity, { startsInHours: 48 });
    await signUp(ahead, stranger.token);
    const aheadCode = signCheckInCode(secret, ahead.id, new Date(Date.now() + MINUTE));
    const early = await t.gql(CODE_IN, { input: { code: aheadCode } }, stranger.token);
    expect(payload(early, 'checkInWithCode').errors[0].code).toBe('TOO_EARLY');
  });
});

describe('no-shows', () => {
  it('only after the start, only for those not checked in', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const absent = await volunteer();
    const present = await volunteer();

    const future = await makeShift(t.orm, activity, { startsInHours: 0.5 });
    const futureId = await signUp(future, (await volunteer()).token);
    const before = await row(futureId);
    let res = await t.gql(NO_SHOW, { input: { signupId: futureId } }, staffToken);
    expect(payload(res, 'markNoShow')).toMatchObject({
      signup: null,
      errors: [{ code: 'SHIFT_NOT_STARTED' }],
    });
    expect(await row(futureId)).toEqual(before);

    const {
      signupIds: [absentId, presentId],
    } = await pastShift(activity, [absent.token, present.token], {
      startedHoursAgo: 1,
      hours: 2,
    });
    res = await t.gql(NO_SHOW, { input: { signupId: absentId } }, staffToken);
    expect(payload(res, 'markNoShow')).toMatchObject({
      signup: { attendance: 'NO_SHOW', minutes: 0, hours: 0, hoursConfirmed: false },
      errors: [],
    });
    res = await t.gql(NO_SHOW, { input: { signupId: absentId } }, staffToken);
    expect(payload(res, 'markNoShow').errors[0].code).toBe('INVALID_TRANSITION');
    res = await t.gql(CONFIRM, { input: { signupId: absentId } }, staffToken);
    expect(payload(res, 'confirmHours').errors[0].code).toBe('NOT_CHECKED_OUT');
    expect(await row(absentId!)).toMatchObject({ attendance: Attendance.NO_SHOW, minutes: 0 });

    await t.gql(CHECK_IN, { input: { signupId: presentId } }, staffToken);
    const presentBefore = await row(presentId!);
    res = await t.gql(NO_SHOW, { input: { signupId: presentId } }, staffToken);
    expect(payload(res, 'markNoShow').errors[0].code).toBe('ALREADY_CHECKED_IN');
    expect(await row(presentId!)).toEqual(presentBefore);

    // Marked too soon, they turn up after all: checking in corrects it.
    res = await t.gql(CHECK_IN, { input: { signupId: absentId } }, staffToken);
    expect(payload(res, 'checkIn').signup).toMatchObject({
      attendance: 'CHECKED_IN',
      minutes: null,
    });
  });
});

describe('confirming hours', () => {
  it('adds them to the volunteer’s total exactly once, however many confirmations race', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const v = await volunteer();
    const {
      shift,
      signupIds: [signupId],
    } = await pastShift(activity, [v.token], { startedHoursAgo: 4, hours: 3 });
    const res = await t.gql(CONFIRM, { input: { signupId } }, staffToken);
    expect(payload(res, 'confirmHours').errors[0].code).toBe('NOT_CHECKED_OUT');
    await t.gql(CHECK_IN, { input: { signupId, at: shift.startsAt.toISOString() } }, staffToken);
    await t.gql(
      CHECK_OUT,
      { input: { signupId, at: new Date(shift.startsAt.getTime() + 2 * HOUR).toISOString() } },
      staffToken,
    );

    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.gql(CONFIRM, { input: { signupId } }, staffToken)),
    );
    const outcomes = results.map((r) => payload(r, 'confirmHours'));
    expect(outcomes.filter((o) => o.errors.length === 0)).toHaveLength(1);
    expect(outcomes.filter((o) => o.errors[0]?.code === 'ALREADY_CONFIRMED')).toHaveLength(4);
    expect(outcomes.find((o) => o.signup)!.signup).toMatchObject({
      minutes: 120,
      hours: 2,
      hoursConfirmed: true,
      volunteer: { verifiedHours: 2, starLevel: 0 },
    });
    const saved = await row(signupId!);
    expect(saved).toMatchObject({ minutes: 120, verifiedMinutes: 120 });
    expect(saved.hoursConfirmedAt).toBeInstanceOf(Date);
    const em = t.orm.em.fork();
    expect(
      (await em.findOneOrFail(Signup, dbId(signupId!), { populate: ['hoursConfirmedBy'] }))
        .hoursConfirmedBy?.id,
    ).toBe(staff.id);
  });

  it('accepts a correction within the shift’s length and refuses one beyond it', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const v = await volunteer();
    const {
      shift,
      signupIds: [signupId],
    } = await pastShift(activity, [v.token], { startedHoursAgo: 4, hours: 3 });
    await t.gql(CHECK_IN, { input: { signupId, at: shift.startsAt.toISOString() } }, staffToken);
    await t.gql(CHECK_OUT, { input: { signupId, at: shift.endsAt.toISOString() } }, staffToken);
    // Already 100 hours on record: these hours bring the second star nearer, not the first.
    await t.orm.em.fork().nativeUpdate(Volunteer, v.profile.id, { verifiedMinutes: 6000 - 60 });

    for (const minutes of [181, -1]) {
      const before = await row(signupId!);
      const res = await t.gql(CONFIRM, { input: { signupId, minutes } }, staffToken);
      expect(payload(res, 'confirmHours')).toMatchObject({
        signup: null,
        errors: [{ code: 'OUT_OF_RANGE', field: ['input', 'minutes'] }],
      });
      expect(await row(signupId!)).toEqual(before);
    }
    const res = await t.gql(CONFIRM, { input: { signupId, minutes: 90 } }, staffToken);
    expect(payload(res, 'confirmHours').signup).toMatchObject({
      minutes: 90,
      hours: 1.5,
      hoursConfirmed: true,
      volunteer: { verifiedHours: 100.5, starLevel: 1 },
    });
    expect(await row(signupId!)).toMatchObject({ minutes: 90, verifiedMinutes: 6030 });
  });
});

describe('star levels use the configured thresholds', () => {
  const custom = useTestApp((base) => ({
    shifts: { ...base.shifts, starLevelHours: [1, 2, 3] },
  }));

  it('reads STAR_LEVEL_HOURS', async () => {
    const c = await makeCommunity(custom.orm);
    const { user, volunteer: profile } = await makeVolunteer(custom.orm, c);
    await custom.orm.em.fork().nativeUpdate(Volunteer, profile.id, { verifiedMinutes: 150 });
    const token = await custom.login(user.username);
    const res = await custom.gql('{ myVolunteerProfile { verifiedHours starLevel } }', {}, token);
    expect(res.data!.myVolunteerProfile).toEqual({ verifiedHours: 2.5, starLevel: 2 });
  });
});

describe('confirmed hours of a unit’s staff count toward the unit’s commitment', () => {
  it('completes a 3-hour commitment from one volunteer’s shift; a pending affiliation credits nothing', async () => {
    const unit = await makeUnit(t.orm, community);
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
    const liaisonToken = await t.login(liaison.username);
    const commitment = await makeCommitment(t.orm, unit, {
      createdBy: liaison,
      measure: Measure.VOLUNTEER_HOURS,
      targetAmount: '3.00',
      status: CommitmentStatus.ACTIVE,
      periodStart: shanghaiDate(new Date(Date.now() - 30 * 24 * HOUR)),
      periodEnd: shanghaiDate(new Date(Date.now() + 30 * 24 * HOUR)),
    });
    const activity = await makeActivity(t.orm, community, {
      createdBy: liaison,
      organiserUnit: unit,
      commitment,
    });
    const staffer = await volunteer({ unit, affiliation: Affiliation.CONFIRMED });
    const claimant = await volunteer({ unit, affiliation: Affiliation.PENDING });
    const {
      shift,
      signupIds: [stafferId, claimantId],
    } = await pastShift(activity, [staffer.token, claimant.token], {
      startedHoursAgo: 4,
      hours: 3,
    });
    for (const signupId of [stafferId, claimantId]) {
      const inRes = await t.gql(
        CHECK_IN,
        { input: { signupId, at: shift.startsAt.toISOString() } },
        liaisonToken,
      );
      expect(payload(inRes, 'checkIn').errors).toEqual([]);
      const outRes = await t.gql(
        CHECK_OUT,
        { input: { signupId, at: shift.endsAt.toISOString() } },
        liaisonToken,
      );
      expect(payload(outRes, 'checkOut').signup.minutes).toBe(180);
    }

    const state = async () => {
      const em = t.orm.em.fork();
      const c = await em.findOneOrFail(Commitment, commitment.id);
      return {
        status: c.status,
        verified: c.verifiedAmount,
        fulfilments: await em.find(Fulfilment, { commitment: commitment.id }),
      };
    };

    // Not confirmed as the unit's staff: their hours are theirs, not the unit's.
    let res = await t.gql(CONFIRM, { input: { signupId: claimantId } }, liaisonToken);
    expect(payload(res, 'confirmHours').errors).toEqual([]);
    expect(await row(claimantId!)).toMatchObject({ verifiedMinutes: 180 });
    expect(await state()).toEqual({
      status: CommitmentStatus.ACTIVE,
      verified: '0.00',
      fulfilments: [],
    });

    res = await t.gql(CONFIRM, { input: { signupId: stafferId } }, liaisonToken);
    expect(payload(res, 'confirmHours').signup).toMatchObject({
      hoursConfirmed: true,
      volunteer: { verifiedHours: 3 },
    });
    // The unit's own confirmation is a record for the community's staff to verify, not a credit.
    const recorded = await state();
    expect(recorded).toMatchObject({ status: CommitmentStatus.ACTIVE, verified: '0.00' });
    expect(recorded.fulfilments).toHaveLength(1);
    expect(recorded.fulfilments[0]).toMatchObject({
      amount: '3.00',
      date: shanghaiDate(shift.startsAt),
      source: FulfilmentSource.ATTENDANCE,
      status: FulfilmentStatus.PENDING,
      sourceKey: `signup:${dbId(stafferId!)}`,
      recordedBy: expect.objectContaining({ id: liaison.id }),
      servedMinutes: 180,
      confirmedMinutes: 180,
      hoursReason: '',
    });
    expect(recorded.fulfilments[0]!.note).toContain(activity.title);
    // The note is public once the commitment is accepted: no volunteer's name in it.
    expect(recorded.fulfilments[0]!.note).not.toContain(staffer.profile.realName);

    const verify = await t.gql(
      `mutation($input: ReviewFulfilmentInput!) { reviewFulfilment(input: $input) { errors { code } } }`,
      {
        input: {
          id: recorded.fulfilments[0]!.nodeId,
          decision: 'VERIFY',
        },
      },
      staffToken,
    );
    expect(verify.data!.reviewFulfilment.errors).toEqual([]);
    const after = await state();
    expect(after).toMatchObject({ status: CommitmentStatus.COMPLETED, verified: '3.00' });
    expect(after.fulfilments[0]).toMatchObject({
      status: FulfilmentStatus.VERIFIED,
      reviewedBy: expect.objectContaining({ id: staff.id }),
    });

    // Through the API, as the unit sees its commitment.
    const seen = await t.gql(
      `{ node(id: "${commitment.nodeId}") { ... on Commitment { status progress { verified target ratio } } } }`,
      {},
      liaisonToken,
    );
    expect(seen.data!.node).toMatchObject({
      status: 'COMPLETED',
      progress: { verified: 3, target: 3, ratio: 1 },
    });
  });
});
