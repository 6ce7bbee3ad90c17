// /communities: the six communities with their size and staffing against the provincial standard.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  CommunitiesPageDocument,
  type CommunitiesPageQuery,
} from '../../../schema/generated/graphql';
import { signedInRequest } from '../graphql/client.server';
import { useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';

type CommunityRow = CommunitiesPageQuery['communities']['edges'][number]['node'];
type StaffingRow = NonNullable<CommunityRow['staffing']>;

// A sub-district has a handful of communities; one page holds them all.
const pageSize = 50;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.communities.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const result = await signedInRequest(request, CommunitiesPageDocument, { first: pageSize });
  return {
    viewer: result.viewer,
    communities: result.communities.edges.map((edge) => edge.node),
  };
}

interface Totals {
  households: number;
  residents: number;
  gridCount: number;
  unitCount: number;
  /** Null when the viewer may not see the staffing of every community (the API hides it). */
  staffing: {
    actualWorkers: number;
    requiredWorkersMin: number;
    requiredWorkersMax: number;
    understaffedCommunities: number;
    gridsOver400: number;
  } | null;
}

function totalsOf(communities: CommunityRow[]): Totals {
  const sum = (pick: (community: CommunityRow) => number) =>
    communities.reduce((total, community) => total + pick(community), 0);
  const staffings = communities.map((community) => community.staffing);
  const visible = staffings.filter((staffing): staffing is StaffingRow => staffing !== null);
  const sumStaffing = (pick: (staffing: StaffingRow) => number) =>
    visible.reduce((total, staffing) => total + pick(staffing), 0);
  return {
    households: sum((c) => c.households),
    residents: sum((c) => c.residents),
    gridCount: sum((c) => c.gridCount),
    unitCount: sum((c) => c.unitCount),
    staffing:
      visible.length === staffings.length
        ? {
            actualWorkers: sumStaffing((s) => s.actualWorkers),
            requiredWorkersMin: sumStaffing((s) => s.requiredWorkersMin),
            requiredWorkersMax: sumStaffing((s) => s.requiredWorkersMax),
            understaffedCommunities: visible.filter((s) => s.workerShortfall > 0).length,
            gridsOver400: sumStaffing((s) => s.gridsOver400),
          }
        : null,
  };
}

export default function CommunitiesPage() {
  const { communities } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <main id="main" className="page">
        <h1>{t('communities.heading')}</h1>
        <p className="lead">{t('communities.intro')}</p>
        {communities.length === 0 ? (
          <p className="panel">{t('communities.empty')}</p>
        ) : (
          <CommunityTable communities={communities} />
        )}
        <p className="note">{t('communities.standard')}</p>
      </main>
    </>
  );
}

