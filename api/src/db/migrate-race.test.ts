// Replicas started together on an empty database (issue 16): every one migrates-or-waits under the
// advisory lock and comes up; each migration is applied exactly once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { startApiProcess } from '../../../tests/support/api-process.js';
import { databaseUrl, dropDatabase } from './database.js';
import { migrationsList } from './migrations/index.js';

const url = databaseUrl(inject('testServerUrl'), `gj_race_${randomBytes(4).toString('hex')}`);
const started: Awaited<ReturnType<typeof startApiProcess>>[] = [];

afterAll(async () => {
  await Promise.all(started.map((api) => api.stop()));
  await dropDatabase(url);
});

describe('three API processes started at once on a database that does not exist yet', () => {
  it('all come up, and the migrations ran once', { timeout: 120_000 }, async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => startApiProcess(url, { migrate: true })),
    );
    for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

    for (const api of started) {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ communities(first: 1) { totalCount } }' }),
      });
      expect(response.status).toBe(200);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; times: number }>(
        'select name, count(*)::int as times from mikro_orm_migrations group by name',
      );
      expect(rows).toHaveLength(migrationsList.length);
      expect(rows.every((row) => row.times === 1)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
