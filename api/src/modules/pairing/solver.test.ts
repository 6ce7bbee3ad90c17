import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import highsModule from 'highs';
import { arcsFromPairs, solveAssignment, type SolverInput } from './solver.js';

// `highs` is CommonJS with an ESM build: TypeScript sees module.exports, vitest the ESM default.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ??
  highsModule) as unknown as typeof highsModule.default;

interface Instance {
  volunteers: number;
  capacities: number[];
  pairs: { volunteer: number; worker: number; score: number }[];
}

const toInput = (instance: Instance): SolverInput => ({
  volunteerCount: instance.volunteers,
  capacities: instance.capacities,
  ...arcsFromPairs(instance.volunteers, instance.pairs),
});

/** Every plan, best (total score, then number paired) wins. */
function bruteForce(instance: Instance): { total: number; matched: number } {
  const byVolunteer = Array.from({ length: instance.volunteers }, (_, v) =>
    instance.pairs.filter((p) => p.volunteer === v),
  );
  const load = instance.capacities.map(() => 0);
  let best = { total: 0, matched: 0 };
  const walk = (v: number, total: number, matched: number) => {
    if (v === instance.volunteers) {
      if (total > best.total || (total === best.total && matched > best.matched)) {
        best = { total, matched };
      }
      return;
    }
    walk(v + 1, total, matched);
    for (const p of byVolunteer[v]!) {
      if (load[p.worker]! < instance.capacities[p.worker]!) {
        load[p.worker]!++;
        walk(v + 1, total + p.score, matched + 1);
        load[p.worker]!--;
      }
    }
  };
  walk(0, 0, 0);
  return best;
}

function checkFeasible(instance: Instance, assignment: Int32Array) {
  const load = instance.capacities.map(() => 0);
  assignment.forEach((w, v) => {
    if (w < 0) return;
    load[w]!++;
    expect(instance.pairs.some((p) => p.volunteer === v && p.worker === w)).toBe(true);
  });
  load.forEach((l, w) => expect(l).toBeLessThanOrEqual(instance.capacities[w]!));
}

const instanceArb = (maxV: number, maxW: number, maxCap: number, scores: fc.Arbitrary<number>) =>
  fc
    .record({
      volunteers: fc.integer({ min: 0, max: maxV }),
      capacities: fc.array(fc.integer({ min: 0, max: maxCap }), { minLength: 0, maxLength: maxW }),
    })
    .chain(({ volunteers, capacities }) =>
      fc
        .array(fc.option(scores, { freq: 3 }), {
          minLength: volunteers * capacities.length,
          maxLength: volunteers * capacities.length,
        })
        .map((cells) => ({
          volunteers,
          capacities,
          pairs: cells.flatMap((score, i) =>
            score === null
              ? []
              : [
                  {
                    volunteer: Math.floor(i / capacities.length),
                    worker: i % capacities.length,
                    score,
                  },
                ],
          ),
        })),
    );

