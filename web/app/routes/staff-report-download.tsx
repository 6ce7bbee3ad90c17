// GET /staff/reports/co-building and /staff/reports/staffing: the report files, passed through from
// the API's /reports/… routes. Only the parameters each report knows are forwarded; the file's
// language defaults to the page's.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { proxyDownload } from '../http/download.server';
import { languageFromRequest } from '../i18n/language.server';

const REPORTS = {
  'co-building': ['communityId', 'year', 'categoryId', 'format'],
  staffing: ['communityId', 'format'],
} as const;

type ReportName = keyof typeof REPORTS;

function reportOf(pathname: string): ReportName | null {
  const name = pathname.replace(/\/+$/, '').split('/').pop();
  return name === 'co-building' || name === 'staffing' ? name : null;
}

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const report = reportOf(url.pathname);
  if (!report) throw new Response(null, { status: 404 });
  const params = new URLSearchParams();
  for (const name of REPORTS[report]) {
    const value = url.searchParams.get(name);
    if (value) params.set(name, value);
  }
  const lang = url.searchParams.get('lang');
  params.set('lang', lang === 'en' || lang === 'zh-CN' ? lang : languageFromRequest(request));

  return proxyDownload(request, `reports/${report}?${params}`, {
    label: `${report} report`,
    timeoutMs: 60_000,
  });
}
