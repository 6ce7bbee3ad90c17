// Calendar arithmetic on plain dates (YYYY-MM-DD, YYYY-MM) in Asia/Shanghai, which has no daylight
// saving: a day is a UTC date shifted by 8 hours, so Date.UTC does all the work.
import { startOfShanghaiDay } from '../../i18n/format';

const DAY = 86_400_000;

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

const iso = (time: number) => new Date(time).toISOString().slice(0, 10);

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return iso(Date.UTC(y, m - 1, d) + n * DAY);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(day: string): number {
  const [y, m, d] = parts(day);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** A valid YYYY-MM, else the month of `today`. */
export function monthOf(value: string | null | undefined, today: string): string {
  if (value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    const year = Number(value.slice(0, 4));
    if (year >= 2000 && year <= 2100) return value;
  }
  return today.slice(0, 7);
}

/** `month` plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

export interface CalendarDay {
  day: string;
  inMonth: boolean;
}

/** The weeks (Monday first) that show `month`, with the neighbouring months' days filling them. */
export function monthWeeks(month: string): CalendarDay[][] {
  const first = `${month}-01`;
  const last = addDays(`${addMonths(month, 1)}-01`, -1);
  let day = addDays(first, 1 - weekday(first));
  const end = addDays(last, 7 - weekday(last));
  const weeks: CalendarDay[][] = [];
  while (day <= end) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ day, inMonth: day.startsWith(month) });
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** The instants the month's grid covers: from its first Monday to after its last Sunday. */
export function gridRange(month: string): { from: Date; to: Date } {
  const weeks = monthWeeks(month);
  const firstDay = weeks[0]![0]!.day;
  const lastDay = weeks.at(-1)!.at(-1)!.day;
  return {
    from: startOfShanghaiDay(firstDay)!,
    to: startOfShanghaiDay(addDays(lastDay, 1))!,
  };
}
