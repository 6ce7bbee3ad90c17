// An API process as it runs in production (NODE_ENV=production, warnings only, no jobs), on a
// database that is already migrated: `startApiProcess` from tests/support, minus the test mode.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { repoRoot } from '../../api/src/config.js';
import { freePort } from '../support/api-process.js';

export interface ApiProcess {
  /** The GraphQL endpoint. */
  url: string;
  /** The process id (the read benchmark reads its CPU time from /proc). */
  pid: number;
  stop(): Promise<void>;
}

/** Production refuses to start without a secret of its own: one for every API of this run. */
const appSecret = process.env.APP_SECRET || randomBytes(32).toString('base64');

export async function startProductionApi(
  databaseUrl: string,
  /** Extra node flags, e.g. `--cpu-prof` (tests/bench/reads/profile.ts). */
  nodeFlags: string[] = [],
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', path.join(repoRoot, 'api/src/main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_SECRET: appSecret,
        DATABASE_URL: databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        JOBS_ENABLED: 'false',
        MIGRATE_ON_START: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  // Never leave an API behind, whatever happens to the runner.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300 || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('the API process did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${base}/graphql`,
    pid: child.pid!,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
