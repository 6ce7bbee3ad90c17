// /staff/units/standings: every unit's standing for the scope the dashboard showed (?community=
// for the office, ?year=), as the API ranks them — lagging first, slowest first, then the rated
// ones by pace, then those not yet rated — 25 to a page (?page=), optionally only the lagging or
// only the not-yet-rated (?show=). Each unit name opens its page.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  StaffStandingsDocument,
  type StaffStandingsQuery,
} from '../../../schema/generated/graphql';
import { usePercentFormat } from '../components/CommitmentProgress';
import { signedInRequest } from '../graphql/client.server';
import { scopeSearch, staffScope } from '../graphql/staff-scope.server';
import { useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/dashboard.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.dashboard.standings.title) },
];

const PAGE_SIZE = 25;
const SHOWS = ['all', 'lagging', 'unrated'] as const;
type Show = (typeof SHOWS)[number];
type Standing = StaffStandingsQuery['unitStandings'][number];

const stateOf = (row: Standing) =>
  row.pace === null ? 'unrated' : row.lagging ? 'lagging' : 'onTrack';

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await staffScope(request);
  const url = new URL(request.url);
  const asked = url.searchParams.get('show');
  const show: Show = SHOWS.find((s) => s === asked) ?? 'all';
  const result = await signedInRequest(request, StaffStandingsDocument, {
    communityId: scope.communityId,
    year: scope.year,
  });
  const rows = result.unitStandings.filter((row) => show === 'all' || stateOf(row) === show);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const pageAsked = Number(url.searchParams.get('page'));
  const page = Number.isInteger(pageAsked) && pageAsked >= 1 ? Math.min(pageAsked, pages) : 1;
  const showCommunity = scope.communityId === null && result.viewer.role === 'STREET_ADMIN';
  return {
    viewer: result.viewer,
    rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    firstIndex: (page - 1) * PAGE_SIZE,
    page,
    pages,
    show,
    showCommunity,
    year: scope.year,
    search: scopeSearch(scope),
  };
}

/** `search` (the scope) with `show` and `page` set. */
function withParams(search: string, params: Record<string, string | null>): string {
  const query = new URLSearchParams(search);
  for (const [name, value] of Object.entries(params)) {
    if (value === null) query.delete(name);
    else query.set(name, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

export default function StaffStandingsPage() {
  const { rows, page, pages, show, showCommunity, year, search } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const number = useNumberFormat();
  const percent = usePercentFormat();
  const showParam = show === 'all' ? null : show;
  return (
    <>
      <main id="main" className="page dashboard">
        <p>
          <Link to={`/staff${search}`}>{t('dashboard.links.back')}</Link>
        </p>
        <h1>{t('dashboard.standings.heading')}</h1>
        <p className="lead">{year}</p>
        <p className="muted dash-rule" data-testid="standings-rule">
          {t('dashboard.rule')}
        </p>
        <nav aria-label={t('dashboard.standings.show.legend')}>
          <ul className="dash-filter">
            {SHOWS.map((s) => (
              <li key={s}>
                <Link
                  to={withParams(search, { show: s === 'all' ? null : s, page: null })}
                  aria-current={s === show ? 'page' : undefined}
                >
                  {t(`dashboard.standings.show.${s}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {rows.length === 0 ? (
          <p className="panel">{t('dashboard.standings.empty')}</p>
        ) : (
          <div
            className="table-wrap"
            role="region"
            aria-labelledby="standings-caption"
            tabIndex={0}
          >
            <table role="table" className="data-table" data-testid="standings-table">
              <caption id="standings-caption" className="visually-hidden">
                {t('dashboard.standings.caption', { page })}
              </caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" scope="col" className="num">
                    {t('dashboard.standings.columns.rank')}
                  </th>
                  <th role="columnheader" scope="col">
                    {t('dashboard.standings.columns.unit')}
                  </th>
                  {showCommunity && (
                    <th role="columnheader" scope="col">
                      {t('dashboard.standings.columns.community')}
                    </th>
                  )}
                  <th role="columnheader" scope="col">
                    {t('dashboard.standings.columns.standing')}
                  </th>
                  <th role="columnheader" scope="col" className="num">
                    {t('dashboard.standings.columns.pace')}
                  </th>
                  <th role="columnheader" scope="col" className="num">
                    {t('dashboard.standings.columns.rate')}
                  </th>
                  <th role="columnheader" scope="col" className="num">
                    {t('dashboard.standings.columns.commitments')}
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {rows.map((row) => {
                  const state = stateOf(row);
                  return (
                    <tr role="row" key={row.unit.id} data-state={state}>
                      <td
                        role="cell"
                        data-label={t('dashboard.standings.columns.rank')}
                        className="num"
                      >
                        {row.rank === null ? '—' : number.format(row.rank)}
                      </td>
                      <th role="rowheader" scope="row">
                        <Link to={`/staff/units/${encodeURIComponent(row.unit.id)}`}>
                          {row.unit.name}
                        </Link>
                      </th>
                      {showCommunity && (
                        <td role="cell" data-label={t('dashboard.standings.columns.community')}>
                          {english ? row.unit.community.nameEn : row.unit.community.name}
                        </td>
                      )}
                      <td role="cell" data-label={t('dashboard.standings.columns.standing')}>
                        <span
                          className={`badge ${state === 'lagging' ? 'badge-warn' : state === 'onTrack' ? 'badge-ok' : 'badge-neutral'}`}
                        >
                          {t(`dashboard.standings.state.${state}`)}
                        </span>
                      </td>
                      <td
                        role="cell"
                        data-label={t('dashboard.standings.columns.pace')}
                        className="num"
                      >
                        {row.pace === null ? '—' : percent.format(row.pace)}
                      </td>
                      <td
                        role="cell"
                        data-label={t('dashboard.standings.columns.rate')}
                        className="num"
                      >
                        {row.rate === null ? '—' : percent.format(row.rate)}
                      </td>
                      <td
                        role="cell"
                        data-label={t('dashboard.standings.columns.commitments')}
                        className="num"
                      >
                        {number.format(row.commitmentCount)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 && (
          <nav className="dash-pager" aria-label={t('dashboard.standings.pagination')}>
            {page > 1 && (
              <Link to={withParams(search, { show: showParam, page: String(page - 1) })} rel="prev">
                {t('dashboard.standings.previous')}
              </Link>
            )}
            <span>
              {t('dashboard.standings.pages', {
                page: number.format(page),
                pages: number.format(pages),
              })}
            </span>
            {page < pages && (
              <Link to={withParams(search, { show: showParam, page: String(page + 1) })} rel="next">
                {t('dashboard.standings.next')}
              </Link>
            )}
          </nav>
        )}
      </main>
    </>
  );
}
