// Sign-in limits under attack: attempts sent at once are counted before their passwords are
// checked, and failures from many addresses slow an account down but never lock its owner out.
// The test server trusts X-Forwarded-For, so each request can come from an address of its own.
import { describe, expect, it } from 'vitest';
import { makeUser, Role } from '../../../../tests/support/factories.js';
import { TEST_PASSWORD, useTestApp } from '../../../../tests/support/test-app.js';

// The per-username threshold keeps its default (20 failures, formerly a lockout at 50).
const LIMITS = { perUserAndIp: 10, perIp: 20, slowdownMs: 300 };
const t = useTestApp((config) => ({
  trustProxy: true,
  loginLimits: { ...config.loginLimits, ...LIMITS },
}));

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { token errors { code message } }
}`;

let addresses = 0;
/** An address no other test uses. */
const newAddress = () => {
  addresses++;
  return `10.13.${addresses >> 8}.${addresses & 255}`;
};

interface Outcome {
  token: string | null;
  /** The first error's code, or 'OK'. */
  code: string;
  message?: string;
}

async function signIn(address: string, username: string, password: string): Promise<Outcome> {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: LOGIN, variables: { input: { username, password } } }),
  });
  const body = (await response.json()) as {
    data?: { login: { token: string | null; errors: { code: string; message: string }[] } };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (!body.data) return { token: null, code: body.errors?.[0]?.extensions?.code ?? 'NO_DATA' };
  const [error] = body.data.login.errors;
  return { token: body.data.login.token, code: error?.code ?? 'OK', message: error?.message };
}

const tally = (outcomes: Outcome[]) =>
  outcomes.reduce<Record<string, number>>((counts, { code }) => {
    counts[code] = (counts[code] ?? 0) + 1;
    return counts;
  }, {});

describe('attempts sent at once', () => {
  it('14 wrong passwords for one username from one address: only the limit is checked', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER });
    const attacker = newAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 14 }, (_, i) => signIn(attacker, user.username, `wrong-${i}-pass`)),
    );
    expect(tally(outcomes)).toEqual({
      INVALID_CREDENTIALS: LIMITS.perUserAndIp,
      RATE_LIMITED: 14 - LIMITS.perUserAndIp,
    });
    const refused = outcomes.find((o) => o.code === 'RATE_LIMITED')!;
    expect(refused.message).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minute/);

    // The run is spent at that address, even with the right password…
    expect((await signIn(attacker, user.username, TEST_PASSWORD)).code).toBe('RATE_LIMITED');
    // …but the account itself is not locked: its owner signs in from their own address.
    const own = await signIn(newAddress(), user.username, TEST_PASSWORD);
    expect(own).toMatchObject({ code: 'OK', token: expect.stringMatching(/^gj_/) });
  });

  it('wrong passwords for 25 usernames from one address: the address stops at its limit', async () => {
    const attacker = newAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) => signIn(attacker, `nobody-${i}-x`, 'wrong-password')),
    );
    expect(tally(outcomes)).toEqual({
      INVALID_CREDENTIALS: LIMITS.perIp,
      RATE_LIMITED: 25 - LIMITS.perIp,
    });

    const user = await makeUser(t.orm, { role: Role.VOLUNTEER });
    expect((await signIn(attacker, user.username, TEST_PASSWORD)).code).toBe('RATE_LIMITED');
    expect((await signIn(newAddress(), user.username, TEST_PASSWORD)).code).toBe('OK');
  });
});

describe('failures from many addresses', () => {
  it('slow the office admin down but do not stop them signing in from their own address', async () => {
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const threshold = t.app.config.loginLimits.perUser;
    // 60 failures from 10 addresses: past the per-username threshold (and the old lockout at 50).
    const attackers = Array.from({ length: 10 }, newAddress);
    const outcomes = await Promise.all(
      attackers.flatMap((address) =>
        [1, 2, 3, 4, 5, 6].map((i) => signIn(address, admin.username, `guess-${i}-${address}`)),
      ),
    );
    expect(outcomes.length).toBeGreaterThan(threshold);
    // Every address stays within its own limits, so every guess was checked (and failed).
    expect(tally(outcomes)).toEqual({ INVALID_CREDENTIALS: 60 });

    const office = newAddress();
    const started = Date.now();
    const own = await signIn(office, admin.username, TEST_PASSWORD);
    expect(own).toMatchObject({ code: 'OK', token: expect.stringMatching(/^gj_/) });
    // The account under attack is slowed down, not locked.
    expect(Date.now() - started).toBeGreaterThanOrEqual(LIMITS.slowdownMs - 5);
    // And it stays usable while the attack goes on.
    await signIn(attackers[0]!, admin.username, 'one-more-guess');
    expect((await signIn(office, admin.username, TEST_PASSWORD)).code).toBe('OK');
  });
});

describe('the address limit counts failures only', () => {
  it('successful sign-ins give the address its attempt back', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER });
    const shared = newAddress();
    for (let i = 0; i < LIMITS.perIp - 1; i++) {
      expect((await signIn(shared, `nobody-else-${i}`, 'wrong-password')).code).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    for (let i = 0; i < 5; i++) {
      expect((await signIn(shared, user.username, TEST_PASSWORD)).code).toBe('OK');
    }
    expect((await signIn(shared, 'nobody-last', 'wrong-password')).code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await signIn(shared, user.username, TEST_PASSWORD)).code).toBe('RATE_LIMITED');
  });

  it('a username too long for any account is a field error, not an internal one', async () => {
    const outcome = await signIn(newAddress(), 'x'.repeat(300), 'wrong-password');
    expect(outcome.code).toBe('INVALID');
  });
});