describe('solveAssignment', () => {
  it('finds the brute-force optimum on small instances (negative, zero, inadmissible pairs)', () => {
    fc.assert(
      fc.property(
        instanceArb(6, 3, 3, fc.oneof(fc.integer({ min: -20, max: 60 }), fc.constant(0))),
        (instance) => {
          const result = solveAssignment(toInput(instance));
          const best = bruteForce(instance);
          expect(result.totalScore).toBe(best.total);
          expect(result.matchedCount).toBe(best.matched);
          checkFeasible(instance, result.assignment);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('finds the brute-force optimum when many pairs tie', () => {
    fc.assert(
      fc.property(instanceArb(6, 3, 2, fc.integer({ min: -1, max: 2 })), (instance) => {
        const result = solveAssignment(toInput(instance));
        const best = bruteForce(instance);
        expect([result.totalScore, result.matchedCount]).toEqual([best.total, best.matched]);
        checkFeasible(instance, result.assignment);
      }),
      { numRuns: 1500 },
    );
  });

  it('matches the LP optimum from HiGHS on medium instances', async () => {
    const highs = await loadHighs();
    fc.assert(
      fc.property(
        instanceArb(60, 8, 12, fc.integer({ min: -30, max: 200 })).filter(
          (i) => i.volunteers >= 30 && i.capacities.length >= 4,
        ),
        (instance) => {
          const result = solveAssignment(toInput(instance));
          checkFeasible(instance, result.assignment);
          const useful = instance.pairs.filter((p) => p.score > 0);
          if (useful.length === 0) {
            expect(result.totalScore).toBe(0);
            return;
          }
          const x = (p: { volunteer: number; worker: number }) => `x_${p.volunteer}_${p.worker}`;
          const rows: string[] = [];
          for (let v = 0; v < instance.volunteers; v++) {
            const mine = useful.filter((p) => p.volunteer === v);
            if (mine.length) rows.push(` v${v}: ${mine.map(x).join(' + ')} <= 1`);
          }
          instance.capacities.forEach((c, w) => {
            const mine = useful.filter((p) => p.worker === w);
            if (mine.length) rows.push(` w${w}: ${mine.map(x).join(' + ')} <= ${c}`);
          });
          const lp = [
            'Maximize',
            ` obj: ${useful.map((p) => `${p.score} ${x(p)}`).join(' + ')}`,
            'Subject To',
            ...rows,
            'Bounds',
            ...useful.map((p) => ` 0 <= ${x(p)} <= 1`),
            'End',
          ].join('\n');
          const solution = highs.solve(lp);
          expect(solution.Status).toBe('Optimal');
          expect(result.totalScore).toBe(Math.round(solution.ObjectiveValue));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is deterministic and does not depend on the order of the arcs', () => {
    fc.assert(
      fc.property(
        instanceArb(10, 4, 3, fc.integer({ min: -5, max: 5 })),
        fc.integer(),
        (instance, seed) => {
          const a = solveAssignment(toInput(instance));
          const shuffled = [...instance.pairs].sort(
            (p, q) =>
              ((p.volunteer * 31 + p.worker) ^ seed) - ((q.volunteer * 31 + q.worker) ^ seed),
          );
          const b = solveAssignment(toInput({ ...instance, pairs: shuffled }));
          expect([...b.assignment]).toEqual([...a.assignment]);
          expect(b.reasons).toEqual(a.reasons);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('explains why volunteers stay unpaired', () => {
    const instance: Instance = {
      volunteers: 4,
      capacities: [1, 0, 1],
      pairs: [
        { volunteer: 0, worker: 0, score: 10 },
        { volunteer: 1, worker: 0, score: 5 }, // worker 0 goes to volunteer 0
        { volunteer: 2, worker: 2, score: -3 }, // only a negative option
        { volunteer: 2, worker: 1, score: 50 }, // ...and a full worker
        // volunteer 3: nobody admissible
      ],
    };
    const result = solveAssignment(toInput(instance));
    expect([...result.assignment]).toEqual([0, -1, -1, -1]);
    expect(result.reasons).toEqual([null, 'ALL_FULL', 'NOT_WORTH_IT', 'NO_ADMISSIBLE_WORKER']);
  });

  it('moves an earlier volunteer when that raises the total (not greedy)', () => {
    // Greedy in volunteer order gives v0→w0 (10) and leaves v1 unpaired: total 10.
    // The optimum is v0→w1 (9) and v1→w0 (10): total 19.
    const instance: Instance = {
      volunteers: 2,
      capacities: [1, 1],
      pairs: [
        { volunteer: 0, worker: 0, score: 10 },
        { volunteer: 0, worker: 1, score: 9 },
        { volunteer: 1, worker: 0, score: 10 },
      ],
    };
    const result = solveAssignment(toInput(instance));
    expect([...result.assignment]).toEqual([1, 0]);
    expect(result.totalScore).toBe(19);
  });
});
