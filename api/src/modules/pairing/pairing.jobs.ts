// Background jobs of the pairing capability: the supervision alert (14 days by default).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { daysBetween, shanghaiDate } from '../../graphql/dates.js';
import { shanghaiCron, type JobDefinition } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import { toGlobalId } from '../../graphql/ids.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notifyOnce } from '../notifications/notifications.service.js';
import { User } from '../auth/user.entity.js';
import { pairingManagersToTell } from './pairing.policy.js';
import { overdueCutoff } from './supervision.js';

export const SUPERVISION_ALERTS_JOB = 'pairing.supervision-alerts';

/**
 * Notifies each overdue pairing's social worker and its community's staff, once per pairing and
 * period without contact: the dedupe key names the pairing, the day of the last contact and the
 * recipient, so a new supervision log starts a new period (and a new alert `overdueDays` later).
 * Overdue is `isSupervisionOverdue` (supervision.ts), as a query: last contact ≤ the cutoff.
 */
export async function sendSupervisionAlerts(
  em: EntityManager,
  overdueDays: number,
  today: string = shanghaiDate(),
): Promise<{ overdue: number; notified: number }> {
  const cutoff = overdueCutoff(today, overdueDays);
  const rows = await em.getConnection().execute<
    {
      id: number;
      last_contact_date: string | Date;
      community_id: number;
      worker_user_id: number;
      volunteer_name: string;
      worker_name: string;
    }[]
  >(
    `select p.id, to_char(p.last_contact_date, 'YYYY-MM-DD') as last_contact_date, p.community_id,
            sw.user_id as worker_user_id, v.real_name as volunteer_name, u.display_name as worker_name
       from pairing p
       join social_worker sw on sw.id = p.social_worker_id
       join app_user u on u.id = sw.user_id
       join volunteer v on v.id = p.volunteer_id
      where p.status = 'ACTIVE' and p.last_contact_date <= ?
      order by p.id`,
    [cutoff],
  );
  if (rows.length === 0) return { overdue: 0, notified: 0 };
  const communityIds = [...new Set(rows.map((r) => Number(r.community_id)))];
  // The communities' staff, by the policy's scope, in one query.
  const staff: { id: number; community_id: number }[] = await em
    .createQueryBuilder(User, 'u')
    .select(['u.id', 'u.community_id'])
    .where(pairingManagersToTell(communityIds))
    .orderBy({ id: 'asc' })
    .execute('all', false);
  let notified = 0;
  for (const row of rows) {
    const last = String(row.last_contact_date);
    const days = daysBetween(last, today);
    const recipients = [
      Number(row.worker_user_id),
      ...staff.filter((s) => Number(s.community_id) === Number(row.community_id)).map((s) => s.id),
    ];
    for (const userId of new Set(recipients)) {
      const sent = await notifyOnce(em, {
        userId,
        kind: NotificationKind.SUPERVISION_OVERDUE,
        // The social worker and the community's staff read the pairing's names.
        data: {
          pairingId: toGlobalId('Pairing', Number(row.id)),
          volunteerName: row.volunteer_name,
          socialWorkerName: row.worker_name,
          lastContactDate: last,
          daysSinceContact: days,
        },
        dedupeKey: `supervision-overdue:pairing:${row.id}:${last}:user:${userId}`,
      });
      if (sent) notified++;
    }
  }
  return { overdue: rows.length, notified };
}

export function pairingJobs(
  orm: MikroORM,
  logger: Logger,
  config: Pick<Config, 'pairing'>,
): JobDefinition[] {
  const log = logger.child({ job: SUPERVISION_ALERTS_JOB });
  return [
    {
      name: SUPERVISION_ALERTS_JOB,
      // 08:30 in Shanghai, at the start of the working day.
      cron: shanghaiCron('30 8 * * *'),
      queue: { retryLimit: 3, retryDelay: 300, retryBackoff: true },
      async handler() {
        const result = await sendSupervisionAlerts(
          orm.em.fork() as EntityManager,
          config.pairing.supervisionOverdueDays,
        );
        log.info(result, 'supervision alerts sent');
        return result;
      },
    },
  ];
}
