// The dashboard's category chart: how far the categories with the most commitments have come.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import { RatioBarChart } from '../charts/Charts';
import { usePercentFormat } from '../CommitmentProgress';
import type { Figures } from './shared';

/** Category bars on the dashboard (the most commitments first); all are on /staff/figures. */
const CATEGORIES_SHOWN = 6;

export function CategorySection({
  dashboard,
  figuresHref,
}: {
  dashboard: Figures;
  figuresHref: string;
}) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const percent = usePercentFormat();
  const number = useNumberFormat();
  const rows = dashboard.categories;
  const nameOf = (row: Figures['categories'][number]) =>
    english ? row.category.nameEn : row.category.name;
  // Summary: the categories with the most commitments; every one is on /staff/figures.
  const counted = rows.filter((row) => row.commitmentCount > 0 && row.measure);
  const bars = [...counted]
    .sort((a, b) => b.commitmentCount - a.commitmentCount)
    .slice(0, CATEGORIES_SHOWN)
    .map((row) => ({
      key: `${row.category.id}-${row.measure}`,
      label: `${nameOf(row)} · ${t(`measureUnit.${row.measure!}`)}`,
      ratio: row.ratio,
    }));

  return (
    <section className="panel dash-section" aria-labelledby="categories-heading">
      <h2 id="categories-heading" className="panel-heading">
        {t('dashboard.categories.heading')}
      </h2>
      <p className="muted">
        {t('dashboard.categories.intro')}
        {counted.length > bars.length &&
          ` ${t('dashboard.categories.top', { count: bars.length, n: number.format(bars.length), total: number.format(counted.length) })}`}
      </p>
      {bars.length === 0 ? (
        <p>{t('dashboard.categories.empty')}</p>
      ) : (
        <RatioBarChart
          label={t('dashboard.categories.chartLabel')}
          series={t('dashboard.categories.series')}
          rows={bars}
          percent={(v) => percent.format(v)}
        />
      )}
      <p>
        <Link to={figuresHref}>{t('dashboard.links.figures')}</Link>
      </p>
    </section>
  );
}
