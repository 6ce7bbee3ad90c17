// The commitments list: the viewer's filters on top of what 'commitment.read' lets them see.
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { idOf } from '../../graphql/ids.js';
import type { ConnectionArgs, ConnectionData } from '../../graphql/connections.js';
import { paginate } from '../../graphql/paging.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentStatus } from './commitment.enums.js';
import { readableCommitments, reviewableCommitments } from './commitments.policy.js';
import type { ReadRow } from '../../graphql/read-rows.js';

export function listCommitments(
  ctx: Context,
  filter: {
    communityId?: string | null;
    unitId?: string | null;
    categoryId?: string | null;
    needId?: string | null;
    statuses?: CommitmentStatus[] | null;
    awaitingReview?: boolean | null;
    targetChangeRequested?: boolean | null;
    myUnit?: boolean | null;
  },
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Commitment>>> {
  const user = ctx.viewer.requireUser();
  const where: FilterQuery<Commitment>[] = [];
  if (filter.myUnit) where.push({ unit: user.unit?.id ?? 0 });
  if (filter.awaitingReview) {
    // The staff review queue: submissions and target change requests the viewer may decide on.
    where.push({
      $or: [{ status: CommitmentStatus.SUBMITTED }, { proposedTargetAmount: { $ne: null } }],
    });
    where.push(reviewableCommitments(user));
  }
  if (filter.targetChangeRequested != null) {
    where.push({ proposedTargetAmount: filter.targetChangeRequested ? { $ne: null } : null });
  }
  if (filter.communityId) where.push({ community: idOf(filter.communityId, 'Community') ?? 0 });
  if (filter.unitId) where.push({ unit: idOf(filter.unitId, 'Unit') ?? 0 });
  if (filter.categoryId)
    where.push({ category: idOf(filter.categoryId, 'CommitmentCategory') ?? 0 });
  if (filter.needId) where.push({ need: idOf(filter.needId, 'Need') ?? 0 });
  if (filter.statuses?.length) where.push({ status: { $in: filter.statuses } });
  where.push(readableCommitments(user));
  return paginate(ctx.em, Commitment, { where: { $and: where }, keys: ['id'], args });
}
