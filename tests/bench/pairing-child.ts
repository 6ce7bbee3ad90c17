// One measurement of the pairing benchmark, in its own process so that its peak memory
// (`process.resourceUsage().maxRSS`) is its own: `tsx tests/bench/pairing-child.ts <json>` with
// { kind: 'solver' | 'highs', spec, timeLimitSeconds? }. Prints one JSON line (PairingChildResult).
import highsModule from 'highs';
import { solveAssignment } from '../../api/src/modules/pairing/solver.js';
import { buildInstance, toLp, type PairingInstanceSpec } from './pairing-instance.js';

// `highs` is CommonJS with an ESM build: TypeScript sees module.exports, tsx the ESM default.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ??
  highsModule) as unknown as typeof highsModule.default;

export interface PairingChildRequest {
  kind: 'solver' | 'highs';
  spec: PairingInstanceSpec;
  /** HiGHS only: its `time_limit` option, in seconds. */
  timeLimitSeconds?: number;
}

export interface PairingChildResult {
  kind: 'solver' | 'highs';
  /** Building the instance (and, for HiGHS, its LP text). */
  buildMs: number;
  /** The solve alone: solveAssignment(), or highs.solve() including parsing the LP text. */
  solveMs: number;
  /** Resident memory once the instance was built, before solving (bytes). */
  rssBeforeSolve: number;
  /** Peak resident memory of this process (bytes): instance + solve. */
  maxRss: number;
  /** Solver: the plan's total score; HiGHS: the rounded LP objective (null unless optimal). */
  total: number | null;
  /** Solver only: volunteers paired. */
  paired?: number;
  /** HiGHS only: its model status ("Optimal", "Time limit reached", …). */
  status?: string;
}

const request = JSON.parse(process.argv[2] ?? '') as PairingChildRequest;
const buildStarted = performance.now();
const input = buildInstance(request.spec);
let result: PairingChildResult;
if (request.kind === 'solver') {
  const buildMs = performance.now() - buildStarted;
  const rssBeforeSolve = process.memoryUsage().rss;
  const started = performance.now();
  const plan = solveAssignment(input);
  const solveMs = performance.now() - started;
  result = {
    kind: 'solver',
    buildMs,
    solveMs,
    rssBeforeSolve,
    maxRss: process.resourceUsage().maxRSS * 1024,
    total: plan.totalScore,
    paired: plan.matchedCount,
  };
} else {
  const lp = toLp(input);
  const highs = await loadHighs();
  const buildMs = performance.now() - buildStarted;
  const rssBeforeSolve = process.memoryUsage().rss;
  const started = performance.now();
  const solution = highs.solve(lp, {
    time_limit: request.timeLimitSeconds ?? Number.POSITIVE_INFINITY,
  });
  const solveMs = performance.now() - started;
  result = {
    kind: 'highs',
    buildMs,
    solveMs,
    rssBeforeSolve,
    maxRss: process.resourceUsage().maxRSS * 1024,
    total: solution.Status === 'Optimal' ? Math.round(solution.ObjectiveValue) : null,
    status: solution.Status,
  };
}
console.log(JSON.stringify(result));
