// Background jobs of the co-building capability.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { shanghaiDate } from '../../graphql/dates.js';
import { shanghaiCron, type JobDefinition } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentStatus } from './commitment.enums.js';
import { lapseOverdueCommitments } from './lapse-overdue.js';

export const LAPSE_JOB = 'commitments.lapse';

export function commitmentJobs(orm: MikroORM, logger: Logger): JobDefinition[] {
  const log = logger.child({ job: LAPSE_JOB });
  return [
    {
      name: LAPSE_JOB,
      // Five minutes after midnight in Shanghai: yesterday's periods are over.
      cron: shanghaiCron('5 0 * * *'),
      queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
      async handler(): Promise<{ lapsed: number }> {
        // One day for the whole run, even when it crosses midnight.
        const today = shanghaiDate();
        let lapsed = 0;
        // Each call lapses up to 1000 rows in its own transaction and skips rows another
        // process holds; every round that finds some commits them, so the loop ends.
        for (;;) {
          const count = await lapseOverdueCommitments(orm.em.fork() as EntityManager, today);
          if (count === 0) break;
          lapsed += count;
        }
        log.info({ lapsed, today }, 'overdue commitments lapsed');
        // Rows that were busy (a fulfilment being recorded) get another try through pg-boss's
        // retry rather than waiting a day.
        const busy = await orm.em
          .fork()
          .count(Commitment, { status: CommitmentStatus.ACTIVE, periodEnd: { $lt: today } });
        if (busy > 0) {
          throw new Error(`${busy} overdue commitment(s) were locked by other work; retrying.`);
        }
        return { lapsed };
      },
    },
  ];
}
