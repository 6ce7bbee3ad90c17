// Writing notifications; each capability calls `notify` inside its own transaction.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../auth/user.entity.js';
import { Notification } from './notification.entity.js';

export interface NotificationInput {
  userId: number;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  data?: Record<string, unknown> | null;
  /** Names the event, so that the same one never notifies twice. */
  dedupeKey?: string | null;
}

/** Queues notifications in `em`; they are written with the caller's flush. */
export function notify(em: EntityManager, inputs: NotificationInput[]): Notification[] {
  return inputs.map((n) =>
    em.create(Notification, {
      user: em.getReference(User, n.userId),
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? null,
      data: n.data ?? null,
      dedupeKey: n.dedupeKey ?? null,
    }),
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
