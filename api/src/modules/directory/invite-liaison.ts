// Inviting a unit's liaison: the office or the unit's community staff make the liaison's account
// (no password yet) and get a one-time link for them to set one. Re-inviting a liaison who has not
// taken up the account replaces the link; a unit whose liaison can already sign in is refused.
import { randomBytes } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Config } from '../../config.js';
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
import { displayNameSchema, phoneSchema } from '../auth/auth.validation.js';
import { LiaisonInvitation } from '../auth/liaison-invitation.entity.js';
import { tokenHash } from '../auth/password.js';
import { authorize } from '../auth/policy.js';
import { Role, User } from '../auth/user.entity.js';
import { Unit } from './unit.entity.js';

/** How long an invitation link stays usable. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

/** The web page a liaison takes up their account on. */
export function invitationUrl(config: Pick<Config, 'publicWebUrl'>, token: string): string {
  return `${config.publicWebUrl.replace(/\/+$/, '')}/invite/${encodeURIComponent(token)}`;
}

const inviteSchema = z.object({
  unitId: z.string().min(1, 'Choose the unit.'),
  displayName: displayNameSchema,
  phone: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    phoneSchema.nullish(),
  ),
});

export interface Invited {
  unit: Unit | null;
  invitation: { url: string; expiresAt: Date; liaison: User } | null;
  errors: UserError[];
}

export async function inviteUnitLiaison(
  ctx: Context,
  input: z.input<typeof inviteSchema>,
): Promise<Invited> {
  ctx.viewer.requireUser();
  const parsed = inviteSchema.safeParse(input);
  if (!parsed.success) return refused(['unit', 'invitation'], ...userErrorsFromZod(parsed.error));
  const { displayName, phone } = parsed.data;
  const unitId = idOf(parsed.data.unitId, 'Unit');
  // Rights first, on an unlocked read: an outsider neither waits on the lock nor learns more.
  const found = unitId ? await ctx.loaders.directory.unit.load(unitId) : null;
  if (!found) return refused(['unit', 'invitation'], noSuch('unit', 'unitId'));
  const inviter = authorize(ctx.viewer, 'unit.inviteLiaison', {
    communityId: found.community.id,
    unitId: found.id,
  });

  const token = randomBytes(32).toString('base64url');
  try {
    return await ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      // The unit's row lock orders invitations of one unit: two at once make one account.
      const unit = await em.findOneOrFail(Unit, found.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const accounts = await em.find(
        User,
        { unit: unit.id, role: Role.UNIT_LIAISON, active: true },
        { orderBy: { id: 'asc' } },
      );
      if (accounts.some((account) => account.passwordHash !== null)) {
        return refused(
          ['unit', 'invitation'],
          userError(
            UserErrorCode.LIAISON_ACTIVE,
            'This unit already has a liaison who can sign in.',
            inputField('unitId'),
          ),
        );
      }
      const now = new Date();
      let liaison = accounts[0];
      if (liaison) {
        liaison.displayName = displayName;
        liaison.phone = phone ?? liaison.phone;
        // The old link stops working the moment the new one exists.
        await em.nativeUpdate(
          LiaisonInvitation,
          { liaison: liaison.id, acceptedAt: null, revokedAt: null },
          { revokedAt: now },
        );
      } else {
        liaison = em.create(User, {
          username: await freeUsername(em, unit.id),
          passwordHash: null,
          displayName,
          phone: phone ?? null,
          role: Role.UNIT_LIAISON,
          community: unit.community,
          unit,
        });
      }
      const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
      em.create(LiaisonInvitation, {
        unit,
        liaison,
        invitedBy: em.getReference(User, inviter.id),
        tokenHash: tokenHash(token),
        expiresAt,
      });
      await em.flush();
      return {
        unit,
        invitation: { url: invitationUrl(ctx.app.config, token), expiresAt, liaison },
        errors: [],
      };
    });
  } catch (error) {
    // A username proposed at the same moment to a registration: the unique index decided.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    ctx.em.clear();
    return refused(
      ['unit', 'invitation'],
      userError(UserErrorCode.CONFLICT, 'Someone else changed this unit just now; try again.'),
    );
  }
}

/** The username an invited liaison starts with (they may choose another): unit12, unit12-2, … */
async function freeUsername(em: EntityManager, unitId: number): Promise<string> {
  const base = `unit${unitId}`;
  const candidates = [base, ...Array.from({ length: 8 }, (_, i) => `${base}-${i + 2}`)];
  const taken = new Set(
    (await em.find(User, { username: { $in: candidates } }, { fields: ['username'] })).map(
      (u) => u.username,
    ),
  );
  return candidates.find((name) => !taken.has(name)) ?? `${base}-${randomBytes(3).toString('hex')}`;
}
