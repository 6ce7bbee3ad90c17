// /unit: the unit liaison's start page — my unit's commitments (accepted ones, and our drafts and
// submissions) with their progress, and the unit's rank and fulfilment rate in its community.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { UnitPageDocument, type UnitPageQuery } from '../../../schema/generated/graphql';
import {
  CommitmentProgressBar,
  CommitmentStatusBadge,
  usePercentFormat,
} from '../components/CommitmentProgress';
import { signedInRequest } from '../graphql/client.server';
import { shanghaiDay, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.unit.title) },
];

type CommitmentRow = UnitPageQuery['commitments']['edges'][number]['node'];

export async function loader({ request }: LoaderFunctionArgs) {
  const year = Number(shanghaiDay(new Date()).slice(0, 4));
  const result = await signedInRequest(request, UnitPageDocument, { year });
  const viewer = result.viewer;
  if (!viewer.unit) return { viewer, unit: null, year, commitments: [], standing: null };
  const unitId = viewer.unit.id;
  const row = result.unitStandings.find((standing) => standing.unit.id === unitId);
  const ranked = result.unitStandings.filter((standing) => standing.rank !== null).length;
  return {
    viewer,
    unit: viewer.unit,
    year,
    commitments: result.commitments.edges.map((edge) => edge.node),
    standing: row
      ? { rank: row.rank, rate: row.rate, pace: row.pace, lagging: row.lagging, ranked }
      : null,
  };
}

export default function UnitPage() {
  const { unit, year, commitments, standing } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const number = useNumberFormat();
  const percent = usePercentFormat();

  return (
    <>
      <main id="main" className="page page-narrow">
        <h1>{unit ? unit.name : t('unit.title')}</h1>
        {!unit ? (
          <p className="panel">{t('unit.noUnit')}</p>
        ) : (
          <>
            <p className="lead">{unit.community.name}</p>
            <section className="panel" aria-labelledby="standing-heading">
              <h2 id="standing-heading" className="panel-heading">
                {t('unit.standing', { year })}
                {standing?.lagging && (
                  <>
                    {' '}
                    <span className="badge badge-warn">{t('unit.lagging')}</span>
                  </>
                )}
              </h2>
              <dl className="stats">
                <div>
                  <dt>{t('unit.rank')}</dt>
                  <dd className="stat-value" data-testid="unit-rank">
                    {standing?.rank
                      ? t('unit.rankValue', {
                          rank: number.format(standing.rank),
                          n: number.format(standing.ranked),
                        })
                      : t('unit.noRank')}
                  </dd>
                </div>
                <div>
                  <dt>{t('unit.pace')}</dt>
                  <dd className="stat-value" data-testid="unit-pace">
                    {standing?.pace !== null && standing?.pace !== undefined
                      ? percent.format(standing.pace)
                      : t('unit.notRated')}
                  </dd>
                </div>
                <div>
                  <dt>{t('unit.rate')}</dt>
                  <dd className="stat-value" data-testid="unit-rate">
                    {standing?.rate !== null && standing?.rate !== undefined
                      ? percent.format(standing.rate)
                      : t('unit.noRate')}
                  </dd>
                </div>
              </dl>
              <p className="muted">{t('dashboard.ruleShort')}</p>
            </section>

            <div className="section-head">
              <h2>{t('unit.commitments')}</h2>
              <Link className="button" to="/unit/commitments/new">
                {t('unit.newCommitment')}
              </Link>
            </div>
            {commitments.length === 0 ? (
              <p className="panel">{t('unit.empty')}</p>
            ) : (
              <ul className="card-list">
                {commitments.map((commitment) => (
                  <li key={commitment.id}>
                    <CommitmentCard commitment={commitment} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </main>
    </>
  );
}

function CommitmentCard({ commitment }: { commitment: CommitmentRow }) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const category = i18n.language === 'en' ? commitment.category.nameEn : commitment.category.name;
  return (
    <article
      className="shift-card commitment-card"
      data-commitment-id={commitment.id}
      data-status={commitment.status}
    >
      <div className="shift-card-head">
        <h3>
          <Link to={`/unit/commitments/${encodeURIComponent(commitment.id)}`}>
            {commitment.title}
          </Link>
        </h3>
        <span className="badge-group">
          <CommitmentStatusBadge status={commitment.status} />
          {commitment.progress.behind && (
            <span className="badge badge-warn">{t('unit.behind')}</span>
          )}
        </span>
      </div>
      <p className="muted commitment-meta">
        {category} ·{' '}
        {t('unit.period', { start: commitment.periodStart, end: commitment.periodEnd })}
      </p>
      <CommitmentProgressBar progress={commitment.progress} measure={commitment.measure} />
      {commitment.proposedTargetAmount !== null && (
        <p className="muted">
          {t('unit.proposedTarget', { amount: number.format(commitment.proposedTargetAmount) })}
        </p>
      )}
    </article>
  );
}
