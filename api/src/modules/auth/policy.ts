// Who may do what: the one authorisation layer every service calls. Rules live only here.
import { forbidden, unauthenticated } from '../../graphql/errors.js';
import { Affiliation } from '../shifts/shift.enums.js';
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
  /** The record is one everybody signed in may read (e.g. an accepted commitment). */
  visibleToAll?: boolean;
  /** For a volunteer: where their claim to work for the unit `unitId` stands. */
  affiliation?: Affiliation | null;
}

/** A unit's liaison sees a volunteer who claims to work for it only while the claim stands. */
const LIAISON_SEES: ReadonlySet<Affiliation | null | undefined> = new Set([
  Affiliation.PENDING,
  Affiliation.CONFIRMED,
]);

const refId = (ref: { id: number } | null | undefined) => ref?.id ?? null;

export const isAdmin = (user: User) => user.role === Role.STREET_ADMIN;

/** The user belongs to the community (in any role, or in `role` when given). */
const isMemberOf = (user: User, communityId: number | null | undefined, role?: Role) =>
  communityId != null && refId(user.community) === communityId && (!role || user.role === role);

export const isStaffOf = (user: User, communityId: number | null | undefined) =>
  isMemberOf(user, communityId, Role.COMMUNITY_STAFF);

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
  /** Rename a unit, change its kind or grid: the office or its community's staff, not its liaison. */
  'unit.updateIdentity': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId),
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
  /** Configure co-building categories. */
  'category.manage': (user: User) => isAdmin(user),
  /** Publish and close a community's needs. */
  'need.manage': (user: User, scope: Scope) => isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Read a commitment, its history, fulfilment and evidence: public once accepted, else its people. */
  'commitment.read': (user: User, scope: Scope) =>
    scope.visibleToAll === true ||
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    isLiaisonOf(user, scope.unitId),
  /** Write a commitment and record fulfilment: the unit's liaison, or staff acting for the unit. */
  'commitment.write': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId) || isLiaisonOf(user, scope.unitId),
  /** Accept or reject commitments, verify or reject fulfilment, approve target changes. */
  'commitment.review': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Read a community's standings (in the app). */
  'standings.read': (user: User, scope: Scope) =>
    isAdmin(user) || isMemberOf(user, scope.communityId),
  /**
   * Download the annual co-building report (共驻共建联席会): the office (any community or all),
   * the community's staff, and the liaisons of its units, who sit on the co-building meeting.
   */
  'coBuildingReport.read': (user: User, scope: Scope) =>
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.UNIT_LIAISON),
  /**
   * Open an evidence file (sign-in sheets and photos show residents): the office, the
   * commitment's community staff and its unit's liaison; an unattached upload, its uploader.
   */
  'evidence.read': (user: User, scope: Scope) =>
    isAdmin(user) ||
    user.id === scope.userId ||
    isStaffOf(user, scope.communityId) ||
    isLiaisonOf(user, scope.unitId),
  /** The staff dashboard's figures: the office (any community or all), a community's staff (their own). */
  'dashboard.read': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Organise an activity in a community: its staff, its social workers, or a unit's liaison. */
  'activity.create': (user: User, scope: Scope) =>
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.SOCIAL_WORKER) ||
    isLiaisonOf(user, scope.unitId),
  /** Run an activity (shifts, cancellations, attendance, hours): staff, its creator, its unit's liaison. */
  'activity.manage': (user: User, scope: Scope) =>
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    user.id === scope.userId ||
    isLiaisonOf(user, scope.unitId),
  /** Take a place on a shift. */
  'shift.signUp': (user: User) => user.role === Role.VOLUNTEER,
  /** Check oneself in and out with a shift's QR code (the sign-up itself is checked by the service). */
  'attendance.selfCheckIn': (user: User) => user.role === Role.VOLUNTEER,
  /**
   * See a volunteer's profile unmasked: themselves, their community's staff and social workers,
   * and the liaison of the unit they say they work for while that claim is PENDING or CONFIRMED
   * (a REJECTED claim gives the unit nothing).
   */
  'volunteer.read': (user: User, scope: Scope) =>
    isAdmin(user) ||
    user.id === scope.userId ||
    isStaffOf(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.SOCIAL_WORKER) ||
    (LIAISON_SEES.has(scope.affiliation) && isLiaisonOf(user, scope.unitId)),
  /** Confirm or reject that a volunteer works for a unit: its liaison, or staff. */
  'affiliation.review': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId) || isLiaisonOf(user, scope.unitId),
  /**
   * Read another user's account, their name and phone unmasked: the office, themselves, their
   * community's staff (a liaison's community is their unit's), and the liaisons of their unit.
   */
  'user.read': (user: User, scope: Scope) =>
    isAdmin(user) ||
    user.id === scope.userId ||
    isStaffOf(user, scope.communityId) ||
    isLiaisonOf(user, scope.unitId),
  /** Plan, confirm and end a community's pairings (社工+义工): the office or its staff. */
  'pairing.manage': (user: User, scope: Scope) =>
    isAdmin(user) || isStaffOf(user, scope.communityId),
  /** Read a pairing, or log supervision on it: the office, its community's staff, its social worker. */
  'supervision.log': (user: User, scope: Scope) =>
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    (user.role === Role.SOCIAL_WORKER && user.id === scope.userId),
  /** Edit a social worker's profile: themselves, their community's staff, the office. */
  'socialWorker.update': (user: User, scope: Scope) =>
    isAdmin(user) || user.id === scope.userId || isStaffOf(user, scope.communityId),
  /** Social workers' load and pairing coverage: the office, the community's staff and social workers. */
  'pairing.overview': (user: User, scope: Scope) =>
    isAdmin(user) ||
    isStaffOf(user, scope.communityId) ||
    isMemberOf(user, scope.communityId, Role.SOCIAL_WORKER),
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

/**
 * The rows of a scoped list a user may read beyond the public ones, mirroring the `*.read` rules:
 * everything for the office, their community for staff, their unit for a liaison.
 */
export function readScope(user: User): { all: true } | { communityId?: number; unitId?: number } {
  if (isAdmin(user)) return { all: true };
  if (user.role === Role.COMMUNITY_STAFF && user.community)
    return { communityId: user.community.id };
  if (user.role === Role.UNIT_LIAISON && user.unit) return { unitId: user.unit.id };
  return {};
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
