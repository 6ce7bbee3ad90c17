// Taking up a liaison invitation: the link's holder sees what it opens, chooses a username (or
// keeps the one assigned) and a password, and is signed in. A link works once, until it expires,
// and only while no newer link for the same account replaced it.
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Context } from '../../context.js';
import {
  inputField,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type UserError,
} from '../../graphql/errors.js';
import { startSession, type SignedIn } from './auth.service.js';
import { passwordSchema, usernameSchema } from './auth.validation.js';
import { LiaisonInvitationStatus, type LiaisonInvitationPreview } from './invitation.types.js';
import { LiaisonInvitation } from './liaison-invitation.entity.js';
import { hashPassword, tokenHash } from './password.js';
import { Viewer } from './policy.js';
import { User } from './user.entity.js';

/** Tokens are 43 base64url characters; anything else names no invitation. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

function statusOf(invitation: LiaisonInvitation | null, now: Date): LiaisonInvitationStatus {
  if (!invitation || invitation.revokedAt || !invitation.liaison.active)
    return LiaisonInvitationStatus.INVALID;
  if (invitation.acceptedAt) return LiaisonInvitationStatus.USED;
  if (invitation.expiresAt <= now) return LiaisonInvitationStatus.EXPIRED;
  return LiaisonInvitationStatus.VALID;
}

async function findInvitation(
  em: EntityManager,
  token: string,
  lock = false,
): Promise<LiaisonInvitation | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const invitation = await em.findOne(
    LiaisonInvitation,
    { tokenHash: tokenHash(token) },
    // Locked, it is read afresh: what an earlier unlocked read saw may be stale by now.
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {},
  );
  if (invitation) await em.populate(invitation, ['liaison', 'unit'], { refresh: lock });
  return invitation;
}

/** Public: what a link opens. Names the unit and the person only while the link is usable. */
export async function previewInvitation(
  ctx: Context,
  token: string,
): Promise<LiaisonInvitationPreview> {
  const invitation = await findInvitation(ctx.em, token);
  const status = statusOf(invitation, new Date());
  const valid = status === LiaisonInvitationStatus.VALID && invitation;
  return {
    status,
    unitName: valid ? invitation.unit.name : null,
    displayName: valid ? invitation.liaison.displayName : null,
    username: valid ? invitation.liaison.username : null,
  };
}

const STATUS_ERRORS: Record<Exclude<LiaisonInvitationStatus, 'VALID'>, UserError> = {
  [LiaisonInvitationStatus.USED]: userError(
    UserErrorCode.INVITATION_USED,
    'This invitation has already been used. Sign in instead.',
    inputField('token'),
  ),
  [LiaisonInvitationStatus.EXPIRED]: userError(
    UserErrorCode.INVITATION_EXPIRED,
    'This invitation has expired. Ask your community for a new one.',
    inputField('token'),
  ),
  [LiaisonInvitationStatus.INVALID]: userError(
    UserErrorCode.INVITATION_INVALID,
    'This invitation link is not valid. Ask your community for a new one.',
    inputField('token'),
  ),
};

const acceptSchema = z.object({ username: usernameSchema, password: passwordSchema });

/** Public: sets the invited liaison's username and password, uses up the link, signs them in. */
export async function acceptLiaisonInvitation(
  ctx: Context,
  input: { token: string; username: string; password: string },
): Promise<SignedIn> {
  const parsed = acceptSchema.safeParse(input);
  const checked = await findInvitation(ctx.em, input.token);
  const before = statusOf(checked, new Date());
  // A link that cannot be used is said first: no form would help.
  if (before !== LiaisonInvitationStatus.VALID)
    return refused(['token', 'user'], STATUS_ERRORS[before]);
  if (!parsed.success) return refused(['token', 'user'], ...userErrorsFromZod(parsed.error));
  const { username, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const taken = () =>
    refused(
      ['token', 'user'],
      userError(UserErrorCode.TAKEN, 'This username is already taken.', inputField('username')),
    );

  let user: User;
  try {
    const outcome = await ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      // Under the row lock, so two submissions of one link cannot both take it.
      const invitation = await findInvitation(em, input.token, true);
      const status = statusOf(invitation, new Date());
      if (status !== LiaisonInvitationStatus.VALID)
        return refused(['token', 'user'], STATUS_ERRORS[status]);
      const liaison = invitation!.liaison;
      if (
        username !== liaison.username &&
        (await em.count(User, { username, id: { $ne: liaison.id } }))
      )
        return taken();
      liaison.username = username;
      liaison.passwordHash = passwordHash;
      invitation!.acceptedAt = new Date();
      await em.flush();
      return { user: liaison };
    });
    if (!('user' in outcome) || !outcome.user) return outcome as SignedIn;
    user = outcome.user;
  } catch (error) {
    // The same name registered at the same moment: the unique index decided.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    ctx.em.clear();
    return taken();
  }
  // The account was changed in the transaction's own EntityManager: the session refers to it by id.
  const token = await startSession(ctx, ctx.em.getReference(User, user.id));
  ctx.viewer = new Viewer(user, null);
  return { token, user, errors: [] };
}
