// DataLoaders of the pairing capability, one query per batch each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { childConnectionLoader, entityLoader } from '../../graphql/relay.js';
import { Pairing } from './pairing.entity.js';
import { SocialWorker } from './social-worker.entity.js';
import { SupervisionLog } from './supervision-log.entity.js';

/** Active pairings per social worker, one `GROUP BY` per batch. */
export function activePairingCounts(em: EntityManager): DataLoader<number, number> {
  return new DataLoader<number, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ social_worker_id: number; count: string }[]>(
      `select social_worker_id, count(*) as count from pairing
          where status = 'ACTIVE' and social_worker_id in (${ids.map(() => '?').join(', ')})
          group by social_worker_id`,
      [...ids],
      'all',
      em.getTransactionContext(),
    );
    const byWorker = new Map(rows.map((r) => [Number(r.social_worker_id), Number(r.count)]));
    return ids.map((id) => byWorker.get(id) ?? 0);
  });
}

export function createPairingLoaders(em: EntityManager) {
  return {
    socialWorker: entityLoader(em, SocialWorker),
    pairing: entityLoader(em, Pairing),
    activePairingCount: activePairingCounts(em),
    supervisionOfPairing: childConnectionLoader(em, SupervisionLog, 'pairing', ['date', 'id']),
  };
}
