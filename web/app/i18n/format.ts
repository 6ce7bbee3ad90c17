// Number formatting in the language the page is rendered in.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useNumberFormat(): Intl.NumberFormat {
  const { i18n } = useTranslation();
  return useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
}

/** Everything in Qingshan happens in Asia/Shanghai, whatever the device's time zone. */
export const timeZone = 'Asia/Shanghai';

export interface DateTimeFormats {
  /** e.g. 12月3日 周三 / Wed, Dec 3 */
  day(iso: string): string;
  /** e.g. 09:00 */
  time(iso: string): string;
  /** e.g. 12月3日 周三 09:00–11:00 (the end's day is added when it differs) */
  range(startIso: string, endIso: string): string;
}

export function useDateTimeFormat(): DateTimeFormats {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(i18n.language, {
      timeZone,
      month: 'short',
      day: 'numeric',
      weekday: 'short',
    });
    const time = new Intl.DateTimeFormat(i18n.language, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const formats: DateTimeFormats = {
      day: (iso) => day.format(new Date(iso)),
      time: (iso) => time.format(new Date(iso)),
      range(startIso, endIso) {
        const startDay = formats.day(startIso);
        const endDay = formats.day(endIso);
        const end =
          endDay === startDay ? formats.time(endIso) : `${endDay} ${formats.time(endIso)}`;
        return `${startDay} ${formats.time(startIso)}–${end}`;
      },
    };
    return formats;
  }, [i18n.language]);
}

/** A full timestamp for history lists, e.g. 2026/12/03 09:00 (the Shanghai clock). */
export function useTimestampFormat(): Intl.DateTimeFormat {
  const { i18n } = useTranslation();
  return useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language, {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    [i18n.language],
  );
}

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Midnight at the start of a YYYY-MM-DD day in Asia/Shanghai (UTC+8, no daylight saving). */
export function startOfShanghaiDay(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const time = Date.parse(`${day}T00:00:00+08:00`);
  return Number.isNaN(time) ? null : new Date(time);
}

/** A YYYY-MM-DD day, e.g. 2026年11月27日 / Nov 27, 2026. */
export function useDayFormat(): (day: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
    return (day: string) => format.format(new Date(`${day}T00:00:00+08:00`));
  }, [i18n.language]);
}
