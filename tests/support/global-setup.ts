// Once per test run: find a PostgreSQL server (TEST_DATABASE_URL, DATABASE_URL, or a throw-away
// embedded one) and build a migrated template database that every test file clones.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { databaseUrl, dropDatabase, ensureDatabase } from '../../api/src/db/database.js';
import { createOrm, migrate, migrationsPath } from '../../api/src/db/orm.js';
import { repoRoot } from '../../api/src/config.js';
import { freePort } from './api-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Any database URL on the test server; test files derive their own database from it. */
    testServerUrl: string;
    /** Name of the migrated template database. */
    testTemplate: string;
  }
}

async function migrationsFingerprint(): Promise<string> {
  const files = (await fs.readdir(migrationsPath)).sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash.update(file).update(await fs.readFile(path.join(migrationsPath, file)));
  return hash.digest('hex').slice(0, 12);
}

/**
 * Starts the throw-away PostgreSQL in a child process (tests/support/embedded-server.ts says
 * why not in this one) and resolves with its URL and a function that stops it.
 */
async function startEmbeddedServer(
  dataDir: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? (await freePort()));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'tests/support/embedded-server.ts'),
      dataDir,
      String(port),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    void exited.then((code) =>
      reject(
        new Error(`the embedded PostgreSQL for the tests exited with ${code} before starting`),
      ),
    );
  });
  return {
    url,
    async stop() {
      child.disconnect();
      const code = await exited;
      if (code !== 0) throw new Error(`the embedded PostgreSQL for the tests stopped with ${code}`);
    },
  };
}

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tempDir: string | undefined;
  if (!serverUrl) {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gongjian-test-pg-'));
    await fs.chmod(tempDir, 0o755);
    const embedded = await startEmbeddedServer(path.join(tempDir, 'pg'));
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }

  // One template per run (several runs may share a server), named after the migrations too.
  const template = `gj_test_template_${await migrationsFingerprint()}_${process.pid}`;
  const templateUrl = databaseUrl(serverUrl, template);
  await dropDatabase(templateUrl);
  await ensureDatabase(templateUrl);
  const orm = await createOrm(templateUrl);
  await migrate(orm);
  await orm.close(true);

  project.provide('testServerUrl', serverUrl);
  project.provide('testTemplate', template);

  return async () => {
    await dropDatabase(templateUrl).catch(() => {});
    await stopEmbedded?.();
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
  };
}
