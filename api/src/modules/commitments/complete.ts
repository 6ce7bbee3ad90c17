// The system's step to COMPLETED: a commitment whose verified total reached its target.
import type { EntityManager } from '@mikro-orm/postgresql';
import { atLeast } from './amounts.js';
import type { Commitment } from './commitment.entity.js';
import { CommitmentAction } from './commitment.enums.js';
import { recordEvent } from './events.js';
import { nextStatus } from './lifecycle.js';

/**
 * Completes a commitment whose verified total reached its target (after a verification or a
 * lower target). Completion is the system's step, so its event has no actor; the verification
 * or approval that caused it is the event just before.
 */
export async function completeIfReached(em: EntityManager, commitment: Commitment): Promise<void> {
  if (!atLeast(commitment.verifiedAmount, commitment.targetAmount)) return;
  const to = nextStatus(commitment.status, CommitmentAction.COMPLETE);
  if (!to) return;
  const from = commitment.status;
  commitment.status = to;
  recordEvent(
    em,
    commitment,
    CommitmentAction.COMPLETE,
    null,
    from,
    `verified ${commitment.verifiedAmount} of ${commitment.targetAmount}`,
  );
}
