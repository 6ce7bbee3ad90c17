// `npm run seed`: loads the Qingshan demo into DATABASE_URL (or the embedded database) if empty.
import 'reflect-metadata';
import { loadConfig } from '../api/src/config.js';
import { ensureDatabase } from '../api/src/db/database.js';
import { createOrm, migrate } from '../api/src/db/orm.js';
import { resolveDatabaseServer } from '../api/src/db/server.js';
import { createLogger } from '../api/src/logger.js';
import { seedDemoIfEmpty } from './seed.js';

const config = loadConfig();
const logger = createLogger('info');
const server = await resolveDatabaseServer({ ...config, logger });
await ensureDatabase(server.url);
const orm = await createOrm(server.url, logger);
try {
  await migrate(orm);
  const counts = await seedDemoIfEmpty(orm, logger);
  console.log(
    counts ? `Seeded: ${JSON.stringify(counts)}` : 'Database already has data; nothing seeded.',
  );
} finally {
  await orm.close();
  await server.stop();
}
