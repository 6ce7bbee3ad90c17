// The dashboard's figures as full tables — categories and months — shown on /staff/figures
// (the dashboard itself shows the charts and links here), and the formatting helpers both pages
// share.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measure } from '../../../../schema/generated/graphql';
import { useNumberFormat } from '../../i18n/format';
import { usePercentFormat } from '../CommitmentProgress';

/** "2026-03" → "3月" / "Mar". */
export function useMonthLabel(): (month: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { month: 'short', timeZone: 'UTC' });
    return (month: string) => {
      const [y, m] = month.split('-').map(Number);
      return format.format(new Date(Date.UTC(y!, m! - 1, 1)));
    };
  }, [i18n.language]);
}

export function useDecimalFormat(): Intl.NumberFormat {
  const { i18n } = useTranslation();
  return useMemo(
    () => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }),
    [i18n.language],
  );
}

export interface CategoryRow {
  category: { id: string; name: string; nameEn: string };
  measure?: Measure | null;
  commitmentCount: number;
  targetAmount: number;
  verifiedAmount: number;
  ratio: number;
}

export interface MonthRow {
  month: string;
  hours: number;
  shifts: number;
  capacity: number;
  filled: number;
  fillRatio: number;
}

/** Every category and measure with its counted commitments, in display order. */
export function CategoryTable({ rows }: { rows: CategoryRow[] }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const decimal = useDecimalFormat();
  const number = useNumberFormat();
  const percent = usePercentFormat();
  const nameOf = (row: CategoryRow) => (english ? row.category.nameEn : row.category.name);
  return (
    <div className="table-wrap" role="region" aria-labelledby="categories-heading" tabIndex={0}>
      <table role="table" className="data-table" data-testid="categories-table">
        <caption className="visually-hidden">{t('dashboard.categories.heading')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              {t('dashboard.categories.columns.category')}
            </th>
            <th role="columnheader" scope="col">
              {t('dashboard.categories.columns.measure')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.categories.columns.count')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.categories.columns.target')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.categories.columns.verified')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.categories.columns.ratio')}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={`${row.category.id}-${row.measure ?? ''}`}>
              <th role="rowheader" scope="row">
                {nameOf(row)}
              </th>
              <td role="cell" data-label={t('dashboard.categories.columns.measure')}>
                {row.measure ? t(`measure.${row.measure}`) : t('dashboard.categories.none')}
              </td>
              <td role="cell" data-label={t('dashboard.categories.columns.count')} className="num">
                {number.format(row.commitmentCount)}
              </td>
              <td role="cell" data-label={t('dashboard.categories.columns.target')} className="num">
                {decimal.format(row.targetAmount)}
              </td>
              <td
                role="cell"
                data-label={t('dashboard.categories.columns.verified')}
                className="num"
              >
                {decimal.format(row.verifiedAmount)}
              </td>
              <td role="cell" data-label={t('dashboard.categories.columns.ratio')} className="num">
                {row.commitmentCount > 0
                  ? percent.format(row.ratio)
                  : t('dashboard.categories.none')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Twelve months: confirmed hours, shifts, places and how many were filled. */
export function MonthTable({ months }: { months: MonthRow[] }) {
  const { t } = useTranslation();
  const decimal = useDecimalFormat();
  const number = useNumberFormat();
  const percent = usePercentFormat();
  const monthLabel = useMonthLabel();
  return (
    <div className="table-wrap" role="region" aria-labelledby="months-caption" tabIndex={0}>
      <table role="table" className="data-table" data-testid="months-table">
        <caption id="months-caption" className="dash-caption">
          {t('dashboard.months.caption')}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              {t('dashboard.months.month')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.months.hours')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.months.shifts')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.months.capacity')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.months.filled')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('dashboard.months.fillRatio')}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {months.map((m) => (
            <tr role="row" key={m.month}>
              <th role="rowheader" scope="row">
                {monthLabel(m.month)}
              </th>
              <td role="cell" data-label={t('dashboard.months.hours')} className="num">
                {decimal.format(m.hours)}
              </td>
              <td role="cell" data-label={t('dashboard.months.shifts')} className="num">
                {number.format(m.shifts)}
              </td>
              <td role="cell" data-label={t('dashboard.months.capacity')} className="num">
                {number.format(m.capacity)}
              </td>
              <td role="cell" data-label={t('dashboard.months.filled')} className="num">
                {number.format(m.filled)}
              </td>
              <td role="cell" data-label={t('dashboard.months.fillRatio')} className="num">
                {m.capacity > 0 ? percent.format(m.fillRatio) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
