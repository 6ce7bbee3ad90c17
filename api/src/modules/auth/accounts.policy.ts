// Who may create and read accounts.
import { isAdmin, isLiaisonOf, isStaffOf, type Rule } from './roles.js';
import { Role } from './user.entity.js';

/** Roles a community worker may create accounts for, inside their own community. */
export const ROLES_STAFF_MAY_CREATE: readonly Role[] = [
  Role.UNIT_LIAISON,
  Role.SOCIAL_WORKER,
  Role.VOLUNTEER,
];

export const accountRules = {
  /** Create accounts: the office for anyone; staff for liaisons, social workers, volunteers of their community. */
  'user.create': (user, scope) =>
    isAdmin(user) ||
    (isStaffOf(user, scope.communityId) &&
      scope.role !== undefined &&
      ROLES_STAFF_MAY_CREATE.includes(scope.role)),
  /**
   * Read another user's account, their name and phone unmasked: the office, themselves, their
   * community's staff (a liaison's community is their unit's), and the liaisons of their unit.
   */
  'user.read': (user, scope) =>
    isAdmin(user) ||
    user.id === scope.userId ||
    isStaffOf(user, scope.communityId) ||
    isLiaisonOf(user, scope.unitId),
} satisfies Record<string, Rule>;
