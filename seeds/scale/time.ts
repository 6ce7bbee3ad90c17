// Days and instants in Asia/Shanghai (UTC+8, no daylight saving time).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/** The Asia/Shanghai calendar day of an instant, YYYY-MM-DD. */
export const shanghaiDay = (instant: Date): string =>
  new Date(instant.getTime() + OFFSET).toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** 1 = Monday … 7 = Sunday. */
export const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;

/** Milliseconds of `minutes` after midnight of `day`, Asia/Shanghai. */
export const at = (day: string, minutes: number): number =>
  Date.parse(`${day}T00:00:00Z`) - OFFSET + minutes * MINUTE;

export const isDay = (value: string): boolean => {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
};
