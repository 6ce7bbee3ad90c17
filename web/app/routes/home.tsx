// `/`: each role's start page when signed in (volunteers: their shifts), else the login page.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { CurrentViewerDocument } from '../../../schema/generated/graphql';
import {
  commitSession,
  expiredSessionRedirect,
  getSession,
  homePathFor,
} from '../auth/session.server';
import { gqlRequest } from '../graphql/client.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (!session.get('token')) return redirect('/login');
  const role = session.get('role');
  if (role) return redirect(homePathFor(role));
  // A session from before roles were remembered: ask once, and remember.
  const { viewer } = await gqlRequest(request, CurrentViewerDocument, {});
  if (!viewer) throw await expiredSessionRedirect(request);
  session.set('role', viewer.role);
  return redirect(homePathFor(viewer.role), {
    headers: { 'Set-Cookie': await commitSession(request, session) },
  });
}
