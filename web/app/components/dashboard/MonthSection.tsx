// The dashboard's month charts: volunteer hours, and shift places offered and filled, with totals.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import { CHART_COLORS } from '../charts/ChartFrame';
import { MonthBarChart } from '../charts/Charts';
import { useDecimalFormat, useMonthLabel } from './FigureTables';
import type { Figures } from './shared';

export function MonthSection({
  dashboard,
  figuresHref,
}: {
  dashboard: Figures;
  figuresHref: string;
}) {
  const { t } = useTranslation();
  const decimal = useDecimalFormat();
  const number = useNumberFormat();
  const monthLabel = useMonthLabel();
  const months = dashboard.shiftsByMonth.map((shifts, i) => ({
    ...shifts,
    hours: dashboard.hoursByMonth[i]?.hours ?? 0,
  }));
  const sum = (pick: (m: (typeof months)[number]) => number) =>
    months.reduce((total, m) => total + pick(m), 0);
  const totals = {
    hours: Math.round(sum((m) => m.hours) * 100) / 100,
    shifts: sum((m) => m.shifts),
    capacity: sum((m) => m.capacity),
    filled: sum((m) => m.filled),
  };

  return (
    <section className="dash-section dash-months" aria-labelledby="months-heading">
      <h2 id="months-heading" className="visually-hidden">
        {t('dashboard.months.caption')}
      </h2>
      <div className="dash-grid">
        <figure className="panel dash-figure">
          <figcaption className="panel-heading">{t('dashboard.hours.heading')}</figcaption>
          <MonthBarChart
            label={t('dashboard.hours.chartLabel')}
            testId="chart-hours"
            rows={months.map((m) => ({ label: monthLabel(m.month), hours: m.hours }))}
            series={[
              { key: 'hours', name: t('dashboard.hours.series'), color: CHART_COLORS.primary },
            ]}
            format={(v) => decimal.format(v)}
          />
          <p className="muted">
            {t('dashboard.hours.total', {
              count: totals.hours,
              hours: decimal.format(totals.hours),
            })}
          </p>
        </figure>
        <figure className="panel dash-figure">
          <figcaption className="panel-heading">{t('dashboard.shifts.heading')}</figcaption>
          <MonthBarChart
            label={t('dashboard.shifts.chartLabel')}
            testId="chart-shifts"
            rows={months.map((m) => ({
              label: monthLabel(m.month),
              capacity: m.capacity,
              filled: m.filled,
            }))}
            series={[
              {
                key: 'capacity',
                name: t('dashboard.shifts.capacity'),
                color: CHART_COLORS.secondary,
              },
              { key: 'filled', name: t('dashboard.shifts.filled'), color: CHART_COLORS.primary },
            ]}
            format={(v) => number.format(v)}
          />
          <p className="muted">
            {t('dashboard.shifts.total', {
              shifts: t('dashboard.shifts.totalShifts', {
                count: totals.shifts,
                n: number.format(totals.shifts),
              }),
              places: t('dashboard.shifts.totalPlaces', {
                count: totals.capacity,
                filled: number.format(totals.filled),
                capacity: number.format(totals.capacity),
              }),
            })}
          </p>
        </figure>
      </div>
      <p>
        <Link to={figuresHref}>{t('dashboard.links.figures')}</Link>
      </p>
    </section>
  );
}
