// Exact amounts: numeric(14,2) strings from PostgreSQL, added and compared as whole hundredths.
import { type Measure, WHOLE_MEASURES } from './commitment.enums.js';

export const MAX_AMOUNT = 999_999_999_999.99;

export const toHundredths = (amount: string | number): number => Math.round(Number(amount) * 100);
export const fromHundredths = (hundredths: number): string => (hundredths / 100).toFixed(2);

export function addAmounts(a: string, b: string): string {
  return fromHundredths(toHundredths(a) + toHundredths(b));
}

export function subtractAmounts(a: string, b: string): string {
  return fromHundredths(toHundredths(a) - toHundredths(b));
}

export const atLeast = (a: string, b: string): boolean => toHundredths(a) >= toHundredths(b);

/** Why `amount` is not a valid quantity of `measure`, or null when it is. */
export function amountProblem(amount: number, measure: Measure): string | null {
  // 5e-324 is above zero but is stored as 0.00: what counts is the amount in hundredths.
  if (!Number.isFinite(amount) || toHundredths(amount) <= 0) return 'Enter an amount above zero.';
  if (amount > MAX_AMOUNT) return 'The amount is too large.';
  if (WHOLE_MEASURES.has(measure) && !Number.isInteger(amount)) {
    return 'This measure is counted in whole numbers.';
  }
  if (Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6) {
    return 'Use at most two decimal places.';
  }
  return null;
}

/** An amount as GraphQL's Float (null stays null). */
export const amountFloat = (value: string | null): number | null =>
  value === null ? null : Number(value);
