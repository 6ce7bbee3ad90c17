// Solver benchmark: `npx tsx tests/bench/pairing.ts`. Prints time and memory of the optimal
// pairing solver on 50,000 volunteers × 500 social workers (every pair admissible, scores like
// the real ones), with total capacity below and above the number of volunteers, and HiGHS on a
// smaller instance for comparison (its optimum must equal the solver's).
import highsModule from 'highs';
import { solveAssignment, type SolverInput } from '../../api/src/modules/pairing/solver.js';

const loadHighs = ((highsModule as unknown as { default?: unknown }).default ??
  highsModule) as unknown as typeof highsModule.default;

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scores shaped like scoring.ts: 0–2 specialty matches × 40, grid 20, overlap 0–50 or −30, capacity. */
function instance(volunteers: number, workers: number, totalCapacity: number, seed = 1) {
  const rnd = random(seed);
  const capacities = Array.from(
    { length: workers },
    (_, w) => Math.floor(totalCapacity / workers) + (w < totalCapacity % workers ? 1 : 0),
  );
  const arcStart = new Int32Array(volunteers + 1);
  const arcWorker = new Int32Array(volunteers * workers);
  const arcScore = new Int32Array(volunteers * workers);
  const workerSpecialty = Array.from({ length: workers }, () => Math.floor(rnd() * 12));
  const workerGrid = Array.from({ length: workers }, () => Math.floor(rnd() * 40));
  for (let v = 0; v < volunteers; v++) {
    arcStart[v] = v * workers;
    const serves = new Set([Math.floor(rnd() * 12), Math.floor(rnd() * 12)]);
    const grid = Math.floor(rnd() * 40);
    for (let w = 0; w < workers; w++) {
      const a = v * workers + w;
      const overlap = rnd() < 0.3 ? -30 : Math.floor(rnd() * 51);
      arcWorker[a] = w;
      arcScore[a] =
        (serves.has(workerSpecialty[w]!) ? 40 : 0) +
        (grid === workerGrid[w] ? 20 : 0) +
        overlap +
        2 * Math.min(capacities[w]!, 10);
    }
  }
  arcStart[volunteers] = volunteers * workers;
  return { volunteerCount: volunteers, capacities, arcStart, arcWorker, arcScore };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function run(label: string, input: SolverInput) {
  global.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const result = solveAssignment(input);
  const ms = performance.now() - started;
  const after = process.memoryUsage();
  console.log(
    `${label}: ${(ms / 1000).toFixed(2)} s, paired ${result.matchedCount}, total ${result.totalScore}, ` +
      `heap +${mb(after.heapUsed - before.heapUsed)} (rss ${mb(after.rss)})`,
  );
  return result;
}

const V = Number(process.env.BENCH_VOLUNTEERS ?? 50_000);
const W = Number(process.env.BENCH_WORKERS ?? 500);
console.log(`pairing solver, ${V} volunteers × ${W} workers, ${V * W} arcs`);
for (const [name, total] of [
  ['capacity below demand (60 %)', Math.floor(V * 0.6)],
  ['capacity above demand (150 %)', Math.floor(V * 1.5)],
] as const) {
  const input = instance(V, W, total);
  console.log(`  instance built (${mb(process.memoryUsage().rss)} rss)`);
  run(`  ${name}`, input);
}

// HiGHS on an instance it can finish, compared with the solver.
const small = { V: Number(process.env.BENCH_LP_VOLUNTEERS ?? 2_000), W: 50 };
const lpInput = instance(small.V, small.W, Math.floor(small.V * 0.8), 7);
const ours = run(`solver, ${small.V} × ${small.W}`, lpInput);
const highs = await loadHighs();
const terms: string[] = [];
const rows: string[] = [];
const perWorker: string[][] = Array.from({ length: small.W }, () => []);
for (let v = 0; v < small.V; v++) {
  const mine: string[] = [];
  for (let a = lpInput.arcStart[v]!; a < lpInput.arcStart[v + 1]!; a++) {
    if (lpInput.arcScore[a]! <= 0) continue;
    const x = `x${a}`;
    terms.push(`${lpInput.arcScore[a]} ${x}`);
    mine.push(x);
    perWorker[lpInput.arcWorker[a]!]!.push(x);
  }
  if (mine.length) rows.push(` v${v}: ${mine.join(' + ')} <= 1`);
}
perWorker.forEach(
  (xs, w) => xs.length && rows.push(` w${w}: ${xs.join(' + ')} <= ${lpInput.capacities[w]}`),
);
const lp = [
  'Maximize',
  ` obj: ${terms.join(' + ')}`,
  'Subject To',
  ...rows,
  'Bounds',
  ...terms.map((t) => ` 0 <= ${t.split(' ')[1]} <= 1`),
  'End',
].join('\n');
const started = performance.now();
const solution = highs.solve(lp);
console.log(
  `HiGHS LP, ${small.V} × ${small.W}: ${((performance.now() - started) / 1000).toFixed(2)} s, ` +
    `${solution.Status}, objective ${Math.round(solution.ObjectiveValue)} ` +
    `(solver ${ours.totalScore}: ${Math.round(solution.ObjectiveValue) === ours.totalScore ? 'equal' : 'DIFFERENT'}), rss ${mb(process.memoryUsage().rss)}`,
);
