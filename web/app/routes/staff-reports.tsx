// /staff/reports: every report staff and the office can download — the co-building annual report
// (by year, community, category; xlsx or CSV), the staffing report, and the communities overview.
// The forms are plain GET forms to /staff/reports/…, which proxy the API with the session's token.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { StaffReportsDocument } from '../../../schema/generated/graphql';
import { getRole } from '../auth/session.server';
import { signedInRequest } from '../graphql/client.server';
import { shanghaiDay } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/dashboard.css?url';
import { yearsShown } from '../components/dashboard/years';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.reports.title) },
];

/** Years offered: this one and the four before. */

export async function loader({ request }: LoaderFunctionArgs) {
  const role = await getRole(request);
  const result = await signedInRequest(request, StaffReportsDocument, {
    withCommunities: role !== 'COMMUNITY_STAFF',
  });
  const { viewer } = result;
  if (viewer.role !== 'STREET_ADMIN' && viewer.role !== 'COMMUNITY_STAFF')
    throw new Response(null, { status: 403, statusText: 'Forbidden' });
  return {
    viewer,
    communities:
      viewer.role === 'STREET_ADMIN'
        ? (result.communities?.edges.map((edge) => edge.node) ?? [])
        : null,
    categories: result.commitmentCategories,
    currentYear: Number(shanghaiDay(new Date()).slice(0, 4)),
  };
}

export default function StaffReportsPage() {
  const { viewer, communities, categories, currentYear } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const lang = english ? 'en' : 'zh-CN';
  const years = yearsShown(currentYear);
  const own = viewer.community
    ? `${english ? viewer.community.nameEn : viewer.community.name} · `
    : '';

  const communityField = (id: string) =>
    communities && (
      <div className="field">
        <label htmlFor={id}>{t('reports.community')}</label>
        <select id={id} name="communityId" defaultValue="">
          <option value="">{t('reports.allCommunities')}</option>
          {communities.map((c) => (
            <option key={c.id} value={c.id}>
              {english ? c.nameEn : c.name}
            </option>
          ))}
        </select>
      </div>
    );
  const formatField = (id: string) => (
    <div className="field">
      <label htmlFor={id}>{t('reports.format')}</label>
      <select id={id} name="format" defaultValue="xlsx">
        <option value="xlsx">{t('reports.xlsx')}</option>
        <option value="csv">{t('reports.csv')}</option>
      </select>
    </div>
  );

  return (
    <>
      <main id="main" className="page">
        <h1>{t('reports.heading')}</h1>
        <p className="lead">{t('reports.intro')}</p>
        <ul className="report-list">
          <li className="panel" data-testid="report-co-building">
            <h2 id="co-building-heading" className="panel-heading">
              {own}
              {t('reports.coBuilding.heading')}
            </h2>
            <p className="muted">{t('reports.coBuilding.description')}</p>
            {/* A plain form: the browser downloads the file, with or without JavaScript. */}
            <form
              method="get"
              action="/staff/reports/co-building"
              className="report-form"
              aria-labelledby="co-building-heading"
            >
              <input type="hidden" name="lang" value={lang} />
              <div className="field">
                <label htmlFor="co-building-year">{t('reports.year')}</label>
                <select id="co-building-year" name="year" defaultValue={String(currentYear)}>
                  {years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </div>
              {communityField('co-building-community')}
              <div className="field">
                <label htmlFor="co-building-category">{t('reports.category')}</label>
                <select id="co-building-category" name="categoryId" defaultValue="">
                  <option value="">{t('reports.allCategories')}</option>
                  {categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {english ? c.nameEn : c.name}
                    </option>
                  ))}
                </select>
              </div>
              {formatField('co-building-format')}
              <button type="submit" className="button button-primary">
                {t('reports.download')}
              </button>
            </form>
            <p className="muted report-quick">{t('reports.quick')}</p>
            <ul className="report-links">
              <li>
                <a
                  className="button"
                  href={`/staff/reports/co-building?${new URLSearchParams({ year: String(currentYear), format: 'xlsx', lang })}`}
                  data-testid="download-co-building-xlsx"
                  download
                >
                  {t('reports.coBuilding.xlsx', { year: currentYear })}
                </a>
              </li>
              <li>
                <a
                  className="button"
                  href={`/staff/reports/co-building?${new URLSearchParams({ year: String(currentYear), format: 'csv', lang })}`}
                  data-testid="download-co-building-csv"
                  download
                >
                  {t('reports.coBuilding.csv', { year: currentYear })}
                </a>
              </li>
            </ul>
          </li>

          <li className="panel" data-testid="report-staffing">
            <h2 id="staffing-heading" className="panel-heading">
              {own}
              {t('reports.staffing.heading')}
            </h2>
            <p className="muted">{t('reports.staffing.description')}</p>
            {communities && (
              <form
                method="get"
                action="/staff/reports/staffing"
                className="report-form"
                aria-labelledby="staffing-heading"
              >
                <input type="hidden" name="lang" value={lang} />
                {communityField('staffing-community')}
                {formatField('staffing-format')}
                <button type="submit" className="button button-primary">
                  {t('reports.download')}
                </button>
              </form>
            )}
            <ul className="report-links">
              <li>
                <a
                  className="button"
                  href={`/staff/reports/staffing?${new URLSearchParams({ format: 'xlsx', lang })}`}
                  data-testid="download-staffing-xlsx"
                  download
                >
                  {t('reports.staffing.xlsx')}
                </a>
              </li>
              <li>
                <a
                  className="button"
                  href={`/staff/reports/staffing?${new URLSearchParams({ format: 'csv', lang })}`}
                  data-testid="download-staffing-csv"
                  download
                >
                  {t('reports.staffing.csv')}
                </a>
              </li>
            </ul>
          </li>

          <li className="panel">
            <h2 className="panel-heading">{t('reports.overview.heading')}</h2>
            <p className="muted">{t('reports.overview.description')}</p>
            <p>
              <Link to="/communities">{t('reports.overview.link')}</Link>
            </p>
          </li>
        </ul>
      </main>
    </>
  );
}
