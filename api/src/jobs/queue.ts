// The background job queue every capability shares: pg-boss 10 on the application's PostgreSQL.
//
// A capability contributes `JobDefinition`s (jobs.ts lists them all); the queue creates one
// pg-boss queue per definition, runs a worker for it in this process and keeps its cron
// schedule. pg-boss keeps its own tables in the `pgboss` schema, which it creates and migrates
// itself under an advisory lock; they are not part of our migrations.
//
// Several API processes may run the queue against one database at the same time: pg-boss hands
// each job to exactly one worker (`FOR UPDATE SKIP LOCKED`), and on every cron tick one process
// (`trySetCronTime`) turns due schedules into jobs, de-duplicated by a singleton key, so a daily
// job runs once a day however many processes are up. Handlers must still tolerate running twice
// (a retry after a crash mid-job), which the row locks in the services make safe.
import PgBoss from 'pg-boss';
import { DISPLAY_TIME_ZONE } from '../graphql/scalars.js';
import type { Logger } from '../logger.js';

export interface JobCron {
  /** Five-field cron expression, e.g. `5 0 * * *` (00:05 every day). */
  expression: string;
  /** IANA time zone the expression is read in; Asia/Shanghai for everything people see. */
  tz: string;
}

export interface JobDefinition<T extends object = object> {
  /** Queue name, `<capability>.<job>`, e.g. `commitments.lapse`. */
  name: string;
  /** When to run on its own; without it the job runs only when sent. */
  cron?: JobCron;
  /**
   * Retry and expiry settings of its queue (pg-boss defaults: 2 retries without delay, 15
   * minutes to finish). Re-applied on every start, so a changed setting takes effect.
   */
  queue?: Omit<PgBoss.Queue, 'name' | 'policy'>;
  /** Does the work. A throw is logged and pg-boss retries the job up to the queue's limit. */
  handler(data: T): Promise<unknown>;
}

export interface JobQueue {
  /** Queues a job; resolves to its id. Workers in this process are woken at once. */
  send(name: string, data?: object): Promise<string | null>;
  /** Stops fetching, waits for running jobs (up to 30 s), then closes the connections. */
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  connectionString: string;
  logger: Logger;
  handlers: JobDefinition[];
  /** How often an idle worker looks for new jobs (and retries); pg-boss default 2 s. */
  pollingIntervalSeconds?: number;
  /** How long `stop()` waits for running jobs before failing them (they are retried later). */
  stopTimeoutMs?: number;
}

export const JOB_SCHEMA = 'pgboss';

/** Cron in the display time zone: `shanghaiCron('5 0 * * *')`. */
export const shanghaiCron = (expression: string): JobCron => ({
  expression,
  tz: DISPLAY_TIME_ZONE,
});

export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const logger = options.logger.child({ component: 'jobs' });
  let stopping: Promise<void> | undefined;
  const names = new Set<string>();
  for (const definition of options.handlers) {
    if (names.has(definition.name)) throw new Error(`Job "${definition.name}" is defined twice.`);
    names.add(definition.name);
  }

  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: JOB_SCHEMA,
    application_name: 'gongjian-jobs',
  });
  // pg-boss reports connection, polling and maintenance failures as events; without a listener
  // an EventEmitter 'error' would crash the process.
  // Once stopping, a connection cut by the database shutting down right after is expected.
  boss.on('error', (err) =>
    stopping
      ? logger.debug({ err }, 'job queue error while stopping')
      : logger.error({ err }, 'job queue error'),
  );
  await boss.start();

  const workers = new Map<string, string>();
  try {
    for (const definition of options.handlers) {
      const { name } = definition;
      await boss.createQueue(name, { name, ...definition.queue });
      if (definition.queue) await boss.updateQueue(name, { name, ...definition.queue });

      // One job per fetch, so a failure fails only that job, and pg-boss retries it.
      const workerId = await boss.work<object>(
        name,
        {
          batchSize: 1,
          includeMetadata: true,
          ...(options.pollingIntervalSeconds
            ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
            : {}),
        },
        async ([job]) => {
          if (!job) return;
          const started = Date.now();
          const about = { id: job.id, name, retry: job.retryCount, retryLimit: job.retryLimit };
          try {
            const result = await definition.handler(job.data);
            logger.debug({ job: about, ms: Date.now() - started }, 'job done');
            return result;
          } catch (err) {
            logger.error(
              { err, job: about },
              job.retryCount < job.retryLimit
                ? 'job failed; it will be retried'
                : 'job failed and will not be retried',
            );
            throw err;
          }
        },
      );
      workers.set(name, workerId);

      if (definition.cron) {
        await boss.schedule(name, definition.cron.expression, {}, { tz: definition.cron.tz });
      } else {
        // A cron removed from the code must not keep firing from the schedule table.
        await boss.unschedule(name);
      }
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }
  logger.info({ jobs: [...names] }, 'job queue started');

  return {
    async send(name, data = {}) {
      if (!names.has(name)) throw new Error(`Unknown job "${name}".`);
      const id = await boss.send(name, data);
      const workerId = workers.get(name);
      if (workerId) boss.notifyWorker(workerId);
      return id;
    },
    stop() {
      stopping ??= boss
        .stop({ graceful: true, wait: true, timeout: options.stopTimeoutMs ?? 30_000 })
        .then(() => logger.info('job queue stopped'));
      return stopping;
    },
  };
}
