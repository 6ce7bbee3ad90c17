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

export function createPairingLoaders(em: EntityManager) {
  return {
    socialWorker: rowLoader(em, SocialWorker),
    pairing: rowLoader(em, Pairing),
    activePairingCount: activePairingCounts(em),
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
