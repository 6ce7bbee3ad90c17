// Who may organise and run activities, take shifts, check in, and see volunteers: each rule's
// check and its query scope side by side.
import type { FilterQuery } from '@mikro-orm/core';
import type { Viewer } from '../auth/policy.js';
import {
  actsForUnit,
  allows,
  isAdmin,
  isLiaisonOf,
  isMemberOf,
  isStaffOf,
  managesCommunity,
  type Rule,
  type Scope,
} from '../auth/roles.js';
import { Role, type User } from '../auth/user.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import type { Activity } from './activity.entity.js';
import { Affiliation } from './shift.enums.js';
import type { Volunteer } from './volunteer.entity.js';
import type { ReadRow } from '../../graphql/read-rows.js';

/** A unit's liaison sees a volunteer who claims to work for it only while the claim stands. */
const LIAISON_SEES: readonly Affiliation[] = [Affiliation.PENDING, Affiliation.CONFIRMED];

export const shiftRules = {
  /** Organise an activity in a community: its staff, its social workers, or a unit's liaison. */
  'activity.create': (user, scope) =>
    managesCommunity(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.SOCIAL_WORKER) ||
    isLiaisonOf(user, scope.unitId),
  /** Run an activity (shifts, cancellations, attendance, hours): staff, its creator, its unit's liaison. */
  'activity.manage': (user, scope) =>
    managesCommunity(user, scope.communityId) ||
    user.id === scope.userId ||
    isLiaisonOf(user, scope.unitId),
  /** Take a place on a shift (whether this shift suits this volunteer is eligibility.ts). */
  'shift.signUp': (user) => user.role === Role.VOLUNTEER,
  /** Check oneself in and out with a shift's QR code (the sign-up itself is checked by the service). */
  'attendance.selfCheckIn': (user) => user.role === Role.VOLUNTEER,
  /**
   * See a volunteer's profile unmasked: themselves, their community's staff and social workers,
   * and the liaison of the unit they say they work for while that claim is PENDING or CONFIRMED
   * (a REJECTED claim gives the unit nothing).
   */
  'volunteer.read': (user, scope) =>
    isAdmin(user) ||
    user.id === scope.userId ||
    isStaffOf(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.SOCIAL_WORKER) ||
    (scope.affiliation != null &&
      LIAISON_SEES.includes(scope.affiliation) &&
      isLiaisonOf(user, scope.unitId)),
  /**
   * What is the volunteer's own (scope: volunteerScope): their sign-ups to see and to give up,
   * their calendar feed; and their hours, which someone else confirms.
   */
  'volunteer.own': (user, scope) => user.id === scope.userId,
  /**
   * Download a volunteer's service record (a certificate of their verified hours): themselves,
   * their community's staff and social workers, the office — not the unit they claim to work for.
   */
  'serviceRecord.read': (user, scope) =>
    isAdmin(user) ||
    user.id === scope.userId ||
    isStaffOf(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.SOCIAL_WORKER),
  /** Confirm or reject that a volunteer works for a unit: its liaison, or staff. */
  'affiliation.review': (user, scope) => actsForUnit(user, scope),
} satisfies Record<string, Rule>;

/** Where an activity lives, for 'activity.manage'. */
export const activityScope = (activity: ReadRow<Activity>): Scope => ({
  communityId: activity.community.id,
  unitId: activity.organiserUnit?.id ?? null,
  userId: activity.createdBy.id,
});

export function canManageActivity(viewer: Viewer, activity: ReadRow<Activity>): boolean {
  return allows(viewer.user, shiftRules['activity.manage'], activityScope(activity));
}

/**
 * The query scope of 'activity.manage', as a condition on Activity: the office runs all, staff
 * their community's, a liaison their unit's, anyone what they created. Null: no restriction.
 */
export function managedActivities(user: User): FilterQuery<Activity> | null {
  if (!user.active) return { id: 0 };
  if (isAdmin(user)) return null;
  const any: FilterQuery<Activity>[] = [{ createdBy: user.id }];
  if (user.role === Role.COMMUNITY_STAFF && user.community)
    any.push({ community: user.community.id });
  if (user.role === Role.UNIT_LIAISON && user.unit) any.push({ organiserUnit: user.unit.id });
  return { $or: any };
}

/**
 * Where a volunteer lives as far as permissions are concerned: their account, their community,
 * and the unit they say they work for with where that claim stands.
 */
export const volunteerScope = (v: ReadRow<Volunteer>): Scope => ({
  userId: v.user.id,
  communityId: v.community.id,
  unitId: v.unit?.id ?? null,
  affiliation: v.affiliation,
});

/** Whether the viewer sees the volunteer's name and phone unmasked ('volunteer.read'). */
export function canReadVolunteer(viewer: Viewer, v: ReadRow<Volunteer>): boolean {
  return allows(viewer.user, shiftRules['volunteer.read'], volunteerScope(v));
}

/**
 * The query scope of 'volunteer.read' for a unit's people, as its liaison reviews them: those
 * whose claim stands (a rejected claim gives the unit nothing); the office sees all of them.
 */
export function volunteersOfUnit(user: User, unitId: number): FilterQuery<Volunteer> {
  if (isAdmin(user)) return { unit: unitId };
  if (isLiaisonOf(user, unitId)) return { unit: unitId, affiliation: { $in: [...LIAISON_SEES] } };
  return { id: 0 };
}

/** Whether the volunteer is the viewer ('volunteer.own'). */
export function isOwnVolunteer(viewer: Viewer, v: ReadRow<Volunteer>): boolean {
  return allows(viewer.user, shiftRules['volunteer.own'], volunteerScope(v));
}

/** Where a volunteer's claim to work for `unit` is decided, for 'affiliation.review'. */
export const affiliationScope = (unit: Unit): Scope => ({
  unitId: unit.id,
  communityId: unit.community.id,
});
