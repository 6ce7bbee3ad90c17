// GraphQL surface of fulfilment records and their evidence files; the rules live in
// record-fulfilment.ts, review-fulfilment.ts and commitments.policy.ts.
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../graphql/connections.js';
import { registerNode } from '../../graphql/node.js';
import type { ReadRow } from '../../graphql/read-rows.js';
import { can } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import { amountFloat } from './amounts.js';
import { Commitment } from './commitment.entity.js';
import {
  canReadCommitment,
  canReadEvidenceOf,
  canReviewRecord,
  commitmentScope,
} from './commitments.policy.js';
import {
  FulfilmentConnection,
  FulfilmentFilter,
  FulfilmentPayload,
  HoursClaim,
  RecordFulfilmentInput,
  ReviewFulfilmentInput,
} from './commitments.types.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { listFulfilments } from './list-fulfilments.js';
import { recordFulfilment } from './record-fulfilment.js';
import { reviewFulfilment } from './review-fulfilment.js';

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
    return amountFloat(f.amount);
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

  @FieldResolver(() => Boolean, {
    description:
      'Whether you may verify or reject it now, as reviewFulfilment would decide: its commitment’s reviewer, not its author (four eyes), while it is pending.',
  })
  async viewerCanReview(@Root() f: Fulfilment, @Ctx() ctx: Context): Promise<boolean> {
    const c = await ctx.loaders.commitments.commitment.load(f.commitment.id);
    return c !== null && c !== undefined && canReviewRecord(ctx.viewer, c, f);
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

registerNode('Fulfilment', async (ctx, id) => {
  const f = await ctx.loaders.commitments.fulfilment.load(id);
  const c = f && (await ctx.loaders.commitments.commitment.load(f.commitment.id));
  return c && canReadCommitment(ctx.viewer, c) ? f : null;
});
