// Where our API's time goes for Q1–Q4: `npx tsx tests/bench/reads/profile.ts <database url> [q1 q2…]`
// (not part of `npm run bench`). Runs an in-process API (production config) on that database
// and, per query: the SQL statements one request issues with EXPLAIN ANALYZE of each, the mean
// wall time of a request against the sum of its statements' execution times, and a CPU profile
// (node:inspector) of 200 requests, summed by function (self time, top 15).
import 'reflect-metadata';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../../../api/src/app.js';
import { loadConfig, repoRoot } from '../../../api/src/config.js';
import { createOrm } from '../../../api/src/db/orm.js';
import { createLogger } from '../../../api/src/logger.js';
import { listen } from '../../../api/src/server.js';
import { dropBenchSchema, installBenchSchema } from './bench-schema.js';
import { createFixture } from './fixture.js';
import { FULL_PAGE, READ_QUERIES } from './queries.js';

const [databaseUrl, ...wanted] = process.argv.slice(2);
if (!databaseUrl) {
  console.error('usage: tsx tests/bench/reads/profile.ts <database url> [q1 q2 q3 q4]');
  process.exit(2);
}
process.env.NODE_ENV = 'production';
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
await installBenchSchema(db);
const { fixture, cleanup } = await createFixture(db);
const fx = { ...fixture, shiftPgNodeId: '' };

const orm = await createOrm(databaseUrl);
const app = createApp(loadConfig(), createLogger('silent'), orm);
const server = await listen(app, 0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.httpServer.address() as { port: number }).port}`;
let captured: { sql: string; bindings: unknown[] }[] | null = null;
orm.em
  .getConnection()
  .getKnex()
  .on('query', (q: { sql: string; bindings?: unknown[] }) => {
    captured?.push({ sql: q.sql, bindings: q.bindings ?? [] });
  });

const session = new inspector.Session();
session.connect();
await session.post('Profiler.enable');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

try {
  for (const q of READ_QUERIES) {
    if (wanted.length && !wanted.includes(q.id)) continue;
    const req = q.request('ours', fx, FULL_PAGE);
    const send = async () => {
      const res = await fetch(base + req.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${req.token}` },
        body: req.body,
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    for (let i = 0; i < 20; i++) await send();
    captured = [];
    await send();
    const statements = captured;
    captured = null;

    console.log(`\n==== ${q.title}: ${statements.length} statements`);
    let sqlMs = 0;
    for (const [i, s] of statements.entries()) {
      // knex gives `?` placeholders; pg wants $n.
      let n = 0;
      const text = s.sql.replace(/\?/g, () => `$${++n}`);
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${text}`,
        s.bindings,
      );
      const plan = rows.map((r) => r['QUERY PLAN']);
      const exec = Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1) ?? '')?.[1] ?? 0);
      const planning = Number(
        /Planning Time: ([\d.]+)/.exec(plan.find((l) => l.startsWith('Planning')) ?? '')?.[1] ?? 0,
      );
      sqlMs += exec + planning;
      console.log(`-- ${i + 1}. ${text.slice(0, 400)}`);
      console.log(`   params ${JSON.stringify(s.bindings).slice(0, 200)}`);
      for (const line of plan) console.log(`   ${line}`);
    }

    const n = 50;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < n; i++) await send();
    const wall = (performance.now() - started) / n;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000 / n;
    console.log(
      `\n   request wall time ${wall.toFixed(2)} ms (1 connection, mean of ${n}): CPU of this process (API + client) ${cpuMs.toFixed(2)} ms; SQL planning + execution ${sqlMs.toFixed(2)} ms; waiting (round trips, scheduling) ${(wall - cpuMs - sqlMs).toFixed(2)} ms`,
    );

    await session.post('Profiler.start');
    for (let i = 0; i < 200; i++) await send();
    const { profile } = await session.post('Profiler.stop');
    const byFunction = new Map<string, number>();
    const nodes = new Map<number, ProfileNode>();
    for (const node of profile.nodes as ProfileNode[]) nodes.set(node.id, node);
    const deltas = profile.timeDeltas ?? [];
    let total = 0;
    (profile.samples ?? []).forEach((id, i) => {
      const frame = nodes.get(id)!.callFrame;
      const where = frame.url
        ? `${path.relative(repoRoot, frame.url.replace('file://', ''))}:${frame.lineNumber + 1}`
        : '';
      const key = `${frame.functionName || '(anonymous)'} ${where}`;
      const us = deltas[i] ?? 0;
      total += us;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    });
    console.log(
      `   CPU profile of 200 requests (${(total / 1000).toFixed(0)} ms sampled), self time:`,
    );
    for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15))
      console.log(`   ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
  }
} finally {
  await server.close();
  server.httpServer.close();
  await orm.close(true);
  await cleanup();
  await dropBenchSchema(db);
  await db.end();
}
