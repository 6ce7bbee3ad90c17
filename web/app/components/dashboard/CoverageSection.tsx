// The dashboard's pairing coverage: the share of volunteers paired with a unit, as a donut.
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import { CHART_COLORS } from '../charts/ChartFrame';
import { DonutChart } from '../charts/Charts';
import { usePercentFormat } from '../CommitmentProgress';
import type { Figures } from './shared';

export function CoverageSection({ dashboard }: { dashboard: Figures }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const percent = usePercentFormat();
  const coverage = dashboard.pairingCoverage;
  return (
    <section className="panel dash-section dash-coverage" aria-labelledby="coverage-heading">
      <h2 id="coverage-heading" className="panel-heading">
        {t('dashboard.coverage.heading')}
      </h2>
      {coverage.volunteers === 0 ? (
        <p>{t('dashboard.coverage.none')}</p>
      ) : (
        <div className="dash-coverage-body">
          <DonutChart
            label={t('dashboard.coverage.chartLabel')}
            center={percent.format(coverage.ratio)}
            parts={[
              {
                name: t('dashboard.coverage.paired'),
                value: coverage.paired,
                color: CHART_COLORS.primary,
              },
              {
                name: t('dashboard.coverage.unpaired'),
                value: coverage.volunteers - coverage.paired,
                color: CHART_COLORS.muted,
              },
            ]}
          />
          <p data-testid="coverage-summary">
            {t('dashboard.coverage.summary', {
              count: coverage.volunteers,
              paired: number.format(coverage.paired),
              volunteers: number.format(coverage.volunteers),
              ratio: percent.format(coverage.ratio),
            })}
          </p>
        </div>
      )}
    </section>
  );
}
