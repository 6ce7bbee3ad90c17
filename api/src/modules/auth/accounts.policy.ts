// Who may create and read accounts.
import type { Viewer } from './policy.js';
import { allows, isAdmin, isLiaisonOf, isStaffOf, type Rule, type Scope } from './roles.js';
import { Role, type User } from './user.entity.js';
import type { ReadRow } from '../../graphql/read-rows.js';

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

/**
 * Whether the viewer may see `user` unmasked ('user.read'). A liaison's community is their
 * unit's: `communityOfUnit` is asked (through the per-request loader) only when the account does
 * not carry it and the answer could depend on it.
 */
export async function canReadUser(
  viewer: Viewer,
  user: ReadRow<User>,
  communityOfUnit: (unitId: number) => Promise<number | null>,
): Promise<boolean> {
  const scope: Scope = {
    userId: user.id,
    communityId: user.community?.id ?? null,
    unitId: user.unit?.id ?? null,
  };
  const rule = accountRules['user.read'];
  if (allows(viewer.user, rule, scope)) return true;
  if (scope.communityId !== null || !user.unit || !viewer.isAuthenticated) return false;
  const communityId = await communityOfUnit(user.unit.id);
  return communityId !== null && allows(viewer.user, rule, { ...scope, communityId });
}

/** An account's private settings (e-mail, language) are shown to its owner only. */
export const canReadOwnSettings = (viewer: Viewer, user: ReadRow<User>): boolean =>
  viewer.user !== null && viewer.user.id === user.id;
