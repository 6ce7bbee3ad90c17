// Opens the application database for a process: picks the server, creates the database when
// missing, starts the ORM and applies pending migrations.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { ensureDatabase } from './database.js';
import { createOrm, migrate } from './orm.js';
import { resolveDatabaseServer } from './server.js';

export interface OpenDatabase {
  orm: MikroORM;
  /** Names of the migrations this start applied. */
  applied: string[];
  /** Closes the ORM, then stops the embedded server if this process runs one. */
  close(): Promise<void>;
}

export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  const server = await resolveDatabaseServer({ ...config, logger });
  await ensureDatabase(server.url);
  // Migrations run on their own connection, without the API's statement and lock timeouts.
  let applied: string[] = [];
  if (config.migrateOnStart) {
    const migrator = await createOrm(server.url, logger);
    try {
      applied = await migrate(migrator);
    } finally {
      await migrator.close();
    }
  }
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const orm = await createOrm(server.url, logger, config.db);
  return {
    orm,
    applied,
    close: async () => {
      await orm.close();
      await server.stop();
    },
  };
}
