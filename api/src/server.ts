// The HTTP server: Express 5 with the GraphQL endpoint, the health check and a body limit.
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { App } from './app.js';
import { createContext, type Context } from './context.js';
import { createErrorFormatter } from './graphql/errors.js';
import { redactSecrets } from './http/responses.js';
import { queryLimits } from './graphql/limits.js';
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
    plugins: [
      ...(limits.plugins as ApolloServerPlugin<Context>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No field has a cache hint, so Apollo's cache-control plugin always concluded `no-store`,
      // but it did so by wrapping every field resolver of every request. Same header, no wrapping.
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin,
    ],
    formatError: createErrorFormatter(logger),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default indents every answer, which costs time and bytes.
    stringifyResult: (value) => JSON.stringify(value),
    allowBatchedHttpRequests: false,
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

  server.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
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
    context: ({ req }) =>
      createContext(app, {
        ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        userAgent: req.get('user-agent') ?? null,
        authorization: req.get('authorization'),
      }),
  });
  server.use('/graphql', express.json({ limit: config.bodyLimit }), (req, res, next) =>
    operations.track(async () => graphql(req, res, next)),
  );

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 500) logger.error({ err: error }, 'request failed');
    const code =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 400
          ? 'BAD_REQUEST'
          : 'INTERNAL_SERVER_ERROR';
    const message =
      status === 413
        ? `Request body is larger than ${config.bodyLimit}.`
        : status === 400
          ? 'The request body is not valid JSON.'
          : 'Internal server error';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
  server.use(onError);

  return { express: server, httpServer, apollo, operations };
}

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
  const { httpServer, apollo, operations } = await createServer(app);
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
    },
  };
}
