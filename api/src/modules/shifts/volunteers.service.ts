// Volunteer profiles: created from the account on first use, edited by the volunteer, and the
// affiliation to a resident unit confirmed by that unit.
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OptimisticLockError } from '@mikro-orm/core';
import { z } from 'zod';
import { availabilitySchema } from './availability.js';
import type { Context } from '../../context.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import type { ConnectionArgs, ConnectionData } from '../../graphql/connections.js';
import { paginate } from '../../graphql/paging.js';
import { displayNameSchema, phoneSchema } from '../auth/auth.validation.js';
import { authorize, can } from '../auth/policy.js';
import { communityOfQuery } from '../auth/roles.js';
import { Role, User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { Grid } from '../directory/grid.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { Affiliation, Skill } from './shift.enums.js';
import { affiliationScope, volunteersOfUnit } from './shifts.policy.js';
import { Volunteer, type AvailabilitySlot } from './volunteer.entity.js';
import type { ReadRow } from '../../graphql/read-rows.js';

/** The user's volunteer profile; with `create`, made from their account when missing. */
export async function volunteerOf(
  em: EntityManager,
  user: User,
  options: { create?: boolean } = {},
): Promise<Volunteer | null> {
  const existing = await em.findOne(Volunteer, { user: user.id });
  if (existing || !options.create || !user.community) return existing;
  const volunteer = em.create(Volunteer, {
    user,
    realName: user.displayName,
    phone: user.phone ?? '',
    community: em.getReference(Community, user.community.id),
  });
  await em.flush();
  return volunteer;
}

const profileSchema = z.object({
  realName: displayNameSchema.optional(),
  phone: phoneSchema.optional(),
  skills: z.array(z.enum(Skill)).max(16).optional(),
  availability: availabilitySchema.optional(),
});

export interface VolunteerResult {
  volunteer: Volunteer | null;
  errors: UserError[];
}

/** The profile's version moved on since the volunteer loaded it, or while this change was saved. */
const profileChanged = () =>
  userError(
    UserErrorCode.CONFLICT,
    'Your profile changed on another device; reload it.',
    inputField('version'),
  );

export async function updateMyVolunteerProfile(
  ctx: Context,
  input: {
    version?: number | null;
    realName?: string | null;
    phone?: string | null;
    communityId?: string | null;
    gridId?: string | null;
    skills?: Skill[] | null;
    availability?: AvailabilitySlot[] | null;
    /** A unit to declare; null leaves it, "" clears it. */
    unitId?: string | null;
    /** Where reminders are e-mailed; "" clears it. */
    email?: string | null;
  },
): Promise<VolunteerResult> {
  const user = authorize(ctx.viewer, 'shift.signUp');
  const parsed = profileSchema.safeParse(
    Object.fromEntries(
      Object.entries(input).filter(([key, value]) => value != null && key in profileSchema.shape),
    ),
  );
  if (!parsed.success) return refused('volunteer', ...userErrorsFromZod(parsed.error));
  const em = ctx.em;
  let community: Community | null = null;
  if (input.communityId) {
    const id = idOf(input.communityId, 'Community');
    community = id ? await em.findOne(Community, id) : null;
    if (!community) return refused('volunteer', noSuch('community', 'communityId'));
  }
  const volunteer =
    (await volunteerOf(em, user)) ??
    (community || user.community
      ? em.create(Volunteer, {
          user,
          realName: user.displayName,
          phone: user.phone ?? '',
          community: community ?? em.getReference(Community, user.community!.id),
        })
      : null);
  if (!volunteer)
    return refused(
      'volunteer',
      userError(UserErrorCode.REQUIRED, 'Choose your community.', inputField('communityId')),
    );
  if (input.version != null && input.version !== volunteer.version) {
    return refused('volunteer', profileChanged());
  }
  if (community && community.id !== volunteer.community.id) {
    volunteer.community = community;
    volunteer.grid = null;
  }
  if (input.gridId !== undefined && input.gridId !== null) {
    if (input.gridId === '') volunteer.grid = null;
    else {
      const id = idOf(input.gridId, 'Grid');
      const grid = id ? await em.findOne(Grid, { id, community: volunteer.community.id }) : null;
      if (!grid) return refused('volunteer', noSuch('grid in your community', 'gridId'));
      volunteer.grid = grid;
    }
  }
  if (input.email != null) {
    const email = input.email.trim();
    if (email && !z.email().safeParse(email).success) {
      return refused(
        'volunteer',
        userError(
          UserErrorCode.INVALID,
          'Enter an e-mail address like name@example.com.',
          inputField('email'),
        ),
      );
    }
    user.email = email ? email.toLowerCase() : null;
  }
  const data = parsed.data;
  if (data.realName) volunteer.realName = data.realName;
  if (data.phone) volunteer.phone = data.phone;
  if (data.skills) volunteer.skills = [...new Set(data.skills)].sort();
  if (data.availability) volunteer.availability = data.availability;
  if (input.unitId !== undefined && input.unitId !== null) {
    if (input.unitId === '') {
      volunteer.unit = null;
      volunteer.affiliation = Affiliation.NONE;
    } else {
      const id = idOf(input.unitId, 'Unit');
      const unit = id ? await em.findOne(Unit, id) : null;
      if (!unit) return refused('volunteer', noSuch('unit', 'unitId'));
      if (volunteer.unit?.id !== unit.id) {
        volunteer.unit = unit;
        volunteer.affiliation = Affiliation.PENDING;
        const liaisons = await em.find(User, {
          role: Role.UNIT_LIAISON,
          unit: unit.id,
          active: true,
        });
        // A profile created just now is written first: the liaisons' notification names its id.
        if (volunteer.id === undefined) await em.flush();
        notify(
          em,
          liaisons.map((liaison) => ({
            userId: liaison.id,
            kind: NotificationKind.AFFILIATION_REQUESTED,
            link: '/volunteers?affiliation=PENDING',
            // The liaison reads a volunteer asking to join their unit (policy volunteer.read).
            data: {
              volunteerId: volunteer.nodeId,
              volunteerName: volunteer.realName,
              unitId: unit.nodeId,
              unitName: unit.name,
            },
          })),
        );
      }
    }
  }
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      return refused('volunteer', profileChanged());
    }
    throw error;
  }
  return { volunteer, errors: [] };
}

