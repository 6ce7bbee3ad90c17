// Progress of a commitment against the share of its period already elapsed.
import { daysBetween } from '../../graphql/dates.js';
import { toHundredths } from './amounts.js';
import { CommitmentStatus } from './commitment.enums.js';

/**
 * A commitment is *behind* when it is active and its verified share is more than 15 percentage
 * points below the share of its period already elapsed (e.g. 60 % done with 80 % of the year
 * gone). So nobody is behind in the first 15 % of a period.
 */
export const BEHIND_MARGIN = 0.15;

/** Share of the period [start, end] elapsed by the end of `today`, between 0 and 1. */
export function elapsedShare(periodStart: string, periodEnd: string, today: string): number {
  const total = daysBetween(periodStart, periodEnd) + 1;
  const done = daysBetween(periodStart, today) + 1;
  return Math.min(1, Math.max(0, done / total));
}

export interface ProgressFigures {
  verified: number;
  pending: number;
  target: number;
  ratio: number;
  expectedRatio: number;
  behind: boolean;
}

export function progressOf(
  commitment: {
    verifiedAmount: string;
    pendingAmount: string;
    targetAmount: string;
    periodStart: string;
    periodEnd: string;
    status: CommitmentStatus;
  },
  today: string,
): ProgressFigures {
  const verified = toHundredths(commitment.verifiedAmount);
  const target = toHundredths(commitment.targetAmount);
  const ratio = target > 0 ? verified / target : 0;
  const expectedRatio = elapsedShare(commitment.periodStart, commitment.periodEnd, today);
  return {
    verified: verified / 100,
    pending: toHundredths(commitment.pendingAmount) / 100,
    target: target / 100,
    ratio,
    expectedRatio,
    behind: commitment.status === CommitmentStatus.ACTIVE && ratio < expectedRatio - BEHIND_MARGIN,
  };
}
