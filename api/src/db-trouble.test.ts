// One held lock or a database outage must not take the service down: a write blocked by a lock
// fails fast with a retryable TRY_AGAIN while reads and /healthz keep answering; with the
// database gone, /healthz says 503 at once and clients get 503 SERVICE_UNAVAILABLE, and all of it
// recovers when the database is back.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUser,
  makeVolunteersWithTokens,
  Role,
} from '../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../tests/support/test-app.js';

const t = useTestApp(
  (config) => ({ db: { ...config.db, poolSize: 4, lockTimeoutMs: 400, acquireTimeoutMs: 2000 } }),
  { proxy: true },
);

const origin = () => new URL(t.url).origin;
const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status } errors { code } } }`;

async function gqlRaw(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as AnyData,
  };
}

describe('a row lock held by someone else', () => {
  it('makes sign-ups fail fast with TRY_AGAIN, changing nothing, while reads and /healthz answer', async () => {
    const community = await makeCommunity(t.orm);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const shift = await makeShift(t.orm, activity, { capacity: 5 });
    const people = await makeVolunteersWithTokens(t.orm, community, 8);

    // Straight to PostgreSQL (not through the API's proxy), holding the shift's row.
    const locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('select id from shift where id = $1 for update', [shift.id]);

      const started = Date.now();
      const answers = await Promise.all(
        people.map(({ token }) => gqlRaw(SIGN_UP, { input: { shiftId: shift.nodeId } }, token)),
      );
      const elapsed = Date.now() - started;
      for (const answer of answers) {
        expect(answer.body.errors?.[0]?.extensions?.code).toBe('TRY_AGAIN');
        expect(answer.body.errors?.[0]?.message).toMatch(/nothing was changed/);
        expect(answer.retryAfter).toBe('5');
      }
      // Eight requests through a pool of four, each waiting at most the 400 ms lock timeout: far
      // from the minute a request used to hang (a generous bound, not a speed goal).
      expect(elapsed).toBeLessThan(15_000);

      const read = await gqlRaw('{ communities { totalCount } }', {});
      expect(read.status).toBe(200);
      expect(read.body.errors).toBeUndefined();
      const health = await fetch(`${origin()}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await locker.query('rollback').catch(() => {});
      await locker.end();
    }
    const rows = await t.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from signup where shift_id = ?', [shift.id]);
    expect(rows[0]!.n).toBe(0);
    // Once the lock is gone, the same sign-up succeeds.
    const again = await gqlRaw(SIGN_UP, { input: { shiftId: shift.nodeId } }, people[0]!.token);
    expect(again.body.data.signUpForShift.signup.status).toBe('CONFIRMED');
  });
});

describe('the database gone', () => {
  it('answers 503 on /healthz within seconds and 503 SERVICE_UNAVAILABLE to clients, then recovers', async () => {
    const staff = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(staff.username);
    await t.proxy.stop();
    try {
      const started = Date.now();
      const health = await fetch(`${origin()}/healthz`);
      expect(health.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(10_000);

      for (const who of [undefined, token]) {
        const answer = await gqlRaw('{ communities { totalCount } }', {}, who);
        expect(answer.status).toBe(503);
        expect(answer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(answer.retryAfter).toBe('5');
        expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
      }
      const download = await fetch(`${origin()}/reports/staffing?format=csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(download.status).toBe(503);
    } finally {
      await t.proxy.resume();
    }
    expect((await fetch(`${origin()}/healthz`)).status).toBe(200);
    const answer = await gqlRaw('{ communities { totalCount } }', {}, token);
    expect(answer.status).toBe(200);
    expect(answer.body.data.communities.totalCount).toBeGreaterThanOrEqual(0);
  });
});
