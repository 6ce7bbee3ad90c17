// POST /logout: end the API session, forget the token, back to the login page.
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { LogoutDocument } from '../../../schema/generated/graphql';
import { getSession, sessionStorage } from '../auth/session.server';
import { gqlRequest } from '../graphql/client.server';

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session.get('token')) {
    try {
      await gqlRequest(request, LogoutDocument, { input: {} });
    } catch (error) {
      // Signing out of the web must not depend on the API: an expired token is already signed out.
      if (!(error instanceof Response)) console.error('logout mutation failed:', error);
    }
  }
  return redirect('/login', {
    headers: { 'Set-Cookie': await sessionStorage.destroySession(session) },
  });
}

export function loader() {
  return redirect('/');
}
