// Finding activities: by community, and those the viewer runs.
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import type { ConnectionArgs, ConnectionData } from '../../graphql/connections.js';
import { idOf } from '../../graphql/ids.js';
import { paginate } from '../../graphql/paging.js';
import type { ReadRow } from '../../graphql/read-rows.js';
import { Activity } from './activity.entity.js';
import { managedActivities } from './shifts.policy.js';

/** Activities, newest first; `mine` keeps those the viewer runs. */
export function listActivities(
  ctx: Context,
  filter: { communityId?: string | null; mine?: boolean | null },
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Activity>>> {
  const user = ctx.viewer.requireUser();
  const where: FilterQuery<Activity>[] = [];
  if (filter.communityId) where.push({ community: idOf(filter.communityId, 'Community') ?? 0 });
  if (filter.mine) {
    const managed = managedActivities(user);
    if (managed) where.push(managed);
  }
  return paginate(ctx.em, Activity, {
    where: where.length ? { $and: where } : {},
    keys: ['id'],
    args,
    direction: 'desc',
  });
}
