// The audit trail of commitments (commitment_event): every transition and edit, appended.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { User } from '../auth/user.entity.js';
import { CommitmentEvent } from './commitment-event.entity.js';
import type { Commitment } from './commitment.entity.js';
import type { CommitmentAction, CommitmentStatus } from './commitment.enums.js';

/** Appends to the audit trail. */
export function recordEvent(
  em: EntityManager,
  commitment: Commitment,
  action: CommitmentAction,
  actor: User | null,
  fromStatus: CommitmentStatus | null,
  note = '',
): CommitmentEvent {
  return em.create(CommitmentEvent, {
    commitment,
    action,
    actor,
    fromStatus,
    toStatus: commitment.status,
    note,
  });
}
