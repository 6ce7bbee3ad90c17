// The rules of the directory: communities, grids and resident units, and the staffing report.
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import {
  forbidden,
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import type { ConnectionArgs, ConnectionData } from '../../graphql/connections.js';
import { paginate } from '../../graphql/paging.js';
import { authorize, can } from '../auth/policy.js';
import { communityOfQuery } from '../auth/roles.js';
import { Community } from './community.entity.js';
import { Grid } from './grid.entity.js';
import {
  communityStaffing,
  STAFFING_STANDARD,
  totalStaffing,
  type StaffingFigures,
} from './staffing.js';
import { Unit, type UnitKind } from './unit.entity.js';
import {
  communitySchema,
  gridSchema,
  unitPatchSchema,
  unitSchema,
} from './directory.validation.js';
import type { ReadRow } from '../../graphql/read-rows.js';

/** Turns a unique-index violation into a TAKEN error on `field`; rethrows anything else. */
async function flushUnique(
  ctx: Context,
  field: string,
  message: string,
): Promise<UserError | null> {
  try {
    await ctx.em.flush();
    return null;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      ctx.em.clear();
      return userError(UserErrorCode.TAKEN, message, inputField(field));
    }
    throw error;
  }
}

// ---------------------------------------------------------------- reads

export function listCommunities(
  ctx: Context,
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Community>>> {
  return paginate(ctx.em, Community, { where: {}, keys: ['id'], args });
}

export async function listUnits(
  ctx: Context,
  filter: {
    communityId?: string | null;
    gridId?: string | null;
    kind?: UnitKind | null;
    search?: string | null;
  },
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Unit>>> {
  const where: Record<string, unknown> = {};
  if (filter.communityId) where.community = idOf(filter.communityId, 'Community') ?? 0;
  if (filter.gridId) where.grid = idOf(filter.gridId, 'Grid') ?? 0;
  if (filter.kind) where.kind = filter.kind;
  const search = filter.search?.trim();
  if (search) where.name = { $ilike: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  return paginate(ctx.em, Unit, { where, keys: ['name', 'id'], args });
}

/** Figures of one community, or null when the viewer may not see them. */
export async function communityStaffingOf(
  ctx: Context,
  community: Community,
): Promise<
  | (StaffingFigures & { community: Community; secondedWorkers: number; grids: GridStaffingRow[] })
  | null
> {
  if (!can(ctx.viewer, 'staffing.read', { communityId: community.id })) return null;
  const grids = await ctx.loaders.directory.allGridsOfCommunity.load(community.id);
  const figures = communityStaffing(
    community,
    grids.map((g) => ({ households: g.households, hasLeader: g.leaderName !== null })),
  );
  return {
    ...figures,
    community,
    secondedWorkers: community.secondedWorkers,
    grids: grids.map((grid) => ({
      grid,
      households: grid.households,
      hasLeader: grid.leaderName !== null,
      over300: grid.households > STAFFING_STANDARD.gridStandardHouseholds,
      over400: grid.households > STAFFING_STANDARD.gridOverloadedHouseholds,
    })),
  };
}

interface GridStaffingRow {
  grid: ReadRow<Grid>;
  households: number;
  hasLeader: boolean;
  over300: boolean;
  over400: boolean;
}

/** The staffing report: the office sees every community, staff their own. */
export async function staffingReport(ctx: Context, communityGlobalId: string | null | undefined) {
  const user = ctx.viewer.requireUser();
  const communityId = communityOfQuery(
    user,
    communityGlobalId ? (idOf(communityGlobalId, 'Community') ?? 0) : null,
  );
  authorize(ctx.viewer, 'staffing.read', { communityId });
  const communities = await ctx.em.find(
    Community,
    communityId === null ? {} : { id: communityId },
    { orderBy: { id: 'asc' } },
  );
  const rows = (await Promise.all(communities.map((c) => communityStaffingOf(ctx, c)))).filter(
    (row) => row !== null,
  );
  return { communities: rows, totals: totalStaffing(rows), oneCommunity: communityId !== null };
}

// ---------------------------------------------------------------- writes

export async function createCommunity(
  ctx: Context,
  input: Record<string, unknown>,
): Promise<Payload<'community', Community>> {
  authorize(ctx.viewer, 'community.create');
  const parsed = communitySchema.safeParse(input);
  if (!parsed.success) return refused('community', ...userErrorsFromZod(parsed.error));
  const data = parsed.data;
  const community = ctx.em.create(Community, {
    ...data,
    secondedWorkers: data.secondedWorkers ?? 0,
    partyBranches: data.partyBranches ?? 0,
    partyMembers: data.partyMembers ?? 0,
    address: data.address ?? '',
  });
  const taken = await flushUnique(
    ctx,
    'code',
    'A community with this code or name already exists.',
  );
  return taken ? refused('community', taken) : { community, errors: [] };
}

export async function createGrid(
  ctx: Context,
  input: { communityId: string } & Record<string, unknown>,
): Promise<Payload<'grid', Grid>> {
  const community = await communityToManage(ctx, input.communityId);
  if (!community) return refused('grid', noSuch('community', 'communityId'));
  const parsed = gridSchema.safeParse(input);
  if (!parsed.success) return refused('grid', ...userErrorsFromZod(parsed.error));
  const data = parsed.data;
  const grid = ctx.em.create(Grid, {
    ...data,
    community,
    leaderName: data.leaderName || null,
    leaderPhone: data.leaderPhone ?? null,
  });
  const taken = await flushUnique(ctx, 'code', 'A grid with this code or name already exists.');
  return taken ? refused('grid', taken) : { grid, errors: [] };
}

/** The community named by `globalId` if the viewer may add to it; null when there is none. */
async function communityToManage(ctx: Context, globalId: string): Promise<Community | null> {
  ctx.viewer.requireUser();
  const communityId = idOf(globalId, 'Community');
  const community = communityId ? await ctx.em.findOne(Community, communityId) : null;
  if (community) authorize(ctx.viewer, 'directory.manage', { communityId: community.id });
  return community;
}

async function gridIn(ctx: Context, globalId: string, community: Community): Promise<Grid | null> {
  const gridId = idOf(globalId, 'Grid');
  return gridId ? ctx.em.findOne(Grid, { id: gridId, community: community.id }) : null;
}

export async function createUnit(
  ctx: Context,
  input: { communityId: string; gridId?: string | null } & Record<string, unknown>,
): Promise<Payload<'unit', Unit>> {
  const community = await communityToManage(ctx, input.communityId);
  if (!community) return refused('unit', noSuch('community', 'communityId'));
  const parsed = unitSchema.safeParse(input);
  if (!parsed.success) return refused('unit', ...userErrorsFromZod(parsed.error));
  let grid: Grid | null = null;
  if (input.gridId) {
    grid = await gridIn(ctx, input.gridId, community);
    if (!grid) return refused('unit', noSuch('grid in this community', 'gridId'));
  }
  const unit = ctx.em.create(Unit, {
    ...parsed.data,
    address: parsed.data.address ?? '',
    community,
    grid,
  });
  const taken = await flushUnique(ctx, 'name', 'A unit with this name already exists.');
  return taken ? refused('unit', taken) : { unit, errors: [] };
}

/** Changes the given fields; a liaison may change their own unit's contact details only. */
export async function updateUnit(
  ctx: Context,
  input: { id: string; version?: number | null; gridId?: string | null } & Record<string, unknown>,
): Promise<Payload<'unit', Unit>> {
  const unitId = idOf(input.id, 'Unit');
  const unit = unitId ? await ctx.em.findOne(Unit, unitId, { populate: ['community'] }) : null;
  if (!unit) {
    ctx.viewer.requireUser();
    return refused('unit', noSuch('unit', 'id'));
  }
  const scope = { communityId: unit.community.id, unitId: unit.id };
  authorize(ctx.viewer, 'unit.update', scope);
  const patch = Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) => value != null && !['id', 'version', 'gridId'].includes(key),
    ),
  );
  const parsed = unitPatchSchema.safeParse(patch);
  if (!parsed.success) return refused('unit', ...userErrorsFromZod(parsed.error));
  const changesIdentity = 'name' in parsed.data || 'kind' in parsed.data || input.gridId != null;
  if (changesIdentity && !can(ctx.viewer, 'unit.updateIdentity', scope)) {
    throw forbidden("Only community staff can change a unit's name, kind or grid.");
  }
  if (input.version != null && input.version !== unit.version) {
    return refused(
      'unit',
      userError(
        UserErrorCode.CONFLICT,
        'Someone else changed this unit after you opened it. Reload and apply your change again.',
        inputField('version'),
      ),
    );
  }
  if (input.gridId) {
    const grid = await gridIn(ctx, input.gridId, unit.community);
    if (!grid) return refused('unit', noSuch('grid in this community', 'gridId'));
    unit.grid = grid;
  }
  ctx.em.assign(unit, parsed.data);
  try {
    const taken = await flushUnique(ctx, 'name', 'A unit with this name already exists.');
    return taken ? refused('unit', taken) : { unit, errors: [] };
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      return refused(
        'unit',
        userError(
          UserErrorCode.CONFLICT,
          'Someone else changed this unit at the same moment. Reload and try again.',
          inputField('version'),
        ),
      );
    }
    throw error;
  }
}
