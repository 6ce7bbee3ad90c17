// Where our API's time goes for Q1–Q4: `npx tsx tests/bench/reads/profile.ts <database url> [q1 q2…]`
// (not part of `npm run bench`). Runs an in-process API (production config) on that database
// and, per query: the SQL statements one request issues with EXPLAIN ANALYZE of each, the mean
// wall time of a request against the sum of its statements' execution times, and a CPU profile
// (--cpu-prof) of a production API process under 16 connections, by function and by package.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../../../api/src/app.js';
import { loadConfig, repoRoot } from '../../../api/src/config.js';
import { createOrm } from '../../../api/src/db/orm.js';
import { createLogger } from '../../../api/src/logger.js';
import { listen } from '../../../api/src/server.js';
import { startProductionApi } from '../api-launcher.js';
import { dropBenchSchema, installBenchSchema } from './bench-schema.js';
import { createFixture } from './fixture.js';
import { FULL_PAGE, READ_QUERIES } from './queries.js';

const [databaseUrl, ...wanted] = process.argv.slice(2);
if (!databaseUrl) {
  console.error('usage: tsx tests/bench/reads/profile.ts <database url> [q1 q2 q3 q4]');
  process.exit(2);
}
process.env.NODE_ENV = 'production';
// Production refuses to start without a secret of its own.
process.env.APP_SECRET ||= randomBytes(32).toString('base64');
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

    // The CPU profile comes from a production API process of its own under 16 connections
    // (autocannon here), so the client's work is not in it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-prof-'));
    const api = await startProductionApi(databaseUrl, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    let answered = 0;
    let measuredMs = 0;
    try {
      const apiBase = api.url.replace(/\/graphql$/, '');
      const run = (seconds: number) =>
        new Promise<number>((resolve, reject) => {
          let n = 0;
          const instance = autocannon(
            {
              url: apiBase + req.path,
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${req.token}`,
              },
              body: req.body,
              connections: 16,
              duration: seconds,
            },
            (error) => (error ? reject(error as Error) : resolve(n)),
          );
          instance.on('response', () => n++);
        });
      await run(3); // compiling and warming up: not counted
      const started = performance.now();
      answered = await run(8);
      measuredMs = performance.now() - started;
      // autocannon may leave requests in flight; let them finish before the API stops.
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await api.stop();
    }
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no CPU profile in ${dir}`);
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      nodes: ProfileNode[];
      samples: number[];
      timeDeltas: number[];
      endTime: number;
    };
    // Only the samples of the measured 8 s (the profile ends when the API stops, ~1 s later).
    const from = profile.endTime - (measuredMs + 1000) * 1000;
    const until = profile.endTime - 1000 * 1000;
    let at = profile.endTime - profile.timeDeltas.reduce((a, b) => a + b, 0);
    // Kept for a closer look (Chrome DevTools, speedscope): os.tmpdir()/gj-<query>.cpuprofile
    const kept = path.join(os.tmpdir(), `gj-${q.id}.cpuprofile`);
    fs.copyFileSync(path.join(dir, file), kept);
    fs.rmSync(dir, { recursive: true, force: true });
    const byFunction = new Map<string, number>();
    const byPackage = new Map<string, number>();
    const nodes = new Map<number, ProfileNode>();
    for (const node of profile.nodes) nodes.set(node.id, node);
    let total = 0;
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!.callFrame;
      const where = frame.url
        ? `${path.relative(repoRoot, frame.url.replace('file://', ''))}:${frame.lineNumber + 1}`
        : '';
      const key = `${frame.functionName || '(anonymous)'} ${where}`;
      const us = profile.timeDeltas[i] ?? 0;
      at += us;
      if (at < from || at > until || frame.functionName === '(idle)') return;
      total += us;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
      const pkg =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
        (where.startsWith('api/')
          ? 'api (ours)'
          : frame.functionName.startsWith('(')
            ? frame.functionName
            : 'node internals');
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    });
    console.log(
      `   API process under 16 connections for 8 s (after 3 s of warm-up): ${answered} answers, ${(total / 1000 / Math.max(1, answered)).toFixed(2)} ms CPU each (not idle)`,
    );
    console.log(`   profile kept in ${kept}`);
    console.log('   self time by function (top 25):');
    for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`   ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
    console.log('   self time by package:');
    for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15))
      console.log(`   ${((100 * us) / total).toFixed(1).padStart(5)} %  ${pkg}`);
  }
} finally {
  await server.close();
  server.httpServer.close();
  await orm.close(true);
  await cleanup();
  await dropBenchSchema(db);
  await db.end();
}
