// How a write to an existing pairing runs: rights checked on an unlocked read, then the row
// locked in the write's transaction, and an ended pairing takes no more changes.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserError } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { Pairing } from './pairing.entity.js';
import { PairingStatus } from './pairing.enums.js';

/** The pairing an input names (a global ID), unlocked, or null when it names none. */
export async function pairingNamed(em: EntityManager, globalId: string): Promise<Pairing | null> {
  const id = idOf(globalId, 'Pairing');
  return id ? em.findOne(Pairing, id) : null;
}

/**
 * The pairing, locked (`SELECT … FOR UPDATE`) in `em`'s transaction, while it is active; once
 * ended, the error `whenEnded`. A second writer waits for the first one's commit, then sees
 * the status it left.
 */
export async function lockActivePairing(
  em: EntityManager,
  id: number,
  whenEnded: UserError,
): Promise<Pairing | UserError> {
  const pairing = await em.findOneOrFail(Pairing, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  return pairing.status === PairingStatus.ACTIVE ? pairing : whenEnded;
}
