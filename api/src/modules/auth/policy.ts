// Who may do what: the one authorisation layer every service calls. Rules live only here.
import { forbidden, unauthenticated } from '../../graphql/errors.js';
import { Role, type User } from './user.entity.js';

/** The signed-in person of a request (or nobody). */
export class Viewer {
  constructor(
    readonly user: User | null,
    readonly sessionId: number | null,
  ) {}

  static anonymous(): Viewer {
    return new Viewer(null, null);
  }

  get isAuthenticated(): boolean {
    return this.user !== null;
  }

  /** The user, or an UNAUTHENTICATED error. */
  requireUser(): User {
    if (!this.user) throw unauthenticated();
    return this.user;
  }
}

/** Where a thing lives, as far as permissions are concerned. */
export interface Scope {
  communityId?: number | null;
  unitId?: number | null;
  userId?: number | null;
}

const refId = (ref: { id: number } | null | undefined) => ref?.id ?? null;

export const isAdmin = (user: User) => user.role === Role.STREET_ADMIN;

export const isStaffOf = (user: User, communityId: number | null | undefined) =>
  user.role === Role.COMMUNITY_STAFF &&
  communityId != null &&
  refId(user.community) === communityId;

export const isLiaisonOf = (user: User, unitId: number | null | undefined) =>
  user.role === Role.UNIT_LIAISON && unitId != null && refId(user.unit) === unitId;

/** Roles a community worker may create accounts for, inside their own community. */
export const ROLES_STAFF_MAY_CREATE: readonly Role[] = [
  Role.UNIT_LIAISON,
  Role.SOCIAL_WORKER,
  Role.VOLUNTEER,
];

const rules = {
  /** Create or rename communities: the sub-district office only. */
  'community.create': (user: User) => isAdmin(user),
  /** Add grids or units to a community. */
  'directory.manage': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Change a unit's record: the office, its community's staff, or its own liaison. */
  'unit.update': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId) || isLiaisonOf(user, scope.unitId),
  /** See a unit's liaison contact unmasked (PIPL): same people as above. */
  'unit.readContact': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId) || isLiaisonOf(user, scope.unitId),
  /** See a grid leader's phone unmasked. */
  'grid.readContact': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Staffing figures against the provincial standard. */
  'staffing.read': (user: User, scope: Scope) =>
    isAdmin(user) || (scope.communityId == null ? false : isStaffOf(user, scope.communityId)),
  /** Create accounts: the office for anyone; staff for liaisons, social workers, volunteers of their community. */
  'user.create': (user: User, scope: Scope & { role?: Role }) =>
    isAdmin(user) ||
    (isStaffOf(user, scope.communityId) &&
      scope.role !== undefined &&
      ROLES_STAFF_MAY_CREATE.includes(scope.role)),
  /** Read another user's account (and their phone unmasked). */
  'user.read': (user: User, scope: Scope) =>
    isAdmin(user) || user.id === scope.userId || isStaffOf(user, scope.communityId),
} as const;

export type Action = keyof typeof rules;

export function can(viewer: Viewer, action: Action, scope: Scope & { role?: Role } = {}): boolean {
  const user = viewer.user;
  if (!user || !user.active) return false;
  return (rules[action] as (u: User, s: Scope & { role?: Role }) => boolean)(user, scope);
}

/** The user when the action is allowed; UNAUTHENTICATED or FORBIDDEN otherwise. */
export function authorize(
  viewer: Viewer,
  action: Action,
  scope: Scope & { role?: Role } = {},
): User {
  const user = viewer.requireUser();
  if (!can(viewer, action, scope)) throw forbidden();
  return user;
}

/** `138****5678`: enough to recognise, not enough to call. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** `张*` / `欧阳**`: the family name stays, the given name is hidden. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
