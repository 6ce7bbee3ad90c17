// The read-path benchmark: Q1–Q4 (queries.ts) against our API (a production process), PostGraphile
// 4 and the bare-SQL limit, each in its own process; autocannon in this process. Before timing,
// the three answers of every query must agree; statements per request are counted at two page
// sizes (ours: an in-process API on the same database whose knex connection is listened to;
// PostGraphile and SQL: their pools count every statement they send).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApp } from '../../../api/src/app.js';
import { loadConfig, repoRoot } from '../../../api/src/config.js';
import { createOrm } from '../../../api/src/db/orm.js';
import { createLogger } from '../../../api/src/logger.js';
import { listen } from '../../../api/src/server.js';
import { freePort } from '../../support/api-process.js';
import { startProductionApi } from '../api-launcher.js';
import { dropBenchSchema, installBenchSchema } from './bench-schema.js';
import { createFixture, dataSize, type DataSize } from './fixture.js';
import {
  FULL_PAGE,
  READ_QUERIES,
  SERVER_KINDS,
  SMALL_PAGE,
  type PageSizes,
  type ReadFixture,
  type ReadQuery,
  type ServerKind,
} from './queries.js';

export interface ReadsOptions {
  connections: number[];
  /** Seconds per measured cell. */
  duration: number;
  /** Seconds of load before each measured cell (not measured). */
  warmup: number;
}

export const FULL: ReadsOptions = { connections: [1, 16, 64], duration: 10, warmup: 2 };
// The smoke's answers check and statement counts already warm every server up.
export const SMOKE: ReadsOptions = { connections: [1, 16], duration: 1, warmup: 0 };

export interface LoadFigures {
  requests: number;
  /** Requests answered per second. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Non-2xx answers, connection errors and timeouts. */
  errors: number;
  /** CPU time of the server process per answered request (user + system, from /proc). */
  cpuMs: number;
}

export interface QueryResult {
  query: ReadQuery;
  /** Empty when the three answers agreed; then `cells` holds the timings. */
  mismatch: string[];
  cells: { connections: number; figures: Record<ServerKind, LoadFigures> }[];
  /** Statements per request at the small and the full page size. */
  statements: Record<'small' | 'full', Record<ServerKind, number>>;
}

export interface ReadsResult {
  data: DataSize;
  options: ReadsOptions;
  results: QueryResult[];
  problems: string[];
}

interface Server {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** User + system CPU time of a process in ms (Linux /proc; NaN elsewhere). */
function cpuTime(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

/** Starts a child script that prints "ready" once listening. */
async function startChild(script: string, databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'tests/bench/reads', script),
      databaseUrl,
      String(port),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function post(base: string, req: { path: string; body: string; token: string }) {
  const res = await fetch(base + req.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${req.token}` },
    body: req.body,
  });
  const body = (await res.json()) as { errors?: { message: string }[] };
  if (res.status !== 200 || body.errors?.length)
    throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return body;
}

/** Where two essentials first differ, for the report. */
function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${at}.${key}`,
      );
      if (d) return d;
    }
  }
  return `${at || 'answer'}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
}

async function load(
  base: string,
  pid: number,
  req: { path: string; body: string; token: string },
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  const cpuBefore = cpuTime(pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base + req.path,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${req.token}` },
        body: req.body,
        connections,
        duration: seconds,
        timeout: 30,
      },
      (error, result) => (error ? reject(error as Error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.max(0, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: result.non2xx + result.errors + result.timeouts,
    cpuMs: (cpuTime(pid) - cpuBefore) / Math.max(1, latencies.length),
  };
}

/** Statements per request of our API: an in-process app on the same database. */
async function ourStatements(
  databaseUrl: string,
  fx: ReadFixture,
): Promise<Record<'small' | 'full', Record<string, number>>> {
  const orm = await createOrm(databaseUrl);
  const app = createApp(loadConfig(), createLogger('silent'), orm);
  const server = await listen(app, 0, '127.0.0.1');
  const address = server.httpServer.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  let count = 0;
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => count++);
  const out: Record<'small' | 'full', Record<string, number>> = { small: {}, full: {} };
  try {
    for (const [size, page] of [
      ['small', SMALL_PAGE],
      ['full', FULL_PAGE],
    ] as const) {
      for (const q of READ_QUERIES) {
        const req = q.request('ours', fx, page);
        await post(base, req); // warm: metadata, prepared caches
        const before = count;
        const n = 3;
        for (let i = 0; i < n; i++) await post(base, req);
        out[size][q.id] = (count - before) / n;
      }
    }
  } finally {
    await server.close();
    server.httpServer.close();
    await orm.close(true);
  }
  return out;
}

async function poolStatements(
  base: string,
  q: ReadQuery,
  kind: ServerKind,
  fx: ReadFixture,
  page: PageSizes,
): Promise<number> {
  const read = async () =>
    ((await (await fetch(`${base}/__statements`)).json()) as { statements: number }).statements;
  const req = q.request(kind, fx, page);
  await post(base, req);
  const before = await read();
  const n = 3;
  for (let i = 0; i < n; i++) await post(base, req);
  return ((await read()) - before) / n;
}

