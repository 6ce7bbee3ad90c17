// Accounts and logins: sign in and out, self-registration, accounts created by the office or staff.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
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
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { hashPassword, newToken, tokenHash, verifyPassword } from './password.js';
import { authorize, Viewer } from './policy.js';
import { Session } from './session.entity.js';
import { LANGUAGES } from './auth.types.js';
import { Role, User } from './user.entity.js';
import {
  displayNameSchema,
  passwordSchema,
  phoneSchema,
  usernameSchema,
} from './auth.validation.js';

export interface SignedIn {
  token: string | null;
  user: User | null;
  errors: UserError[];
}

export async function viewerFromToken(em: EntityManager, token: string | null): Promise<Viewer> {
  if (!token) return Viewer.anonymous();
  // Every request starts here: one plain statement, and only the user becomes an entity (the
  // session is only needed for its id), without the query builder a findOne+populate goes through.
  const metadata = em.getMetadata();
  const rows = await em
    .getConnection()
    .execute<Record<string, unknown>[]>(
      `select s.id as gj_session_id, u.* from "${metadata.get(Session).tableName}" s join "${
        metadata.get(User).tableName
      }" u on u.id = s.user_id where s.token_hash = ? and s.revoked_at is null and s.expires_at > ? limit 1`,
      [tokenHash(token), new Date()],
      'all',
      em.getTransactionContext(),
    );
  const row = rows[0];
  if (!row || !row.active) return Viewer.anonymous();
  const { gj_session_id: sessionId, ...userRow } = row;
  return new Viewer(em.map(User, userRow), Number(sessionId));
}

export async function startSession(ctx: Context, user: User): Promise<string> {
  const token = newToken();
  ctx.em.create(Session, {
    user,
    tokenHash: tokenHash(token),
    expiresAt: new Date(Date.now() + ctx.app.config.tokenTtlHours * 3_600_000),
    userAgent: ctx.request.userAgent?.slice(0, 300) ?? null,
    ip: ctx.request.ip.slice(0, 64),
  });
  await ctx.em.flush();
  return token;
}

export async function login(
  ctx: Context,
  input: { username: string; password: string },
): Promise<SignedIn> {
  const errors: UserError[] = [];
  const username = input.username.trim().toLowerCase();
  if (!username)
    errors.push(userError(UserErrorCode.REQUIRED, 'Enter your username.', inputField('username')));
  else if (!usernameSchema.safeParse(username).success)
    // No account can have it (registration holds every username to the same shape), so it is
    // answered before anything touches the database: a NUL byte or 300 characters included.
    errors.push(
      userError(
        UserErrorCode.INVALID,
        'Usernames are 3–32 letters, digits, ".", "_" or "-".',
        inputField('username'),
      ),
    );
  if (!input.password)
    errors.push(userError(UserErrorCode.REQUIRED, 'Enter your password.', inputField('password')));
  else if (input.password.length > 1024)
    errors.push(
      userError(UserErrorCode.INVALID, 'The password is too long.', inputField('password')),
    );
  if (errors.length) return refused(['token', 'user'], ...errors);

  const limiter = ctx.app.loginLimiter;
  // The attempt is counted before the password is checked, so parallel guesses cannot overtake it.
  const wait = await limiter.beginAttempt(username, ctx.request.ip);
  if (wait > 0) {
    return refused(
      ['token', 'user'],
      userError(
        UserErrorCode.RATE_LIMITED,
        `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`,
      ),
    );
  }
  const user = await ctx.em.findOne(User, { username });
  const ok = await verifyPassword(user?.active ? user.passwordHash : null, input.password);
  if (!user || !ok) {
    await limiter.recordFailure(username, ctx.request.ip);
    return refused(
      ['token', 'user'],
      userError(UserErrorCode.INVALID_CREDENTIALS, 'The username or password is not correct.'),
    );
  }
  await limiter.recordSuccess(username, ctx.request.ip);
  const token = await startSession(ctx, user);
  // The payload's `viewer` is read as the user now signed in (their own language and e-mail).
  ctx.viewer = new Viewer(user, null);
  return { token, user, errors: [] };
}

/** Revokes the current login, or every login of the user. */
export async function logout(ctx: Context, input: { allSessions?: boolean | null }): Promise<void> {
  const user = ctx.viewer.requireUser();
  const where = input.allSessions
    ? { user: user.id, revokedAt: null }
    : { id: ctx.viewer.sessionId!, revokedAt: null };
  await ctx.em.nativeUpdate(Session, where, { revokedAt: new Date() });
}

const registerSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  passwordConfirmation: z.string().nullish(),
  displayName: displayNameSchema,
  phone: phoneSchema,
  communityId: z.string().trim().min(1, 'Choose your community.'),
});

/**
 * Public self-registration of a volunteer; signs them in. Every problem with the input is
 * answered in one response (each field's shape, the repeated password, a taken username, an
 * unknown community), so the form can list them all at once.
 */
