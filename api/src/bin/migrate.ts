// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { createLogger } from '../logger.js';

const database = await openDatabase(
  { ...loadConfig(), migrateOnStart: true },
  createLogger('info'),
);
console.log(
  database.applied.length ? `Applied: ${database.applied.join(', ')}` : 'No pending migrations.',
);
await database.close();
