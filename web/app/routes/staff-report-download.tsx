// GET /staff/reports/co-building and /staff/reports/staffing: the report files, fetched from the
// API's /reports/… routes server-side with the session's token (the token never reaches the
// browser) and passed through. Only the parameters each report knows are forwarded; the file's
// language defaults to the page's.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { expiredSessionRedirect, requireToken } from '../auth/session.server';
import { apiBaseUrl } from '../graphql/client.server';
import { languageFromRequest } from '../i18n/language.server';

const timeoutMs = 60_000;
const passedHeaders = ['Content-Type', 'Content-Disposition', 'Content-Length'];

const REPORTS = {
  'co-building': ['communityId', 'year', 'categoryId', 'format'],
  staffing: ['communityId', 'format'],
} as const;

type ReportName = keyof typeof REPORTS;

function reportOf(pathname: string): ReportName | null {
  const name = pathname.replace(/\/+$/, '').split('/').pop();
  return name === 'co-building' || name === 'staffing' ? name : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = await requireToken(request);
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

  let upstream: Response;
  try {
    upstream = await fetch(`${apiBaseUrl}/reports/${report}?${params}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    console.error(`${report} report download failed:`, error);
    throw new Response(null, { status: 503, statusText: 'Service Unavailable' });
  }
  if (upstream.status === 401) throw await expiredSessionRedirect(request);
  if (!upstream.ok || !upstream.body) {
    // The API's reason (GraphQL error shape) is for the log; the page explains by status.
    console.error(`${report} report: API answered ${upstream.status}`);
    const status = upstream.status >= 500 ? 503 : upstream.status;
    throw new Response(null, { status });
  }
  const headers = new Headers({
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  for (const name of passedHeaders) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: 200, headers });
}
