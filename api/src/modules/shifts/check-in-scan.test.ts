// checkInScan: what a scanned code offers the volunteer, step by step, and that it always offers
// what checkInWithCode / checkOutWithCode then accept; forged and expired codes say so.
import { beforeAll, describe, expect, it } from 'vitest';
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
import type { Community } from '../directory/community.entity.js';
import { signCheckInCode } from './check-in-code.js';
import { Shift } from './shift.entity.js';
import { Signup } from './signup.entity.js';

const t = useTestApp();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status } errors { code } } }`;
const SCAN = `query($code: String!) { checkInScan(code: $code) {
  shift { id activity { title location } startsAt endsAt }
  signup { id attendance checkedInAt checkedOutAt hours }
  action reason { code field } codeExpiresAt } }`;
const CODE_IN = `mutation($input: CheckInWithCodeInput!) {
  checkInWithCode(input: $input) { signup { attendance } errors { code } } }`;
const CODE_OUT = `mutation($input: CheckOutWithCodeInput!) {
  checkOutWithCode(input: $input) { signup { attendance } errors { code } } }`;

let community: Community;
let staff: User;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
});

/** A shift starting `startsIn` ms from now, and a volunteer with a confirmed place on it. */
async function placeOnShift(startsIn = 30 * MINUTE) {
  const activity = await makeActivity(t.orm, community, { createdBy: staff });
  const { user } = await makeVolunteer(t.orm, community);
  const token = await t.login(user.username);
  const shift = await makeShift(t.orm, activity);
  const res = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, token);
  expect(res.data!.signUpForShift.signup.status).toBe('CONFIRMED');
  const startsAt = new Date(Date.now() + startsIn);
  const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
  const em = t.orm.em.fork();
  await em.nativeUpdate(Shift, shift.id, { startsAt, endsAt });
  await em.nativeUpdate(Signup, { shift: shift.id }, { startsAt, endsAt });
  return { shift, token, activity };
}

const codeFor = (shift: Shift, validFor = 4 * MINUTE) =>
  signCheckInCode(t.app.config.appSecret, shift.id, new Date(Date.now() + validFor));

async function scan(code: string, token: string) {
  const res = await t.gql(SCAN, { code }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.checkInScan;
}

describe('checkInScan', () => {
  it('offers check-in, then check-out, then nothing, as the writes accept them', async () => {
    const { shift, token, activity } = await placeOnShift();
    const code = codeFor(shift);

    const before = await scan(code, token);
    expect(before).toMatchObject({
      shift: { id: shift.nodeId, activity: { title: activity.title, location: activity.location } },
      signup: { attendance: 'EXPECTED', checkedInAt: null },
      action: 'CHECK_IN',
      reason: null,
    });
    expect(Date.parse(before.codeExpiresAt)).toBeGreaterThan(Date.now());
    // Offered check-in, so check-out is refused: the scan and the writes agree.
    const early = await t.gql(CODE_OUT, { input: { code } }, token);
    expect(early.data!.checkOutWithCode.errors).toEqual([{ code: 'NOT_CHECKED_IN' }]);
    const checkedIn = await t.gql(CODE_IN, { input: { code } }, token);
    expect(checkedIn.data!.checkInWithCode.errors).toEqual([]);

    const during = await scan(code, token);
    expect(during).toMatchObject({
      signup: { attendance: 'CHECKED_IN', checkedOutAt: null },
      action: 'CHECK_OUT',
      reason: null,
    });
    expect(during.signup.checkedInAt).not.toBeNull();
    const again = await t.gql(CODE_IN, { input: { code } }, token);
    expect(again.data!.checkInWithCode.errors).toEqual([{ code: 'ALREADY_CHECKED_IN' }]);
    const checkedOut = await t.gql(CODE_OUT, { input: { code } }, token);
    expect(checkedOut.data!.checkOutWithCode.errors).toEqual([]);

    const after = await scan(code, token);
    expect(after).toMatchObject({
      signup: { attendance: 'CHECKED_OUT', hours: 0 },
      action: null,
      reason: { code: 'ALREADY_CHECKED_OUT', field: null },
    });
    expect(after.signup.checkedOutAt).not.toBeNull();
  });

  it('says why nothing applies: not signed up, too early, shift over', async () => {
    const { shift } = await placeOnShift();
    const { user: stranger } = await makeVolunteer(t.orm, community);
    const notMine = await scan(codeFor(shift), await t.login(stranger.username));
    expect(notMine).toMatchObject({
      shift: { id: shift.nodeId },
      signup: null,
      action: null,
      reason: { code: 'NOT_SIGNED_UP' },
    });
    const staffScan = await scan(codeFor(shift), await t.login(staff.username));
    expect(staffScan).toMatchObject({ action: null, reason: { code: 'NOT_SIGNED_UP' } });

    const later = await placeOnShift(3 * HOUR);
    expect(await scan(codeFor(later.shift), later.token)).toMatchObject({
      action: null,
      reason: { code: 'TOO_EARLY' },
      signup: { attendance: 'EXPECTED' },
    });

    const over = await placeOnShift(-3 * HOUR);
    expect(await scan(codeFor(over.shift), over.token)).toMatchObject({
      action: null,
      reason: { code: 'SHIFT_ENDED' },
    });
  });

  it('names a forged or expired code, and shows no shift for it', async () => {
    const { shift, token } = await placeOnShift();
    const good = codeFor(shift);
    const [id, exp, sig] = good.split('.');
    const forged = [
      'not-a-real-code',
      `${Number(id) + 1}.${exp}.${sig}`, // another shift with this shift's signature
      signCheckInCode(
        'some-other-secret-of-thirty-two-characters',
        shift.id,
        new Date(Date.now() + MINUTE),
      ),
      signCheckInCode(t.app.config.appSecret, shift.id, new Date('2099-01-01T00:00:00Z')),
    ];
    for (const code of forged) {
      expect(await scan(code, token), code).toEqual({
        shift: null,
        signup: null,
        action: null,
        reason: { code: 'INVALID_CODE', field: ['input', 'code'] },
        codeExpiresAt: null,
      });
    }
    const expired = signCheckInCode(t.app.config.appSecret, shift.id, new Date(Date.now() - 1000));
    expect(await scan(expired, token)).toMatchObject({
      shift: null,
      action: null,
      reason: { code: 'CODE_EXPIRED' },
    });
  });

  it('needs a signed-in user', async () => {
    const { shift } = await placeOnShift();
    const res = await t.gql(SCAN, { code: codeFor(shift) });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
