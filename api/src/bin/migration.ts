// `create`: writes a migration for what the entities changed; `check`: fails when one is missing.
//   npm run db:migration:create [-- --name add-thing]   npm run db:migration:check
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { databaseUrl, dropDatabase, ensureDatabase } from '../db/database.js';
import { createOrm, migrationsPath } from '../db/orm.js';
import { resolveDatabaseServer } from '../db/server.js';

async function writeIndex(): Promise<void> {
  const files = (await fs.readdir(migrationsPath))
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .sort();
  const names = files.map((f) => f.replace(/\.ts$/, ''));
  const source = [
    '// The ordered list of migrations (kept by `npm run db:migration:create`).',
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...names.map((n) => `import { ${n} } from './${n}.js';`),
    '',
    'export const migrationsList: MigrationObject[] = [',
    ...names.map((n) => `  { name: '${n}', class: ${n} },`),
    '];',
    '',
  ].join('\n');
  await fs.writeFile(path.join(migrationsPath, 'index.ts'), source);
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'create' && command !== 'check') {
    throw new Error('usage: migration.ts create|check');
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const server = await resolveDatabaseServer({
    databaseUrl: process.env.TEST_DATABASE_URL ?? config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPgPort: config.embeddedPgPort,
    logger,
  });
  // Compare against a scratch database holding exactly what the migrations build.
  const scratch = databaseUrl(server.url, `gj_migration_${randomBytes(4).toString('hex')}`);
  await ensureDatabase(scratch);
  const orm = await createOrm(scratch);
  let exitCode = 0;
  try {
    const migrator = orm.getMigrator();
    await migrator.up();
    if (command === 'check') {
      if (await migrator.checkMigrationNeeded()) {
        const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
        console.error('Entities and migrations disagree; run `npm run db:migration:create`.\n');
        console.error(diff);
        exitCode = 1;
      } else {
        console.log('Migrations match the entities.');
      }
    } else {
      const nameIndex = process.argv.indexOf('--name');
      // The name becomes part of a class name: keep letters, digits and underscores.
      const name = nameIndex > 0 ? process.argv[nameIndex + 1]?.replace(/\W+/g, '_') : undefined;
      const result = await migrator.createMigration(migrationsPath, false, false, name);
      if (!result.fileName) {
        console.log('No changes: the migrations already match the entities.');
      } else {
        await writeIndex();
        console.log(`Created ${path.join(migrationsPath, result.fileName)}`);
      }
    }
  } finally {
    await orm.close(true);
    await dropDatabase(scratch);
    await server.stop();
  }
  process.exitCode = exitCode;
}

await main();
