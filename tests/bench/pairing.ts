// Pairing-solver benchmark (part of `npm run bench`; alone: `npm run bench -- --only pairing`).
// For each instance, the optimal pairing solver (api/src/modules/pairing/solver.ts) runs in a
// child process of its own, so its time and peak memory are its own; where the instance is small
// enough for an LP, HiGHS solves the same instance in another child process and its optimum must
// equal the solver's total score.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../api/src/config.js';
import type { PairingChildRequest, PairingChildResult } from './pairing-child.js';
import { lpSize, totalCapacity, type PairingInstanceSpec } from './pairing-instance.js';

export interface PairingOptions {
  instances: PairingInstanceSpec[];
  /** HiGHS is given this much time (its `time_limit` option) before it counts as unfinished. */
  highsTimeLimitSeconds: number;
  /** Instances whose LP has more columns than this are not given to HiGHS at all. */
  highsMaxColumns: number;
}

const instances = (sizes: [number, number, number][], percents: number[]) =>
  sizes.flatMap(([volunteers, workers, seed]) =>
    percents.map((capacityPercent) => ({ volunteers, workers, capacityPercent, seed })),
  );

export const FULL: PairingOptions = {
  instances: instances(
    [
      [2_000, 50, 1],
      [5_000, 100, 2],
      [50_000, 500, 3],
    ],
    [60, 150],
  ),
  highsTimeLimitSeconds: 300,
  highsMaxColumns: 1_000_000,
};

export const SMOKE: PairingOptions = {
  instances: instances([[300, 10, 1]], [60, 150]),
  highsTimeLimitSeconds: 30,
  highsMaxColumns: 1_000_000,
};

export type HighsOutcome =
  | { kind: 'finished'; result: PairingChildResult }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'skipped'; rows: number; columns: number }
  | { kind: 'failed'; error: string };

export interface PairingInstanceResult {
  spec: PairingInstanceSpec;
  solver: PairingChildResult | { error: string };
  highs: HighsOutcome;
  /** Empty when the run is good: solver finished, plan feasible in size, HiGHS agrees where it finished. */
  problems: string[];
}

const childScript = path.join(repoRoot, 'tests/bench/pairing-child.ts');

/** Runs one child; resolves with its result, or rejects (error or `timeout` after `killAfterMs`). */
function runChild(request: PairingChildRequest, killAfterMs: number): Promise<PairingChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', childScript, JSON.stringify(request)],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, killAfterMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('exit', killOnExit);
      if (timedOut) return reject(new Error('timeout'));
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{'))
        return resolve(JSON.parse(last) as PairingChildResult);
      const why = stderr.trim().split('\n').slice(-3).join(' ') || `exit ${signal ?? code}`;
      reject(new Error(why));
    });
  });
}

export const describeSpec = (spec: PairingInstanceSpec) =>
  `${spec.volunteers.toLocaleString('en')} × ${spec.workers.toLocaleString('en')}, capacity ${spec.capacityPercent} %`;

export async function runPairingBenchmark(
  options: PairingOptions,
  log: (line: string) => void,
): Promise<PairingInstanceResult[]> {
  const results: PairingInstanceResult[] = [];
  for (const spec of options.instances) {
    const problems: string[] = [];
    log(`pairing ${describeSpec(spec)}: solver`);
    let solver: PairingInstanceResult['solver'];
    try {
      // No limit in practice: the solver must finish (50,000 × 500 takes minutes).
      solver = await runChild({ kind: 'solver', spec }, 3 * 60 * 60 * 1000);
      const most = Math.min(spec.volunteers, totalCapacity(spec));
      if ((solver.paired ?? 0) > most) problems.push(`paired ${solver.paired} > ${most}`);
      log(
        `  ${(solver.solveMs / 1000).toFixed(2)} s, paired ${solver.paired}, total ${solver.total}`,
      );
    } catch (error) {
      solver = { error: (error as Error).message };
      problems.push(`solver failed: ${solver.error}`);
    }

    let highs: HighsOutcome;
    const size = lpSize(spec);
    if (size.columns > options.highsMaxColumns) {
      highs = { kind: 'skipped', ...size };
    } else {
      log(`pairing ${describeSpec(spec)}: HiGHS`);
      const seconds = options.highsTimeLimitSeconds;
      try {
        // HiGHS stops itself at its time limit; the kill is for a hang while parsing or building.
        const result = await runChild(
          { kind: 'highs', spec, timeLimitSeconds: seconds },
          (2 * seconds + 120) * 1000,
        );
        highs =
          result.status === 'Optimal' || result.status !== 'Time limit reached'
            ? { kind: 'finished', result }
            : { kind: 'timeout', seconds };
        if (highs.kind === 'finished') {
          log(
            `  ${(result.solveMs / 1000).toFixed(2)} s, ${result.status}, objective ${result.total}`,
          );
          if (result.status !== 'Optimal') problems.push(`HiGHS: ${result.status}`);
          else if ('total' in solver && result.total !== solver.total) {
            problems.push(`HiGHS optimum ${result.total} ≠ solver total ${solver.total}`);
          }
        }
      } catch (error) {
        const message = (error as Error).message;
        highs =
          message === 'timeout' ? { kind: 'timeout', seconds } : { kind: 'failed', error: message };
      }
    }
    results.push({ spec, solver, highs, problems });
  }
  return results;
}
