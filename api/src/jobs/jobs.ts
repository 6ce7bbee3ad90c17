// Every capability's background jobs, and the queue that runs them for an API process.
import type { App } from '../app.js';
import { commitmentJobs } from '../modules/commitments/commitments.jobs.js';
import { evidenceJobs } from '../modules/commitments/evidence.jobs.js';
import { shiftJobs } from '../modules/shifts/reminders.jobs.js';
import { pairingJobs } from '../modules/pairing/pairing.jobs.js';
import { startJobQueue, type JobDefinition, type JobQueue } from './queue.js';

/** Add a capability's jobs here. */
export function jobDefinitions(app: Pick<App, 'orm' | 'logger' | 'config'>): JobDefinition[] {
  return [
    ...commitmentJobs(app.orm, app.logger),
    ...evidenceJobs(app.orm, app.logger, app.config),
    ...shiftJobs(app.orm, app.logger, app.config),
    ...pairingJobs(app.orm, app.logger, app.config),
  ];
}

/** Starts the queue on the ORM's database (`main.ts` and `bin/platform.ts`, after listening). */
export function startAppJobs(app: Pick<App, 'orm' | 'logger' | 'config'>): Promise<JobQueue> {
  const connectionString = app.orm.config.get('clientUrl');
  if (!connectionString) throw new Error('The ORM has no clientUrl for the job queue.');
  return startJobQueue({ connectionString, logger: app.logger, handlers: jobDefinitions(app) });
}
