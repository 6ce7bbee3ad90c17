// The HTTP server: Express 5 with the GraphQL endpoint, the health check and a body limit.
import http from 'node:http';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express from 'express';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { pinoHttp } from 'pino-http';
import type { App } from './app.js';
import { createContext, type Context } from './context.js';
import { databaseTrouble, RETRY_AFTER_SECONDS, TROUBLE_MESSAGES } from './db/trouble.js';
import { createErrorFormatter } from './graphql/errors.js';
import { errorHandler, redactSecrets, sendError } from './http/responses.js';
import { parseOptions, queryLimits } from './graphql/limits.js';
import { MAX_NESTING, nestingDepth, storableTextPlugin } from './graphql/raw-input.js';
import { buildGraphQLSchema } from './schema.js';
import { evidenceRouter } from './modules/commitments/evidence.routes.js';
import { reportRouter } from './modules/commitments/report.routes.js';
import { staffingReportRouter } from './modules/directory/staffing.routes.js';
import { volunteerRouter } from './modules/shifts/volunteer.routes.js';

export interface RunningServer {
  httpServer: http.Server;
  close(): Promise<void>;
}

export async function createServer(app: App): Promise<{
  express: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  operations: InFlight;
  health: pg.Pool;
}> {
  const { config, logger, orm } = app;
  const operations = inFlight();
  const schema = await buildGraphQLSchema();
  const limits = queryLimits(schema, {
    maxDepth: config.graphql.maxDepth,
    maxCost: config.graphql.maxCost,
    maxAliases: config.graphql.maxAliases,
    maxTokens: config.graphql.maxTokens,
    blockFieldSuggestions: config.isProduction,
  });
  const server = express();
  const httpServer = http.createServer(server);
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: parseOptions(config.graphql),
    plugins: [
      ...(limits.plugins as ApolloServerPlugin<Context>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No field has a cache hint, so Apollo's cache-control plugin always concluded `no-store`,
      // but it did so by wrapping every field resolver of every request. Same header, no wrapping.
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin,
      databaseTroublePlugin,
      storableTextPlugin as ApolloServerPlugin<Context>,
    ],
    formatError: createErrorFormatter(logger),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default indents every answer, which costs time and bytes.
    stringifyResult: (value) => JSON.stringify(value),
    allowBatchedHttpRequests: false,
    // The web sends whole documents; no cache of client-chosen hashes to fill or mismatch.
    persistedQueries: false,
    csrfPrevention: true,
    // The process entry points own signal handling and stop Apollo, the ORM and the database in order.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  server.disable('x-powered-by');
  server.set('trust proxy', config.trustProxy);
  server.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      // The calendar feed's token is its only key: never write it to the logs.
      serializers: {
        req: (req: { url?: string }) => ({ ...req, url: req.url && redactSecrets(req.url) }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );

  // The health check has a connection of its own: a pool exhausted by requests waiting on a lock
  // must not make the process look dead, and a stopped database must be reported in seconds.
  const health = new pg.Pool({
    connectionString: orm.config.getClientUrl(),
    max: 1,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 2000,
    statement_timeout: 2000,
    query_timeout: 2500,
  });
  health.on('error', (error) => logger.warn({ err: error }, 'health check connection lost'));
  server.get('/healthz', async (_req, res) => {
    try {
      await health.query('select 1');
      res.json({ status: 'ok' });
    } catch (error) {
      logger.error({ err: error }, 'health check failed: database unreachable');
      res.status(503).json({ status: 'unavailable', reason: 'database' });
    }
  });

  server.use('/files', evidenceRouter(app));
  server.use('/reports', reportRouter(app), staffingReportRouter(app));
  server.use('/volunteer', volunteerRouter(app));

  const graphql = expressMiddleware(apollo, {
    context: async ({ req }) => {
      try {
        return await createContext(app, {
          ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          userAgent: req.get('user-agent') ?? null,
          authorization: req.get('authorization'),
        });
      } catch (error) {
        // Finding the viewer is the first query: a database that cannot answer it is a 503.
        const trouble = databaseTrouble(error);
        if (!trouble) throw error;
        throw new GraphQLError(TROUBLE_MESSAGES[trouble], {
          extensions: {
            code: trouble,
            http: {
              status: 503,
              headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]),
            },
          },
        });
      }
    },
  });
  server.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    (req, res, next) => {
      const query = (req.body as { query?: unknown } | undefined)?.query;
      if (typeof query === 'string' && nestingDepth(query) > MAX_NESTING) {
        sendError(
          res,
          400,
          'GRAPHQL_PARSE_FAILED',
          `Syntax Error: brackets nested deeper than ${MAX_NESTING} levels.`,
        );
        return;
      }
      next();
    },
    (req, res, next) => operations.track(async () => graphql(req, res, next)),
  );

  server.use((_req, res) => sendError(res, 404, 'NOT_FOUND', 'There is nothing at this address.'));
  server.use(errorHandler(app));

  return { express: server, httpServer, apollo, operations, health };
}

/**
 * A database that cannot be reached makes the answer a 503; both it and a request that waited too
 * long for a lock say when to try again.
 */
const databaseTroublePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code);
        if (codes.includes('SERVICE_UNAVAILABLE')) response.http.status = 503;
        if (codes.includes('SERVICE_UNAVAILABLE') || codes.includes('TRY_AGAIN'))
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      },
    };
  },
};

/** What Apollo's cache-control plugin sent when nothing is cacheable: `no-store`. */
const noStorePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (!response.http.headers.has('cache-control')) {
          response.http.headers.set('cache-control', 'no-store');
        }
      },
    };
  },
};

const SHUTDOWN_GRACE_MS = 10_000;

interface InFlight {
  /** Runs one request's handling, counted until it has finished. */
  track<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is running, or after `graceMs`. */
  settled(graceMs: number): Promise<void>;
}

/** Counts requests being handled, from their context to their answer (or failure). */
function inFlight(): InFlight {
  let running = 0;
  let waiters: (() => void)[] = [];
  return {
    async track(work) {
      running++;
      try {
        return await work();
      } finally {
        running--;
        if (running === 0) for (const wake of waiters.splice(0)) wake();
      }
    },
    settled: (graceMs) =>
      running === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const wake = () => {
              clearTimeout(timer);
              resolve();
            };
            const timer = setTimeout(() => {
              waiters = waiters.filter((w) => w !== wake);
              resolve();
            }, graceMs);
            waiters.push(wake);
          }),
  };
}

/** Starts listening; `close()` drains requests, waits for running operations, stops Apollo. */
export async function listen(app: App, port: number, host: string): Promise<RunningServer> {
  const { httpServer, apollo, operations, health } = await createServer(app);
  // Slow clients: headers must arrive in time, and the whole request after them.
  httpServer.headersTimeout = app.config.headersTimeoutMs;
  httpServer.requestTimeout = app.config.requestTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, resolve);
  });
  return {
    httpServer,
    close: async () => {
      await apollo.stop();
      // A client that hung up leaves its operation running; the database must outlive it.
      await operations.settled(SHUTDOWN_GRACE_MS);
      await health.end();
    },
  };
}
