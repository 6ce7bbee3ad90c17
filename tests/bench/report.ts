// docs/BENCHMARKS.md: the text around the tables is written here; each run appends one row to
// its benchmark's table and keeps the rows of earlier runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { repoRoot } from '../../api/src/config.js';
import { FULL as PAIRING, type PairingInstanceResult } from './pairing.js';
import { lpSize, totalCapacity } from './pairing-instance.js';
import { FULL_PAGE, SMALL_PAGE, type ServerKind } from './reads/queries.js';
import { FULL as READS, type LoadFigures, type ReadsResult } from './reads/reads.js';
import { FULL, type ContentionResult } from './signup-contention.js';
import type { SsrResult } from './ssr.js';

export const REPORT_PATH = path.join(repoRoot, 'docs/BENCHMARKS.md');

export interface RunInfo {
  date: string;
  commit: string;
  machine: string;
  node: string;
  database: string;
  /** One-minute load average when the run started: other work on the machine skews figures. */
  load: string;
}

export function runInfo(database: string, load = os.loadavg()[0]!): RunInfo {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  // Uncommitted changes other than this report make the commit an approximation: say so.
  const dirty = git('status', '--porcelain')
    .split('\n')
    .filter((line) => line.trim() && !line.endsWith('docs/BENCHMARKS.md')).length;
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    commit: dirty ? `${commit}-dirty` : commit,
    machine: `${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${model}`,
    node: process.version,
    database,
    load: load.toFixed(1),
  };
}

const ms = (x: number) => `${Math.round(x)} ms`;
const escape = (text: string) => text.replaceAll('|', '\\|');

