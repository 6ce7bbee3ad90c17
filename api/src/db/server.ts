// Which PostgreSQL server to use: DATABASE_URL when set, otherwise the project's embedded one.
import path from 'node:path';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres } from './embedded.js';

export interface DatabaseServer {
  /** URL of the application database. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function resolveDatabaseServer(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  logger: Logger;
  database?: string;
}): Promise<DatabaseServer> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(options.dataDir, 'pg'),
    port: options.embeddedPgPort,
    logger: options.logger,
  });
  return {
    url: embedded.databaseUrl(options.database ?? 'gongjian'),
    embedded: true,
    stop: embedded.stop,
  };
}
