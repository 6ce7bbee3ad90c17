// Who may plan pairings (社工+义工), supervise them, and see social workers' load: each rule's
// check and its query scope side by side, and where a pairing or a social worker lives for them.
import type { FilterQuery, ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReadRow } from '../../graphql/read-rows.js';
import {
  isAdmin,
  isMemberOf,
  isStaffOf,
  managesCommunity,
  staffOfCommunities,
  type Rule,
  type Scope,
} from '../auth/roles.js';
import { Role, type User } from '../auth/user.entity.js';
import type { Pairing } from './pairing.entity.js';
import { SocialWorker } from './social-worker.entity.js';

/** 'pairing.overview', which 'socialWorker.read' widens. */
const overview: Rule = (user, scope) =>
  managesCommunity(user, scope.communityId) ||
  isMemberOf(user, scope.communityId, Role.SOCIAL_WORKER);

export const pairingRules = {
  /** Plan and confirm a community's pairings: the office or its staff. */
  'pairing.manage': (user, scope) => managesCommunity(user, scope.communityId),
  /** End a pairing: the office, its community's staff, its own social worker. */
  'pairing.end': (user, scope) =>
    managesCommunity(user, scope.communityId) ||
    (user.role === Role.SOCIAL_WORKER && user.id === scope.userId),
  /** Read a pairing, or log supervision on it: the office, its community's staff, its social worker. */
  'supervision.log': (user, scope) =>
    managesCommunity(user, scope.communityId) ||
    (user.role === Role.SOCIAL_WORKER && user.id === scope.userId),
  /** Edit a social worker's profile: themselves, their community's staff, the office. */
  'socialWorker.update': (user, scope) =>
    isAdmin(user) || user.id === scope.userId || isStaffOf(user, scope.communityId),
  /** Social workers' load and pairing coverage: the office, the community's staff and social workers. */
  'pairing.overview': overview,
  /** Read a social worker (`node`): whoever has their community's overview, or themselves. */
  'socialWorker.read': (user, scope) => overview(user, scope) || user.id === scope.userId,
} satisfies Record<string, Rule>;

/** Where a social worker lives, for 'socialWorker.read' and their pairings ('supervision.log'). */
export const socialWorkerScope = (worker: ReadRow<SocialWorker>): Scope => ({
  communityId: worker.community.id,
  userId: worker.user.id,
});

/**
 * Whose a pairing is, for 'supervision.log' and 'pairing.end': its community, and its social
 * worker's account.
 */
export async function pairingScope(em: EntityManager, pairing: ReadRow<Pairing>): Promise<Scope> {
  const worker = await em.findOneOrFail(SocialWorker, pairing.socialWorker.id);
  return pairingScopeOf(pairing, worker);
}

/** `pairingScope` when the pairing's social worker is at hand (e.g. from a DataLoader). */
export const pairingScopeOf = (
  pairing: ReadRow<Pairing>,
  worker: ReadRow<SocialWorker>,
): Scope => ({ communityId: pairing.community.id, userId: worker.user.id });

/**
 * The query scope of 'supervision.log' inside one community: all its pairings for those who
 * manage them, a social worker's own for a social worker of the community, none otherwise.
 */
export function supervisedPairings(user: User, communityId: number): FilterQuery<Pairing> {
  if (!user.active) return { id: 0 };
  if (managesCommunity(user, communityId)) return { community: communityId };
  if (isMemberOf(user, communityId, Role.SOCIAL_WORKER))
    return { community: communityId, socialWorker: { user: user.id } };
  return { id: 0 };
}

/**
 * Who is told of a community's pairings needing attention (overdue supervision), beside the
 * social worker: the community's staff, who 'pairing.manage' them (users' query scope).
 */
export const pairingManagersToTell = (communityIds: readonly number[]): ObjectQuery<User> =>
  staffOfCommunities(communityIds);
