// `npm start` / `npm run dev`: the whole platform in one command — PostgreSQL (embedded when
// DATABASE_URL is unset), migrations, the demo seed on first start, the API and the web app.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../app.js';
import { loadConfig, repoRoot } from '../config.js';
import { ensureDatabase } from '../db/database.js';
import { createOrm, migrate } from '../db/orm.js';
import { resolveDatabaseServer } from '../db/server.js';
import { createLogger } from '../logger.js';
import { listen } from '../server.js';
import { seedDemoIfEmpty } from '../../../seeds/seed.js';

const dev = process.argv.includes('--dev');
process.env.NODE_ENV ??= dev ? 'development' : 'production';
const config = loadConfig();
const logger = createLogger(config.logLevel, process.stdout.isTTY);

const database = await resolveDatabaseServer({ ...config, logger });
await ensureDatabase(database.url);
const orm = await createOrm(database.url, logger);
const applied = await migrate(orm);
if (applied.length) logger.info({ applied }, 'migrations applied');
await seedDemoIfEmpty(orm, logger);
const api = await listen(createApp(config, logger, orm), config.port, config.host);
const apiUrl = `http://127.0.0.1:${config.port}/graphql`;
logger.info({ url: `http://${config.host}:${config.port}/graphql` }, 'API ready');

const webDir = path.join(repoRoot, 'web');
const bin = (name: string) => path.join(repoRoot, 'node_modules/.bin', name);
let web: ChildProcess;
if (dev) {
  web = spawn(bin('remix'), ['vite:dev', '--port', String(config.webPort), '--strictPort'], {
    cwd: webDir,
    stdio: 'inherit',
    env: { ...process.env, API_URL: apiUrl },
  });
} else {
  const build = path.join(webDir, 'build/server/index.js');
  if (!fs.existsSync(build)) {
    logger.fatal('The web app is not built; run `npm run build -w web` (npm start does this).');
    process.exit(1);
  }
  web = spawn(bin('remix-serve'), [build], {
    cwd: webDir,
    stdio: 'inherit',
    env: { ...process.env, API_URL: apiUrl, PORT: String(config.webPort) },
  });
}
logger.info({ url: `http://localhost:${config.webPort}` }, 'web app starting');

let stopping = false;
async function shutdown(reason: string, code = 0) {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  web.kill('SIGTERM');
  await api.close();
  await orm.close();
  await database.stop();
  process.exit(code);
}
web.on('exit', (code) => void shutdown(`web app exited (${code})`, code ?? 1));
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
