// /staff: the start page of community staff and the sub-district office, summary first — what
// waits for review, lagging units, pairing coverage and this month's shifts, then charts (their
// figures as full tables on /staff/figures) and the few slowest lagging units, each unit linking
// to its page; every unit's standing is on /staff/units/standings. The office picks a community
// or the whole sub-district with ?community=.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  StaffDashboardDocument,
  type StaffDashboardQuery,
} from '../../../schema/generated/graphql';
import { getRole } from '../auth/session.server';
import { usePercentFormat } from '../components/CommitmentProgress';
import { CHART_COLORS } from '../components/charts/ChartFrame';
import { DonutChart, MonthBarChart, RatioBarChart } from '../components/charts/Charts';
import { useDecimalFormat, useMonthLabel } from '../components/dashboard/FigureTables';
import { signedInRequest } from '../graphql/client.server';
import { scopeSearch } from '../graphql/staff-scope.server';
import { shanghaiDay, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/dashboard.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.dashboard.title) },
];

type Figures = StaffDashboardQuery['dashboard'];
type Standing = StaffDashboardQuery['unitStandings'][number];

/** Years offered by the picker: this one and the four before. */
const YEARS_SHOWN = 5;
/** Lagging units listed on the dashboard; all of them are on the standings page. */
const LAGGING_SHOWN = 5;
/** Category bars on the dashboard (the most commitments first); all are on /staff/figures. */
const CATEGORIES_SHOWN = 6;

export async function loader({ request }: LoaderFunctionArgs) {
  const role = await getRole(request);
  const url = new URL(request.url);
  const currentYear = Number(shanghaiDay(new Date()).slice(0, 4));
  const asked = Number(url.searchParams.get('year'));
  const year =
    Number.isInteger(asked) && asked <= currentYear && asked > currentYear - YEARS_SHOWN
      ? asked
      : currentYear;
  // Staff always see their own community (the API's default); only the office picks.
  const communityId =
    role === 'STREET_ADMIN' ? url.searchParams.get('community')?.trim() || null : null;
  const result = await signedInRequest(request, StaffDashboardDocument, {
    communityId,
    year,
    withCommunities: role !== 'COMMUNITY_STAFF',
  });
  return {
    viewer: result.viewer,
    communities:
      result.viewer.role === 'STREET_ADMIN'
        ? (result.communities?.edges.map((edge) => edge.node) ?? [])
        : null,
    dashboard: result.dashboard,
    // The standings list the lagging units first, slowest first: the dashboard shows the top few.
    lagging: result.unitStandings.filter((standing) => standing.lagging).slice(0, LAGGING_SHOWN),
    currentYear,
    // The scope's query string for the section pages' links.
    search: scopeSearch({ communityId, year, currentYear }),
  };
}

export default function StaffDashboardPage() {
  const { communities, dashboard, lagging, currentYear, search } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const scope = dashboard.community
    ? t('dashboard.scopeCommunity', {
        community: english ? dashboard.community.nameEn : dashboard.community.name,
        year: dashboard.year,
      })
    : t('dashboard.scopeAll', { year: dashboard.year });

  return (
    <>
      <main id="main" className="page dashboard">
        <div className="title-row">
          <h1>{t('dashboard.heading')}</h1>
        </div>
        <p className="lead" data-testid="dashboard-scope">
          {scope}
          <span className="muted dashboard-asof">
            {' '}
            · {t('dashboard.asOf', { date: dashboard.asOf })}
          </span>
        </p>
        <ScopePicker
          communities={communities}
          communityId={dashboard.community?.id ?? ''}
          year={dashboard.year}
          currentYear={currentYear}
        />
        <Tiles dashboard={dashboard} currentYear={currentYear} />
        <LaggingSection lagging={lagging} dashboard={dashboard} search={search} />
        <CategorySection dashboard={dashboard} figuresHref={`/staff/figures${search}`} />
        <MonthSection dashboard={dashboard} figuresHref={`/staff/figures${search}`} />
        <CoverageSection dashboard={dashboard} />
      </main>
    </>
  );
}

