// The dashboard's summary tiles: reviews waiting, lagging units, coverage, shifts filled.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import { usePercentFormat } from '../CommitmentProgress';
import { useMonthLabel } from './FigureTables';
import type { Figures } from './shared';

export function Tiles({ dashboard, currentYear }: { dashboard: Figures; currentYear: number }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const percent = usePercentFormat();
  const monthLabel = useMonthLabel();
  const thisMonth = dashboard.asOf.slice(0, 7);
  const month =
    dashboard.year === currentYear
      ? dashboard.shiftsByMonth.find((m) => m.month === thisMonth)
      : undefined;
  const { pendingReviews: pending, pairingCoverage: coverage } = dashboard;

  return (
    <section aria-label={t('dashboard.tiles.label')}>
      <ul className="dash-tiles">
        <li className="panel dash-tile" data-testid="tile-pending">
          <p className="dash-tile-label">{t('dashboard.tiles.pending')}</p>
          <p className="stat-value">{number.format(pending.total)}</p>
          <p className="muted">
            {t('dashboard.tiles.pendingDetail', {
              commitments: t('dashboard.tiles.pendingCommitments', {
                count: pending.commitments,
                n: number.format(pending.commitments),
              }),
              fulfilments: t('dashboard.tiles.pendingFulfilments', {
                count: pending.fulfilments,
                n: number.format(pending.fulfilments),
              }),
            })}
          </p>
          <Link to="/staff/review">{t('dashboard.tiles.pendingLink')}</Link>
        </li>
        <li className="panel dash-tile" data-testid="tile-lagging">
          <p className="dash-tile-label">{t('dashboard.tiles.lagging')}</p>
          <p className="stat-value">{number.format(dashboard.laggingUnits)}</p>
          <p className="muted">
            {t('dashboard.tiles.laggingDetail', {
              count: dashboard.unitCount,
              total: number.format(dashboard.unitCount),
            })}
            {dashboard.unratedUnits > 0 && (
              <>
                {' · '}
                {t('dashboard.tiles.unrated', {
                  count: dashboard.unratedUnits,
                  n: number.format(dashboard.unratedUnits),
                })}
              </>
            )}
          </p>
          <a href="#lagging-heading">{t('dashboard.lagging.heading')}</a>
        </li>
        <li className="panel dash-tile" data-testid="tile-coverage">
          <p className="dash-tile-label">{t('dashboard.tiles.coverage')}</p>
          <p className="stat-value">{percent.format(coverage.ratio)}</p>
          <p className="muted">
            {t('dashboard.tiles.coverageDetail', {
              count: coverage.volunteers,
              paired: number.format(coverage.paired),
              volunteers: number.format(coverage.volunteers),
            })}
          </p>
        </li>
        <li className="panel dash-tile" data-testid="tile-filled">
          <p className="dash-tile-label">{t('dashboard.tiles.filled')}</p>
          <p className="stat-value">
            {month && month.capacity > 0 ? percent.format(month.fillRatio) : '—'}
          </p>
          <p className="muted">
            {!month
              ? t('dashboard.tiles.filledOtherYear')
              : month.capacity > 0
                ? t('dashboard.tiles.filledDetail', {
                    count: month.capacity,
                    month: monthLabel(month.month),
                    filled: number.format(month.filled),
                    capacity: number.format(month.capacity),
                  })
                : t('dashboard.tiles.filledNone', { month: monthLabel(month.month) })}
          </p>
        </li>
      </ul>
    </section>
  );
}
