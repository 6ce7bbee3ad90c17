// The dashboard's slowest lagging units, each linking to its page, and the link to every standing.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import { usePercentFormat } from '../CommitmentProgress';
import type { Figures, Standing } from './shared';

export function LaggingSection({
  lagging,
  dashboard,
  search,
}: {
  lagging: Standing[];
  dashboard: Figures;
  search: string;
}) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const number = useNumberFormat();
  const percent = usePercentFormat();
  const showCommunity = dashboard.community === null;
  const more = dashboard.laggingUnits - lagging.length;
  return (
    <section className="dash-section" aria-labelledby="lagging-heading">
      <h2 id="lagging-heading">{t('dashboard.lagging.heading')}</h2>
      <p className="muted">{t('dashboard.lagging.intro')}</p>
      {lagging.length === 0 ? (
        <p className="panel">{t('dashboard.lagging.empty')}</p>
      ) : (
        <ul className="dash-lagging" data-testid="lagging-list">
          {lagging.map((row) => (
            <li key={row.unit.id} className="panel dash-lagging-item">
              <Link
                to={`/staff/units/${encodeURIComponent(row.unit.id)}`}
                className="dash-unit-link"
              >
                {row.unit.name}
              </Link>
              {showCommunity && (
                <span className="muted">
                  {' · '}
                  {english ? row.unit.community.nameEn : row.unit.community.name}
                </span>
              )}
              <dl className="dash-lagging-figures">
                <div>
                  <dt>{t('dashboard.lagging.columns.pace')}</dt>
                  <dd>{row.pace === null ? '—' : percent.format(row.pace)}</dd>
                </div>
                <div>
                  <dt>{t('dashboard.lagging.columns.behind')}</dt>
                  <dd>{number.format(row.behindCount)}</dd>
                </div>
                <div>
                  <dt>{t('dashboard.lagging.columns.lapsed')}</dt>
                  <dd>{number.format(row.lapsedCount)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && (
        <p className="muted">
          {t('dashboard.lagging.more', { count: more, n: number.format(more) })}
        </p>
      )}
      <p>
        <Link to={`/staff/units/standings${search}`} data-testid="standings-link">
          {t('dashboard.links.standings', {
            count: dashboard.unitCount,
            n: number.format(dashboard.unitCount),
          })}
        </Link>
      </p>
      <p className="muted dash-rule">{t('dashboard.ruleShort')}</p>
    </section>
  );
}
