// Who may read and change the directory: communities, grids, units, the staffing figures.
import { isAdmin, isLiaisonOf, isStaffOf, type Rule } from '../auth/roles.js';

export const directoryRules = {
  /** Create or rename communities: the sub-district office only. */
  'community.create': (user) => isAdmin(user),
  /** Add grids or units to a community, import units. */
  'directory.manage': (user, scope) => isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Change a unit's record: the office, its community's staff, or its own liaison. */
  'unit.update': (user, scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId) || isLiaisonOf(user, scope.unitId),
  /** Rename a unit, change its kind or grid: the office or its community's staff, not its liaison. */
  'unit.updateIdentity': (user, scope) => isAdmin(user) || isStaffOf(user, scope.communityId),
  /** See a unit's liaison contact unmasked (PIPL): same people as 'unit.update'. */
  'unit.readContact': (user, scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId) || isLiaisonOf(user, scope.unitId),
  /** See a grid leader's name and phone unmasked. */
  'grid.readContact': (user, scope) => isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Staffing figures against the provincial standard: the office (all or one), staff (their own). */
  'staffing.read': (user, scope) =>
    isAdmin(user) || (scope.communityId != null && isStaffOf(user, scope.communityId)),
} satisfies Record<string, Rule>;
