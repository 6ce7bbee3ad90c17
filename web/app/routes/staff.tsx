// /staff: the start page of community staff and the sub-district office, summary first — what
// waits for review, lagging units, pairing coverage and this month's shifts, then charts (their
// figures as full tables on /staff/figures) and the few slowest lagging units, each unit linking
// to its page; every unit's standing is on /staff/units/standings. The office picks a community
// or the whole sub-district with ?community=.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { StaffDashboardDocument } from '../../../schema/generated/graphql';
import { getRole } from '../auth/session.server';
import { CategorySection } from '../components/dashboard/CategorySection';
import { CoverageSection } from '../components/dashboard/CoverageSection';
import { LaggingSection } from '../components/dashboard/LaggingSection';
import { MonthSection } from '../components/dashboard/MonthSection';
import { ScopePicker } from '../components/dashboard/ScopePicker';
import { Tiles } from '../components/dashboard/Tiles';
import { signedInRequest } from '../graphql/client.server';
import { scopeSearch, staffScope } from '../graphql/staff-scope.server';
import { pageTitle } from '../i18n/meta';
import href from '../styles/dashboard.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.dashboard.title) },
];

/** Lagging units listed on the dashboard; all of them are on the standings page. */
const LAGGING_SHOWN = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  const role = await getRole(request);
  // Staff always see their own community (the API's default); only the office picks.
  const { communityId, year, currentYear } = await staffScope(request);
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
