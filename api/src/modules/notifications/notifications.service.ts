// Writing notifications (each capability calls `notify` inside its own transaction), and the
// reader's side: a user's own notifications, newest first, and marking them read.
import { UniqueConstraintViolationException, type ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import {
  inputField,
  refused,
  userError,
  UserErrorCode,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import type { ConnectionArgs } from '../../graphql/connections.js';
import { paginate } from '../../graphql/paging.js';
import { User } from '../auth/user.entity.js';
import { Notification } from './notification.entity.js';
import type { KindAndData } from './notification.kinds.js';

/** One notification to write: a kind with its data (no text: the reader's language words it). */
export type NotificationInput = KindAndData & {
  userId: number;
  /** Path in the web app to open, e.g. /shifts/<id>. */
  link?: string | null;
  /** Names the event, so that the same one never notifies twice. */
  dedupeKey?: string | null;
};

/** Queues notifications in `em`; they are written with the caller's flush. */
export function notify(em: EntityManager, inputs: NotificationInput[]): Notification[] {
  return inputs.map((n) =>
    em.create(Notification, {
      user: em.getReference(User, n.userId),
      kind: n.kind,
      data: n.data,
      link: n.link ?? null,
      dedupeKey: n.dedupeKey ?? null,
    }),
  );
}

/** A notification for whoever a recipients scope names: a kind with its data, and the link. */
export type Message = KindAndData & { link?: string | null };

/**
 * Queues `message` for every user `who` matches (a recipients scope from the policy files) but
 * the actor — nobody is told of what they did themselves — found with one query; written with
 * the caller's flush, so in the caller's transaction.
 */
export async function notifyWho(
  em: EntityManager,
  who: ObjectQuery<User>,
  actor: { id: number } | null,
  message: Message,
): Promise<Notification[]> {
  const rows: { id: number }[] = await em
    .createQueryBuilder(User, 'u')
    .select('u.id')
    .where(actor ? { $and: [who, { id: { $ne: actor.id } }] } : who)
    .orderBy({ id: 'asc' })
    .execute('all');
  return notify(
    em,
    rows.map((row) => ({ ...message, userId: Number(row.id) })),
  );
}

/** Writes one notification on its own, ignoring it when its dedupe key was used already. */
export async function notifyOnce(em: EntityManager, input: NotificationInput): Promise<boolean> {
  const fork = em.fork();
  notify(fork as EntityManager, [input]);
  try {
    await fork.flush();
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}

// ---------------------------------------------------------------- the reader's side

/** The viewer's own notifications, newest first (keyset on id, descending). */
export function listMyNotifications(
  ctx: Context,
  args: ConnectionArgs & { unreadOnly?: boolean | null },
) {
  const user = ctx.viewer.requireUser();
  return paginate(ctx.em, Notification, {
    where: { user: user.id, ...(args.unreadOnly ? { readAt: null } : {}) },
    keys: ['id'],
    direction: 'desc',
    args,
  });
}

export function unreadCount(em: EntityManager, userId: number): Promise<number> {
  return em.count(Notification, { user: userId, readAt: null });
}

/** Notifications a user may fetch by id: only their own. */
export function findMyNotification(ctx: Context, id: number): Promise<Notification | null> {
  const user = ctx.viewer.user;
  return user ? ctx.em.findOne(Notification, { id, user: user.id }) : Promise.resolve(null);
}

/** At most this many ids in one call; `all` covers more. */
export const MARK_READ_MAX_IDS = 500;

export interface MarkReadResult {
  count: number;
  unreadCount: number;
  errors: UserError[];
}

/** What a refused `markNotificationsRead` reports beside its errors. */
const NOTHING_MARKED = { count: 0, unreadCount: 0 };

/**
 * Marks the viewer's notifications read: the given ids, or all of them. Ids that are not the
 * viewer's (or not notifications at all) are ignored, so nobody learns which ids exist.
 */
export async function markNotificationsRead(
  ctx: Context,
  input: { ids?: string[] | null; all?: boolean | null },
): Promise<MarkReadResult> {
  const user = ctx.viewer.requireUser();
  if (!input.all && !input.ids) {
    return refused(
      NOTHING_MARKED,
      userError(UserErrorCode.REQUIRED, 'Give the ids to mark read, or all: true.'),
    );
  }
  if (!input.all && input.ids!.length > MARK_READ_MAX_IDS) {
    return refused(
      NOTHING_MARKED,
      userError(
        UserErrorCode.OUT_OF_RANGE,
        `At most ${MARK_READ_MAX_IDS} ids at once; use all: true for more.`,
        inputField('ids'),
      ),
    );
  }
  const ids = input.all
    ? null
    : [...new Set(input.ids!.map((id) => idOf(id, 'Notification')))].filter(
        (id): id is number => id !== null,
      );
  const count =
    ids?.length === 0
      ? 0
      : await ctx.em.nativeUpdate(
          Notification,
          { user: user.id, readAt: null, ...(ids ? { id: { $in: ids } } : {}) },
          { readAt: new Date() },
        );
  return { count, unreadCount: await unreadCount(ctx.em, user.id), errors: [] };
}
