// The test command itself: `npm test` must exit non-zero when a test fails and zero when all
// pass, with the throw-away embedded PostgreSQL (no database URL, as on a fresh clone) and with
// TEST_DATABASE_URL. It runs the real command on the fixtures in tests/test-command/fixtures
// (vitest.config.ts selects them when GONGJIAN_TEST_COMMAND_FIXTURES=1).
import { spawn } from 'node:child_process';
import { describe, expect, inject, test } from 'vitest';
import { repoRoot } from '../api/src/config.js';

interface Run {
  code: number | null;
  output: string;
}

function npmTest(filter: string, database: Record<string, string>): Promise<Run> {
  // A new user's environment: none of this run's vitest variables and no database URL.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith('VITEST') &&
        !['NODE_ENV', 'DATABASE_URL', 'TEST_DATABASE_URL', 'TEST_EMBEDDED_PG_PORT'].includes(key),
    ),
  );
  const child = spawn('npm', ['test', '--', filter], {
    cwd: repoRoot,
    env: { ...env, ...database, GONGJIAN_TEST_COMMAND_FIXTURES: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const databases = {
  'the embedded PostgreSQL': () => ({}),
  TEST_DATABASE_URL: () => ({ TEST_DATABASE_URL: inject('testServerUrl') }),
};

describe.each(Object.entries(databases))('npm test with %s', (_name, database) => {
  test('exits 1 when one test fails', { timeout: 180_000 }, async () => {
    const run = await npmTest('tests/test-command/fixtures/', database());
    expect(run.output).toMatch(/Tests\s+1 failed \| 1 passed \(2\)/);
    expect(run.code, run.output).toBe(1);
  });

  test('exits 0 when every test passes', { timeout: 180_000 }, async () => {
    const run = await npmTest('tests/test-command/fixtures/passing', database());
    expect(run.output).toMatch(/Tests\s+1 passed \(1\)/);
    expect(run.code, run.output).toBe(0);
  });
});
