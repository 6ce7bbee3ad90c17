// Who someone is in the district: the role tests every policy module builds its rules from.
import type { ObjectQuery } from '@mikro-orm/core';
import type { Affiliation } from '../shifts/shift.enums.js';
import { Role, type User } from './user.entity.js';

/** Where a thing lives, as far as permissions are concerned. */
export interface Scope {
  communityId?: number | null;
  unitId?: number | null;
  userId?: number | null;
  /** The record is one everybody signed in may read (e.g. an accepted commitment). */
  visibleToAll?: boolean;
  /** For a volunteer: where their claim to work for the unit `unitId` stands. */
  affiliation?: Affiliation | null;
  /** For an account being created: its role. */
  role?: Role;
}

/** A rule: may this (active, signed-in) user do it to a thing in this scope? */
export type Rule = (user: User, scope: Scope) => boolean;

/** Whether the viewer's user may, by `rule`: nobody signed out or deactivated may do anything. */
export function allows(user: User | null, rule: Rule, scope: Scope): boolean {
  return user !== null && user.active && rule(user, scope);
}

const refId = (ref: { id: number } | null | undefined) => ref?.id ?? null;

/** The sub-district office (街道): every community. */
export const isAdmin = (user: User) => user.role === Role.STREET_ADMIN;

/** The user belongs to the community (in any role, or in `role` when given). */
export const isMemberOf = (user: User, communityId: number | null | undefined, role?: Role) =>
  communityId != null && refId(user.community) === communityId && (!role || user.role === role);

export const isStaffOf = (user: User, communityId: number | null | undefined) =>
  isMemberOf(user, communityId, Role.COMMUNITY_STAFF);

export const isLiaisonOf = (user: User, unitId: number | null | undefined) =>
  user.role === Role.UNIT_LIAISON && unitId != null && refId(user.unit) === unitId;

/** The office, or the community's staff: those who run a community. */
export const managesCommunity = (user: User, communityId: number | null | undefined) =>
  isAdmin(user) || isStaffOf(user, communityId);

/** The office, the unit's community staff, or its liaison: those who act for a unit. */
export const actsForUnit = (user: User, scope: Scope) =>
  managesCommunity(user, scope.communityId) || isLiaisonOf(user, scope.unitId);

/**
 * The community a community-wide query is about when the caller names none: all of them for
 * the office (null), the caller's own otherwise (0, which matches nothing, when they have none).
 */
export function communityOfQuery(user: User, requested: number | null): number | null {
  if (requested !== null || isAdmin(user)) return requested;
  return user.community?.id ?? 0;
}

/**
 * The rows of a community-held record a user may read beyond the public ones, as a query
 * scope: everything for the office, their community for staff, their unit for a liaison,
 * nothing for anyone else. The matching checks are the `*.read` rules that allow the office,
 * the community's staff and the unit's liaison.
 */
export type Reach = { all: true } | { communityId: number } | { unitId: number } | { none: true };

export function reachOf(user: User): Reach {
  if (!user.active) return { none: true };
  if (isAdmin(user)) return { all: true };
  if (user.role === Role.COMMUNITY_STAFF && user.community)
    return { communityId: user.community.id };
  if (user.role === Role.UNIT_LIAISON && user.unit) return { unitId: user.unit.id };
  return { none: true };
}

/**
 * Who is told of a community's work, as a query scope on users: the active staff of the
 * communities (`isStaffOf`). The office, who also `managesCommunity`, oversees every community
 * and reads the queues rather than a message per event.
 */
export function staffOfCommunities(communityIds: readonly number[]): ObjectQuery<User> {
  return { role: Role.COMMUNITY_STAFF, active: true, community: { $in: [...communityIds] } };
}

/** Who acts for a unit as its liaison (`isLiaisonOf`), as a query scope on active users. */
export function liaisonsOfUnit(unitId: number): ObjectQuery<User> {
  return { role: Role.UNIT_LIAISON, active: true, unit: unitId };
}