function CommunityTable({ communities }: { communities: CommunityRow[] }) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const totals = totalsOf(communities);
  const columns = {
    households: t('communities.columns.households'),
    residents: t('communities.columns.residents'),
    grids: t('communities.columns.grids'),
    units: t('communities.columns.units'),
    workers: t('communities.columns.workers'),
    gridsOver400: t('communities.columns.gridsOver400'),
  };
  const english = i18n.language === 'en';

  // Explicit ARIA roles keep the table semantics when the small-screen CSS turns rows into cards.
  return (
    <div className="table-wrap" role="region" aria-label={t('communities.caption')} tabIndex={0}>
      <table className="data-table" role="table">
        <caption className="visually-hidden">{t('communities.caption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              {t('communities.columns.community')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {columns.households}
            </th>
            <th role="columnheader" scope="col" className="num">
              {columns.residents}
            </th>
            <th role="columnheader" scope="col" className="num">
              {columns.grids}
            </th>
            <th role="columnheader" scope="col" className="num">
              {columns.units}
            </th>
            <th role="columnheader" scope="col">
              {columns.workers}
            </th>
            <th role="columnheader" scope="col" className="num">
              {columns.gridsOver400}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {communities.map((community) => (
            <tr key={community.id} role="row">
              <th role="rowheader" scope="row" className="community-name">
                {english ? (
                  <>
                    <span lang="en">{community.nameEn}</span>
                    <span className="secondary" lang="zh-CN">
                      {community.name}
                    </span>
                  </>
                ) : (
                  community.name
                )}
              </th>
              <td role="cell" className="num" data-label={columns.households}>
                {number.format(community.households)}
              </td>
              <td role="cell" className="num" data-label={columns.residents}>
                {number.format(community.residents)}
              </td>
              <td role="cell" className="num" data-label={columns.grids}>
                {number.format(community.gridCount)}
              </td>
              <td role="cell" className="num" data-label={columns.units}>
                {number.format(community.unitCount)}
              </td>
              <td role="cell" data-label={columns.workers}>
                {community.staffing ? (
                  <span className="staffing">
                    <StaffingFigures {...community.staffing} />
                    <ShortfallBadge shortfall={community.staffing.workerShortfall} />
                  </span>
                ) : (
                  <NotVisible />
                )}
              </td>
              <td role="cell" className="num" data-label={columns.gridsOver400}>
                {community.staffing ? (
                  <GridsOver400 count={community.staffing.gridsOver400} />
                ) : (
                  <NotVisible />
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot role="rowgroup">
          <tr role="row" className="totals">
            <th role="rowheader" scope="row">
              {t('communities.total')}
            </th>
            <td role="cell" className="num" data-label={columns.households}>
              {number.format(totals.households)}
            </td>
            <td role="cell" className="num" data-label={columns.residents}>
              {number.format(totals.residents)}
            </td>
            <td role="cell" className="num" data-label={columns.grids}>
              {number.format(totals.gridCount)}
            </td>
            <td role="cell" className="num" data-label={columns.units}>
              {number.format(totals.unitCount)}
            </td>
            <td role="cell" data-label={columns.workers}>
              {totals.staffing ? (
                <span className="staffing">
                  <StaffingFigures {...totals.staffing} />
                  {totals.staffing.understaffedCommunities > 0 && (
                    <span className="badge badge-warn">
                      {t('communities.understaffedCommunities', {
                        n: number.format(totals.staffing.understaffedCommunities),
                      })}
                    </span>
                  )}
                </span>
              ) : (
                <NotVisible />
              )}
            </td>
            <td role="cell" className="num" data-label={columns.gridsOver400}>
              {totals.staffing ? (
                <GridsOver400 count={totals.staffing.gridsOver400} />
              ) : (
                <NotVisible />
              )}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function StaffingFigures(props: {
  actualWorkers: number;
  requiredWorkersMin: number;
  requiredWorkersMax: number;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const actual = number.format(props.actualWorkers);
  const min = number.format(props.requiredWorkersMin);
  const max = number.format(props.requiredWorkersMax);
  return (
    <span className="staffing-figures">
      <span aria-hidden="true">
        {actual} <span className="muted">/ {min === max ? min : `${min}–${max}`}</span>
      </span>
      <span className="visually-hidden">
        {`${t('communities.workersRecorded', { actual })}, ${
          min === max
            ? t('communities.workersRequiredExact', { n: min })
            : t('communities.workersRequired', { min, max })
        }`}
      </span>
    </span>
  );
}

function ShortfallBadge({ shortfall }: { shortfall: number }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  if (shortfall <= 0) return <span className="badge badge-ok">{t('communities.staffed')}</span>;
  return (
    <span className="badge badge-warn">
      {t('communities.understaffed')} ·{' '}
      {t('communities.shortBy', { shortfall: number.format(shortfall) })}
    </span>
  );
}

function GridsOver400({ count }: { count: number }) {
  const number = useNumberFormat();
  return <span className={count > 0 ? 'over-limit' : undefined}>{number.format(count)}</span>;
}

/** The API hides staffing from users outside the community; say so rather than show zero. */
function NotVisible() {
  const { t } = useTranslation();
  return (
    <span className="muted" title={t('communities.notVisible')}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('communities.notVisible')}</span>
    </span>
  );
}
