// GET /my/service-record.pdf|xlsx: the signed-in volunteer's service record, fetched from the API
// server-side with the session's token (the token never reaches the browser) and passed through.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { expiredSessionRedirect, requireToken } from '../auth/session.server';
import { apiBaseUrl } from '../graphql/client.server';

const timeoutMs = 30_000;
const passedHeaders = ['Content-Type', 'Content-Disposition', 'Content-Length'];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = await requireToken(request);
  const format = new URL(request.url).pathname.endsWith('.xlsx') ? 'xlsx' : 'pdf';
  let upstream: Response;
  try {
    upstream = await fetch(`${apiBaseUrl}/volunteer/service-record.${format}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    console.error('service record download failed:', error);
    throw new Response(null, { status: 503, statusText: 'Service Unavailable' });
  }
  if (upstream.status === 401) throw await expiredSessionRedirect(request);
  if (!upstream.ok || !upstream.body) {
    // The API's reason (GraphQL error shape) is for the log; the page explains by status.
    console.error(`service record: API answered ${upstream.status}`);
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
