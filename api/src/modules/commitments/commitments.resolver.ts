// GraphQL surface of co-building; the rules live in the use-case files and commitments.policy.ts.
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
import { shanghaiDate } from '../../graphql/dates.js';
import { registerNode } from '../../graphql/node.js';
import { idOf } from '../../graphql/ids.js';
import { ConnectionArgs } from '../../graphql/connections.js';
import { selectsField } from '../../graphql/selection.js';
import { can } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { CommitmentCategory } from './category.entity.js';
import { CommitmentEvent } from './commitment-event.entity.js';
import { Commitment } from './commitment.entity.js';
import {
  canReadCommitment,
  canReadEvidenceOf,
  canReadNeed,
  commitmentPermissions,
  commitmentScope,
} from './commitments.policy.js';
import {
  CategoryPayload,
  CommitmentConnection,
  CommitmentFilter,
  CommitmentPayload,
  CommitmentPermissions,
  CommitmentProgress,
  CreateCategoryInput,
  CreateCommitmentInput,
  CreateNeedInput,
  FulfilmentConnection,
  FulfilmentFilter,
  FulfilmentPayload,
  HoursClaim,
  NeedConnection,
  NeedFilter,
  NeedPayload,
  RecordFulfilmentInput,
  ReviewCommitmentInput,
  ReviewFulfilmentInput,
  ReviewTargetChangeInput,
  SetNeedStatusInput,
  SubmitCommitmentInput,
  UnitStanding,
  UpdateCategoryInput,
  UpdateCommitmentInput,
  WithdrawCommitmentInput,
} from './commitments.types.js';
import { createCommitment } from './create-commitment.js';
import { updateCommitment } from './edit-commitment.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { listCommitments } from './list-commitments.js';
import { listFulfilments } from './list-fulfilments.js';
import { Need } from './need.entity.js';
import * as needs from './needs.service.js';
import { progressOf } from './progress.js';
import { recordFulfilment } from './record-fulfilment.js';
import { reviewCommitment } from './review-commitment.js';
import { reviewFulfilment } from './review-fulfilment.js';
import { unitStandings } from './standings.js';
import { submitCommitment, withdrawCommitment } from './submit-withdraw.js';
import { reviewTargetChange } from './target-change.js';
import type { ReadRow } from '../../graphql/read-rows.js';

const amount = (value: string | null) => (value === null ? null : Number(value));

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
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Commitment entities only when the query reads them; the figures come from plain rows.
    const withCommitments = selectsField(info, 'commitments');
    return (await unitStandings(ctx, { communityId, year, categoryId }, { withCommitments })).rows;
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
    return amount(c.targetAmount);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'A new target the unit asked for, waiting for staff.',
  })
  proposedTargetAmount(@Root() c: Commitment) {
    return amount(c.proposedTargetAmount);
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

@Resolver(() => Fulfilment)
export class FulfilmentResolver {
  @Query(() => FulfilmentConnection, {
    description:
      'Fulfilment records you answer for (the office all, staff their community’s, a liaison their unit’s), oldest recorded first.',
  })
  fulfilments(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => FulfilmentFilter, { nullable: true }) filter: FulfilmentFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listFulfilments(ctx, filter ?? {}, args);
  }

  @FieldResolver(() => Commitment)
  commitment(@Root() f: Fulfilment, @Ctx() ctx: Context) {
    return ctx.loaders.commitments.commitment.load(f.commitment.id);
  }

  @FieldResolver(() => Date, { description: 'When the record was made (its place in the queue).' })
  recordedAt(@Root() f: Fulfilment): Date {
    return f.createdAt;
  }

  @FieldResolver(() => Float)
  amount(@Root() f: Fulfilment) {
    return amount(f.amount);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Null for credits from confirmed attendance.',
  })
  recordedBy(@Root() f: Fulfilment, @Ctx() ctx: Context) {
    return f.recordedBy ? ctx.loaders.auth.user.load(f.recordedBy.id) : null;
  }

  @FieldResolver(() => HoursClaim, {
    nullable: true,
    description:
      'For credits from attendance, to those who record or review the commitment’s fulfilment.',
  })
  async hoursClaim(@Root() f: Fulfilment, @Ctx() ctx: Context): Promise<HoursClaim | null> {
    if (f.confirmedMinutes === null) return null;
    // Those who record the commitment's fulfilment; its reviewers (staff, office) are among them.
    const c = await ctx.loaders.commitments.commitment.load(f.commitment.id);
    if (!c || !can(ctx.viewer, 'commitment.write', commitmentScope(c))) return null;
    return {
      servedMinutes: f.servedMinutes,
      confirmedMinutes: f.confirmedMinutes,
      reason: f.hoursReason,
    };
  }

  @FieldResolver(() => User, { nullable: true })
  reviewedBy(@Root() f: Fulfilment, @Ctx() ctx: Context) {
    return f.reviewedBy ? ctx.loaders.auth.user.load(f.reviewedBy.id) : null;
  }

  @FieldResolver(() => [EvidenceFile], {
    nullable: true,
    description:
      'Photos and documents (they show residents): null unless you are the office, the community’s staff or the unit (policy evidence.read).',
  })
  async evidence(
    @Root() f: Fulfilment,
    @Ctx() ctx: Context,
  ): Promise<ReadRow<EvidenceFile>[] | null> {
    const c = await ctx.loaders.commitments.commitment.load(f.commitment.id);
    if (!c || !canReadEvidenceOf(ctx.viewer, c)) return null;
    return ctx.loaders.commitments.evidenceOfFulfilment.load(f.id);
  }

  @Mutation(() => FulfilmentPayload)
  recordFulfilment(
    @Arg('input', () => RecordFulfilmentInput) input: RecordFulfilmentInput,
    @Ctx() ctx: Context,
  ) {
    return recordFulfilment(ctx, input);
  }

  @Mutation(() => FulfilmentPayload, {
    description: 'Staff of the commitment’s community verify or reject a record.',
  })
  reviewFulfilment(
    @Arg('input', () => ReviewFulfilmentInput) input: ReviewFulfilmentInput,
    @Ctx() ctx: Context,
  ) {
    return reviewFulfilment(ctx, input);
  }
}

