// How every write to an existing commitment runs: in a transaction, on the commitment's row
// lock, against the version the user saw.
import { LockMode, OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { Commitment } from './commitment.entity.js';

const conflict = () =>
  userError(
    UserErrorCode.CONFLICT,
    'Someone else changed this commitment after you opened it. Reload to see their change, then apply yours again.',
    inputField('version'),
  );

/**
 * The commitment, locked and freshly read, once `check` (an authorize call) has passed on an
 * unlocked read: rights come first, so an outsider neither waits on the lock nor learns the
 * record's version. A stale `version` is a CONFLICT. Every write to a commitment goes through
 * here, so concurrent writes are serialised.
 */
export async function lockCommitment(
  em: EntityManager,
  globalId: string,
  version: number | null | undefined,
  check: (commitment: Commitment) => void,
): Promise<Commitment | UserError> {
  const id = idOf(globalId, 'Commitment');
  const found = id ? await em.findOne(Commitment, id) : null;
  if (!found) return noSuch('commitment', 'id');
  check(found);
  const commitment = await em.findOneOrFail(Commitment, found.id, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  if (version != null && version !== commitment.version) return conflict();
  return commitment;
}

/** Runs `work` in a transaction; a lost optimistic race becomes a CONFLICT error. */
export async function inTransaction(
  ctx: Context,
  work: (em: EntityManager) => Promise<Payload<'commitment', Commitment>>,
): Promise<Payload<'commitment', Commitment>> {
  try {
    return await ctx.em.transactional((em) => work(em as EntityManager));
  } catch (error) {
    if (error instanceof OptimisticLockError) return refused('commitment', conflict());
    throw error;
  }
}
