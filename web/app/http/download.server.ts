// The one way the web app hands the browser a file the API makes (service records, evidence,
// reports): fetched server-side with the session's token — the token never reaches the browser —
// and streamed through with only the headers that describe the file.
import { expiredSessionRedirect, requireToken } from '../auth/session.server';
import { apiBaseUrl } from '../graphql/client.server';

/** What a file's response may carry over from the API; anything else (cookies, caching) stays. */
const passedHeaders = [
  'Content-Type',
  'Content-Disposition',
  'Content-Length',
  // The API serves uploaded files sandboxed: a photo that is also an HTML page runs nothing here.
  'Content-Security-Policy',
];

export interface DownloadOptions {
  /** Names the download in the log. */
  label: string;
  /** How long the API may take to start answering (reports are built on request). */
  timeoutMs?: number;
}

/**
 * GET `${API}/${apiPath}` as the signed-in user and pass the file on. No session → sign in first;
 * an expired one → sign in again; the API unreachable or failing → 503; its 403/404 → the same
 * status, explained by the error page (the API's problem text is for the log).
 */
export async function proxyDownload(
  request: Request,
  apiPath: string,
  { label, timeoutMs = 30_000 }: DownloadOptions,
): Promise<Response> {
  const token = await requireToken(request);
  let upstream: Response;
  try {
    upstream = await fetch(`${apiBaseUrl}/${apiPath.replace(/^\/+/, '')}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    console.error(`${label} download failed:`, error);
    throw new Response(null, { status: 503, statusText: 'Service Unavailable' });
  }
  if (upstream.status === 401) throw await expiredSessionRedirect(request);
  if (!upstream.ok || !upstream.body) {
    console.error(`${label} download: API answered ${upstream.status}`);
    throw new Response(null, { status: upstream.status >= 500 ? 503 : upstream.status });
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
