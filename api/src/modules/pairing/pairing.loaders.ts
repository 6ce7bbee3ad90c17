// DataLoaders of the pairing capability, one query per batch each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rowLoader } from '../../graphql/read-rows.js';
import { filteredChildLoader } from '../../graphql/child-loaders.js';
import { countActivePairings } from './caseload.js';
import { Pairing } from './pairing.entity.js';
import { SocialWorker } from './social-worker.entity.js';
import { SupervisionLog } from './supervision-log.entity.js';

/** Active pairings per social worker, one `GROUP BY` per batch. */
export function activePairingCounts(em: EntityManager): DataLoader<number, number> {
  return new DataLoader<number, number>(async (ids) => {
    const byWorker = await countActivePairings(em, ids);
    return ids.map((id) => byWorker.get(id) ?? 0);
  });
}

/** Minutes of supervision logged per pairing (logs without a duration count 0), one `GROUP BY`. */
export function supervisionMinutes(em: EntityManager): DataLoader<number, number> {
  return new DataLoader<number, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ pairing_id: number; minutes: string }[]>(
      `select pairing_id, coalesce(sum(duration_minutes), 0) as minutes from supervision_log
          where pairing_id in (${ids.map(() => '?').join(', ')})
          group by pairing_id`,
      [...ids],
      'all',
      em.getTransactionContext(),
    );
    const byPairing = new Map(rows.map((r) => [Number(r.pairing_id), Number(r.minutes)]));
    return ids.map((id) => byPairing.get(id) ?? 0);
  });
}

export function createPairingLoaders(em: EntityManager) {
  return {
    socialWorker: rowLoader(em, SocialWorker),
    pairing: rowLoader(em, Pairing),
    activePairingCount: activePairingCounts(em),
    supervisionMinutes: supervisionMinutes(em),
    /** Newest first. */
    supervisionOfPairing: filteredChildLoader(em, SupervisionLog, {
      parent: 'pairing',
      keys: ['date', 'id'],
      direction: 'desc',
    }),
    /** Active before ended, then most overdue (oldest last contact) first. */
    pairingsOfWorker: filteredChildLoader(em, Pairing, {
      parent: 'socialWorker',
      keys: ['status', 'lastContactDate', 'id'],
      filterBy: 'status',
    }),
  };
}