export async function runReadsBenchmark(
  databaseUrl: string,
  options: ReadsOptions,
  log: (line: string) => void,
): Promise<ReadsResult> {
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const stops: (() => Promise<unknown>)[] = [() => db.end()];
  const problems: string[] = [];
  try {
    const data = await dataSize(db);
    log(
      `reads: ${data.communities} communities, ${data.units} units, ${data.commitments} commitments, ${data.shifts} shifts, ${data.volunteers} volunteers`,
    );
    await installBenchSchema(db);
    stops.push(() => dropBenchSchema(db));
    const { fixture: partial, cleanup } = await createFixture(db);
    stops.push(cleanup);

    log('reads: starting our API (NODE_ENV=production), PostGraphile and the bare-SQL server');
    const [ours, postgraphile, sql] = await Promise.all([
      startProductionApi(databaseUrl),
      startChild('postgraphile-server.ts', databaseUrl),
      startChild('sql-server.ts', databaseUrl),
    ]);
    stops.push(
      () => ours.stop(),
      () => postgraphile.stop(),
      () => sql.stop(),
    );
    const bases: Record<ServerKind, string> = {
      ours: ours.url.replace(/\/graphql$/, ''),
      postgraphile: postgraphile.base,
      sql: sql.base,
    };
    const pids: Record<ServerKind, number> = {
      ours: ours.pid,
      postgraphile: postgraphile.pid,
      sql: sql.pid,
    };
    const shiftNode = (await post(postgraphile.base, {
      path: '/graphql',
      token: partial.adminToken,
      body: JSON.stringify({ query: `{ shiftById(id: ${partial.shiftId}) { nodeId } }` }),
    })) as { data: { shiftById: { nodeId: string } } };
    const fx: ReadFixture = { ...partial, shiftPgNodeId: shiftNode.data.shiftById.nodeId };

    const results: QueryResult[] = [];
    for (const q of READ_QUERIES) {
      // ---- the same answer from all three, at both page sizes
      const mismatch: string[] = [];
      for (const page of [SMALL_PAGE, FULL_PAGE]) {
        const answers = {} as Record<ServerKind, unknown>;
        for (const kind of SERVER_KINDS) {
          try {
            answers[kind] = q.essentials(kind, await post(bases[kind], q.request(kind, fx, page)));
          } catch (error) {
            mismatch.push(`${kind}: ${(error as Error).message}`);
          }
        }
        for (const kind of ['postgraphile', 'sql'] as const) {
          if (answers.ours === undefined || answers[kind] === undefined) continue;
          const diff = firstDifference(answers.ours, answers[kind]);
          if (diff) mismatch.push(`ours vs ${kind}: ${diff}`);
        }
      }
      const summary = JSON.stringify(
        q.essentials('sql', await post(sql.base, q.request('sql', fx, FULL_PAGE))),
      );
      log(
        `${q.title}: ${mismatch.length ? 'ANSWERS DIFFER' : 'same answers'} (${summary.length} bytes of essentials)`,
      );
      for (const m of mismatch) log(`  ${m}`);
      if (mismatch.length) problems.push(`${q.title}: ${mismatch[0]}`);
      results.push({
        query: q,
        mismatch,
        cells: [],
        statements: {
          small: {} as Record<ServerKind, number>,
          full: {} as Record<ServerKind, number>,
        },
      });
    }

    // ---- statements per request
    log('reads: counting statements per request at two page sizes');
    const oursCounts = await ourStatements(databaseUrl, fx);
    for (const r of results) {
      for (const [size, page] of [
        ['small', SMALL_PAGE],
        ['full', FULL_PAGE],
      ] as const) {
        r.statements[size].ours = oursCounts[size][r.query.id]!;
        r.statements[size].postgraphile = await poolStatements(
          postgraphile.base,
          r.query,
          'postgraphile',
          fx,
          page,
        );
        r.statements[size].sql = await poolStatements(sql.base, r.query, 'sql', fx, page);
      }
      const s = r.statements;
      log(
        `  ${r.query.id}: ours ${s.small.ours} → ${s.full.ours}, PostGraphile ${s.small.postgraphile} → ${s.full.postgraphile}, SQL ${s.small.sql} → ${s.full.sql}`,
      );
    }

    // ---- load
    for (const r of results) {
      if (r.mismatch.length) continue;
      for (const connections of options.connections) {
        const figures = {} as Record<ServerKind, LoadFigures>;
        for (const kind of SERVER_KINDS) {
          const req = r.query.request(kind, fx, FULL_PAGE);
          if (options.warmup > 0)
            await load(bases[kind], pids[kind], req, connections, options.warmup);
          figures[kind] = await load(bases[kind], pids[kind], req, connections, options.duration);
          if (figures[kind].errors)
            problems.push(
              `${r.query.title}, ${kind}, ${connections} connections: ${figures[kind].errors} errors`,
            );
        }
        r.cells.push({ connections, figures });
        const f = (k: ServerKind) =>
          `${Math.round(figures[k].rps)}/s p50 ${figures[k].p50.toFixed(1)} ms, CPU ${figures[k].cpuMs.toFixed(2)} ms/req`;
        log(
          `${r.query.id} × ${connections}: ours ${f('ours')} | PostGraphile ${f('postgraphile')} | SQL ${f('sql')}`,
        );
      }
    }
    return { data, options, results, problems };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
  }
}
