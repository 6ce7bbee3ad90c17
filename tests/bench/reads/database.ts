// Which database the read benchmarks run on. `--preset <p>` uses `gj_<p>` on the server when it
// holds data (a database the scale generator left, e.g. gj_city), else `gj_bench_<p>`, built
// with the generator (seeds/scale/run.ts) when missing. Without a preset: the full run uses
// gj_city / gj_bench_city when one holds data, the smoke the tiny preset. When the generator is
// not there or fails (or takes longer than `buildSeconds`), the run falls back to the Qingshan
// demo seed in `gj_bench_demo` (seeded when empty) and says so in its Data column. Pending
// migrations are applied either way, as a deployment would.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../../../api/src/config.js';
import { databaseUrl, dropDatabase, ensureDatabase } from '../../../api/src/db/database.js';
import { createOrm, migrate } from '../../../api/src/db/orm.js';
import { createLogger } from '../../../api/src/logger.js';
import { seedDemoIfEmpty } from '../../../seeds/seed.js';

export const PRESETS = ['tiny', 'small', 'district', 'city'] as const;
export type Preset = (typeof PRESETS)[number];

const generator = path.join(repoRoot, 'seeds/scale/run.ts');

async function communities(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      `select case when to_regclass('public.community') is null then 0
              else (select count(*) from community) end as n`,
    );
    return Number(rows[0]!.n);
  } catch {
    return 0; // no such database
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function migrated(url: string, seedDemo: boolean): Promise<void> {
  const orm = await createOrm(url);
  try {
    await migrate(orm);
    if (seedDemo) await seedDemoIfEmpty(orm, createLogger('warn'));
  } finally {
    await orm.close(true);
  }
}

function runGenerator(
  url: string,
  preset: Preset,
  seconds: number,
  log: (line: string) => void,
): Promise<void> {
  log(`building the ${preset} preset: npm run seed:scale -- --preset ${preset} --seed 1 --reset`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', generator, '--preset', preset, '--seed', '1', '--reset'],
      { cwd: repoRoot, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' },
    );
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('exit', killOnExit);
      if (code === 0) resolve();
      else
        reject(
          new Error(`seed:scale ${signal ? `killed after ${seconds} s` : `exited with ${code}`}`),
        );
    });
  });
}

export async function readsDatabase(
  serverUrl: string,
  preset: Preset | undefined,
  smoke: boolean,
  log: (line: string) => void,
): Promise<{ url: string; label: string }> {
  const wanted: Preset = preset ?? (smoke ? 'tiny' : 'city');
  for (const name of [`gj_${wanted}`, `gj_bench_${wanted}`]) {
    const url = databaseUrl(serverUrl, name);
    if ((await communities(url)) > 0) {
      await migrated(url, false);
      return { url, label: wanted };
    }
  }
  let why = 'no generator (seeds/scale/run.ts)';
  if (fs.existsSync(generator)) {
    const url = databaseUrl(serverUrl, `gj_bench_${wanted}`);
    try {
      await ensureDatabase(url);
      await runGenerator(url, wanted, smoke ? 120 : 3 * 3600, log);
      await migrated(url, false);
      return { url, label: wanted };
    } catch (error) {
      why = `the generator failed: ${(error as Error).message}`;
      log(why);
      await dropDatabase(url).catch(() => undefined);
    }
  }
  const demo = databaseUrl(serverUrl, 'gj_bench_demo');
  log(`no ${wanted} database (${why}): using the Qingshan demo seed`);
  await ensureDatabase(demo);
  await migrated(demo, true);
  return { url: demo, label: `demo (${wanted} unavailable)` };
}
