// The system's step to LAPSED: active commitments whose period is over (run by the nightly job).
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { shanghaiDate } from '../../graphql/dates.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentStatus } from './commitment.enums.js';
import { recordEvent } from './events.js';

/**
 * Lapses every active commitment whose period ended before today (Asia/Shanghai). Rows another
 * process is already changing are skipped and picked up on the next run.
 */
export async function lapseOverdueCommitments(
  em: EntityManager,
  today = shanghaiDate(),
): Promise<number> {
  return em.transactional(async (tx) => {
    const overdue = await tx.find(
      Commitment,
      { status: CommitmentStatus.ACTIVE, periodEnd: { $lt: today } },
      { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, orderBy: { id: 'asc' }, limit: 1000 },
    );
    for (const commitment of overdue) {
      commitment.status = CommitmentStatus.LAPSED;
      recordEvent(
        tx as EntityManager,
        commitment,
        CommitmentAction.LAPSE,
        null,
        CommitmentStatus.ACTIVE,
        `period ended ${commitment.periodEnd}; verified ${commitment.verifiedAmount} of ${commitment.targetAmount}`,
      );
    }
    return overdue.length;
  });
}
