// The signed-in unit liaison and their unit, for the /unit pages.
import { UnitViewerDocument } from '../../../schema/generated/graphql';
import { expiredSessionRedirect } from '../auth/session.server';
import { gqlRequest } from './client.server';

export async function unitViewer(request: Request) {
  const { viewer } = await gqlRequest(request, UnitViewerDocument, {});
  if (!viewer) throw await expiredSessionRedirect(request);
  return viewer;
}