export function contentionRow(info: RunInfo, r: ContentionResult): string[] {
  return [
    info.date,
    info.commit,
    info.machine,
    info.load,
    info.node,
    info.database,
    `${r.options.volunteers} / ${r.options.places}`,
    String(r.options.concurrency),
    `${(r.wallMs / 1000).toFixed(2)} s`,
    `${Math.round(r.throughput)}/s`,
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    r.problems.length
      ? `FAILED: ${r.problems.join('; ')}`
      : `ok: ${r.confirmed} confirmed, ${r.waitlisted} waitlisted 1..${r.waitlisted}, 0 errors`,
  ];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const bytes = (b: number) =>
  b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${Math.round(b / 2 ** 20)} MiB`;

export function pairingRow(info: RunInfo, r: PairingInstanceResult): string[] {
  const { spec, solver, highs } = r;
  let highsCell: string;
  if (highs.kind === 'skipped') {
    highsCell = `skipped: too large for the LP (${n(highs.rows)} rows × ${n(highs.columns)} columns)`;
  } else if (highs.kind === 'timeout') {
    highsCell = `did not finish within ${highs.seconds} s`;
  } else if (highs.kind === 'failed') {
    highsCell = `failed: ${highs.error}`;
  } else if (highs.result.status !== 'Optimal') {
    highsCell = `${highs.result.status} after ${seconds(highs.result.solveMs)}`;
  } else {
    const same = 'total' in solver && solver.total === highs.result.total;
    highsCell =
      `${seconds(highs.result.solveMs)}, peak ${bytes(highs.result.maxRss)}: optimum ` +
      (same ? 'equal' : `DIFFERENT (${n(highs.result.total ?? 0)})`);
  }
  const solved = 'error' in solver ? null : solver;
  return [
    info.date,
    info.commit,
    info.machine,
    info.load,
    info.node,
    `${n(spec.volunteers)} × ${n(spec.workers)}`,
    `${spec.capacityPercent} % (${n(totalCapacity(spec))})`,
    solved ? seconds(solved.solveMs) : `FAILED: ${'error' in solver ? solver.error : ''}`,
    solved ? `${bytes(solved.maxRss)} (${bytes(solved.rssBeforeSolve)} before solving)` : '—',
    solved ? n(solved.paired ?? 0) : '—',
    solved ? n(solved.total ?? 0) : '—',
    highsCell,
  ];
}

const rps = (f: LoadFigures) => `${Math.round(f.rps).toLocaleString('en')}/s`;
const lat = (x: number) => (Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(1) : String(Math.round(x)));
const latencies = (f: LoadFigures) => `${lat(f.p50)} / ${lat(f.p95)} / ${lat(f.p99)} ms`;
const ratio = (a: LoadFigures, b: LoadFigures) =>
  b.rps > 0 ? `${(a.rps / b.rps).toFixed(2)}×` : '—';

/** One row per query and connection count. */
export function readsRows(info: RunInfo, data: string, r: ReadsResult): string[][] {
  const size = `${data}: ${n(r.data.units)} units, ${n(r.data.commitments)} commitments, ${n(r.data.shifts)} shifts`;
  const lead = [info.date, info.commit, info.machine, info.load, info.node, info.database, size];
  return r.results.flatMap((q) => {
    if (q.mismatch.length)
      return [
        [
          ...lead,
          q.query.title,
          '—',
          `NOT TIMED: answers differ (${q.mismatch[0]})`,
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ],
      ];
    return q.cells.map(({ connections, figures: f }) => {
      const errors = (k: ServerKind) => (f[k].errors ? ` (${f[k].errors} errors)` : '');
      return [
        ...lead,
        q.query.title,
        String(connections),
        rps(f.ours) + errors('ours'),
        latencies(f.ours),
        rps(f.postgraphile) + errors('postgraphile'),
        latencies(f.postgraphile),
        rps(f.sql) + errors('sql'),
        latencies(f.sql),
        ratio(f.ours, f.postgraphile),
        ratio(f.ours, f.sql),
      ];
    });
  });
}

/** One row per query: statements per request at both page sizes, server CPU per request. */
export function readsStatementRows(info: RunInfo, data: string, r: ReadsResult): string[][] {
  const both = (q: ReadsResult['results'][number], k: ServerKind) =>
    `${q.statements.small[k]} → ${q.statements.full[k]}`;
  // Mean over every timed cell, weighted by the requests answered.
  const cpu = (q: ReadsResult['results'][number], k: ServerKind) => {
    const cells = q.cells.map((c) => c.figures[k]).filter((f) => f.requests > 0);
    const requests = cells.reduce((sum, f) => sum + f.requests, 0);
    if (!requests) return '—';
    const ms = cells.reduce((sum, f) => sum + f.cpuMs * f.requests, 0) / requests;
    return `${ms.toFixed(ms < 1 ? 2 : 1)} ms`;
  };
  return r.results.map((q) => [
    info.date,
    info.commit,
    data,
    q.query.title,
    both(q, 'ours'),
    both(q, 'postgraphile'),
    both(q, 'sql'),
    cpu(q, 'ours'),
    cpu(q, 'postgraphile'),
    cpu(q, 'sql'),
  ]);
}

interface Table {
  id: string;
  header: string[];
  rows: string[][];
}

const CONTENTION_HEADER = [
  'Date',
  'Commit',
  'Machine',
  'Load',
  'Node',
  'PostgreSQL',
  'Sign-ups / places',
  'In flight',
  'Wall time',
  'Throughput',
  'p50',
  'p95',
  'p99',
  'Outcome',
];

const PAIRING_HEADER = [
  'Date',
  'Commit',
  'Machine',
  'Load',
  'Node',
  'Volunteers × workers',
  'Capacity',
  'Solver time',
  'Solver peak memory',
  'Paired',
  'Total score',
  'HiGHS (same instance)',
];

const READS_HEADER = [
  'Date',
  'Commit',
  'Machine',
  'Load',
  'Node',
  'PostgreSQL',
  'Data',
  'Query',
  'Connections',
  'Ours',
  'Ours p50 / p95 / p99',
  'PostGraphile',
  'PostGraphile p50 / p95 / p99',
  'Bare SQL',
  'Bare SQL p50 / p95 / p99',
  'Ours ÷ PostGraphile',
  'Ours ÷ bare SQL',
];

const READ_STATEMENTS_HEADER = [
  'Date',
  'Commit',
  'Data',
  'Query',
  'Statements: ours',
  'PostGraphile',
  'Bare SQL',
  'CPU per request: ours',
  'PostGraphile',
  'Bare SQL',
];

const SSR_HEADER = [
  'Date',
  'Commit',
  'Machine',
  'Load',
  'Node',
  'PostgreSQL',
  'Data',
  'Requests',
  'Shifts on the page',
  'HTML',
  'p50',
  'p95',
  'p99',
  'Mean',
  'Goal (p95 < 200 ms)',
];

export function ssrRow(info: RunInfo, data: string, r: SsrResult): string[] {
  return [
    info.date,
    info.commit,
    info.machine,
    info.load,
    info.node,
    info.database,
    data,
    `${r.spec.requests} after ${r.spec.warmup} warm-up`,
    String(r.shiftsShown),
    `${Math.round(r.htmlBytes / 1024)} KiB`,
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    ms(r.mean),
    r.problems.length ? `FAILED: ${r.problems.join('; ')}` : r.p95 < 200 ? 'met' : 'missed',
  ];
}

/** Our ratios and p95 at 16 connections in the latest run, each against its goal. */
function goalsTable(reads: Table): string {
  const latest = reads.rows.at(-1)?.[0];
  const rows = reads.rows.filter((r) => r[0] === latest && r[8] === '16');
  if (rows.length === 0) return '(no read-path run yet)';
  const ratioOf = (cell: string) => Number.parseFloat(cell.replace('×', ''));
  const p95Of = (cell: string) => Number.parseFloat(cell.split('/')[1] ?? 'NaN');
  const against = (value: number, goal: number, higherIsBetter: boolean, unit: string) => {
    if (!Number.isFinite(value)) return '—';
    const met = higherIsBetter ? value >= goal : value < goal;
    const shown = unit === '×' ? `${value.toFixed(2)}×` : `${Math.round(value)} ms`;
    if (met) return `${shown}: met`;
    const by = higherIsBetter ? goal / value : value / goal;
    return `${shown}: missed (${by.toFixed(1)}× short)`;
  };
  const lines = [
    '| Query | Ours ÷ PostGraphile (goal ≥ 1.0×) | Ours ÷ bare SQL (goal ≥ 0.5×) | Our p95 (goal < 50 ms) |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r[7]} | ${against(ratioOf(r[15]!), 1, true, '×')} | ${against(ratioOf(r[16]!), 0.5, true, '×')} | ${against(p95Of(r[10]!), 50, false, 'ms')} |`,
    ),
  ];
  return lines.join('\n');
}

