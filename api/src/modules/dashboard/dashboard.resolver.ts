// GraphQL surface of the staff dashboard; the figures are computed in dashboard.service.ts.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { CommitmentCategory } from '../commitments/category.entity.js';
import * as dashboard from './dashboard.service.js';
import { CategoryProgress, Dashboard } from './dashboard.types.js';

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Query(() => Dashboard, {
    description:
      'Figures for community staff and the office: a community (staff: their own, the default), or the whole sub-district (the office, without communityId).',
  })
  dashboard(
    @Arg('communityId', () => ID, { nullable: true }) communityId: string | null,
    @Arg('year', () => Int, { nullable: true, description: 'Default: this year (Asia/Shanghai).' })
    year: number | null,
    @Ctx() ctx: Context,
  ): Promise<Dashboard> {
    return dashboard.dashboard(ctx, { communityId, year });
  }
}

@Resolver(() => CategoryProgress)
export class CategoryProgressResolver {
  @FieldResolver(() => CommitmentCategory)
  category(@Root() row: CategoryProgress, @Ctx() ctx: Context) {
    return ctx.loaders.commitments.category.load(row.categoryId);
  }
}
