// Deterministic pairing instances for the solver benchmark, and the same instance as an LP for
// HiGHS. Shared by the benchmark runner (tests/bench/pairing.ts) and its child process.
import type { SolverInput } from '../../api/src/modules/pairing/solver.js';

export interface PairingInstanceSpec {
  volunteers: number;
  workers: number;
  /** Total capacity of the workers as a percentage of the number of volunteers. */
  capacityPercent: number;
  seed: number;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const totalCapacity = (spec: PairingInstanceSpec) =>
  Math.floor((spec.volunteers * spec.capacityPercent) / 100);

/**
 * Every (volunteer, worker) pair is admissible, with a score shaped like scoring.ts: 0–2
 * specialty matches × 40, same grid 20, schedule overlap 0–50 (or −30 for a clash, 30 % of
 * pairs), plus 2 × the worker's capacity up to 10. The capacity is spread evenly over the workers.
 */
export function buildInstance(spec: PairingInstanceSpec): SolverInput {
  const { volunteers, workers } = spec;
  const total = totalCapacity(spec);
  const rnd = random(spec.seed);
  const capacities = Array.from(
    { length: workers },
    (_, w) => Math.floor(total / workers) + (w < total % workers ? 1 : 0),
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

/** Rows and columns of the LP: one column per pair scoring > 0, one row per volunteer and worker. */
export function lpSize(spec: PairingInstanceSpec): { rows: number; columns: number } {
  // Every pair is admissible, most score > 0: count all of them (an upper bound, fixed by the size).
  return { rows: spec.volunteers + spec.workers, columns: spec.volunteers * spec.workers };
}

/**
 * The instance as a CPLEX LP for HiGHS, as in solver.test.ts: maximise Σ score·x over the pairs
 * scoring > 0 (a pair scoring 0 adds nothing, one below 0 is never worth taking), each volunteer
 * at most once, each worker at most its capacity, x ≥ 0 (x ≤ 1 follows from the volunteer row).
 * The constraint matrix is a bipartite incidence matrix (totally unimodular), so the LP optimum
 * is the integer optimum and must equal the solver's total score.
 */
export function toLp(input: SolverInput): string {
  const W = input.capacities.length;
  const objective: string[] = [];
  const rows: string[] = [];
  const perWorker: string[][] = Array.from({ length: W }, () => []);
  for (let v = 0; v < input.volunteerCount; v++) {
    const mine: string[] = [];
    for (let a = input.arcStart[v]!; a < input.arcStart[v + 1]!; a++) {
      if (input.arcScore[a]! <= 0) continue;
      const x = `x${a}`;
      objective.push(`${input.arcScore[a]} ${x}`);
      mine.push(x);
      perWorker[input.arcWorker[a]!]!.push(x);
    }
    if (mine.length) rows.push(` v${v}: ${mine.join(' + ')} <= 1`);
  }
  perWorker.forEach(
    (xs, w) => xs.length && rows.push(` w${w}: ${xs.join(' + ')} <= ${input.capacities[w]}`),
  );
  return ['Maximize', ` obj: ${objective.join(' + ')}`, 'Subject To', ...rows, 'End'].join('\n');
}
