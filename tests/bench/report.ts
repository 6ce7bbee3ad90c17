// docs/BENCHMARKS.md: the text around the tables is written here; each run appends one row to
// its benchmark's table and keeps the rows of earlier runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { repoRoot } from '../../api/src/config.js';
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

const n = (x: number) => x.toLocaleString('en');
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
  return `# Benchmarks

\`npm run bench\` (tests/bench/run.ts) measures the platform under load and appends one row per
run to each table below; earlier rows are kept, so the history shows what changed. Every run
uses a fresh database (a scratch database \`gj_bench_…\` on \`TEST_DATABASE_URL\` or
\`DATABASE_URL\` when set, else a throw-away embedded PostgreSQL) and API processes started as
in production (\`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, no background jobs). The client runs
on the same machine as the APIs and the database, so the figures describe the whole system on
that machine. \`npm run bench:smoke\` runs a small version of every benchmark, checks the same
outcome (exit code 1 when it fails) and writes nothing here; CI runs it before the tests.

## Sign-up contention

${n(FULL.volunteers)} volunteers with bearer tokens press "sign up" for one shift of ${n(FULL.places)} places at
the same moment: every request is sent at once, with at most ${n(FULL.concurrency)} in flight (the rest queue
in the client), alternating between two API processes on the same database. A sign-up takes the
shift's row lock (\`SELECT … FOR UPDATE\`), so the sign-ups of one shift queue up in the
database however many processes serve them — this is the worst case, every request fighting
for one row. Before the measured run, both processes are warmed up with ${n(FULL.warmup)} sign-ups (not
measured) on another shift.

- **Load**: the machine's one-minute load average when the run started; anything well above
  zero means other work shared the cores and the figures are pessimistic.
- **Wall time**: first request sent to last answer received; **throughput** = sign-ups
  answered ÷ wall time.
- **p50 / p95 / p99**: latency of one request as the client sees it (including the time it
  waits for the shift's lock behind the others), nearest rank.
- **Outcome**: the run is good only if exactly ${n(FULL.places)} answers are CONFIRMED, ${n(wait)} are
  WAITLISTED with positions 1..${wait}, no request fails (HTTP, GraphQL or payload error), and the
  database agrees (\`confirmed_count\` ${FULL.places}, ${FULL.places} CONFIRMED rows, \`waitlist_count\` ${wait},
  tickets 1..${wait}).

${table('signup-contention')}
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
export async function appendToReport(rows: { contention: string[] }): Promise<void> {
  const existing = await fs.readFile(REPORT_PATH, 'utf8').catch(() => '');
  const contention = parse(existing, 'signup-contention', CONTENTION_HEADER);
  contention.rows.push(rows.contention);
  const text = render(new Map([[contention.id, contention]]));
  const config = (await prettier.resolveConfig(REPORT_PATH)) ?? {};
  await fs.writeFile(
    REPORT_PATH,
    await prettier.format(text, { ...config, filepath: REPORT_PATH }),
  );
}
