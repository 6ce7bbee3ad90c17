// Who may read, write and review commitments, their fulfilment and evidence, the needs they
// answer and the reports made of them: each rule's check and its query scope side by side.
import type { FilterQuery } from '@mikro-orm/core';
import type { Viewer } from '../auth/policy.js';
import {
  allows,
  isAdmin,
  isLiaisonOf,
  isMemberOf,
  isStaffOf,
  reachOf,
  type Rule,
  type Scope,
} from '../auth/roles.js';
import { Role, type User } from '../auth/user.entity.js';
import type { Commitment } from './commitment.entity.js';
import { CommitmentStatus } from './commitment.enums.js';
import type { Fulfilment } from './fulfilment.entity.js';

/** Statuses whose details anyone signed in may read (the point is that promises are visible). */
export const PUBLIC_STATUSES: ReadonlySet<CommitmentStatus> = new Set([
  CommitmentStatus.ACTIVE,
  CommitmentStatus.COMPLETED,
  CommitmentStatus.LAPSED,
]);

export const commitmentRules = {
  /** Configure co-building categories. */
  'category.manage': (user) => isAdmin(user),
  /** Publish and close a community's needs. */
  'need.manage': (user, scope) => isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Read a commitment, its history, fulfilment and evidence: public once accepted, else its people. */
  'commitment.read': (user, scope) =>
    scope.visibleToAll === true ||
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    isLiaisonOf(user, scope.unitId),
  /** Write a commitment and record fulfilment: the unit's liaison, or staff acting for the unit. */
  'commitment.write': (user, scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId) || isLiaisonOf(user, scope.unitId),
  /** Accept or reject commitments, verify or reject fulfilment, approve target changes. */
  'commitment.review': (user, scope) => isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Read a community's standings (in the app): the office and anyone of the community. */
  'standings.read': (user, scope) => isAdmin(user) || isMemberOf(user, scope.communityId),
  /**
   * Download the annual co-building report (共驻共建联席会): the office (any community or all),
   * the community's staff, and the liaisons of its units, who sit on the co-building meeting.
   */
  'coBuildingReport.read': (user, scope) =>
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.UNIT_LIAISON),
  /**
   * Open an evidence file (sign-in sheets and photos show residents): the office, the
   * commitment's community staff and its unit's liaison; an unattached upload, its uploader.
   */
  'evidence.read': (user, scope) =>
    isAdmin(user) ||
    user.id === scope.userId ||
    isStaffOf(user, scope.communityId) ||
    isLiaisonOf(user, scope.unitId),
} satisfies Record<string, Rule>;

/** Where a commitment lives, for the rules above. */
export const commitmentScope = (c: Commitment): Scope => ({
  communityId: c.community.id,
  unitId: c.unit.id,
  visibleToAll: PUBLIC_STATUSES.has(c.status),
});

export function canReadCommitment(viewer: Viewer, commitment: Commitment): boolean {
  return allows(viewer.user, commitmentRules['commitment.read'], commitmentScope(commitment));
}

/** The query scope of 'commitment.read': public statuses, plus the community's or unit's own. */
export function readableCommitments(user: User): FilterQuery<Commitment> {
  const reach = reachOf(user);
  const open: FilterQuery<Commitment> = { status: { $in: [...PUBLIC_STATUSES] } };
  if ('all' in reach) return {};
  if ('communityId' in reach) return { $or: [open, { community: reach.communityId }] };
  if ('unitId' in reach) return { $or: [open, { unit: reach.unitId }] };
  return open;
}

/** The query scope of 'commitment.review': every commitment for the office, the community's for staff. */
export function reviewableCommitments(user: User): FilterQuery<Commitment> {
  const reach = reachOf(user);
  if ('all' in reach) return {};
  if ('communityId' in reach) return { community: reach.communityId };
  return { id: 0 };
}

/**
 * Fulfilment records someone reviews or follows (the queue): the query scope of
 * 'commitment.write' — the office all, staff their community's, a liaison their unit's.
 */
export function followedFulfilments(user: User): FilterQuery<Fulfilment> {
  const reach = reachOf(user);
  if ('all' in reach) return {};
  if ('communityId' in reach) return { commitment: { community: reach.communityId } };
  if ('unitId' in reach) return { commitment: { unit: reach.unitId } };
  return { id: 0 };
}