export async function registerVolunteer(
  ctx: Context,
  input: z.input<typeof registerSchema>,
): Promise<SignedIn> {
  const parsed = registerSchema.safeParse(input);
  const errors = parsed.success ? [] : userErrorsFromZod(parsed.error);
  const bad = (name: string) => errors.some((error) => error.field?.at(-1) === name);
  if (
    input.passwordConfirmation != null &&
    input.passwordConfirmation !== input.password &&
    !bad('password')
  ) {
    errors.push(
      userError(
        UserErrorCode.PASSWORD_MISMATCH,
        'The two passwords are not the same.',
        inputField('passwordConfirmation'),
      ),
    );
  }
  const username = usernameSchema.safeParse(input.username);
  if (username.success) {
    // Whether a name is taken is said only at the cost of one of the address's sign-ups, as
    // creating an account would: names cannot be probed faster than accounts could be made.
    const wait = await ctx.app.loginLimiter.takeRegistration(ctx.request.ip);
    if (wait > 0) {
      return refused(
        ['token', 'user'],
        userError(
          UserErrorCode.RATE_LIMITED,
          `Too many sign-ups from this network. Try again in ${Math.ceil(wait / 60)} minute(s).`,
        ),
      );
    }
    if (await ctx.em.count(User, { username: username.data })) errors.push(takenUsername());
  }
  const community = bad('communityId') ? null : await findCommunity(ctx, input.communityId.trim());
  if (!bad('communityId') && !community) errors.push(noSuch('community', 'communityId'));
  if (errors.length > 0 || !parsed.success || !community) {
    return refused(['token', 'user'], ...errors);
  }
  const data = parsed.data;
  const created = await insertUser(ctx, {
    username: data.username,
    password: data.password,
    displayName: data.displayName,
    phone: data.phone,
    role: Role.VOLUNTEER,
    community,
    unit: null,
  });
  if (!created.user) return created;
  const token = await startSession(ctx, created.user);
  ctx.viewer = new Viewer(created.user, null);
  return { token, user: created.user, errors: [] };
}

const takenUsername = () =>
  userError(UserErrorCode.TAKEN, 'This username is already taken.', inputField('username'));

const createUserSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  role: z.enum(Role),
  phone: phoneSchema.nullish(),
  communityId: z.string().nullish(),
  unitId: z.string().nullish(),
});

/** An account created by the office (any role) or by community staff (within their community). */
export async function createUser(
  ctx: Context,
  input: z.input<typeof createUserSchema>,
): Promise<Payload<'user', User>> {
  ctx.viewer.requireUser();
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return refused('user', ...userErrorsFromZod(parsed.error));
  const data = parsed.data;

  let community: Community | null = null;
  let unit: Unit | null = null;
  if (data.role === Role.UNIT_LIAISON) {
    const unitId = idOf(data.unitId, 'Unit');
    unit = unitId ? await ctx.em.findOne(Unit, unitId, { populate: ['community'] }) : null;
    if (!unit) {
      return refused(
        'user',
        userError(
          UserErrorCode.REQUIRED,
          'Choose the unit this liaison speaks for.',
          inputField('unitId'),
        ),
      );
    }
    community = unit.community;
  } else if (data.role !== Role.STREET_ADMIN) {
    community = data.communityId ? await findCommunity(ctx, data.communityId) : null;
    if (!community) {
      return refused(
        'user',
        userError(UserErrorCode.REQUIRED, 'Choose the community.', inputField('communityId')),
      );
    }
  }
  authorize(ctx.viewer, 'user.create', { communityId: community?.id ?? null, role: data.role });
  return insertUser(ctx, {
    username: data.username,
    password: data.password,
    displayName: data.displayName,
    phone: data.phone ?? null,
    role: data.role,
    community,
    unit,
  });
}

async function findCommunity(ctx: Context, globalId: string): Promise<Community | null> {
  const id = idOf(globalId, 'Community');
  return id ? ctx.em.findOne(Community, id) : null;
}

async function insertUser(
  ctx: Context,
  data: {
    username: string;
    password: string;
    displayName: string;
    phone: string | null;
    role: Role;
    community: Community | null;
    unit: Unit | null;
  },
): Promise<{ user: User | null; token: null; errors: UserError[] }> {
  const taken = () => refused(['user', 'token'], takenUsername());
  if (await ctx.em.count(User, { username: data.username })) return taken();
  const user = ctx.em.create(User, {
    username: data.username,
    passwordHash: await hashPassword(data.password),
    displayName: data.displayName,
    phone: data.phone,
    role: data.role,
    community: data.community,
    unit: data.unit,
  });
  try {
    await ctx.em.flush();
  } catch (error) {
    // Two registrations of the same name at the same moment: the unique index decides.
    if (error instanceof UniqueConstraintViolationException) {
      ctx.em.clear();
      return taken();
    }
    throw error;
  }
  return { user, token: null, errors: [] };
}

const languageSchema = z.object({
  language: z.enum(LANGUAGES, 'Choose zh-CN or en.'),
});

/** Remembers the signed-in user's interface language, so every device opens in it. */
export async function setMyLanguage(
  ctx: Context,
  input: { language: string },
): Promise<Payload<'viewer', User>> {
  const user = ctx.viewer.requireUser();
  const parsed = languageSchema.safeParse(input);
  if (!parsed.success) return refused('viewer', ...userErrorsFromZod(parsed.error));
  await ctx.em.nativeUpdate(User, { id: user.id }, { language: parsed.data.language });
  user.language = parsed.data.language;
  return { viewer: user, errors: [] };
}
