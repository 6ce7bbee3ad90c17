// The layout of every signed-in page: the sign-in check and the header, once. The check runs before
// any page of the area renders (no session cookie → /login?redirectTo=…); the header shows the
// viewer that the page's own loader fetched with its one GraphQL request (every page query selects
// `viewer { ...ViewerHeader }`), so the layout itself asks the API nothing.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useMatches } from '@remix-run/react';
import type { ViewerHeaderFragment } from '../../../schema/generated/graphql';
import { requireToken } from '../auth/session.server';
import { AppHeader } from '../components/AppHeader';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  return null;
}

function viewerOf(data: unknown): ViewerHeaderFragment | null {
  if (typeof data !== 'object' || data === null || !('viewer' in data)) return null;
  return (data as { viewer: ViewerHeaderFragment | null }).viewer;
}

export default function SignedInLayout() {
  const matches = useMatches();
  // The deepest page that loaded a viewer (the page itself; its loader failed → no header).
  const viewer = matches.map((match) => viewerOf(match.data)).findLast((found) => found !== null);
  return (
    <>
      {viewer ? <AppHeader viewer={viewer} /> : null}
      <Outlet />
    </>
  );
}
