// GET /unit/evidence/:id: an evidence file of a fulfilment record, fetched from the API
// server-side with the session's token (the token never reaches the browser) and passed through.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { expiredSessionRedirect, requireToken } from '../auth/session.server';
import { apiBaseUrl } from '../graphql/client.server';

const timeoutMs = 30_000;
const passedHeaders = [
  'Content-Type',
  'Content-Disposition',
  'Content-Length',
  // The API serves every file sandboxed: a photo that is also an HTML page runs nothing here either.
  'Content-Security-Policy',
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = await requireToken(request);
  const id = params.id ?? '';
  let upstream: Response;
  try {
    upstream = await fetch(`${apiBaseUrl}/files/evidence/${encodeURIComponent(id)}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    console.error('evidence download failed:', error);
    throw new Response(null, { status: 503, statusText: 'Service Unavailable' });
  }
  if (upstream.status === 401) throw await expiredSessionRedirect(request);
  if (!upstream.ok || !upstream.body) {
    console.error(`evidence download: API answered ${upstream.status}`);
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