function n(x: number) {
  return x.toLocaleString('en');
}
const wait = FULL.volunteers - FULL.places;

function render(tables: Map<string, Table>): string {
  const table = (id: string) => {
    const t = tables.get(id)!;
    const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
    return [
      `<!-- bench:${id}:start -->`,
      '',
      line(t.header),
      `|${t.header.map(() => ' --- ').join('|')}|`,
      ...t.rows.map(line),
      '',
      `<!-- bench:${id}:end -->`,
    ].join('\n');
  };
  const READS_Q = FULL_PAGE;
  const big = PAIRING.instances.at(-1)!;
  const arcs = n(big.volunteers * big.workers);
  const lpSpecs = PAIRING.instances.filter((i) => lpSize(i).columns <= PAIRING.highsMaxColumns);
  const lpSizes = [...new Set(lpSpecs.map((i) => `${n(i.volunteers)} × ${n(i.workers)}`))];
  return `# Benchmarks

\`npm run bench\` (tests/bench/run.ts) runs the benchmarks below, one after the other, and
appends one row per run (per instance, per query and connection count) to each table; earlier
rows are kept, so the history shows what changed. \`npm run bench -- --only signups\`,
\`--only reads\` or \`--only pairing\` runs one of them and leaves the other tables as they are;
\`--preset tiny|small|district|city\` chooses the read benchmark's data (the scale generator's
database \`gj_<preset>\`, built when missing; without it the full run uses \`gj_city\` if it
exists, else the Qingshan demo seed). \`npm run bench:smoke\` runs a small version of every
benchmark, checks the same outcome (exit code 1 when it fails) and writes nothing here; CI runs
it before the tests. Commit "-dirty"
means the working tree had uncommitted changes; **Load** is the machine's one-minute load
average when the run started: anything well above zero means other work shared the cores and
the figures are pessimistic.

## Sign-up contention

Every run uses a fresh database (a scratch database \`gj_bench_…\` on \`TEST_DATABASE_URL\` or
\`DATABASE_URL\` when set, else a throw-away embedded PostgreSQL) and API processes started as
in production (\`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, no background jobs). The client runs
on the same machine as the APIs and the database, so the figures describe the whole system on
that machine.

${n(FULL.volunteers)} volunteers with bearer tokens press "sign up" for one shift of ${n(FULL.places)} places at
the same moment: every request is sent at once, with at most ${n(FULL.concurrency)} in flight (the rest queue
in the client), alternating between two API processes on the same database. A sign-up takes the
shift's row lock (\`SELECT … FOR UPDATE\`), so the sign-ups of one shift queue up in the
database however many processes serve them — this is the worst case, every request fighting
for one row. Before the measured run, both processes are warmed up with ${n(FULL.warmup)} sign-ups (not
measured) on another shift.

- **Wall time**: first request sent to last answer received; **throughput** = sign-ups
  answered ÷ wall time.
- **p50 / p95 / p99**: latency of one request as the client sees it (including the time it
  waits for the shift's lock behind the others), nearest rank.
- **Outcome**: the run is good only if exactly ${n(FULL.places)} answers are CONFIRMED, ${n(wait)} are
  WAITLISTED with positions 1..${wait}, no request fails (HTTP, GraphQL or payload error), and the
  database agrees (\`confirmed_count\` ${FULL.places}, ${FULL.places} CONFIRMED rows, \`waitlist_count\` ${wait},
  tickets 1..${wait}).

${table('signup-contention')}

## Read path: our API against PostGraphile and the bare-SQL limit

Four reads a page of the product makes, each answered by three servers on the same database,
each server in its own process with a pool of 10 connections: **ours** (the API as in
production, \`NODE_ENV=production\`, started by tests/bench/api-launcher.ts), **PostGraphile
4.14.1** as a library in a node:http server (\`public\` plus a \`bench\` schema, below; no
GraphiQL, \`disableQueryLog\`, \`dynamicJson\`, \`setofFunctionsContainNulls: false\`,
\`ignoreRBAC: false\`, the bearer token's hash passed in \`pgSettings\`), and **bare SQL**, the
limit: a node:http handler running ONE hand-written statement that builds the JSON in
PostgreSQL (\`json_agg\` / \`json_build_object\`) and sends its text as it is
(tests/bench/reads/). Before anything is timed, the three answers to every query are reduced to
their essential figures (database ids, statuses, amounts, ratios, ranks) at two page sizes and
must be equal; a query whose answers differ is not timed and fails the run.

- **Q1 community dashboard** (admin): the community with the most units, its first ${READS_Q.units}
  units (by name) and its first ${READS_Q.commitments} commitments (by id) with unit and progress (verified, ratio,
  expected ratio, behind). Our schema has no \`Unit.commitments\`, so the dashboard reads the
  community's commitments flat (\`commitments(filter: {communityId})\`); the others return
  the same rows.
- **Q2 eligible shifts** (signed in as the volunteer with the most eligible shifts):
  \`shifts(filter: {eligibleForMe: true}, first: ${READS_Q.shifts})\` with activity, community and places
  left; PostGraphile and SQL write the same rule out (upcoming, open, required skills held, not
  signed up already, no clash with a confirmed sign-up).
- **Q3 unit standings** of that community for this year: rank, rate, counts, lagging.
- **Q4 deep node fetch**: \`node(id)\` of a shift → activity → community → its first ${READS_Q.deepUnits}
  units → their grid (5 levels).

PostGraphile cannot compute progress, standings or the eligibility rule with its default
filters, so the bench installs (and drops at the end) a \`bench\` schema: a view
\`bench.commitment_progress\` joined to commitments by a smart comment, and the functions
\`bench.unit_standings(community, year)\` and \`bench.eligible_shifts()\` (the bare-SQL
statements use the same definitions). Nothing is added to the app's migrations.

- **Ours / PostGraphile / Bare SQL**: requests answered per second, autocannon 8 in the runner
  process, each cell ${READS.duration} s after ${READS.warmup} s of warm-up, at 1, 16 and 64 connections;
  **p50 / p95 / p99**: latency per request as autocannon sees it (nearest rank over every
  answer). The ratios are our throughput divided by the other's: below 1 means slower.
- **Statements per request** (second table), at a small page (${SMALL_PAGE.units} units, ${SMALL_PAGE.commitments} commitments,
  ${SMALL_PAGE.shifts} shifts, ${SMALL_PAGE.deepUnits} deep units) → the benchmark's page: ours counted on an
  in-process API on the same database (every statement its knex connection sends, the session
  lookup included), PostGraphile and SQL by their pools (PostGraphile's 4 are \`begin\`,
  \`set_config\` for \`pgSettings\`, the query, \`commit\`). The same number at both sizes
  means no statement per row. The local server has no \`pg_stat_statements\` (not in
  \`shared_preload_libraries\`), hence the counting in the clients.
- **CPU per request**: user + system CPU time of the server's own process (from
  \`/proc/<pid>/stat\`) over the timed cells, divided by the requests it answered — PostgreSQL's
  work is not in it. On a shared machine this is steadier than throughput: it says how much of
  a core one answer costs, whatever else runs.

${table('reads')}

${table('read-statements')}

Where our time goes: \`npx tsx tests/bench/reads/profile.ts <database url> [q1 q2 q3 q4]\`
prints, per query, the statements our API issues with EXPLAIN ANALYZE of each, a request's wall
time against its CPU time and its SQL time, and a CPU profile of a production API process under
16 connections, by function and by package (kept as os.tmpdir()/gj-<query>.cpuprofile).

### Against the goals (latest run, 16 connections)

The issue's goals on this 2-core machine at city scale: Q1–Q3 at ≥ 1.0× PostGraphile's
throughput and ≥ 0.5× the bare-SQL limit, p95 under 50 ms at 16 clients, statements per request
constant in the page size (met: see the statements table).

${goalsTable(tables.get('reads')!)}

What stands in the way: not the SQL. Our API sends 3–7 statements a request, each well under a
millisecond, and the count does not grow with the page. What costs is our own process: its CPU
per request (statements table) is about 3× PostGraphile's. PostGraphile answers each of these
with one statement whose JSON PostgreSQL builds, then graphql-js walks it with trivial
synchronous resolvers. Ours resolves the answer field by field: type-graphql's resolver wrappers,
our field resolvers, and a DataLoader promise for every relation on every row. The CPU profile
of Q1 under 16 connections (tests/bench/reads/profile.ts) has no hot spot left: garbage
collection about 20 %, the PostgreSQL wire protocol (sending statements, decoding every column
of the rows) about 15 %, and graphql-js execution with its promise bookkeeping most of the rest.

What changed to get here. CPU per request comes from the statements table: the run on 9b160c2,
then those on 30b7747 and 80ba4a4. 9b160c2 ran on another machine (Intel Xeon, PostgreSQL 15), so
those pairs are indicative. Measured back to back on one machine with tests/bench/reads/profile.ts
(a production API, CPU profiler attached, 16 connections, 8 s), rows instead of entities took Q1
from 244 to 502 answers, and rows for unit standings took Q3 from 1,031 to 1,693.
- List pages and by-id loaders no longer build MikroORM entities (25–35 µs each). They build
  read-only rows of the entity class, with a per-request row cache (docs/ARCHITECTURE.md,
  "Reads build rows, writes build entities"). Q1's CPU per request went from 18.5 to
  12.2–13.5 ms, and Q4's from 5.9 to 3.8–4.1 ms.
- Unit standings read rows: Q3 went from 6.5 to 4.5 ms, reaching 0.60× PostGraphile.
- Eligible shifts take one statement instead of three; the volunteer and their sign-ups are
  subqueries: Q2 went from 6 to 4 statements and from 11.2 to 6.4–6.5 ms.
- Progress figures parse each date once.

Closing the remaining 2–3× would take what PostGraphile does: compile each GraphQL selection into
one SQL statement that returns finished JSON. Our resolver → service → policy layering
deliberately does not do that, because it keeps authorisation in one place. The other way is an
executor that compiles queries (graphql-jit) in place of graphql-js. Runs on this shared 2-core
VM spread widely: Q1 answered 105/s on 30b7747 and 81/s on the next commit, whose changes can
only have made Q1 cheaper.

The p95 goal at 16 clients is out of reach on two cores for Q1 even for PostGraphile: its p50
alone is above 50 ms. Sixteen requests queue for two cores that PostgreSQL and the load
generator share.

## Volunteer shift list, server-rendered

What a volunteer waits for when they open the shift list on their phone: \`GET /shifts\` on the
built web app (remix-serve, \`NODE_ENV=production\`), whose loader asks a production API process
for the page in one GraphQL request, on the Qingshan demo data, signed in as
\`volunteer.jianan\` through the login form. Time to the last byte of the HTML, one request after
another after a warm-up (tests/bench/ssr.ts). The goal (issue 6) is under 200 ms.

${table('ssr-shifts')}

## Pairing solver

The optimal social worker ← volunteer pairing (api/src/modules/pairing/solver.ts, a min-cost
flow) on generated instances: every volunteer × worker pair is admissible, with scores shaped
like the real ones (specialty matches, same grid, schedule overlap — a clash, 30 % of pairs,
scores below zero and is never proposed — and the worker's capacity), from a seeded
pseudo-random generator, so every run solves the same instances (tests/bench/pairing-instance.ts).
The workers' capacity is spread evenly and totals a percentage of the volunteers: below 100 %
some volunteers must stay unpaired, above it some capacity stays unused.

- **Solver time**: \`solveAssignment()\` alone (the instance is built first, not timed), in a
  child process of its own, one instance at a time.
- **Solver peak memory**: that child's peak resident memory (\`process.resourceUsage().maxRSS\`),
  the instance's arrays included; in brackets its resident memory once the instance was built,
  before solving. Nothing else runs in that process.
- **Paired / total score**: the plan found: volunteers paired and the sum of their scores.
- **HiGHS**: the same instance as a linear program (one column per pair scoring above zero, one
  row per volunteer and per worker), solved by HiGHS (the \`highs\` package, WebAssembly, one
  thread) in another child process, given ${PAIRING.highsTimeLimitSeconds} s. The constraint matrix is totally unimodular,
  so the LP optimum is the best integer total and must equal the solver's (the run fails
  otherwise). Instances above ${n(PAIRING.highsMaxColumns)} columns are not given to HiGHS (${lpSizes.join(' and ')} are).

${n(big.volunteers)} × ${n(big.workers)} takes minutes, not seconds: the solver adds the volunteers one at a time,
each along a shortest path (Dijkstra over the workers) in the residual network — successive
shortest paths — and every placed volunteer's ${n(big.workers)} admissible pairs feed the heaps the next
searches read, so the work grows with all ${arcs} admissible pairs and with how many
volunteers later paths move. It is exact (never greedy); its results are checked against brute
force and HiGHS in solver.test.ts and against HiGHS here.

${table('pairing-solver')}
`;
}

