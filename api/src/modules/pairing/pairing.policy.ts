// Who may plan pairings (社工+义工), supervise them, and see social workers' load: each rule's
// check and its query scope side by side.
import type { FilterQuery } from '@mikro-orm/core';
import { isAdmin, isMemberOf, isStaffOf, type Rule } from '../auth/roles.js';
import { Role, type User } from '../auth/user.entity.js';
import type { Pairing } from './pairing.entity.js';

export const pairingRules = {
  /** Plan, confirm and end a community's pairings: the office or its staff. */
  'pairing.manage': (user, scope) => isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Read a pairing, or log supervision on it: the office, its community's staff, its social worker. */
  'supervision.log': (user, scope) =>
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    (user.role === Role.SOCIAL_WORKER && user.id === scope.userId),
  /** Edit a social worker's profile: themselves, their community's staff, the office. */
  'socialWorker.update': (user, scope) =>
    isAdmin(user) || user.id === scope.userId || isStaffOf(user, scope.communityId),
  /** Social workers' load and pairing coverage: the office, the community's staff and social workers. */
  'pairing.overview': (user, scope) =>
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.SOCIAL_WORKER),
} satisfies Record<string, Rule>;

/**
 * The query scope of 'supervision.log' inside one community: all its pairings for those who
 * manage them, a social worker's own for a social worker of the community, none otherwise.
 */
export function supervisedPairings(user: User, communityId: number): FilterQuery<Pairing> {
  if (!user.active) return { id: 0 };
  if (isAdmin(user) || isStaffOf(user, communityId)) return { community: communityId };
  if (isMemberOf(user, communityId, Role.SOCIAL_WORKER))
    return { community: communityId, socialWorker: { user: user.id } };
  return { id: 0 };
}
