// A real API server per test file, on its own database cloned from the migrated template.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApp, type App } from '../../api/src/app.js';
import { loadConfig, type Config } from '../../api/src/config.js';
import { databaseUrl, dropDatabase, ensureDatabase } from '../../api/src/db/database.js';
import { createOrm } from '../../api/src/db/orm.js';
import { createLogger } from '../../api/src/logger.js';
import { listen, type RunningServer } from '../../api/src/server.js';
import { TcpProxy } from './tcp-proxy.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
export type AnyData = Record<string, any>;

export interface GraphQLResponse<T = AnyData> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  app: App;
  orm: MikroORM;
  url: string;
  /** The file's database, straight (not through the proxy). */
  databaseUrl: string;
  /** Posts a GraphQL operation, as `token`'s user when given. */
  gql<T = AnyData>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** Signs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** Counts the SQL statements `work` sends to the database. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  /** Logs of the last request's SQL, for failing assertions. */
  statements: string[];
  /** With `{ proxy: true }`: the TCP proxy between the API and its database (stop = outage). */
  proxy: TcpProxy;
}

export const TEST_PASSWORD = 'Test-password-1';

/**
 * Registers beforeAll/afterAll hooks that create the database and server for this file.
 * The returned object is filled in before the first test runs.
 */
export function useTestApp(
  overrides: (config: Config) => Partial<Config> = () => ({}),
  options: { proxy?: boolean } = {},
): TestApp {
  const test = {} as TestApp;
  let server: RunningServer;
  let dbUrl: string;

  beforeAll(async () => {
    dbUrl = databaseUrl(inject('testServerUrl'), `gj_t_${randomBytes(5).toString('hex')}`);
    await ensureDatabase(dbUrl, inject('testTemplate'));
    const base = loadConfig();
    const config = { ...base, ...overrides(base) };
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    let ormUrl = dbUrl;
    if (options.proxy) {
      const target = new URL(dbUrl);
      test.proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port) });
      target.port = String(test.proxy.port);
      ormUrl = target.toString();
    }
    const orm = await createOrm(ormUrl, undefined, config.db);
    const app = createApp(config, logger, orm);
    server = await listen(app, 0, '127.0.0.1');
    const { port } = server.httpServer.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/graphql`;

    const statements: string[] = [];
    let counting = false;
    orm.em
      .getConnection()
      .getKnex()
      .on('query', (q: { sql: string }) => {
        if (counting) statements.push(q.sql);
      });

    Object.assign(test, {
      app,
      orm,
      url,
      databaseUrl: dbUrl,
      statements,
      async gql<T = AnyData>(
        query: string,
        variables?: Record<string, unknown>,
        token?: string | null,
      ) {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as GraphQLResponse<T>;
        return { ...body, status: response.status };
      },
      async login(username: string, password = TEST_PASSWORD) {
        const res = await test.gql<{ login: { token: string | null; errors: unknown[] } }>(
          'mutation($input: LoginInput!) { login(input: $input) { token errors { code message } } }',
          { input: { username, password } },
        );
        const token = res.data?.login.token;
        if (!token) throw new Error(`login as ${username} failed: ${JSON.stringify(res)}`);
        return token;
      },
      async countStatements(work: () => Promise<unknown>) {
        statements.length = 0;
        counting = true;
        try {
          await work();
        } finally {
          counting = false;
        }
        return statements.length;
      },
    } satisfies Omit<TestApp, 'proxy'>);
  });

  afterAll(async () => {
    await server?.close();
    await server?.httpServer.close();
    await test.orm?.close(true);
    await test.proxy?.stop();
    if (dbUrl) await dropDatabase(dbUrl);
  });

  return test;
}
