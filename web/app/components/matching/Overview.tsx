// The matching page's overview: how many volunteers are paired, and each social worker's load.
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import type { Coverage as CoverageData, Worker } from './shared';

export function Coverage({ coverage }: { coverage: CoverageData }) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const percent = new Intl.NumberFormat(i18n.language, {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const filled = Math.min(1, Math.max(0, coverage.ratio));
  return (
    <section
      className="panel matching-coverage"
      aria-labelledby="coverage-heading"
      data-testid="coverage"
      data-paired={coverage.paired}
      data-volunteers={coverage.volunteers}
    >
      <h2 id="coverage-heading" className="panel-heading">
        {t('matching.coverage.heading')}
      </h2>
      <p className="coverage-figure">
        <span className="stat-value">{percent.format(coverage.ratio)}</span>{' '}
        <span className="muted">
          {t('matching.coverage.value', {
            paired: number.format(coverage.paired),
            volunteers: number.format(coverage.volunteers),
          })}
        </span>
      </p>
      <div
        className="matching-bar"
        role="meter"
        aria-label={t('matching.coverage.ratio')}
        aria-valuemin={0}
        aria-valuemax={coverage.volunteers}
        aria-valuenow={coverage.paired}
        aria-valuetext={percent.format(coverage.ratio)}
      >
        <span style={{ width: `${filled * 100}%` }} />
      </div>
      <dl className="stats">
        <div>
          <dt>{t('matching.coverage.paired')}</dt>
          <dd className="stat-value">{number.format(coverage.paired)}</dd>
        </div>
        <div>
          <dt>{t('matching.coverage.volunteers')}</dt>
          <dd className="stat-value">{number.format(coverage.volunteers)}</dd>
        </div>
      </dl>
    </section>
  );
}

export function WorkerLoad({ workers }: { workers: Worker[] }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (
    <section className="panel matching-load" aria-labelledby="load-heading">
      <h2 id="load-heading" className="panel-heading">
        {t('matching.load.heading')}
      </h2>
      {workers.length === 0 ? (
        <p>{t('matching.load.empty')}</p>
      ) : (
        <ul className="load-list" aria-label={t('matching.load.caption')}>
          {workers.map((worker) => {
            const ratio = worker.caseloadCap > 0 ? worker.activePairings / worker.caseloadCap : 1;
            return (
              <li key={worker.id} data-worker-id={worker.id} data-free={worker.freePlaces}>
                <div className="load-head">
                  <strong>{worker.user.displayName}</strong>
                  <span>
                    <span className="visually-hidden">{t('matching.load.load')}: </span>
                    {t('matching.load.loadValue', {
                      active: number.format(worker.activePairings),
                      cap: number.format(worker.caseloadCap),
                    })}{' '}
                    {worker.freePlaces === 0 ? (
                      <span className="badge badge-warn">{t('matching.load.full')}</span>
                    ) : (
                      <span className="badge badge-ok">
                        {t('matching.load.free')} {number.format(worker.freePlaces)}
                      </span>
                    )}
                  </span>
                </div>
                <div
                  className={ratio >= 1 ? 'matching-bar matching-bar-full' : 'matching-bar'}
                  role="meter"
                  aria-label={worker.user.displayName}
                  aria-valuemin={0}
                  aria-valuemax={worker.caseloadCap}
                  aria-valuenow={worker.activePairings}
                >
                  <span style={{ width: `${Math.min(1, ratio) * 100}%` }} />
                </div>
                <p className="muted load-specialties">
                  <span className="visually-hidden">{t('matching.load.specialties')}: </span>
                  {worker.specialties
                    .map((s) => t(`specialty.${s}`))
                    .join(t('matching.listSeparator'))}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
