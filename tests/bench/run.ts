// `npm run bench` / `npm run bench:smoke`: benchmarks against a fresh database and API processes
// started as in production. The full run appends its figures to docs/BENCHMARKS.md; the smoke run
// (small, a few seconds) only checks the outcome, for CI. Exit code 1 when an outcome check fails.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { databaseUrl, dropDatabase, ensureDatabase } from '../../api/src/db/database.js';
import { startEmbeddedPostgres } from '../../api/src/db/embedded.js';
import { createOrm, migrate } from '../../api/src/db/orm.js';
import { createLogger } from '../../api/src/logger.js';
import { freePort } from '../support/api-process.js';
import { startProductionApi, type ApiProcess } from './api-launcher.js';
import { appendToReport, contentionRow, REPORT_PATH, runInfo } from './report.js';
import { FULL, runSignupContention, SMOKE } from './signup-contention.js';

const smoke = process.argv.includes('--smoke');
const logger = createLogger('warn');
const log = (line: string) => console.log(`[bench${smoke ? ':smoke' : ''}] ${line}`);

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp() {
  for (const step of cleanups.reverse()) await step().catch((error) => console.error(error));
  cleanups.length = 0;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

let failed = false;
const loadAtStart = os.loadavg()[0]!;
try {
  // ---- a PostgreSQL server: the one the tests use when set, else a throw-away embedded one
  let serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let database = 'external';
  if (!serverUrl) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gongjian-bench-pg-'));
    await fs.chmod(dir, 0o755);
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    log('starting an embedded PostgreSQL');
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      logger,
    });
    cleanups.push(() => embedded.stop());
    serverUrl = embedded.url;
    database = 'embedded';
  }
  const url = databaseUrl(serverUrl, `gj_bench_${randomBytes(5).toString('hex')}`);
  await ensureDatabase(url);
  cleanups.push(() => dropDatabase(url));
  const orm: MikroORM = await createOrm(url);
  cleanups.push(() => orm.close(true));
  await migrate(orm);
  const [versionRow] = await orm.em
    .getConnection()
    .execute<{ server_version: string }[]>('show server_version');
  database = `${versionRow?.server_version.split(' ')[0] ?? '?'} (${database})`;

  // ---- two API processes, as in production
  log('starting two API processes (NODE_ENV=production)');
  const apis: ApiProcess[] = await Promise.all([startProductionApi(url), startProductionApi(url)]);
  for (const api of apis) cleanups.push(() => api.stop());

  // ---- the benchmarks
  const contention = await runSignupContention(
    orm,
    apis.map((a) => a.url),
    smoke ? SMOKE : FULL,
    log,
  );
  const info = runInfo(database, loadAtStart);
  const row = contentionRow(info, contention);
  console.log('');
  console.log('Sign-up contention');
  const labels = [
    'date',
    'commit',
    'machine',
    'load',
    'node',
    'postgresql',
    'sign-ups / places',
    'in flight',
    'wall time',
    'throughput',
    'p50',
    'p95',
    'p99',
    'outcome',
  ];
  labels.forEach((label, i) => console.log(`  ${label.padEnd(18)} ${row[i]}`));
  console.log(`  ${'max'.padEnd(18)} ${Math.round(contention.max)} ms`);
  failed = contention.problems.length > 0;

  if (!smoke) {
    await appendToReport({ contention: row });
    log(`appended a row to ${path.relative(process.cwd(), REPORT_PATH)}`);
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await cleanUp();
}
if (failed) log('FAILED');
process.exit(failed ? 1 : 0);
