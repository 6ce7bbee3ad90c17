// `npm run seed`: loads the Qingshan demo into DATABASE_URL (or the embedded database) if empty.
import 'reflect-metadata';
import { loadConfig } from '../api/src/config.js';
import { openDatabase } from '../api/src/db/open.js';
import { createLogger } from '../api/src/logger.js';
import { seedDemoIfEmpty } from './seed.js';

const logger = createLogger('info');
const database = await openDatabase({ ...loadConfig(), migrateOnStart: true }, logger);
try {
  const counts = await seedDemoIfEmpty(database.orm, logger);
  console.log(
    counts ? `Seeded: ${JSON.stringify(counts)}` : 'Database already has data; nothing seeded.',
  );
} finally {
  await database.close();
}
