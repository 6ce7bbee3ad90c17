// Child process: PostGraphile 4 as a library in a plain node:http server, production-ish options,
// exposing the app's `public` tables and the bench-only `bench` schema (bench-schema.ts).
// argv: <database url> <port>. Prints "ready" when listening. GET /__statements answers how many
// statements its pool has sent (to report statements per request).
import { createHash } from 'node:crypto';
import http from 'node:http';
import Module, { createRequire } from 'node:module';
import pg from 'pg';
import type * as PostGraphile from 'postgraphile';
import { countingPool } from './counting-pool.js';

// The install holds two copies of graphql@15 (under postgraphile/ and under graphile-build-pg/);
// types built by one fail the other's instanceof checks ("Unexpected input type: Int!"). Make
// every CommonJS `graphql` request resolve to postgraphile's copy.
const requireFromPostgraphile = createRequire(
  createRequire(import.meta.url).resolve('postgraphile'),
);
const graphqlDir = requireFromPostgraphile.resolve('graphql').replace(/index\.js$/, '');
const patched = Module as unknown as {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
};
const resolveFilename = patched._resolveFilename;
patched._resolveFilename = (request, ...rest) =>
  request === 'graphql' || request.startsWith('graphql/')
    ? resolveFilename(
        request === 'graphql' ? graphqlDir + 'index.js' : graphqlDir + request.slice(8),
        ...rest,
      )
    : resolveFilename(request, ...rest);
const { postgraphile } = requireFromPostgraphile('postgraphile') as typeof PostGraphile;

const [databaseUrl, port] = process.argv.slice(2);
const { pool, statements } = countingPool(new pg.Pool({ connectionString: databaseUrl, max: 10 }));

const middleware = postgraphile(pool, ['public', 'bench'], {
  graphiql: false,
  disableQueryLog: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  legacyRelations: 'omit',
  watchPg: false,
  retryOnInitFail: false,
  extendedErrors: [],
  showErrorStack: false,
  enableQueryBatching: false,
  // The signed-in user, as PostGraphile does it: request settings the SQL can read.
  pgSettings: (req: http.IncomingMessage) => {
    const auth = req.headers.authorization ?? '';
    return auth.startsWith('Bearer ')
      ? { 'gj.token_hash': createHash('sha256').update(auth.slice(7), 'utf8').digest('hex') }
      : {};
  },
});

const server = http.createServer((req, res) => {
  if (req.url === '/__statements') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statements: statements() }));
    return;
  }
  void middleware(req, res);
});
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