function ScopePicker({
  communities,
  communityId,
  year,
  currentYear,
}: {
  communities: { id: string; name: string; nameEn: string }[] | null;
  communityId: string;
  year: number;
  currentYear: number;
}) {
  const { t, i18n } = useTranslation();
  const years = Array.from({ length: YEARS_SHOWN }, (_, i) => currentYear - i);
  return (
    <Form method="get" className="dashboard-picker" aria-label={t('dashboard.picker.legend')}>
      {communities && (
        <div className="field">
          <label htmlFor="dashboard-community">{t('dashboard.picker.community')}</label>
          <select id="dashboard-community" name="community" defaultValue={communityId}>
            <option value="">{t('dashboard.picker.all')}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {i18n.language === 'en' ? c.nameEn : c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="dashboard-year">{t('dashboard.picker.year')}</label>
        <select id="dashboard-year" name="year" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t('dashboard.picker.show')}
      </button>
    </Form>
  );
}

function Tiles({ dashboard, currentYear }: { dashboard: Figures; currentYear: number }) {
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

function CategorySection({ dashboard, figuresHref }: { dashboard: Figures; figuresHref: string }) {
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

function MonthSection({ dashboard, figuresHref }: { dashboard: Figures; figuresHref: string }) {
  const { t } = useTranslation();
  const decimal = useDecimalFormat();
  const number = useNumberFormat();
  const monthLabel = useMonthLabel();
  const months = dashboard.shiftsByMonth.map((shifts, i) => ({
    ...shifts,
    hours: dashboard.hoursByMonth[i]?.hours ?? 0,
  }));
  const sum = (pick: (m: (typeof months)[number]) => number) =>
    months.reduce((total, m) => total + pick(m), 0);
  const totals = {
    hours: Math.round(sum((m) => m.hours) * 100) / 100,
    shifts: sum((m) => m.shifts),
    capacity: sum((m) => m.capacity),
    filled: sum((m) => m.filled),
  };

  return (
    <section className="dash-section dash-months" aria-labelledby="months-heading">
      <h2 id="months-heading" className="visually-hidden">
        {t('dashboard.months.caption')}
      </h2>
      <div className="dash-grid">
        <figure className="panel dash-figure">
          <figcaption className="panel-heading">{t('dashboard.hours.heading')}</figcaption>
          <MonthBarChart
            label={t('dashboard.hours.chartLabel')}
            testId="chart-hours"
            rows={months.map((m) => ({ label: monthLabel(m.month), hours: m.hours }))}
            series={[
              { key: 'hours', name: t('dashboard.hours.series'), color: CHART_COLORS.primary },
            ]}
            format={(v) => decimal.format(v)}
          />
          <p className="muted">
            {t('dashboard.hours.total', {
              count: totals.hours,
              hours: decimal.format(totals.hours),
            })}
          </p>
        </figure>
        <figure className="panel dash-figure">
          <figcaption className="panel-heading">{t('dashboard.shifts.heading')}</figcaption>
          <MonthBarChart
            label={t('dashboard.shifts.chartLabel')}
            testId="chart-shifts"
            rows={months.map((m) => ({
              label: monthLabel(m.month),
              capacity: m.capacity,
              filled: m.filled,
            }))}
            series={[
              {
                key: 'capacity',
                name: t('dashboard.shifts.capacity'),
                color: CHART_COLORS.secondary,
              },
              { key: 'filled', name: t('dashboard.shifts.filled'), color: CHART_COLORS.primary },
            ]}
            format={(v) => number.format(v)}
          />
          <p className="muted">
            {t('dashboard.shifts.total', {
              shifts: t('dashboard.shifts.totalShifts', {
                count: totals.shifts,
                n: number.format(totals.shifts),
              }),
              places: t('dashboard.shifts.totalPlaces', {
                count: totals.capacity,
                filled: number.format(totals.filled),
                capacity: number.format(totals.capacity),
              }),
            })}
          </p>
        </figure>
      </div>
      <p>
        <Link to={figuresHref}>{t('dashboard.links.figures')}</Link>
      </p>
    </section>
  );
}

function CoverageSection({ dashboard }: { dashboard: Figures }) {
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

function LaggingSection({
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
