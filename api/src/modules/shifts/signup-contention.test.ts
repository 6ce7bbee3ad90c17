// Capacity and waitlist order under simultaneous requests, through two API processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess } from '../../../../tests/support/api-process.js';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUser,
  makeVolunteersWithTokens,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import { Shift } from './shift.entity.js';
import { SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';

const t = useTestApp();
let second: Awaited<ReturnType<typeof startApiProcess>>;

const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status waitlistPosition } errors { code message } } }`;
const CANCEL = `mutation($input: CancelSignupInput!) {
  cancelSignup(input: $input) { signup { status } promoted { id } errors { code message } } }`;

async function post(
  url: string,
  query: string,
  variables: AnyData,
  token: string,
): Promise<AnyData> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as AnyData;
}

beforeAll(async () => {
  second = await startApiProcess(t.orm.config.get('clientUrl')!);
}, 60_000);
afterAll(async () => second?.stop());

describe('200 volunteers, 20 places, two API processes, all at once', () => {
  it('confirms exactly 20, waitlists 180 in an unbroken order, and promotes exactly the first 20', async () => {
    const community = await makeCommunity(t.orm);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity, { capacity: 20 });
    const people = await makeVolunteersWithTokens(t.orm, community, 200);
    const urls = [t.url, second.url];

    const responses = await Promise.all(
      people.map(({ token }, i) =>
        post(urls[i % 2]!, SIGN_UP, { input: { shiftId: shift.nodeId } }, token),
      ),
    );
    expect(responses.filter((r) => r.errors || r.data.signUpForShift.errors.length)).toEqual([]);
    const results = responses.map((r) => r.data.signUpForShift.signup);
    const confirmed = results.filter((s) => s.status === 'CONFIRMED');
    const waitlisted = results.filter((s) => s.status === 'WAITLISTED');
    expect(confirmed).toHaveLength(20);
    expect(waitlisted).toHaveLength(180);
    expect(waitlisted.map((s) => s.waitlistPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 180 }, (_, i) => i + 1),
    );

    const em = t.orm.em.fork();
    const saved = await em.findOneOrFail(Shift, shift.id);
    expect([saved.confirmedCount, saved.waitlistCount]).toEqual([20, 180]);
    expect(await em.count(Signup, { shift: shift.id, status: SignupStatus.CONFIRMED })).toBe(20);
    const tickets = (
      await em.find(
        Signup,
        { shift: shift.id, status: SignupStatus.WAITLISTED },
        { orderBy: { waitlistSeq: 'asc' } },
      )
    ).map((s) => s.waitlistSeq);
    expect(tickets).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

    // The first 20 in line, by ticket, are who must be promoted.
    const firstInLine = (
      await em.find(
        Signup,
        { shift: shift.id, status: SignupStatus.WAITLISTED },
        { orderBy: { waitlistSeq: 'asc' }, limit: 20 },
      )
    )
      .map((s) => s.nodeId)
      .sort();

    const byToken = new Map(people.map((p, i) => [results[i]!.id as string, p.token]));
    const cancels = await Promise.all(
      confirmed.map((s, i) =>
        post(urls[i % 2]!, CANCEL, { input: { signupId: s.id } }, byToken.get(s.id)!),
      ),
    );
    expect(cancels.filter((r) => r.errors || r.data.cancelSignup.errors.length)).toEqual([]);
    // Each volunteer gave up their own place: who got it is not theirs to see.
    expect(cancels.map((r) => r.data.cancelSignup.promoted)).toEqual(confirmed.map(() => null));
    const promoted = (
      await t.orm.em
        .fork()
        .find(Signup, { shift: shift.id, promotedAt: { $ne: null } }, { orderBy: { id: 'asc' } })
    )
      .map((s) => s.nodeId)
      .sort();
    expect(promoted).toEqual(firstInLine);

    const after = await t.orm.em.fork().findOneOrFail(Shift, shift.id);
    expect([after.confirmedCount, after.waitlistCount]).toEqual([20, 160]);
    const remaining = await Promise.all(
      waitlisted
        .filter((s) => !firstInLine.includes(s.id))
        .map((s) =>
          t.gql(
            `{ node(id: "${s.id}") { ... on Signup { status waitlistPosition } } }`,
            {},
            byToken.get(s.id)!,
          ),
        ),
    );
    expect(remaining.map((r) => r.data!.node.waitlistPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 160 }, (_, i) => i + 1),
    );
  }, 120_000);
});
