import { describe, expect, it } from 'vitest';
import { addAmounts, amountProblem, atLeast } from './amounts.js';
import { CommitmentStatus, Measure } from './commitment.enums.js';
import { elapsedShare, progressOf } from './progress.js';

const year = {
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  status: CommitmentStatus.ACTIVE,
};
const progress = (verified: string, today: string) =>
  progressOf(
    { ...year, verifiedAmount: verified, pendingAmount: '0', targetAmount: '100.00' },
    today,
  );

describe('elapsedShare', () => {
  it('counts whole Asia/Shanghai days, both ends included, clamped to 0–1', () => {
    expect(elapsedShare('2026-01-01', '2026-01-10', '2025-12-31')).toBe(0);
    expect(elapsedShare('2026-01-01', '2026-01-10', '2026-01-01')).toBeCloseTo(0.1);
    expect(elapsedShare('2026-01-01', '2026-01-10', '2026-01-05')).toBeCloseTo(0.5);
    expect(elapsedShare('2026-01-01', '2026-01-10', '2026-01-10')).toBe(1);
    expect(elapsedShare('2026-01-01', '2026-01-10', '2027-06-01')).toBe(1);
  });
});

describe('behind', () => {
  it('flags 20 % done with 80 % of the year gone', () => {
    const p = progress('20.00', '2026-10-20');
    expect(p.expectedRatio).toBeCloseTo(0.8, 2);
    expect(p).toMatchObject({ ratio: 0.2, behind: true });
  });

  it('allows up to 15 points behind schedule', () => {
    expect(progress('66.00', '2026-10-20').behind).toBe(false);
    expect(progress('64.00', '2026-10-20').behind).toBe(true);
  });

  it('flags nobody in the first 15 % of the period', () => {
    expect(progress('0.00', '2026-02-20').behind).toBe(false);
    expect(progress('0.00', '2026-03-01').behind).toBe(true);
  });

  it('applies to active commitments only', () => {
    const lapsed = progressOf(
      {
        ...year,
        status: CommitmentStatus.LAPSED,
        verifiedAmount: '1',
        pendingAmount: '0',
        targetAmount: '100',
      },
      '2027-01-05',
    );
    expect(lapsed.behind).toBe(false);
  });
});

describe('amounts', () => {
  it('adds and compares exactly where floats would not', () => {
    expect(0.7 + 0.1 >= 0.8).toBe(false);
    expect(atLeast(addAmounts('0.70', '0.10'), '0.80')).toBe(true);
    expect(addAmounts('999999999.99', '0.01')).toBe('1000000000.00');
  });

  it('knows which measures are whole numbers', () => {
    expect(amountProblem(2.5, Measure.EVENTS)).toMatch(/whole/);
    expect(amountProblem(2.5, Measure.VOLUNTEER_HOURS)).toBeNull();
    expect(amountProblem(12.345, Measure.FUNDS_YUAN)).toMatch(/two decimal/);
    expect(amountProblem(0, Measure.ITEMS)).toMatch(/above zero/);
  });
});
