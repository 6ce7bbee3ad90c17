// Who may read and change the directory: communities, grids, units, the staffing figures.
import type { Viewer } from '../auth/policy.js';
import { actsForUnit, allows, isAdmin, managesCommunity, type Rule } from '../auth/roles.js';
import type { Grid } from './grid.entity.js';
import type { Unit } from './unit.entity.js';
import type { ReadRow } from '../../graphql/read-rows.js';

export const directoryRules = {
  /** Create or rename communities: the sub-district office only. */
  'community.create': (user) => isAdmin(user),
  /** Add grids or units to a community, import units. */
  'directory.manage': (user, scope) => managesCommunity(user, scope.communityId),
  /** Change a unit's record: the office, its community's staff, or its own liaison. */
  'unit.update': (user, scope) => actsForUnit(user, scope),
  /** Rename a unit, change its kind or grid: the office or its community's staff, not its liaison. */
  'unit.updateIdentity': (user, scope) => managesCommunity(user, scope.communityId),
  /** Invite a unit's liaison (make their account, issue its sign-up link): the office or its community's staff. */
  'unit.inviteLiaison': (user, scope) => managesCommunity(user, scope.communityId),
  /** See a unit's liaison contact unmasked (PIPL): same people as 'unit.update'. */
  'unit.readContact': (user, scope) => actsForUnit(user, scope),
  /** See a grid leader's name and phone unmasked. */
  'grid.readContact': (user, scope) => managesCommunity(user, scope.communityId),
  /** Staffing figures against the provincial standard: the office (all or one), staff (their own). */
  'staffing.read': (user, scope) => managesCommunity(user, scope.communityId),
} satisfies Record<string, Rule>;

/** Whether the viewer sees a grid leader's name and phone unmasked ('grid.readContact'). */
export function canReadGridContact(viewer: Viewer, grid: ReadRow<Grid>): boolean {
  return allows(viewer.user, directoryRules['grid.readContact'], {
    communityId: grid.community.id,
  });
}

/** Whether the viewer may invite the unit's liaison, and so see whether it has one ('unit.inviteLiaison'). */
export function canInviteLiaison(viewer: Viewer, unit: ReadRow<Unit>): boolean {
  return allows(viewer.user, directoryRules['unit.inviteLiaison'], {
    communityId: unit.community.id,
    unitId: unit.id,
  });
}

/** Whether the viewer sees a unit's liaison contact unmasked ('unit.readContact'). */
export function canReadUnitContact(viewer: Viewer, unit: ReadRow<Unit>): boolean {
  return allows(viewer.user, directoryRules['unit.readContact'], {
    communityId: unit.community.id,
    unitId: unit.id,
  });
}
