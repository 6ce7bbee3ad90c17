// The API process alone, for containers and process managers: needs DATABASE_URL. It serves
// the database as it finds it (after migrations); the demo is loaded by `npm run seed`.
import 'reflect-metadata';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/open.js';
import { createLogger } from './logger.js';
import { listen } from './server.js';
import { startAppJobs } from './jobs/jobs.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
if (!config.databaseUrl) {
  logger.fatal('DATABASE_URL is not set; use `npm start` for the embedded database.');
  process.exit(1);
}
const database = await openDatabase(config, logger);
const app = createApp(config, logger, database.orm);
const server = await listen(app, config.port, config.host);
logger.info({ url: `http://${config.host}:${config.port}/graphql` }, 'API ready');
const jobs = config.jobsEnabled ? await startAppJobs(app) : null;

let stopping = false;
async function shutdown(signal: string) {
  // Ctrl-C reaches both tsx and this process, and tsx relays it: act on the first only.
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await jobs?.stop();
  await server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
