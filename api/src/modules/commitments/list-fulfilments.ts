// The fulfilment review queue: the records the viewer reviews or follows.
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { idOf } from '../../graphql/ids.js';
import type { ConnectionArgs, ConnectionData } from '../../graphql/connections.js';
import { paginate } from '../../graphql/paging.js';
import type { FulfilmentStatus } from './commitment.enums.js';
import { followedFulfilments } from './commitments.policy.js';
import { Fulfilment } from './fulfilment.entity.js';
import type { ReadRow } from '../../graphql/read-rows.js';

/**
 * The review queue: fulfilment records the viewer's role answers for — all for the office, the
 * community's for its staff, the unit's for its liaison, nothing for anyone else — oldest
 * recorded first, so what has waited longest is reviewed first.
 */
export function listFulfilments(
  ctx: Context,
  filter: {
    communityId?: string | null;
    unitId?: string | null;
    statuses?: FulfilmentStatus[] | null;
  },
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Fulfilment>>> {
  const user = ctx.viewer.requireUser();
  const where: FilterQuery<Fulfilment>[] = [followedFulfilments(user)];
  if (filter.communityId)
    where.push({ commitment: { community: idOf(filter.communityId, 'Community') ?? 0 } });
  if (filter.unitId) where.push({ commitment: { unit: idOf(filter.unitId, 'Unit') ?? 0 } });
  if (filter.statuses?.length) where.push({ status: { $in: filter.statuses } });
  return paginate(ctx.em, Fulfilment, {
    where: where.length ? { $and: where } : {},
    // Oldest recorded first (the id breaks ties and keeps the cursor unique).
    keys: ['createdAt', 'id'],
    args,
  });
}
