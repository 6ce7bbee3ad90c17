// A social worker's profile: made on first use, edited by them, their community's staff or the office.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Context } from '../../context.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type Payload,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { Role, User } from '../auth/user.entity.js';
import { Grid } from '../directory/grid.entity.js';
import { availabilitySchema } from '../shifts/availability.js';
import type { AvailabilitySlot } from '../shifts/volunteer.entity.js';
import { Pairing } from './pairing.entity.js';
import { PairingStatus, Qualification, Specialty } from './pairing.enums.js';
import { SocialWorker } from './social-worker.entity.js';

/**
 * Whether the account has a social worker profile at all: a data rule (what a profile is),
 * not a permission; who may read or edit one is in pairing.policy.ts.
 */
const mayHaveProfile = (user: User): user is User & { community: NonNullable<User['community']> } =>
  user.role === Role.SOCIAL_WORKER && user.community != null;

/** The social worker profile of a user, made on first use for a SOCIAL_WORKER with a community. */
export async function socialWorkerOf(
  em: EntityManager,
  user: User,
  options: { create?: boolean } = {},
): Promise<SocialWorker | null> {
  const existing = await em.findOne(SocialWorker, { user: user.id });
  if (existing || !options.create) return existing;
  if (!mayHaveProfile(user)) return null;
  const worker = em.create(SocialWorker, { user, community: user.community });
  await em.flush();
  return worker;
}

const profileSchema = z.object({
  specialties: z
    .array(z.enum(Specialty))
    .max(Object.keys(Specialty).length)
    .refine((list) => new Set(list).size === list.length, 'List each specialty once.')
    .optional(),
  qualification: z.enum(Qualification).optional(),
  caseloadCap: z.number().int().min(0).max(200, 'At most 200.').optional(),
  availability: availabilitySchema.optional(),
});

export interface UpdateSocialWorkerProfileInput {
  /** Whose profile (a User ID); default: the viewer's own. */
  userId?: string | null;
  version?: number | null;
  specialties?: Specialty[] | null;
  qualification?: Qualification | null;
  caseloadCap?: number | null;
  availability?: AvailabilitySlot[] | null;
  /** Empty string clears it. */
  gridId?: string | null;
}

type ProfileResult = Payload<'socialWorker', SocialWorker>;

export async function updateSocialWorkerProfile(
  ctx: Context,
  input: UpdateSocialWorkerProfileInput,
): Promise<ProfileResult> {
  const viewer = ctx.viewer.requireUser();
  let target: User | null = viewer;
  if (input.userId) {
    const userId = idOf(input.userId, 'User');
    target = userId ? await ctx.em.findOne(User, userId) : null;
    if (!target) return refused('socialWorker', noSuch('user', 'userId'));
  }
  authorize(ctx.viewer, 'socialWorker.update', {
    userId: target.id,
    communityId: target.community?.id ?? null,
  });
  if (!mayHaveProfile(target)) {
    return refused(
      'socialWorker',
      userError(
        UserErrorCode.INVALID,
        'Only a social worker with a community has a social worker profile.',
        input.userId ? inputField('userId') : undefined,
      ),
    );
  }
  const parsed = profileSchema.safeParse({
    specialties: input.specialties ?? undefined,
    qualification: input.qualification ?? undefined,
    caseloadCap: input.caseloadCap ?? undefined,
    availability: input.availability ?? undefined,
  });
  if (!parsed.success) return refused('socialWorker', ...userErrorsFromZod(parsed.error));
  const worker = await socialWorkerOf(ctx.em, target, { create: true });
  if (!worker)
    return refused('socialWorker', userError(UserErrorCode.INVALID, 'No social worker profile.'));

  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const locked = await em.findOneOrFail(SocialWorker, worker.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (input.version != null && input.version !== locked.version) {
      return refused(
        'socialWorker',
        userError(
          UserErrorCode.CONFLICT,
          'The profile changed since you loaded it.',
          inputField('version'),
        ),
      );
    }
    const data = parsed.data;
    if (data.caseloadCap !== undefined) {
      const active = await em.count(Pairing, {
        socialWorker: locked.id,
        status: PairingStatus.ACTIVE,
      });
      if (data.caseloadCap < active) {
        return refused(
          'socialWorker',
          userError(
            UserErrorCode.OUT_OF_RANGE,
            `This social worker has ${active} active pairings; end some before lowering the cap.`,
            inputField('caseloadCap'),
          ),
        );
      }
      locked.caseloadCap = data.caseloadCap;
    }
    if (input.gridId === '') locked.grid = null;
    else if (input.gridId) {
      const gridId = idOf(input.gridId, 'Grid');
      const grid = gridId
        ? await em.findOne(Grid, { id: gridId, community: locked.community.id })
        : null;
      if (!grid) {
        return refused('socialWorker', noSuch('grid in this community', 'gridId'));
      }
      locked.grid = grid;
    }
    if (data.specialties) locked.specialties = data.specialties;
    if (data.qualification) locked.qualification = data.qualification;
    if (data.availability) locked.availability = data.availability;
    await em.flush();
    return { socialWorker: locked, errors: [] };
  });
}
