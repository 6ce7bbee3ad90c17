// The signed cookie session that holds the API bearer token, and the redirects that guard pages.
import { createCookieSessionStorage, redirect, type Session } from '@remix-run/node';

const devSecret = 'gongjian-dev-only-session-secret';
const secret = process.env.SESSION_SECRET ?? devSecret;
if (secret === devSecret && process.env.NODE_ENV === 'production') {
  console.warn('SESSION_SECRET is not set: using the development session secret.');
}

interface SessionData {
  token: string;
  /** The role at sign-in: a hint for navigation only; the API decides what is allowed. */
  role: string;
  /** Their community's global ID at sign-in (staff: their scope), so pages need not ask first. */
  communityId: string;
}

export const sessionStorage = createCookieSessionStorage<SessionData>({
  cookie: {
    name: '__gongjian_session',
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: process.env.SESSION_COOKIE_SECURE === 'true',
    secrets: [secret],
    maxAge: 60 * 60 * 24 * 7,
  },
});

/** Whether the browser reached us over HTTPS: directly, or — with TRUST_PROXY=true, behind a
 * load balancer that terminates TLS — as its X-Forwarded-Proto says. */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  if (process.env.TRUST_PROXY !== 'true') return false;
  const forwarded = request.headers.get('X-Forwarded-Proto')?.split(',')[0]?.trim();
  return forwarded === 'https';
}

/** The Set-Cookie value that saves `session`; the cookie is `Secure` whenever the page was
 * reached over HTTPS (or SESSION_COOKIE_SECURE=true says it always is). */
export function commitSession(request: Request, session: Session<SessionData>): Promise<string> {
  return sessionStorage.commitSession(session, isHttps(request) ? { secure: true } : undefined);
}

export function getSession(request: Request): Promise<Session<SessionData>> {
  return sessionStorage.getSession(request.headers.get('Cookie'));
}

export async function getToken(request: Request): Promise<string | undefined> {
  return (await getSession(request)).get('token');
}

/** The signed-in user's role as remembered at sign-in (undefined for older sessions). */
export async function getRole(request: Request): Promise<string | undefined> {
  return (await getSession(request)).get('role');
}

/** The signed-in user's community as remembered at sign-in (undefined for older sessions). */
export async function getCommunityId(request: Request): Promise<string | undefined> {
  return (await getSession(request)).get('communityId');
}

/** Where a signed-in user starts: volunteers at their shifts, unit liaisons at their unit,
 * everyone else at the overview. */
export function homePathFor(role: string | undefined): string {
  if (role === 'VOLUNTEER') return '/shifts';
  if (role === 'UNIT_LIAISON') return '/unit';
  if (role === 'SOCIAL_WORKER') return '/social';
  if (role === 'COMMUNITY_STAFF' || role === 'STREET_ADMIN') return '/staff';
  return '/communities';
}

/** `/login?redirectTo=<the page asked for>`. */
export function loginPath(request: Request): string {
  const url = new URL(request.url);
  const here = `${url.pathname}${url.search}`;
  return here === '/' ? '/login' : `/login?${new URLSearchParams({ redirectTo: here })}`;
}

/** For loaders of signed-in pages: the token, or a redirect to the login page. */
export async function requireToken(request: Request): Promise<string> {
  const token = await getToken(request);
  if (!token) throw redirect(loginPath(request));
  return token;
}

/** Forget a token the API no longer accepts and send the user to sign in again. */
export async function expiredSessionRedirect(request: Request): Promise<Response> {
  const session = await getSession(request);
  return redirect(loginPath(request), {
    headers: { 'Set-Cookie': await sessionStorage.destroySession(session) },
  });
}
