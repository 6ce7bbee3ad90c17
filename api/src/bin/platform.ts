// `npm start` / `npm run dev`: the whole platform in one command — PostgreSQL (embedded when
// DATABASE_URL is unset), migrations, the demo seed on first start, the API and the web app.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app.js';
import { appSecretInDataDir, dataDirFromEnv, loadConfig, repoRoot } from '../config.js';
import { portAnswers } from '../db/embedded.js';
import { openDatabase } from '../db/open.js';
import { createLogger } from '../logger.js';
import { listen } from '../server.js';
import { startAppJobs } from '../jobs/jobs.js';
import { seedDemoIfEmpty } from '../../../seeds/seed.js';

const dev = process.argv.includes('--dev');
process.env.NODE_ENV ??= dev ? 'development' : 'production';
// Check-in codes are signed with APP_SECRET; without one, a random secret made on the first start
// and kept in DATA_DIR (never the published development value, which production refuses).
process.env.APP_SECRET ||= appSecretInDataDir(dataDirFromEnv());
const config = loadConfig();
const logger = createLogger(config.logLevel, process.stdout.isTTY);

for (const [name, port] of [
  ['API', config.port],
  ['web app', config.webPort],
] as const) {
  if (await portAnswers(port, '127.0.0.1')) {
    logger.fatal(
      `Port ${port} for the ${name} is already in use; stop what runs there or set ${name === 'API' ? 'PORT' : 'WEB_PORT'}.`,
    );
    process.exit(1);
  }
}

const database = await openDatabase(config, logger);
await seedDemoIfEmpty(database.orm, logger);
const app = createApp(config, logger, database.orm);
const api = await listen(app, config.port, config.host);
const apiUrl = `http://127.0.0.1:${config.port}/graphql`;
logger.info({ url: `http://${config.host}:${config.port}/graphql` }, 'API ready');
const jobs = config.jobsEnabled ? await startAppJobs(app) : null;

const webDir = path.join(repoRoot, 'web');
const build = path.join(webDir, 'build/server/index.js');
if (!dev && !fs.existsSync(build)) {
  logger.fatal('The web app is not built; run `npm run build -w web` (npm start does this).');
  process.exit(1);
}
// The child exits when this process's IPC channel closes, however this process ends.
const web: ChildProcess = spawn(
  process.execPath,
  [
    ...process.execArgv,
    fileURLToPath(new URL('./web-child.ts', import.meta.url)),
    ...(dev
      ? [
          'dev',
          'vite:dev',
          '--host',
          config.webHost,
          '--port',
          String(config.webPort),
          '--strictPort',
        ]
      : ['serve', build]),
  ],
  {
    cwd: webDir,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    // The web app signs nothing with APP_SECRET: it is not passed on.
    env: {
      ...process.env,
      APP_SECRET: undefined,
      API_URL: apiUrl,
      HOST: config.webHost,
      PORT: String(config.webPort),
    },
  },
);
logger.info({ url: `http://${config.webHost}:${config.webPort}` }, 'web app starting');

let stopping = false;
async function shutdown(reason: string, code = 0) {
  // Ctrl-C reaches both tsx and this process, and tsx relays it: act on the first only.
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  web.kill('SIGTERM');
  await jobs?.stop();
  await api.close();
  await database.close();
  process.exit(code);
}
web.on('exit', (code) => void shutdown(`web app exited (${code})`, code ?? 1));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
