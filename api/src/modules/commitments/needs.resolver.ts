// GraphQL surface of needs (a community's call for help); the rules live in needs.service.ts and
// commitments.policy.ts.
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
import { Community } from '../directory/community.entity.js';
import { amountFloat } from './amounts.js';
import { CommitmentCategory } from './category.entity.js';
import { canReadNeed } from './commitments.policy.js';
import {
  CreateNeedInput,
  NeedConnection,
  NeedFilter,
  NeedPayload,
  SetNeedStatusInput,
} from './commitments.types.js';
import { Need } from './need.entity.js';
import * as needs from './needs.service.js';

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
    return amountFloat(n.amount);
  }

  @FieldResolver(() => Float, {
    description:
      'Targets of submitted and accepted commitments answering it whose period overlaps the current calendar year (Asia/Shanghai).',
  })
  async pledged(@Root() n: Need, @Ctx() ctx: Context) {
    return amountFloat((await ctx.loaders.commitments.needTotals.load(n.id)).pledged);
  }

  @FieldResolver(() => Float, {
    description: 'Verified amounts of those commitments (this year’s, like pledged).',
  })
  async delivered(@Root() n: Need, @Ctx() ctx: Context) {
    return amountFloat((await ctx.loaders.commitments.needTotals.load(n.id)).delivered);
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

registerNode('Need', async (ctx, id) =>
  canReadNeed(ctx.viewer) ? ctx.loaders.commitments.need.load(id) : null,
);
