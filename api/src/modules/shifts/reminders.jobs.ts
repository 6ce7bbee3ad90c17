// Background jobs of volunteer service: reminders before confirmed shifts (in-app notifications),
// and closing the waitlists of ended shifts (waitlists.jobs.ts).
//
// Every five minutes one statement per reminder threshold (24 h and 2 h by default) writes a
// SHIFT_REMINDER notification for each confirmed sign-up of an open shift that starts within
// that threshold. The notification's dedupe key (`reminder-24h:signup:<id>`) is unique, so a
// reminder is never written twice, whether the job runs again, overlaps itself or runs in
// several processes at once (ON CONFLICT DO NOTHING lets the unique index decide). A sign-up or
// shift cancelled before the run gets nothing. When SMTP is configured, each reminder written
// is also e-mailed to volunteers who gave an address (once: only new rows are mailed), worded in
// their language from the notification's data (mail-text.ts).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { shanghaiCron, type JobDefinition } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import { createMailer, type Mailer } from '../notifications/mailer.js';
import { mailText } from '../notifications/mail-text.js';
import { NotificationKind, type NotificationDataOf } from '../notifications/notification.kinds.js';
import { ShiftStatus, SignupStatus } from './shift.enums.js';
import {
  CLOSE_WAITLISTS_JOB,
  closeEndedWaitlists,
  type CloseWaitlistsRun,
} from './waitlists.jobs.js';

export const REMINDERS_JOB = 'shifts.reminders';
export const REMINDER_KIND = NotificationKind.SHIFT_REMINDER;

export const reminderDedupeKey = (hoursBefore: number, signupId: number) =>
  `reminder-${hoursBefore}h:signup:${signupId}`;

/** `toGlobalId(type, id)` in SQL: base64url of `Type:id`, without padding. */
const globalIdSql = (type: string, idColumn: string) =>
  `rtrim(translate(encode(convert_to('${type}:' || ${idColumn}, 'UTF8'), 'base64'), '+/', '-_'), '=')`;

export interface ReminderRun {
  /** Reminders written in this run, by threshold (hours before the start). */
  created: Record<string, number>;
  /** Of those, how many were also e-mailed. */
  emailed: number;
}

/**
 * Writes the reminders due at `now`. A sign-up gets the reminder of the smallest threshold its
 * shift already falls within and every smaller one later, never a larger one after a smaller:
 * a place taken 1 h before the start gets the 2 h reminder only.
 */
export async function writeDueReminders(
  em: EntityManager,
  options: { now?: Date; hoursBefore: readonly number[]; mailer?: Mailer | null; logger?: Logger },
): Promise<ReminderRun> {
  const now = options.now ?? new Date();
  const thresholds = [...new Set(options.hoursBefore)].filter((h) => h > 0).sort((a, b) => b - a);
  const created: Record<string, number> = {};
  let emailed = 0;
  for (const [i, hours] of thresholds.entries()) {
    const smaller = thresholds[i + 1] ?? 0;
    const prefix = `reminder-${hours}h:signup:`;
    const rows = await em.getConnection().execute<
      {
        id: number;
        data: NotificationDataOf[NotificationKind.SHIFT_REMINDER];
        email: string | null;
        language: string | null;
      }[]
    >(
      `insert into notification (user_id, kind, link, data, dedupe_key)
       select v.user_id,
              ?,
              '/shifts/' || ${globalIdSql('Shift', 'sh.id')},
              jsonb_build_object(
                'shiftId', ${globalIdSql('Shift', 'sh.id')},
                'signupId', ${globalIdSql('Signup', 's.id')},
                'activityTitle', a.title,
                'location', a.location,
                'startsAt', to_char(sh.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'hoursBefore', ?::int),
              ? || s.id
         from signup s
         join shift sh on sh.id = s.shift_id
         join activity a on a.id = sh.activity_id
         join volunteer v on v.id = s.volunteer_id
         join app_user u on u.id = v.user_id
        where s.status = ? and sh.status = ? and u.active
          and sh.starts_at > ? and sh.starts_at <= ?
          and not exists (select 1 from notification n where n.dedupe_key = ? || s.id)
       on conflict (dedupe_key) do nothing
       returning id, data,
                 (select email from app_user where id = notification.user_id) as email,
                 (select language from app_user where id = notification.user_id) as language`,
      [
        REMINDER_KIND,
        hours,
        prefix,
        SignupStatus.CONFIRMED,
        ShiftStatus.OPEN,
        new Date(now.getTime() + smaller * 3_600_000),
        new Date(now.getTime() + hours * 3_600_000),
        prefix,
      ],
      'all',
    );
    created[String(hours)] = rows.length;
    for (const row of options.mailer ? rows.filter((r) => r.email) : []) {
      try {
        const { subject, text } = mailText(REMINDER_KIND, row.data, row.language);
        await options.mailer!.send({ to: row.email!, subject, text: `${subject}\n\n${text}` });
        emailed += 1;
      } catch (error) {
        // The in-app reminder is written; a refused e-mail is logged, not retried.
        options.logger?.warn({ err: error, notificationId: row.id }, 'reminder e-mail not sent');
      }
    }
  }
  return { created, emailed };
}

export function shiftJobs(
  orm: MikroORM,
  logger: Logger,
  config: Pick<Config, 'shifts' | 'smtpUrl' | 'mailFrom'>,
): JobDefinition[] {
  const log = logger.child({ job: REMINDERS_JOB });
  const waitlistLog = logger.child({ job: CLOSE_WAITLISTS_JOB });
  const mailer = createMailer(config);
  return [
    {
      name: REMINDERS_JOB,
      cron: shanghaiCron('*/5 * * * *'),
      // A missed run is made up by the next one five minutes later; expire before it starts.
      queue: { retryLimit: 1, retryDelay: 30, expireInSeconds: 240 },
      async handler(): Promise<ReminderRun> {
        const run = await writeDueReminders(orm.em.fork() as EntityManager, {
          hoursBefore: config.shifts.reminderHours,
          mailer,
          logger: log,
        });
        log.info(run, 'shift reminders written');
        return run;
      },
    },
    {
      name: CLOSE_WAITLISTS_JOB,
      cron: shanghaiCron('*/10 * * * *'),
      // Idempotent: a missed run is made up by the next one; expire before it starts.
      queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 540 },
      async handler(): Promise<CloseWaitlistsRun> {
        const run = await closeEndedWaitlists(orm.em.fork() as EntityManager);
        if (run.signups > 0) waitlistLog.info(run, 'waitlists of ended shifts closed');
        return run;
      },
    },
  ];
}
