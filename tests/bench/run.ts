// `npm run bench` / `npm run bench:smoke`: the sign-up contention benchmark (a fresh database and
// API processes started as in production), then the pairing-solver benchmark (child processes, no
// database). `-- --only signups` or `-- --only pairing` runs one of them. The full run appends its
// figures to docs/BENCHMARKS.md; the smoke run (small, a few seconds) only checks the outcomes,
// for CI. Exit code 1 when an outcome check fails.
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
import * as pairing from './pairing.js';
import { appendToReport, contentionRow, pairingRow, REPORT_PATH, runInfo } from './report.js';
import { FULL, runSignupContention, SMOKE } from './signup-contention.js';

const smoke = process.argv.includes('--smoke');
const parts = ['signups', 'pairing'] as const;
const onlyAt = process.argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
const only =
  onlyAt < 0 ? undefined : (process.argv[onlyAt]!.split('=')[1] ?? process.argv[onlyAt + 1]);
if (only !== undefined && !parts.includes(only as (typeof parts)[number])) {
  console.error(`--only takes one of: ${parts.join(', ')}`);
  process.exit(2);
}
const runs = (part: (typeof parts)[number]) => only === undefined || only === part;
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
let contentionReportRow: string[] | undefined;
let pairingReportRows: string[][] | undefined;
if (runs('signups')) await signups();
if (runs('pairing')) await pairingSolver();
// A failed outcome is recorded too (its row says what failed); a crash records nothing.
if (!smoke && (contentionReportRow || pairingReportRows)) {
  await appendToReport({ contention: contentionReportRow, pairing: pairingReportRows });
  log(`appended to ${path.relative(process.cwd(), REPORT_PATH)}`);
}
if (failed) log('FAILED');
process.exit(failed ? 1 : 0);

async function signups() {
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
    const apis: ApiProcess[] = await Promise.all([
      startProductionApi(url),
      startProductionApi(url),
    ]);
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
    contentionReportRow = row;
  } catch (error) {
    console.error(error);
    failed = true;
  } finally {
    // Before the pairing benchmark: the database and the APIs must not share the cores with it.
    await cleanUp();
  }
}

async function pairingSolver() {
  const info = runInfo('', os.loadavg()[0]!);
  try {
    const results = await pairing.runPairingBenchmark(smoke ? pairing.SMOKE : pairing.FULL, log);
    console.log('');
    console.log('Pairing solver');
    pairingReportRows = results.map((r) => pairingRow(info, r));
    for (const [i, r] of results.entries()) {
      const row = pairingReportRows[i]!;
      console.log(`  ${pairing.describeSpec(r.spec)}`);
      console.log(`    solver ${row[7]}, peak ${row[8]}, paired ${row[9]}, total ${row[10]}`);
      console.log(`    HiGHS  ${row[11]}`);
      for (const problem of r.problems) console.log(`    PROBLEM: ${problem}`);
      if (r.problems.length) failed = true;
    }
  } catch (error) {
    console.error(error);
    failed = true;
  }
}
