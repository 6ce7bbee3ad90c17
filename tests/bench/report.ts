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
import { FULL, type ContentionResult } from './signup-contention.js';

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
  const big = PAIRING.instances.at(-1)!;
  const arcs = n(big.volunteers * big.workers);
  const lpSpecs = PAIRING.instances.filter((i) => lpSize(i).columns <= PAIRING.highsMaxColumns);
  const lpSizes = [...new Set(lpSpecs.map((i) => `${n(i.volunteers)} × ${n(i.workers)}`))];
  return `# Benchmarks

\`npm run bench\` (tests/bench/run.ts) runs the benchmarks below, one after the other, and
appends one row per run (per instance, for the pairing solver) to each table; earlier rows are
kept, so the history shows what changed. \`npm run bench -- --only signups\` or
\`npm run bench -- --only pairing\` runs one of them and leaves the other table as it is.
\`npm run bench:smoke\` runs a small version of every benchmark, checks the same outcome (exit
code 1 when it fails) and writes nothing here; CI runs it before the tests. Commit "-dirty"
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
}): Promise<void> {
  const existing = await fs.readFile(REPORT_PATH, 'utf8').catch(() => '');
  const contention = parse(existing, 'signup-contention', CONTENTION_HEADER);
  const pairing = parse(existing, 'pairing-solver', PAIRING_HEADER);
  if (rows.contention) contention.rows.push(rows.contention);
  if (rows.pairing) pairing.rows.push(...rows.pairing);
  const text = render(
    new Map([
      [contention.id, contention],
      [pairing.id, pairing],
    ]),
  );
  const config = (await prettier.resolveConfig(REPORT_PATH)) ?? {};
  await fs.writeFile(
    REPORT_PATH,
    await prettier.format(text, { ...config, filepath: REPORT_PATH }),
  );
}
