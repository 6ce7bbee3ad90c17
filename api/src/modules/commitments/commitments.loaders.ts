// DataLoaders of the co-building capability, one query per batch each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findRows, rowLoader, type ReadRow } from '../../graphql/read-rows.js';
import { childConnectionLoader } from '../../graphql/child-loaders.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { fromHundredths } from './amounts.js';
import { CommitmentCategory } from './category.entity.js';
import { CommitmentEvent } from './commitment-event.entity.js';
import { Commitment } from './commitment.entity.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { Need } from './need.entity.js';

function groupBy<T>(rows: T[], key: (row: T) => number, ids: readonly number[]): T[][] {
  const groups = new Map<number, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return ids.map((id) => groups.get(id) ?? []);
}

export function createCommitmentLoaders(em: EntityManager) {
  return {
    category: rowLoader(em, CommitmentCategory),
    need: rowLoader(em, Need),
    commitment: rowLoader(em, Commitment),
    fulfilment: rowLoader(em, Fulfilment),
    evidenceFile: rowLoader(em, EvidenceFile),
    fulfilmentsOfCommitment: childConnectionLoader(em, Fulfilment, 'commitment', ['date', 'id']),
    historyOfCommitment: new DataLoader<number, ReadRow<CommitmentEvent>[]>(async (ids) => {
      const events = await findRows(
        em,
        CommitmentEvent,
        { commitment: { $in: [...ids] } },
        { id: 'asc' },
      );
      return groupBy(events, (e) => e.commitment.id, ids);
    }),
    evidenceOfFulfilment: new DataLoader<number, ReadRow<EvidenceFile>[]>(async (ids) => {
      const files = await findRows(
        em,
        EvidenceFile,
        { fulfilment: { $in: [...ids] } },
        { id: 'asc' },
      );
      return groupBy(files, (f) => f.fulfilment!.id, ids);
    }),
    /**
     * Targets pledged by, and amounts verified for, the commitments answering each need in the
     * current calendar year (Asia/Shanghai): a needs list is the year's, so a commitment counts
     * when its period overlaps the year, never last year's or next year's pledges.
     */
    needTotals: new DataLoader<number, { pledged: string; delivered: string }>(async (ids) => {
      const year = shanghaiDate().slice(0, 4);
      const rows = await em
        .getConnection()
        .execute<{ need_id: number; pledged: string; delivered: string }[]>(
          `select need_id, sum(target_amount) as pledged, sum(verified_amount) as delivered
           from commitment
          where need_id in (${ids.map(() => '?').join(', ')})
            and status in ('SUBMITTED', 'ACTIVE', 'COMPLETED', 'LAPSED')
            and period_start <= ?::date and period_end >= ?::date
          group by need_id`,
          [...ids, `${year}-12-31`, `${year}-01-01`],
          'all',
          em.getTransactionContext(),
        );
      const byNeed = new Map(rows.map((r) => [Number(r.need_id), r]));
      return ids.map((id) => ({
        pledged: fromHundredths(Math.round(Number(byNeed.get(id)?.pledged ?? 0) * 100)),
        delivered: fromHundredths(Math.round(Number(byNeed.get(id)?.delivered ?? 0) * 100)),
      }));
    }),
  };
}
