// `npm run bench` / `npm run bench:smoke`: the sign-up contention benchmark (a fresh database and
// API processes started as in production), the read-path benchmark (our API against PostGraphile
// and the bare-SQL limit on a populated database, tests/bench/reads/), then the pairing-solver
// benchmark (child processes, no database), and the server-rendered volunteer shift list (the
// built web app and an API on the demo data). `-- --only signups|reads|ssr|pairing` runs one;
// `-- --preset tiny|small|district|city` chooses the data of the read benchmark (reads/database.ts).
// The full run appends its figures to docs/BENCHMARKS.md; the smoke run (small, a few seconds
// each) only checks the outcomes, for CI. Exit code 1 when an outcome check fails.
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
import { readsDatabase, PRESETS, type Preset } from './reads/database.js';
import * as reads from './reads/reads.js';
import {
  appendToReport,
  contentionRow,
  pairingRow,
  readsRows,
  readsStatementRows,
  REPORT_PATH,
  runInfo,
  ssrRow,
} from './report.js';
import * as ssr from './ssr.js';
import { seedDemoIfEmpty } from '../../seeds/seed.js';
import { FULL, runSignupContention, SMOKE } from './signup-contention.js';

const smoke = process.argv.includes('--smoke');
const parts = ['signups', 'reads', 'ssr', 'pairing'] as const;
const option = (name: string) => {
  const at = process.argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  return at < 0 ? undefined : (process.argv[at]!.split('=')[1] ?? process.argv[at + 1]);
};
const only = option('--only');
if (only !== undefined && !parts.includes(only as (typeof parts)[number])) {
  console.error(`--only takes one of: ${parts.join(', ')}`);
  process.exit(2);
}
const preset = option('--preset') as Preset | undefined;
if (preset !== undefined && !PRESETS.includes(preset)) {
  console.error(`--preset takes one of: ${PRESETS.join(', ')}`);
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
let readsReportRows: { load: string[][]; statements: string[][] } | undefined;
let ssrReportRow: string[] | undefined;
if (runs('signups')) await signups();
if (runs('reads')) await readPath();
if (runs('ssr')) await serverRenderedShifts();
if (runs('pairing')) await pairingSolver();
// A failed outcome is recorded too (its row says what failed); a crash records nothing.
if (!smoke && (contentionReportRow || pairingReportRows || readsReportRows || ssrReportRow)) {
  await appendToReport({
    ssr: ssrReportRow,
    contention: contentionReportRow,
    pairing: pairingReportRows,
    reads: readsReportRows?.load,
    readStatements: readsReportRows?.statements,
  });
  log(`appended to ${path.relative(process.cwd(), REPORT_PATH)}`);
}
if (failed) log('FAILED');
process.exit(failed ? 1 : 0);

/** A PostgreSQL server: the one the tests use when set, else a throw-away embedded one. */
async function postgresServer(): Promise<{ serverUrl: string; database: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (serverUrl) return { serverUrl, database: 'external' };
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
  return { serverUrl: embedded.url, database: 'embedded' };
}

async function serverVersion(orm: MikroORM, kind: string): Promise<string> {
  const [versionRow] = await orm.em
    .getConnection()
    .execute<{ server_version: string }[]>('show server_version');
  return `${versionRow?.server_version.split(' ')[0] ?? '?'} (${kind})`;
}

async function signups() {
  const loadAtStart = os.loadavg()[0]!;
  try {
    const server = await postgresServer();
    const serverUrl = server.serverUrl;
    let database = server.database;
    const url = databaseUrl(serverUrl, `gj_bench_${randomBytes(5).toString('hex')}`);
    await ensureDatabase(url);
    cleanups.push(() => dropDatabase(url));
    const orm: MikroORM = await createOrm(url);
    cleanups.push(() => orm.close(true));
    await migrate(orm);
    database = await serverVersion(orm, database);

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

async function readPath() {
  const loadAtStart = os.loadavg()[0]!;
  try {
    const server = await postgresServer();
    const { url, label } = await readsDatabase(server.serverUrl, preset, smoke, log);
    const orm = await createOrm(url);
    const database = await serverVersion(orm, server.database).finally(() => orm.close(true));
    const result = await reads.runReadsBenchmark(url, smoke ? reads.SMOKE : reads.FULL, log);
    const info = runInfo(database, loadAtStart);
    readsReportRows = {
      load: readsRows(info, label, result),
      statements: readsStatementRows(info, label, result),
    };
    console.log('');
    console.log(`Read path (${label}; requests/s, ours ÷ PostGraphile, ours ÷ SQL)`);
    for (const row of readsReportRows.load) console.log(`  ${row.slice(6).join('  ')}`);
    console.log('Statements per request (small page → full page)');
    for (const row of readsReportRows.statements) console.log(`  ${row.slice(3).join('  ')}`);
    for (const problem of result.problems) console.log(`  PROBLEM: ${problem}`);
    if (result.problems.length) failed = true;
  } catch (error) {
    console.error(error);
    failed = true;
  } finally {
    await cleanUp();
  }
}

async function serverRenderedShifts() {
  const loadAtStart = os.loadavg()[0]!;
  try {
    const server = await postgresServer();
    const url = databaseUrl(server.serverUrl, `gj_bench_${randomBytes(5).toString('hex')}`);
    await ensureDatabase(url);
    cleanups.push(() => dropDatabase(url));
    const orm: MikroORM = await createOrm(url);
    cleanups.push(() => orm.close(true));
    await migrate(orm);
    log('seeding the Qingshan demo');
    await seedDemoIfEmpty(orm);
    const database = await serverVersion(orm, server.database);
    log('starting an API process and the built web app (NODE_ENV=production)');
    const api = await startProductionApi(url);
    cleanups.push(() => api.stop());
    const web = await ssr.startProductionWeb(api.url);
    cleanups.push(() => web.stop());
    const result = await ssr.runSsrBenchmark(web.url, smoke ? ssr.SMOKE : ssr.FULL, log);
    ssrReportRow = ssrRow(runInfo(database, loadAtStart), 'Qingshan demo', result);
    console.log('');
    console.log('Volunteer shift list, server-rendered (GET /shifts)');
    console.log(
      `  ${result.shiftsShown} shifts, ${Math.round(result.htmlBytes / 1024)} KiB; p50 ${Math.round(result.p50)} ms, p95 ${Math.round(result.p95)} ms, p99 ${Math.round(result.p99)} ms`,
    );
    for (const problem of result.problems) console.log(`  PROBLEM: ${problem}`);
    if (result.problems.length) failed = true;
  } catch (error) {
    console.error(error);
    failed = true;
  } finally {
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
