// The embedded server `npm start` runs: data survives a restart, and a server left running
// (as after the launcher was killed) is reused instead of blocking the next start.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { portAnswers, startEmbeddedPostgres } from '../api/src/db/embedded.js';
import { createLogger } from '../api/src/logger.js';

const logger = createLogger('silent');
const port = 54_400 + (process.pid % 500);
let tempDir: string;

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('keeps its data across restarts and reuses a server left running', async () => {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gongjian-embedded-'));
    await fs.chmod(tempDir, 0o755);
    const dataDir = path.join(tempDir, 'pg');

    const first = await startEmbeddedPostgres({ dataDir, port, logger });
    await query(first.url, "create table kept (note text); insert into kept values ('still here')");

    // A second start while the first server still runs (the launcher was killed): reuse it.
    const second = await startEmbeddedPostgres({ dataDir, port, logger });
    expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'still here' }]);
    await second.stop();
    expect(await portAnswers(port)).toBe(false);

    const third = await startEmbeddedPostgres({ dataDir, port, logger });
    expect(await query(third.url, 'select note from kept')).toEqual([{ note: 'still here' }]);
    await third.stop();
    expect(await portAnswers(port)).toBe(false);
  }, 60_000);

  it('refuses a port held by some other server, with a way out', async () => {
    const dataDir = path.join(tempDir, 'other');
    const blocker = (await import('node:net')).createServer().listen(port + 1, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: port + 1, logger })).rejects.toThrow(
        /EMBEDDED_PG_PORT/,
      );
    } finally {
      blocker.close();
    }
  });
});
