// Calendar days in Asia/Shanghai, the zone every date a person sees is computed in.
import { DISPLAY_TIME_ZONE } from './scalars.js';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Asia/Shanghai has been UTC+08:00 all year since 1992, so from then on the day of an instant is
// its UTC day shifted by 8 hours: the last answer is reused while the instant stays in that day
// (a page of 100 commitments asks 100 times; Intl formatting is what costs).
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
let lastDay = { day: Number.NaN, text: '' };

/** Today (or the day of `instant`) in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDate(instant: Date = new Date()): string {
  const ms = instant.getTime();
  if (!(ms >= FIXED_OFFSET_SINCE)) return dayFormat.format(instant);
  const day = Math.floor((ms + SHANGHAI_OFFSET_MS) / 86_400_000);
  if (day !== lastDay.day) lastDay = { day, text: dayFormat.format(instant) };
  return lastDay.text;
}

const DAY_MS = 86_400_000;

// Lists compare the same few dates (period starts and ends, today) again and again: parsing
// each once is what makes progress figures cheap for a page of commitments.
const dayNumbers = new Map<string, number>();

function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    if (dayNumbers.size >= 10_000) dayNumbers.clear();
    dayNumbers.set(date, day);
  }
  return day;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