/** The unit's liaison (or staff) confirms or rejects that a volunteer works for the unit. */
export async function reviewAffiliation(
  ctx: Context,
  input: { volunteerId: string; confirm: boolean },
): Promise<VolunteerResult> {
  ctx.viewer.requireUser();
  const id = idOf(input.volunteerId, 'Volunteer');
  const volunteer = id ? await ctx.em.findOne(Volunteer, id, { populate: ['unit'] }) : null;
  if (!volunteer || !volunteer.unit) {
    return refused('volunteer', noSuch('volunteer asking to join a unit', 'volunteerId'));
  }
  authorize(ctx.viewer, 'affiliation.review', affiliationScope(volunteer.unit));
  if (volunteer.affiliation !== Affiliation.PENDING) {
    return refused(
      'volunteer',
      userError(UserErrorCode.INVALID_TRANSITION, 'This affiliation was already decided.'),
    );
  }
  volunteer.affiliation = input.confirm ? Affiliation.CONFIRMED : Affiliation.REJECTED;
  await ctx.em.flush();
  return { volunteer, errors: [] };
}

/**
 * Volunteers someone may list: a unit's people for whoever reviews its affiliations (its liaison),
 * otherwise a community's for those who may read its volunteers (staff, social workers, office).
 */
export function listVolunteers(
  ctx: Context,
  filter: { communityId?: string | null; unitId?: string | null; skill?: Skill | null },
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Volunteer>>> {
  const user = ctx.viewer.requireUser();
  const unitId = filter.unitId ? (idOf(filter.unitId, 'Unit') ?? 0) : null;
  const where: FilterQuery<Volunteer> = {};
  if (unitId !== null && can(ctx.viewer, 'affiliation.review', { unitId })) {
    Object.assign(where, volunteersOfUnit(user, unitId));
  } else {
    const communityId = communityOfQuery(
      user,
      filter.communityId ? (idOf(filter.communityId, 'Community') ?? 0) : null,
    );
    authorize(ctx.viewer, 'volunteer.read', { communityId });
    if (communityId !== null) where.community = communityId;
    if (unitId !== null) where.unit = unitId;
  }
  if (filter.skill) where.skills = { $contains: [filter.skill] };
  return paginate(ctx.em, Volunteer, { where, keys: ['id'], args });
}
