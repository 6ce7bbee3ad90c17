// The community a community-wide pairing request is about, and the viewer's right to it.
import type { Context } from '../../context.js';
import { forbidden } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import type { ReadRow } from '../../graphql/read-rows.js';
import { authorize, type Action } from '../auth/policy.js';
import type { Community } from '../directory/community.entity.js';

/** The community asked for; without one, the viewer's own (staff, social workers). */
export async function communityOrNull(
  ctx: Context,
  globalId: string | null | undefined,
): Promise<ReadRow<Community> | null> {
  const id = globalId ? idOf(globalId, 'Community') : (ctx.viewer.user?.community?.id ?? null);
  return id ? ctx.loaders.directory.community.load(id) : null;
}

/**
 * The community asked for (default: the viewer's own) once the viewer may do `action` in it:
 * UNAUTHENTICATED signed out, FORBIDDEN when there is no such community or the rule says no.
 */
export async function authorizedCommunity(
  ctx: Context,
  globalId: string | null | undefined,
  action: Action,
): Promise<ReadRow<Community>> {
  ctx.viewer.requireUser();
  const community = await communityOrNull(ctx, globalId);
  if (!community) throw forbidden();
  authorize(ctx.viewer, action, { communityId: community.id });
  return community;
}
