// Child process: the limit. A bare node:http server that answers each read with ONE hand-written
// SQL statement building the JSON in PostgreSQL (json_agg / json_build_object) and sends its text
// unchanged. POST /q1…/q4 with a JSON array of parameters; Q2 takes the volunteer from the bearer
// token's hash, as the API does. argv: <database url> <port>. Prints "ready" when listening.
import { createHash } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { countingPool } from './counting-pool.js';
import { Q1_SQL, Q2_SQL, Q3_SQL, Q4_SQL } from './queries.js';

const [databaseUrl, port] = process.argv.slice(2);
const { pool, statements } = countingPool(new pg.Pool({ connectionString: databaseUrl, max: 10 }));

const tokenHash = (req: http.IncomingMessage) =>
  createHash('sha256')
    .update((req.headers.authorization ?? '').replace(/^Bearer /, ''), 'utf8')
    .digest('hex');

const routes: Record<
  string,
  (params: unknown[], req: http.IncomingMessage) => [string, unknown[]]
> = {
  '/q1': (p) => [Q1_SQL, p],
  '/q2': (p, req) => [Q2_SQL, [tokenHash(req), ...p]],
  '/q3': (p) => [Q3_SQL, p],
  '/q4': (p) => [Q4_SQL, p],
};

const server = http.createServer((req, res) => {
  if (req.url === '/__statements') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statements: statements() }));
    return;
  }
  const route = routes[req.url ?? ''];
  if (!route || req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const [sql, params] = route(
          JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[],
          req,
        );
        const { rows } = await pool.query<{ body: string }>({ text: sql, values: params });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(rows[0]!.body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    })();
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
