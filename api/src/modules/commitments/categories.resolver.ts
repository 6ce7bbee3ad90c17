// GraphQL surface of the co-building categories (十联十促); the rules live in needs.service.ts.
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { registerNode } from '../../graphql/node.js';
import { CommitmentCategory } from './category.entity.js';
import { CategoryPayload, CreateCategoryInput, UpdateCategoryInput } from './commitments.types.js';
import * as needs from './needs.service.js';

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