@Resolver(() => EvidenceFile)
export class EvidenceFileResolver {
  @FieldResolver(() => String, {
    description: 'Where to download it (with the Authorization header).',
  })
  url(@Root() file: EvidenceFile): string {
    return `/files/evidence/${file.nodeId}`;
  }
}

@Resolver(() => CommitmentEvent)
export class CommitmentEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Null when the system acted.' })
  actor(@Root() e: CommitmentEvent, @Ctx() ctx: Context) {
    return e.actor ? ctx.loaders.auth.user.load(e.actor.id) : null;
  }
}

@Resolver(() => Need)
export class NeedResolver {
  @Query(() => NeedConnection)
  needs(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => NeedFilter, { nullable: true }) filter: NeedFilter | null,
    @Ctx() ctx: Context,
  ) {
    return needs.listNeeds(ctx, filter ?? {}, args);
  }

  @FieldResolver(() => Community)
  community(@Root() n: Need, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(n.community.id);
  }

  @FieldResolver(() => CommitmentCategory)
  category(@Root() n: Need, @Ctx() ctx: Context) {
    return ctx.loaders.commitments.category.load(n.category.id);
  }

  @FieldResolver(() => Float)
  amount(@Root() n: Need) {
    return amount(n.amount);
  }

  @FieldResolver(() => Float, {
    description: 'Targets of submitted and accepted commitments answering it.',
  })
  async pledged(@Root() n: Need, @Ctx() ctx: Context) {
    return amount((await ctx.loaders.commitments.needTotals.load(n.id)).pledged);
  }

  @FieldResolver(() => Float, { description: 'Verified amounts of those commitments.' })
  async delivered(@Root() n: Need, @Ctx() ctx: Context) {
    return amount((await ctx.loaders.commitments.needTotals.load(n.id)).delivered);
  }

  @Mutation(() => NeedPayload)
  createNeed(@Arg('input', () => CreateNeedInput) input: CreateNeedInput, @Ctx() ctx: Context) {
    return needs.createNeed(ctx, input);
  }

  @Mutation(() => NeedPayload, { description: 'Close a need (or open it again).' })
  setNeedStatus(
    @Arg('input', () => SetNeedStatusInput) input: SetNeedStatusInput,
    @Ctx() ctx: Context,
  ) {
    return needs.setNeedStatus(ctx, input);
  }
}

@Resolver(() => CommitmentCategory)
export class CategoryResolver {
  @Query(() => [CommitmentCategory], {
    description: 'The co-building categories (十联十促), in display order.',
  })
  commitmentCategories(
    @Arg('includeInactive', () => Boolean, { nullable: true }) includeInactive: boolean | null,
    @Ctx() ctx: Context,
  ) {
    return needs.listCategories(ctx, includeInactive ?? false);
  }

  @Mutation(() => CategoryPayload)
  createCategory(
    @Arg('input', () => CreateCategoryInput) input: CreateCategoryInput,
    @Ctx() ctx: Context,
  ) {
    return needs.createCategory(ctx, input);
  }

  @Mutation(() => CategoryPayload)
  updateCategory(
    @Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput,
    @Ctx() ctx: Context,
  ) {
    return needs.updateCategory(ctx, input);
  }
}

registerNode('CommitmentCategory', (ctx, id) => ctx.loaders.commitments.category.load(id));
registerNode('Need', async (ctx, id) =>
  canReadNeed(ctx.viewer) ? ctx.loaders.commitments.need.load(id) : null,
);
registerNode('Commitment', async (ctx, id) => {
  const c = await ctx.loaders.commitments.commitment.load(id);
  return c && canReadCommitment(ctx.viewer, c) ? c : null;
});
registerNode('Fulfilment', async (ctx, id) => {
  const f = await ctx.loaders.commitments.fulfilment.load(id);
  const c = f && (await ctx.loaders.commitments.commitment.load(f.commitment.id));
  return c && canReadCommitment(ctx.viewer, c) ? f : null;
});
