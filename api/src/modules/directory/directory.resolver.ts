// GraphQL surface of the directory; the rules are in directory.service.ts and policy.ts.
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context.js';
import { registerNode } from '../../graphql/node.js';
import { idOf } from '../../graphql/ids.js';
import { ConnectionArgs, type ConnectionData } from '../../graphql/connections.js';
import { maskName, maskPhone } from '../auth/masking.js';
import { Community } from './community.entity.js';
import * as directory from './directory.service.js';
import {
  CommunityConnection,
  CommunityStaffing,
  CreateCommunityInput,
  CreateCommunityPayload,
  CreateGridInput,
  CreateGridPayload,
  CreateUnitInput,
  GridConnection,
  ImportUnitsInput,
  ImportUnitsPayload,
  StaffingReport,
  UnitConnection,
  UnitFilter,
  UnitPayload,
  UpdateUnitInput,
} from './directory.types.js';
import { Grid } from './grid.entity.js';
import { importUnits } from './import-units.js';
import { canInviteLiaison, canReadGridContact, canReadUnitContact } from './directory.policy.js';
import {
  InviteUnitLiaisonInput,
  InviteUnitLiaisonPayload,
  UnitLiaisonAccount,
} from '../auth/invitation.types.js';
import { inviteUnitLiaison } from './invite-liaison.js';
import { Unit } from './unit.entity.js';
import type { ReadRow } from '../../graphql/read-rows.js';

@Resolver(() => Community)
export class CommunityResolver {
  @Query(() => CommunityConnection)
  communities(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionData<ReadRow<Community>>> {
    return directory.listCommunities(ctx, args);
  }

  @Query(() => Community, { nullable: true })
  community(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<ReadRow<Community> | null> | null {
    const communityId = idOf(id, 'Community');
    return communityId ? ctx.loaders.directory.community.load(communityId) : null;
  }

  @Query(() => StaffingReport, {
    description:
      'Workers and grid leaders against the provincial standard; staff see their own community.',
  })
  staffingReport(
    @Arg('communityId', () => ID, { nullable: true }) communityId: string | null,
    @Ctx() ctx: Context,
  ) {
    return directory.staffingReport(ctx, communityId);
  }

  @FieldResolver(() => GridConnection)
  grids(
    @Root() community: Community,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.loaders.directory.gridsOfCommunity.load({ parentId: community.id, args });
  }

  @FieldResolver(() => UnitConnection)
  units(
    @Root() community: Community,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.loaders.directory.unitsOfCommunity.load({ parentId: community.id, args });
  }

  @FieldResolver(() => Int)
  gridCount(@Root() community: Community, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.directory.gridCount.load(community.id);
  }

  @FieldResolver(() => Int)
  unitCount(@Root() community: Community, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.directory.unitCount.load(community.id);
  }

  @FieldResolver(() => CommunityStaffing, {
    nullable: true,
    description: 'Null unless you are the sub-district office or staff of this community.',
  })
  staffing(@Root() community: Community, @Ctx() ctx: Context) {
    return directory.communityStaffingOf(ctx, community);
  }

  @Mutation(() => CreateCommunityPayload)
  createCommunity(
    @Arg('input', () => CreateCommunityInput) input: CreateCommunityInput,
    @Ctx() ctx: Context,
  ) {
    return directory.createCommunity(ctx, { ...input });
  }
}

@Resolver(() => Grid)
export class GridResolver {
  @FieldResolver(() => Community)
  community(@Root() grid: Grid, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(grid.community.id);
  }

  @FieldResolver(() => UnitConnection)
  units(@Root() grid: Grid, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return ctx.loaders.directory.unitsOfGrid.load({ parentId: grid.id, args });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Grid leader (网格长); null when the post is vacant. Masked (王**) unless you manage this community.',
  })
  leaderName(@Root() grid: Grid, @Ctx() ctx: Context): string | null {
    return canReadGridContact(ctx.viewer, grid) ? grid.leaderName : maskName(grid.leaderName);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Masked unless you manage this community.',
  })
  leaderPhone(@Root() grid: Grid, @Ctx() ctx: Context): string | null {
    return canReadGridContact(ctx.viewer, grid) ? grid.leaderPhone : maskPhone(grid.leaderPhone);
  }