function parse(text: string, id: string, header: string[]): Table {
  const match = new RegExp(`<!-- bench:${id}:start -->([\\s\\S]*?)<!-- bench:${id}:end -->`).exec(
    text,
  );
  const rows = (match?.[1] ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|'))
    .slice(2) // header and separator
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replaceAll('\\|', '|')),
    );
  return { id, header, rows };
}

/** Appends this run's rows to docs/BENCHMARKS.md (created when missing), formatted by Prettier. */
export async function appendToReport(rows: {
  contention?: string[];
  pairing?: string[][];
  reads?: string[][];
  readStatements?: string[][];
  ssr?: string[];
}): Promise<void> {
  const existing = await fs.readFile(REPORT_PATH, 'utf8').catch(() => '');
  const contention = parse(existing, 'signup-contention', CONTENTION_HEADER);
  const pairing = parse(existing, 'pairing-solver', PAIRING_HEADER);
  const reads = parse(existing, 'reads', READS_HEADER);
  const readStatements = parse(existing, 'read-statements', READ_STATEMENTS_HEADER);
  const ssr = parse(existing, 'ssr-shifts', SSR_HEADER);
  if (rows.contention) contention.rows.push(rows.contention);
  if (rows.pairing) pairing.rows.push(...rows.pairing);
  if (rows.reads) reads.rows.push(...rows.reads);
  if (rows.readStatements) readStatements.rows.push(...rows.readStatements);
  if (rows.ssr) ssr.rows.push(rows.ssr);
  const text = render(
    new Map([
      [contention.id, contention],
      [pairing.id, pairing],
      [reads.id, reads],
      [readStatements.id, readStatements],
      [ssr.id, ssr],
    ]),
  );
  const config = (await prettier.resolveConfig(REPORT_PATH)) ?? {};
  await fs.writeFile(
    REPORT_PATH,
    await prettier.format(text, { ...config, filepath: REPORT_PATH }),
  );
}
