// A month of shifts: a Monday-first grid on wide screens, a list week by week on a phone (CSS
// decides which shows). Each shift links to its check-in screen.
import { Link } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityShiftSlotFragment } from '../../../../schema/generated/graphql';
import { shanghaiDay, useDateTimeFormat, useNumberFormat } from '../../i18n/format';
import { addMonths, monthWeeks } from './calendar';

function useCalendarFormats() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const lng = i18n.language;
    const utc = (day: string) => new Date(`${day}T00:00:00Z`);
    const month = new Intl.DateTimeFormat(lng, { timeZone: 'UTC', year: 'numeric', month: 'long' });
    const dayLong = new Intl.DateTimeFormat(lng, {
      timeZone: 'UTC',
      month: 'short',
      day: 'numeric',
      weekday: 'short',
    });
    const dayShort = new Intl.DateTimeFormat(lng, {
      timeZone: 'UTC',
      month: 'short',
      day: 'numeric',
    });
    const weekday = new Intl.DateTimeFormat(lng, { timeZone: 'UTC', weekday: 'short' });
    return {
      month: (m: string) => month.format(utc(`${m}-01`)),
      dayLong: (day: string) => dayLong.format(utc(day)),
      dayShort: (day: string) => dayShort.format(utc(day)),
      // 2024-01-01 was a Monday.
      weekdays: Array.from({ length: 7 }, (_, i) =>
        weekday.format(new Date(Date.UTC(2024, 0, 1 + i))),
      ),
    };
  }, [i18n.language]);
}

export function ShiftCalendar({
  month,
  today,
  shifts,
  total,
  monthHref,
}: {
  month: string;
  today: string;
  shifts: ActivityShiftSlotFragment[];
  /** All shifts in the range, when more than `shifts`. */
  total: number;
  monthHref: (month: string) => string;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const formats = useCalendarFormats();
  const weeks = monthWeeks(month);
  const byDay = new Map<string, ActivityShiftSlotFragment[]>();
  for (const shift of shifts) {
    const day = shanghaiDay(new Date(shift.startsAt));
    byDay.set(day, [...(byDay.get(day) ?? []), shift]);
  }
  const monthName = formats.month(month);
  const inMonth = shifts.filter((s) => shanghaiDay(new Date(s.startsAt)).startsWith(month));

  return (
    <section className="calendar" aria-labelledby="calendar-heading" data-month={month}>
      <div className="calendar-head">
        <h2 id="calendar-heading">{t('activities.calendar.heading', { month: monthName })}</h2>
        <nav className="calendar-nav" aria-label={t('activities.viewCalendar')}>
          <Link className="button button-quiet" to={monthHref(addMonths(month, -1))} rel="prev">
            ← {t('activities.calendar.prev')}
          </Link>
          <Link className="button button-quiet" to={monthHref(today.slice(0, 7))}>
            {t('activities.calendar.thisMonth')}
          </Link>
          <Link className="button button-quiet" to={monthHref(addMonths(month, 1))} rel="next">
            {t('activities.calendar.next')} →
          </Link>
        </nav>
      </div>
      <p className="muted" aria-live="polite">
        {t('activities.calendar.shiftCount', {
          count: inMonth.length,
          n: number.format(inMonth.length),
        })}
      </p>
      {total > shifts.length && (
        <p className="notice">
          {t('activities.calendar.truncated', { n: number.format(shifts.length) })}
        </p>
      )}

      <table className="calendar-grid">
        <caption className="visually-hidden">
          {t('activities.calendar.heading', { month: monthName })}
        </caption>
        <thead>
          <tr>
            {formats.weekdays.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.day}>
              {week.map(({ day, inMonth: current }) => (
                <td
                  key={day}
                  className={[
                    'calendar-day',
                    current ? '' : 'calendar-day-outside',
                    day === today ? 'calendar-today' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  data-day={day}
                >
                  <span className="calendar-date">
                    <span className="visually-hidden">{formats.dayLong(day)}</span>
                    <span aria-hidden="true">{Number(day.slice(8))}</span>
                  </span>
                  <DayShifts shifts={byDay.get(day) ?? []} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <div className="calendar-weeks">
        {weeks.map((week) => {
          const days = week.filter(({ day }) => (byDay.get(day) ?? []).length > 0);
          return (
            <section key={week[0]!.day} className="calendar-week">
              <h3>
                {t('activities.calendar.weekOf', {
                  start: formats.dayShort(week[0]!.day),
                  end: formats.dayShort(week[6]!.day),
                })}
              </h3>
              {days.length === 0 ? (
                <p className="muted">{t('activities.calendar.noShiftsThisWeek')}</p>
              ) : (
                <ul className="calendar-week-days">
                  {days.map(({ day }) => (
                    <li key={day} data-day={day}>
                      <h4>
                        {formats.dayLong(day)}
                        {day === today && (
                          <span className="badge badge-info">{t('activities.calendar.today')}</span>
                        )}
                      </h4>
                      <DayShifts shifts={byDay.get(day) ?? []} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      {inMonth.length === 0 && <p className="panel">{t('activities.calendar.emptyMonth')}</p>}
    </section>
  );
}

function DayShifts({ shifts }: { shifts: ActivityShiftSlotFragment[] }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const dates = useDateTimeFormat();
  if (shifts.length === 0) return null;
  return (
    <ul className="calendar-shifts">
      {shifts.map((shift) => {
        const cancelled = shift.status === 'CANCELLED';
        const full = !cancelled && shift.confirmedCount >= shift.capacity;
        return (
          <li key={shift.id} data-shift-id={shift.id} className={cancelled ? 'is-cancelled' : ''}>
            <Link to={`/shifts/${encodeURIComponent(shift.id)}/manage`}>
              <span className="calendar-shift-time">
                <time dateTime={shift.startsAt}>{dates.time(shift.startsAt)}</time>–
                <time dateTime={shift.endsAt}>{dates.time(shift.endsAt)}</time>
              </span>{' '}
              <span className="calendar-shift-title">{shift.activity.title}</span>{' '}
              {cancelled ? (
                <span className="calendar-shift-filled">{t('activities.shiftCancelled')}</span>
              ) : (
                <span
                  className={full ? 'calendar-shift-filled is-full' : 'calendar-shift-filled'}
                  data-filled={shift.confirmedCount}
                  data-capacity={shift.capacity}
                >
                  {t('activities.filled', {
                    filled: number.format(shift.confirmedCount),
                    capacity: number.format(shift.capacity),
                  })}
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