  @Mutation(() => CreateGridPayload)
  createGrid(@Arg('input', () => CreateGridInput) input: CreateGridInput, @Ctx() ctx: Context) {
    return directory.createGrid(ctx, { ...input });
  }
}

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => UnitConnection)
  units(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => UnitFilter, { nullable: true }) filter: UnitFilter | null,
    @Ctx() ctx: Context,
  ) {
    return directory.listUnits(ctx, filter ?? {}, args);
  }

  @FieldResolver(() => Community)
  community(@Root() unit: Unit, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(unit.community.id);
  }

  @FieldResolver(() => Grid, { nullable: true })
  grid(@Root() unit: Unit, @Ctx() ctx: Context) {
    return unit.grid ? ctx.loaders.directory.grid.load(unit.grid.id) : null;
  }

  @FieldResolver(() => String, {
    description: 'Masked unless you are the office, its community staff or its liaison.',
  })
  liaisonName(@Root() unit: Unit, @Ctx() ctx: Context): string {
    return canReadUnitContact(ctx.viewer, unit) ? unit.liaisonName : maskName(unit.liaisonName)!;
  }

  @FieldResolver(() => String, {
    description: 'Masked unless you are the office, its community staff or its liaison.',
  })
  liaisonPhone(@Root() unit: Unit, @Ctx() ctx: Context): string {
    return canReadUnitContact(ctx.viewer, unit) ? unit.liaisonPhone : maskPhone(unit.liaisonPhone)!;
  }

  @FieldResolver(() => UnitLiaisonAccount, {
    nullable: true,
    description:
      'Whether a liaison can sign in for the unit or is invited to; null unless you may invite its liaison.',
  })
  liaisonAccount(@Root() unit: Unit, @Ctx() ctx: Context): Promise<UnitLiaisonAccount> | null {
    return canInviteLiaison(ctx.viewer, unit)
      ? ctx.loaders.directory.liaisonAccount.load(unit.id)
      : null;
  }

  @Mutation(() => InviteUnitLiaisonPayload, {
    description:
      'Makes the unit’s liaison account (or keeps the invited one) and returns a one-time link, valid 7 days, for the liaison to set a password; a newer link replaces the older. LIAISON_ACTIVE when a liaison can already sign in.',
  })
  inviteUnitLiaison(
    @Arg('input', () => InviteUnitLiaisonInput) input: InviteUnitLiaisonInput,
    @Ctx() ctx: Context,
  ) {
    return inviteUnitLiaison(ctx, { ...input });
  }

  @Mutation(() => UnitPayload)
  createUnit(@Arg('input', () => CreateUnitInput) input: CreateUnitInput, @Ctx() ctx: Context) {
    return directory.createUnit(ctx, { ...input });
  }

  @Mutation(() => UnitPayload)
  updateUnit(@Arg('input', () => UpdateUnitInput) input: UpdateUnitInput, @Ctx() ctx: Context) {
    return directory.updateUnit(ctx, { ...input });
  }

  @Mutation(() => ImportUnitsPayload, {
    description:
      'Imports units from an xlsx or CSV sheet: all rows or none, with an error per bad row.',
  })
  importUnits(@Arg('input', () => ImportUnitsInput) input: ImportUnitsInput, @Ctx() ctx: Context) {
    return importUnits(ctx, input);
  }
}

registerNode('Community', (ctx, id) => ctx.loaders.directory.community.load(id));
registerNode('Grid', (ctx, id) => ctx.loaders.directory.grid.load(id));
registerNode('Unit', (ctx, id) => ctx.loaders.directory.unit.load(id));
