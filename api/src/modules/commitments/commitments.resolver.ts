// GraphQL surface of commitments and their history; the rules live in the use-case files and
// commitments.policy.ts. Fulfilments, needs and categories have their own resolver files.
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../graphql/connections.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { idOf } from '../../graphql/ids.js';
import { registerNode } from '../../graphql/node.js';
import type { ReadRow } from '../../graphql/read-rows.js';
import { selectsField } from '../../graphql/selection.js';
import { User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { amountFloat } from './amounts.js';
import { CommitmentCategory } from './category.entity.js';
import { CommitmentEvent } from './commitment-event.entity.js';
import { Commitment } from './commitment.entity.js';
import { canReadCommitment, commitmentPermissions } from './commitments.policy.js';
import {
  CommitmentConnection,
  CommitmentFilter,
  CommitmentPayload,
  CommitmentPermissions,
  CommitmentProgress,
  CreateCommitmentInput,
  FulfilmentConnection,
  ReviewCommitmentInput,
  ReviewTargetChangeInput,
  SubmitCommitmentInput,
  UnitStanding,
  UpdateCommitmentInput,
  WithdrawCommitmentInput,
} from './commitments.types.js';
import { createCommitment } from './create-commitment.js';
import { updateCommitment } from './edit-commitment.js';
import { listCommitments } from './list-commitments.js';
import { Need } from './need.entity.js';
import { progressOf } from './progress.js';
import { reviewCommitment } from './review-commitment.js';
import { unitStandings } from './standings.js';
import { submitCommitment, withdrawCommitment } from './submit-withdraw.js';
import { reviewTargetChange } from './target-change.js';

@Resolver(() => Commitment)
export class CommitmentResolver {
  @Query(() => CommitmentConnection, {
    description: 'Commitments you may see: accepted ones, and your own community’s or unit’s.',
  })
  commitments(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => CommitmentFilter, { nullable: true }) filter: CommitmentFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listCommitments(ctx, filter ?? {}, args);
  }

  @Query(() => Commitment, { nullable: true })
  async commitment(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<ReadRow<Commitment> | null> {
    ctx.viewer.requireUser();
    const commitmentId = idOf(id, 'Commitment');
    const found = commitmentId ? await ctx.loaders.commitments.commitment.load(commitmentId) : null;
    return found && canReadCommitment(ctx.viewer, found) ? found : null;
  }

  @Query(() => [UnitStanding], {
    description:
      'Each unit’s commitments, fulfilment rate and rank for a year; lagging units first.',
  })
  async unitStandings(
    @Arg('communityId', () => ID, { nullable: true }) communityId: string | null,
    @Arg('year', () => Int, { nullable: true, description: 'Default: this year (Asia/Shanghai).' })
    year: number | null,
    @Arg('categoryId', () => ID, { nullable: true }) categoryId: string | null,
    @Arg('unitId', () => ID, {
      nullable: true,
      description:
        'Only this unit’s standing, ranked in its own community (communityId is then ignored).',
    })
    unitId: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Commitment entities only when the query reads them; the figures come from plain rows.
    const withCommitments = selectsField(info, 'commitments');
    return (
      await unitStandings(ctx, { communityId, year, categoryId, unitId }, { withCommitments })
    ).rows;
  }

  @FieldResolver(() => Unit)
  unit(@Root() c: Commitment, @Ctx() ctx: Context) {
    return ctx.loaders.directory.unit.load(c.unit.id);
  }

  @FieldResolver(() => Community)
  community(@Root() c: Commitment, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(c.community.id);
  }

  @FieldResolver(() => CommitmentCategory)
  category(@Root() c: Commitment, @Ctx() ctx: Context) {
    return ctx.loaders.commitments.category.load(c.category.id);
  }

  @FieldResolver(() => Need, { nullable: true })
  need(@Root() c: Commitment, @Ctx() ctx: Context) {
    return c.need ? ctx.loaders.commitments.need.load(c.need.id) : null;
  }

  @FieldResolver(() => Float)
  targetAmount(@Root() c: Commitment) {
    return amountFloat(c.targetAmount);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'A new target the unit asked for, waiting for staff.',
  })
  proposedTargetAmount(@Root() c: Commitment) {
    return amountFloat(c.proposedTargetAmount);
  }

  @FieldResolver(() => CommitmentProgress)
  progress(@Root() c: Commitment): CommitmentProgress {
    return progressOf(c, shanghaiDate());
  }

  @FieldResolver(() => FulfilmentConnection)
  fulfilments(
    @Root() c: Commitment,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.loaders.commitments.fulfilmentsOfCommitment.load({ parentId: c.id, args });
  }

  @FieldResolver(() => [CommitmentEvent], {
    description: 'Every transition and edit, oldest first.',
  })
  history(@Root() c: Commitment, @Ctx() ctx: Context) {
    return ctx.loaders.commitments.historyOfCommitment.load(c.id);
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() c: Commitment, @Ctx() ctx: Context) {
    return ctx.loaders.auth.user.load(c.createdBy.id);
  }

  @FieldResolver(() => CommitmentPermissions)
  viewerCan(@Root() c: Commitment, @Ctx() ctx: Context): CommitmentPermissions {
    return commitmentPermissions(ctx.viewer, c);
  }

  @Mutation(() => CommitmentPayload)
  createCommitment(
    @Arg('input', () => CreateCommitmentInput) input: CreateCommitmentInput,
    @Ctx() ctx: Context,
  ) {
    return createCommitment(ctx, input);
  }

  @Mutation(() => CommitmentPayload)
  updateCommitment(
    @Arg('input', () => UpdateCommitmentInput) input: UpdateCommitmentInput,
    @Ctx() ctx: Context,
  ) {
    return updateCommitment(ctx, input);
  }

  @Mutation(() => CommitmentPayload)
  submitCommitment(
    @Arg('input', () => SubmitCommitmentInput) input: SubmitCommitmentInput,
    @Ctx() ctx: Context,
  ) {
    return submitCommitment(ctx, input);
  }

  @Mutation(() => CommitmentPayload, {
    description: 'Staff accept a submitted commitment or reject it with a reason.',
  })
  reviewCommitment(
    @Arg('input', () => ReviewCommitmentInput) input: ReviewCommitmentInput,
    @Ctx() ctx: Context,
  ) {
    return reviewCommitment(ctx, input);
  }

  @Mutation(() => CommitmentPayload)
  withdrawCommitment(
    @Arg('input', () => WithdrawCommitmentInput) input: WithdrawCommitmentInput,
    @Ctx() ctx: Context,
  ) {
    return withdrawCommitment(ctx, input);
  }

  @Mutation(() => CommitmentPayload, {
    description: 'Staff decide on a target change the unit asked for.',
  })
  reviewTargetChange(
    @Arg('input', () => ReviewTargetChangeInput) input: ReviewTargetChangeInput,
    @Ctx() ctx: Context,
  ) {
    return reviewTargetChange(ctx, input);
  }
}

@Resolver(() => CommitmentEvent)
export class CommitmentEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Null when the system acted.' })
  actor(@Root() e: CommitmentEvent, @Ctx() ctx: Context) {
    return e.actor ? ctx.loaders.auth.user.load(e.actor.id) : null;
  }
}

registerNode('Commitment', async (ctx, id) => {
  const c = await ctx.loaders.commitments.commitment.load(id);
  return c && canReadCommitment(ctx.viewer, c) ? c : null;
});
