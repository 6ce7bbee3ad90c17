// /staff/figures: the dashboard's figures as full tables — every category and measure, and the
// twelve months — for the scope the dashboard showed (?community= for the office, ?year=).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { StaffFiguresDocument } from '../../../schema/generated/graphql';
import { CategoryTable, MonthTable } from '../components/dashboard/FigureTables';
import { signedInRequest } from '../graphql/client.server';
import { scopeSearch, staffScope } from '../graphql/staff-scope.server';
import { pageTitle } from '../i18n/meta';
import href from '../styles/dashboard.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.dashboard.figures.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await staffScope(request);
  const result = await signedInRequest(request, StaffFiguresDocument, {
    communityId: scope.communityId,
    year: scope.year,
  });
  return {
    viewer: result.viewer,
    dashboard: result.dashboard,
    back: `/staff${scopeSearch(scope)}`,
  };
}

export default function StaffFiguresPage() {
  const { dashboard, back } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const months = dashboard.shiftsByMonth.map((shifts, i) => ({
    ...shifts,
    hours: dashboard.hoursByMonth[i]?.hours ?? 0,
  }));
  return (
    <>
      <main id="main" className="page dashboard">
        <p>
          <Link to={back}>{t('dashboard.links.back')}</Link>
        </p>
        <h1>{t('dashboard.figures.heading')}</h1>
        <p className="lead" data-testid="dashboard-scope">
          {dashboard.community
            ? t('dashboard.scopeCommunity', {
                community: english ? dashboard.community.nameEn : dashboard.community.name,
                year: dashboard.year,
              })
            : t('dashboard.scopeAll', { year: dashboard.year })}
          <span className="muted dashboard-asof">
            {' '}
            · {t('dashboard.asOf', { date: dashboard.asOf })}
          </span>
        </p>
        <section className="panel dash-section" aria-labelledby="categories-heading">
          <h2 id="categories-heading" className="panel-heading">
            {t('dashboard.categories.heading')}
          </h2>
          <p className="muted">{t('dashboard.categories.intro')}</p>
          <CategoryTable rows={dashboard.categories} />
        </section>
        <section className="dash-section" aria-labelledby="months-caption">
          <MonthTable months={months} />
        </section>
      </main>
    </>
  );
}
