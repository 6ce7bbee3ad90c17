// Service hours (志愿服务时长) by 《志愿服务记录与证明出具办法》: the time actually served at the
// shift, travel excluded. Pure functions: the attendance service supplies times and settings.

export type RoundingMode = 'down' | 'nearest' | 'up';

export interface Rounding {
  /** Step in minutes (1 = whole minutes, no further rounding). */
  minutes: number;
  mode: RoundingMode;
}

export interface ShiftWindow {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE_MS = 60_000;

/** Check-in opens this many minutes before a shift starts (and closes when it ends). */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 60;

/** When check-in opens and closes for a shift. */
export function checkInWindow(shift: ShiftWindow): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(shift.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * MINUTE_MS),
    closesAt: shift.endsAt,
  };
}

/** The shift's length in whole minutes: the most anyone can be credited for it. */
export function shiftMinutes(shift: ShiftWindow): number {
  return Math.max(0, Math.floor((shift.endsAt.getTime() - shift.startsAt.getTime()) / MINUTE_MS));
}

/**
 * Whole minutes between check-in and check-out that fall within the shift: arriving early and
 * staying late count for nothing, and leftover seconds are dropped.
 */
export function servedMinutes(checkedInAt: Date, checkedOutAt: Date, shift: ShiftWindow): number {
  const from = Math.max(checkedInAt.getTime(), shift.startsAt.getTime());
  const to = Math.min(checkedOutAt.getTime(), shift.endsAt.getTime());
  return to > from ? Math.floor((to - from) / MINUTE_MS) : 0;
}

/** Rounds whole minutes to a multiple of `step`: down, to the nearest (halves up), or up. */
export function roundMinutes(minutes: number, step: number, mode: RoundingMode): number {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`rounding step ${step}`);
  const whole = Math.max(0, Math.floor(minutes));
  const steps = whole / step;
  const rounded =
    mode === 'up' ? Math.ceil(steps) : mode === 'nearest' ? Math.round(steps) : Math.floor(steps);
  return rounded * step;
}

/**
 * The minutes credited for one attendance: served minutes within the shift, rounded by the
 * configured rule, never more than the shift itself lasts (rounding up cannot add time).
 */
export function serviceMinutes(
  checkedInAt: Date,
  checkedOutAt: Date,
  shift: ShiftWindow,
  rounding: Rounding,
): number {
  const rounded = roundMinutes(
    servedMinutes(checkedInAt, checkedOutAt, shift),
    rounding.minutes,
    rounding.mode,
  );
  return Math.min(rounded, shiftMinutes(shift));
}

/** Minutes as hours with two decimals, for display (50 → 0.83). */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes * 100) / 60) / 100;
}

/** Minutes as an exact two-decimal amount of hours, as commitments count them (90 → "1.50"). */
export function hoursAmount(minutes: number): string {
  return (Math.round((minutes * 100) / 60) / 100).toFixed(2);
}
