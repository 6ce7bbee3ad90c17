// A check-in code is only as good as its expiry: one that claims to last longer than the codes
// the API issues (SHIFT_QR_TTL_SECONDS) is refused even when its signature holds.
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
import { signCheckInCode, verifyCheckInCode } from './check-in-code.js';
import { Shift } from './shift.entity.js';
import { Signup } from './signup.entity.js';

const t = useTestApp();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status } errors { code } } }`;
const CODE_IN = `mutation($input: CheckInWithCodeInput!) {
  checkInWithCode(input: $input) { signup { id attendance checkedInAt } errors { code field message } } }`;

let community: Community;
let staff: User;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
});

/** A volunteer with a confirmed place on a shift that starts in half an hour (check-in open). */
async function placeOnShiftStartingSoon() {
  const activity = await makeActivity(t.orm, community, { createdBy: staff });
  const { user } = await makeVolunteer(t.orm, community);
  const token = await t.login(user.username);
  const shift = await makeShift(t.orm, activity);
  const res = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, token);
  expect(res.errors).toBeUndefined();
  expect(res.data!.signUpForShift.signup.status).toBe('CONFIRMED');
  // Sign-ups are only open ahead of time: move the shift (and its sign-up's copy) to the door.
  const startsAt = new Date(Date.now() + 30 * MINUTE);
  const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
  const em = t.orm.em.fork();
  await em.nativeUpdate(Shift, shift.id, { startsAt, endsAt });
  await em.nativeUpdate(Signup, { shift: shift.id }, { startsAt, endsAt });
  return { shift, token };
}

async function attendance(shift: Shift) {
  const signup = await t.orm.em.fork().findOneOrFail(Signup, { shift: shift.id });
  return { attendance: signup.attendance, checkedInAt: signup.checkedInAt };
}

describe('checkInWithCode refuses codes that outlive the TTL', () => {
  it('a code signed with the server secret but valid until 2099 is not a valid code', async () => {
    const { shift, token } = await placeOnShiftStartingSoon();
    const secret = t.app.config.appSecret;
    const ttlMs = t.app.config.shifts.qrCodeTtlSeconds * 1000;
    const before = await attendance(shift);

    for (const expiresAt of [
      new Date('2099-12-31T23:59:59Z'),
      new Date(Date.now() + 24 * HOUR),
      new Date(Date.now() + ttlMs + 5 * MINUTE),
    ]) {
      const forged = signCheckInCode(secret, shift.id, expiresAt);
      const res = await t.gql(CODE_IN, { input: { code: forged } }, token);
      expect(res.errors, forged).toBeUndefined();
      expect(res.data!.checkInWithCode, forged).toMatchObject({
        signup: null,
        errors: [
          {
            code: 'INVALID_CODE',
            field: ['input', 'code'],
            message: 'This is not a valid check-in code.',
          },
        ],
      });
      expect(await attendance(shift)).toEqual(before);
    }

    // A code as the API issues it (now + TTL) still works.
    const issued = signCheckInCode(secret, shift.id, new Date(Date.now() + ttlMs));
    const ok = await t.gql(CODE_IN, { input: { code: issued } }, token);
    expect(ok.data!.checkInWithCode).toMatchObject({
      signup: { attendance: 'CHECKED_IN' },
      errors: [],
    });
  });

  it('allows a few seconds of clock skew between API processes, no more', () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const now = new Date('2027-03-01T08:00:00Z');
    const ttl = 300;
    const at = (seconds: number) =>
      signCheckInCode(secret, 42, new Date(now.getTime() + seconds * 1000));
    expect(verifyCheckInCode(secret, at(ttl + 5), ttl, now)).toMatchObject({
      ok: true,
      shiftId: 42,
    });
    expect(verifyCheckInCode(secret, at(ttl + 60), ttl, now)).toEqual({
      ok: false,
      code: 'INVALID_CODE',
    });
    expect(verifyCheckInCode(secret, at(-1), ttl, now)).toEqual({
      ok: false,
      code: 'CODE_EXPIRED',
    });
  });
});
