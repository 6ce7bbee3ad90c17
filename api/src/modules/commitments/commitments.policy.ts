// Who may read, write and review commitments, their fulfilment and evidence, the needs they
// answer and the reports made of them: each rule's check and its query scope side by side.
import type { FilterQuery, ObjectQuery } from '@mikro-orm/core';
import type { Viewer } from '../auth/policy.js';
import {
  actsForUnit,
  allows,
  isAdmin,
  isLiaisonOf,
  isMemberOf,
  isStaffOf,
  liaisonsOfUnit,
  managesCommunity,
  reachOf,
  staffOfCommunities,
  type Rule,
  type Scope,
} from '../auth/roles.js';
import { Role, type User } from '../auth/user.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import type { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentStatus, FulfilmentStatus } from './commitment.enums.js';
import type { CommitmentPermissions } from './commitments.types.js';
import type { EvidenceFile } from './evidence-file.entity.js';
import type { Fulfilment } from './fulfilment.entity.js';
import { nextStatus, OPEN_FOR_RECORDS, TRANSITIONS, type TransitionAction } from './lifecycle.js';
import type { ReadRow } from '../../graphql/read-rows.js';

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
  'need.manage': (user, scope) => managesCommunity(user, scope.communityId),
  /** Read a commitment, its history, fulfilment and evidence: public once accepted, else its people. */
  'commitment.read': (user, scope) => scope.visibleToAll === true || actsForUnit(user, scope),
  /** Write a commitment and record fulfilment: the unit's liaison, or staff acting for the unit. */
  'commitment.write': (user, scope) => actsForUnit(user, scope),
  /** Accept or reject commitments, verify or reject fulfilment, approve target changes. */
  'commitment.review': (user, scope) => managesCommunity(user, scope.communityId),
  /** Read a community's standings (in the app): the office and anyone of the community. */
  'standings.read': (user, scope) => isAdmin(user) || isMemberOf(user, scope.communityId),
  /**
   * Download the annual co-building report (共驻共建联席会): the office (any community or all),
   * the community's staff, and the liaisons of its units, who sit on the co-building meeting.
   */
  'coBuildingReport.read': (user, scope) =>
    managesCommunity(user, scope.communityId) ||
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
export const commitmentScope = (c: ReadRow<Commitment>): Scope => ({
  communityId: c.community.id,
  unitId: c.unit.id,
  visibleToAll: PUBLIC_STATUSES.has(c.status),
});

/** Where a unit's commitments live, before one exists (creating it). */
export const unitCommitmentScope = (unit: Unit): Scope => ({
  communityId: unit.community.id,
  unitId: unit.id,
});

/**
 * `can` for the rules above. (auth/policy.ts, which `can` belongs to, is built from this file's
 * rules, so this file asks them directly.)
 */
const allowed = (viewer: Viewer, action: keyof typeof commitmentRules, scope: Scope): boolean =>
  allows(viewer.user, commitmentRules[action], scope);

export function canReadCommitment(viewer: Viewer, commitment: ReadRow<Commitment>): boolean {
  return allowed(viewer, 'commitment.read', commitmentScope(commitment));
}

/** The rule a lifecycle step is taken under: staff steps review, the unit's steps write. */
export function transitionRule(action: TransitionAction): 'commitment.review' | 'commitment.write' {
  return TRANSITIONS[action].by === 'staff' ? 'commitment.review' : 'commitment.write';
}

/** What the viewer may do with a commitment now: the rules, and what its status allows. */
export function commitmentPermissions(viewer: Viewer, c: Commitment): CommitmentPermissions {
  const scope = commitmentScope(c);
  const write = allowed(viewer, 'commitment.write', scope);
  const review = allowed(viewer, 'commitment.review', scope);
  const step = (action: TransitionAction) =>
    allowed(viewer, transitionRule(action), scope) && nextStatus(c.status, action) !== null;
  return {
    edit: write && (c.status === CommitmentStatus.DRAFT || c.status === CommitmentStatus.ACTIVE),
    editDetails: write && c.status === CommitmentStatus.DRAFT,
    submit: step(CommitmentAction.SUBMIT),
    withdraw: step(CommitmentAction.WITHDRAW),
    review: review && (c.status === CommitmentStatus.SUBMITTED || c.proposedTargetAmount !== null),
    recordFulfilment: write && OPEN_FOR_RECORDS.has(c.status),
  };
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

/**
 * Who is told that a commitment's work waits for review ('commitment.review'): its community's
 * staff, as a query scope on users (notifications).
 */
export const reviewersToTell = (commitment: ReadRow<Commitment>): ObjectQuery<User> =>
  staffOfCommunities([commitment.community.id]);

/** Who is told of staff's decisions on a commitment: its unit's liaisons (users' query scope). */
export const unitToTell = (commitment: ReadRow<Commitment>): ObjectQuery<User> =>
  liaisonsOfUnit(commitment.unit.id);

/** Four eyes: nobody verifies a fulfilment record they made (refused as OWN_RECORD). */
export const isOwnRecord = (user: User, fulfilment: Fulfilment): boolean =>
  fulfilment.recordedBy?.id === user.id;

/**
 * Whether the viewer may verify or reject this record now, as reviewFulfilment would decide:
 * a reviewer of its commitment ('commitment.review'), not its author, while it is pending.
 */
export function canReviewRecord(
  viewer: Viewer,
  commitment: ReadRow<Commitment>,
  fulfilment: Fulfilment,
): boolean {
  const user = viewer.user;
  return (
    user !== null &&
    fulfilment.status === FulfilmentStatus.PENDING &&
    !isOwnRecord(user, fulfilment) &&
    allowed(viewer, 'commitment.review', commitmentScope(commitment))
  );
}

/**
 * Where a commitment's evidence lives, for 'evidence.read': its unit and community, however
 * public the commitment is (sign-in sheets and photos show residents).
 */
const evidenceScope = (commitment: ReadRow<Commitment>): Scope => ({
  communityId: commitment.community.id,
  unitId: commitment.unit.id,
});

/** Whether the viewer may see the evidence attached to the commitment's fulfilment records. */
export function canReadEvidenceOf(viewer: Viewer, commitment: ReadRow<Commitment>): boolean {
  return allowed(viewer, 'evidence.read', evidenceScope(commitment));
}

/**
 * Whether the viewer may open one evidence file: an attached one as the evidence of its
 * commitment (`fulfilment.commitment` loaded), an unattached upload only its uploader.
 */
export function canReadEvidence(viewer: Viewer, file: EvidenceFile): boolean {
  const commitment = file.fulfilment?.commitment;
  return allowed(
    viewer,
    'evidence.read',
    commitment ? evidenceScope(commitment) : { userId: file.uploadedBy.id },
  );
}

/** The query scope of files a user may attach to a record: their own uploads, not yet attached. */
export function attachableEvidence(user: User): FilterQuery<EvidenceFile> {
  return { uploadedBy: user.id, fulfilment: null };
}

/** Needs are published for everyone signed in to answer them. */
export const canReadNeed = (viewer: Viewer): boolean => viewer.isAuthenticated;
