// MikroORM on PostgreSQL: configuration, start-up and migrations.
import path from 'node:path';
import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { repoRoot } from '../config.js';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

export const migrationsPath = path.join(repoRoot, 'api/src/db/migrations');

export function ormOptions(clientUrl: string, extra: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    // Dates are stored as timestamptz; the session zone keeps now() and casts unambiguous.
    forceUtcTimezone: true,
    timezone: '+00:00',
    allowGlobalContext: false,
    pool: { min: 0, max: 10, idleTimeoutMillis: 10_000 },
    migrations: {
      path: migrationsPath,
      pathTs: migrationsPath,
      migrationsList,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
    ...extra,
  });
}

export type Orm = MikroORM;

/** What a request may cost the database in waiting (the API's; migrations and seeds have none). */
export interface DatabaseLimits {
  poolSize: number;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
  acquireTimeoutMs: number;
}

export async function createOrm(
  clientUrl: string,
  logger?: Logger,
  limits?: DatabaseLimits,
): Promise<MikroORM> {
  return MikroORM.init(
    ormOptions(clientUrl, {
      debug: false,
      logger: (message: string) => logger?.debug({ orm: message }),
      ...(limits && {
        pool: { min: 0, max: limits.poolSize, idleTimeoutMillis: 10_000 },
        driverOptions: {
          // Session settings node-postgres sends when it connects.
          connection: {
            lock_timeout: limits.lockTimeoutMs,
            statement_timeout: limits.statementTimeoutMs,
          },
          acquireConnectionTimeout: limits.acquireTimeoutMs,
        },
      }),
    }),
  );
}

/** The advisory lock every migrating process holds: one migrates, the others wait, then find
 * nothing left to apply. The key is 'gjmg' in ASCII. */
export const MIGRATION_LOCK_KEY = 0x67_6a_6d_67;

/**
 * Applies pending migrations. Processes started together (replicas, `npm start` beside a worker)
 * take turns under a session-level advisory lock held on a connection of its own, so none sees a
 * half-migrated schema or races another to CREATE the same table.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const lock = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    // Ending the session releases the lock even when unlocking fails.
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
