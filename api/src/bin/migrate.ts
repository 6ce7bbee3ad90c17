// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { ensureDatabase } from '../db/database.js';
import { createOrm, migrate } from '../db/orm.js';
import { resolveDatabaseServer } from '../db/server.js';
import { createLogger } from '../logger.js';

const config = loadConfig();
const logger = createLogger('info');
const server = await resolveDatabaseServer({ ...config, logger });
await ensureDatabase(server.url);
const orm = await createOrm(server.url, logger);
try {
  const applied = await migrate(orm);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
} finally {
  await orm.close();
  await server.stop();
}
