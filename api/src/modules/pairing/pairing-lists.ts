// Reading pairings and social workers: a community's lists, a worker's own pairings, and the
// `node(id:)` fetchers. Who sees what is decided in pairing.policy.ts.
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import type { ConnectionArgs, ConnectionData } from '../../graphql/connections.js';
import { paginate } from '../../graphql/paging.js';
import { authorize, can } from '../auth/policy.js';
import { Pairing } from './pairing.entity.js';
import type { PairingStatus } from './pairing.enums.js';
import { pairingScope, socialWorkerScope, supervisedPairings } from './pairing.policy.js';
import { authorizedCommunity } from './requested-community.js';
import { SocialWorker } from './social-worker.entity.js';
import type { ReadRow } from '../../graphql/read-rows.js';

/**
 * A community's pairings, for whoever has its overview, narrowed by the query scope of
 * 'supervision.log': everything for its staff and the office; a social worker of the community
 * sees only their own.
 */
export async function listPairings(
  ctx: Context,
  communityId: string | null,
  status: PairingStatus | null,
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Pairing>>> {
  const community = await authorizedCommunity(ctx, communityId, 'pairing.overview');
  const where: FilterQuery<Pairing>[] = [
    supervisedPairings(ctx.viewer.requireUser(), community.id),
  ];
  if (status) where.push({ status });
  return paginate(ctx.em, Pairing, { where: { $and: where }, keys: ['id'], args });
}

/**
 * A social worker's own pairings (`SocialWorker.pairings`), most overdue first; readable by whoever
 * may read those pairings: the worker, their community's staff, the office.
 */
export function pairingsOfSocialWorker(
  ctx: Context,
  worker: SocialWorker,
  status: PairingStatus | null,
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Pairing>>> {
  authorize(ctx.viewer, 'supervision.log', socialWorkerScope(worker));
  return ctx.loaders.pairing.pairingsOfWorker.load({
    parentId: worker.id,
    filter: status ?? null,
    args,
  });
}

/** A community's social workers, for whoever has its overview. */
export async function listSocialWorkers(
  ctx: Context,
  communityId: string | null,
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<SocialWorker>>> {
  const community = await authorizedCommunity(ctx, communityId, 'pairing.overview');
  return paginate(ctx.em, SocialWorker, { where: { community: community.id }, keys: ['id'], args });
}

/** A pairing by id for `node(id:)`: null unless the viewer may read it ('supervision.log'). */
export async function findPairing(ctx: Context, id: number): Promise<ReadRow<Pairing> | null> {
  if (!ctx.viewer.user) return null;
  const pairing = await ctx.loaders.pairing.pairing.load(id);
  if (!pairing) return null;
  return can(ctx.viewer, 'supervision.log', await pairingScope(ctx.em, pairing)) ? pairing : null;
}

/** A social worker by id for `node(id:)`: null unless the viewer may read them ('socialWorker.read'). */
export async function findSocialWorker(
  ctx: Context,
  id: number,
): Promise<ReadRow<SocialWorker> | null> {
  if (!ctx.viewer.user) return null;
  const worker = await ctx.loaders.pairing.socialWorker.load(id);
  if (!worker) return null;
  return can(ctx.viewer, 'socialWorker.read', socialWorkerScope(worker)) ? worker : null;
}
