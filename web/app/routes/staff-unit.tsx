// /staff/units/:id: one resident unit for community staff and the office — its rating in its
// community this year (or ?year=), its commitments with their progress, fulfilment records and
// history (reviews, target changes, completion), and the volunteers who say they work for it with
// their confirmed hours. One request; the API decides who may read it (a unit outside the
// viewer's community is refused, an unknown one is not found).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { StaffUnitDocument } from '../../../schema/generated/graphql';
import {
  CommitmentProgressBar,
  CommitmentStatusBadge,
  usePercentFormat,
} from '../components/CommitmentProgress';
import { useDecimalFormat } from '../components/dashboard/FigureTables';
import { signedInRequest } from '../graphql/client.server';
import { scopeSearch, staffScope } from '../graphql/staff-scope.server';
import { useDayFormat, useNumberFormat, useTimestampFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/dashboard.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: pageTitle(matches, (m) => data?.unit.name ?? m.dashboard.standings.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await staffScope(request);
  const result = await signedInRequest(request, StaffUnitDocument, {
    id: params.id ?? '',
    year: scope.year,
  });
  const unit = result.node?.__typename === 'Unit' ? result.node : null;
  if (!unit) throw new Response(null, { status: 404, statusText: 'Not Found' });
  return {
    viewer: result.viewer,
    unit,
    year: scope.year,
    standing: result.unitStandings[0] ?? null,
    commitments: result.commitments,
    volunteers: result.volunteers,
    back: `/staff/units/standings${scopeSearch({ ...scope, communityId: null })}`,
  };
}

export default function StaffUnitPage() {
  const { unit, year, standing, commitments, volunteers, back } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const number = useNumberFormat();
  const decimal = useDecimalFormat();
  const percent = usePercentFormat();
  const day = useDayFormat();
  const dateTime = useTimestampFormat();
  const state =
    !standing || standing.pace === null ? 'unrated' : standing.lagging ? 'lagging' : 'onTrack';
  const listed = volunteers.edges.map((edge) => edge.node);
  const hours = Math.round(listed.reduce((sum, v) => sum + v.verifiedHours, 0) * 100) / 100;

  return (
    <>
      <main id="main" className="page dashboard">
        <p>
          <Link to={back}>{t('dashboard.standings.heading')}</Link>
        </p>
        <h1 data-testid="unit-name">{unit.name}</h1>
        <p className="lead">
          {english ? unit.community.nameEn : unit.community.name} ·{' '}
          {t(`directory.kinds.${unit.kind}`)}
        </p>
        <dl className="panel unit-facts">
          <div>
            <dt>{t('dashboard.unitPage.address')}</dt>
            <dd>{unit.address || '—'}</dd>
          </div>
          <div>
            <dt>{t('dashboard.unitPage.staff')}</dt>
            <dd>{number.format(unit.staffCount)}</dd>
          </div>
        </dl>

        <section className="dash-section" aria-labelledby="standing-heading">
          <h2 id="standing-heading">{t('dashboard.unitPage.standing', { year })}</h2>
          <ul className="dash-tiles">
            <li className="panel dash-tile" data-testid="unit-state">
              <p className="dash-tile-label">{t('dashboard.unitPage.state')}</p>
              <p className="stat-value">{t(`dashboard.standings.state.${state}`)}</p>
            </li>
            <li className="panel dash-tile">
              <p className="dash-tile-label">{t('dashboard.unitPage.rank')}</p>
              <p className="stat-value">
                {standing?.rank
                  ? t('dashboard.unitPage.rankValue', { rank: number.format(standing.rank) })
                  : '—'}
              </p>
            </li>
            <li className="panel dash-tile">
              <p className="dash-tile-label">{t('dashboard.unitPage.pace')}</p>
              <p className="stat-value">
                {standing?.pace == null ? '—' : percent.format(standing.pace)}
              </p>
            </li>
            <li className="panel dash-tile">
              <p className="dash-tile-label">{t('dashboard.unitPage.rate')}</p>
              <p className="stat-value">
                {standing?.rate == null ? '—' : percent.format(standing.rate)}
              </p>
            </li>
          </ul>
          <p className="muted dash-rule">{t('dashboard.rule')}</p>
        </section>

        <section className="dash-section" aria-labelledby="commitments-heading">
          <h2 id="commitments-heading">{t('dashboard.unitPage.commitments')}</h2>
          {commitments.totalCount === 0 ? (
            <p className="panel">{t('dashboard.unitPage.noCommitments')}</p>
          ) : (
            <>
              <p className="muted">
                {t('dashboard.unitPage.commitmentsCount', {
                  count: commitments.totalCount,
                  n: number.format(commitments.totalCount),
                })}
                {commitments.totalCount > commitments.edges.length &&
                  ` · ${t('dashboard.unitPage.shown', {
                    count: commitments.edges.length,
                    n: number.format(commitments.edges.length),
                  })}`}
              </p>
              <ul className="unit-commitments" data-testid="unit-commitments">
                {commitments.edges.map(({ node: c }) => {
                  const withEvidence = c.fulfilments.edges.filter(
                    (edge) => (edge.node.evidence?.length ?? 0) > 0,
                  ).length;
                  return (
                    <li key={c.id} className="panel">
                      <article aria-labelledby={`commitment-${c.id}`}>
                        <h3 id={`commitment-${c.id}`}>{c.title}</h3>
                        <p className="muted">
                          {english ? c.category.nameEn : c.category.name} ·{' '}
                          {t('dashboard.unitPage.period', {
                            from: day(c.periodStart),
                            to: day(c.periodEnd),
                          })}{' '}
                          <CommitmentStatusBadge status={c.status} />
                        </p>
                        <CommitmentProgressBar progress={c.progress} measure={c.measure} />
                        <p className="muted">
                          {t('dashboard.unitPage.fulfilments', {
                            count: c.fulfilments.totalCount,
                            n: number.format(c.fulfilments.totalCount),
                            evidence: number.format(withEvidence),
                          })}
                        </p>
                        <details>
                          <summary>{t('dashboard.unitPage.history')}</summary>
                          {c.history.length === 0 ? (
                            <p>{t('dashboard.unitPage.noHistory')}</p>
                          ) : (
                            <ol className="unit-history">
                              {[...c.history].reverse().map((event) => (
                                <li key={event.id}>
                                  <strong>{t(`commitmentAction.${event.action}`)}</strong>{' '}
                                  <span className="muted">
                                    {event.actor?.displayName ?? t('dashboard.unitPage.system')} ·{' '}
                                    <time dateTime={event.at}>
                                      {dateTime.format(new Date(event.at))}
                                    </time>
                                  </span>
                                  {event.note && <span className="pre-line"> — {event.note}</span>}
                                </li>
                              ))}
                            </ol>
                          )}
                        </details>
                      </article>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </section>

        <section className="dash-section" aria-labelledby="volunteers-heading">
          <h2 id="volunteers-heading">{t('dashboard.unitPage.volunteers')}</h2>
          {volunteers.totalCount === 0 ? (
            <p className="panel">{t('dashboard.unitPage.noVolunteers')}</p>
          ) : (
            <>
              <p className="muted">
                {t('dashboard.unitPage.volunteersCount', {
                  count: volunteers.totalCount,
                  n: number.format(volunteers.totalCount),
                })}
                {volunteers.totalCount > listed.length &&
                  ` · ${t('dashboard.unitPage.shown', {
                    count: listed.length,
                    n: number.format(listed.length),
                  })}`}
              </p>
              <div
                className="table-wrap"
                role="region"
                aria-labelledby="volunteers-heading"
                tabIndex={0}
              >
                <table role="table" className="data-table" data-testid="unit-volunteers">
                  <caption className="visually-hidden">
                    {t('dashboard.unitPage.volunteers')}
                  </caption>
                  <thead role="rowgroup">
                    <tr role="row">
                      <th role="columnheader" scope="col">
                        {t('dashboard.unitPage.name')}
                      </th>
                      <th role="columnheader" scope="col">
                        {t('dashboard.unitPage.affiliationHeading')}
                      </th>
                      <th role="columnheader" scope="col" className="num">
                        {t('dashboard.unitPage.hours')}
                      </th>
                    </tr>
                  </thead>
                  <tbody role="rowgroup">
                    {listed.map((v) => (
                      <tr role="row" key={v.id}>
                        <th role="rowheader" scope="row">
                          {v.realName}
                        </th>
                        <td role="cell" data-label={t('dashboard.unitPage.affiliationHeading')}>
                          {t(`dashboard.unitPage.affiliation.${v.affiliation}`)}
                        </td>
                        <td role="cell" data-label={t('dashboard.unitPage.hours')} className="num">
                          {t('dashboard.unitPage.hoursValue', {
                            count: v.verifiedHours,
                            hours: decimal.format(v.verifiedHours),
                          })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p data-testid="unit-hours">
                {t('dashboard.unitPage.hoursTotal', { count: hours, hours: decimal.format(hours) })}
              </p>
            </>
          )}
        </section>
      </main>
    </>
  );
}
