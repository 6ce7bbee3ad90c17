// Signing in on the web, after the API has: the session cookie (the token, and the role and
// community as navigation hints) and the language cookie, then a whole-document load of the
// first page — so it renders in the account's language with the cookies just set. Used by sign-in,
// registration and an accepted liaison invitation.
import { redirectDocument } from '@remix-run/node';
import { toLanguage } from '../i18n/i18n';
import { languageFromRequest, serializeLanguageCookie } from '../i18n/language.server';
import { commitSession, getSession } from './session.server';

export interface SignedInAccount {
  token: string;
  role?: string | null;
  communityId?: string | null;
  /** The language chosen on the account (on any device); else this browser's stays. */
  language?: string | null;
}

export async function startSession(
  request: Request,
  account: SignedInAccount,
  to: string,
): Promise<ReturnType<typeof redirectDocument>> {
  const session = await getSession(request);
  session.set('token', account.token);
  if (account.role) session.set('role', account.role);
  if (account.communityId) session.set('communityId', account.communityId);
  const headers = new Headers({ 'Set-Cookie': await commitSession(request, session) });
  const language = toLanguage(account.language) ?? languageFromRequest(request);
  headers.append('Set-Cookie', serializeLanguageCookie(language));
  return redirectDocument(to, { headers });
}
