// A social worker's caseload: how many pairings they hold now, and how many more they may take.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SocialWorker } from './social-worker.entity.js';

/** Active pairings per social worker (absent: none), in one `GROUP BY`. */
export async function countActivePairings(
  em: EntityManager,
  workerIds: readonly number[],
): Promise<Map<number, number>> {
  if (workerIds.length === 0) return new Map();
  const rows = await em.getConnection().execute<{ social_worker_id: number; count: string }[]>(
    `select social_worker_id, count(*) as count from pairing
        where status = 'ACTIVE' and social_worker_id in (${workerIds.map(() => '?').join(', ')})
        group by social_worker_id`,
    [...workerIds],
    'all',
    em.getTransactionContext(),
  );
  return new Map(rows.map((r) => [Number(r.social_worker_id), Number(r.count)]));
}

/** caseloadCap − active pairings, never below 0. */
export const freePlaces = (worker: Pick<SocialWorker, 'caseloadCap'>, activePairings: number) =>
  Math.max(0, worker.caseloadCap - activePairings);
