// Shutting down: the HTTP server stops, but a GraphQL operation still running (its client may
// have hung up) finishes before `close()` reports done, so the database can be closed after it.
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { makeUser, Role } from '../../tests/support/factories.js';
import { useTestApp } from '../../tests/support/test-app.js';
import { listen } from './server.js';

const t = useTestApp();

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('server shutdown', () => {
  it('waits for an operation whose client hung up before it reports closed', async () => {
    const user = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(user.username);
    const server = await listen(t.app, 0, '127.0.0.1');
    const { port } = server.httpServer.address() as AddressInfo;
    const locker = new pg.Client({ connectionString: t.orm.config.getClientUrl() });
    await locker.connect();
    try {
      // The operation's list of communities waits behind this lock.
      await locker.query('begin');
      await locker.query('lock table community in access exclusive mode');
      const client = new AbortController();
      const request = fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ communities { totalCount } }' }),
        signal: client.signal,
      }).catch(() => 'hung up');
      await until(async () => {
        const { rows } = await locker.query(
          `select 1 from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        );
        return rows.length > 0;
      }, 'the operation to wait on the lock');
      client.abort();
      expect(await request).toBe('hung up');

      let closedAt = 0;
      const closing = server.close().then(() => (closedAt = Date.now()));
      await new Promise((r) => setTimeout(r, 300));
      expect(closedAt, 'close() must wait for the running operation').toBe(0);
      const releasedAt = Date.now();
      await locker.query('rollback');
      await closing;
      expect(closedAt).toBeGreaterThanOrEqual(releasedAt);
    } finally {
      await locker.end();
      server.httpServer.close();
    }
    // The application (its ORM) is untouched and still answers.
    const res = await t.gql('{ communities { totalCount } }', {}, token);
    expect(res.errors).toBeUndefined();
  });
});
