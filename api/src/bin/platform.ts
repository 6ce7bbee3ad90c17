// `npm start` / `npm run dev`: the whole platform in one command — PostgreSQL (embedded when
// DATABASE_URL is unset), migrations, the demo seed on first start, the API and the web app.
//
// `npm start` (`--build`) builds the web app and serves the build; both always in production
// mode, whatever NODE_ENV says (it still applies to the API): a built Remix app served with
// NODE_ENV=development waits for a Remix dev server that is not there and crashes. When the web
// app stops on its own, the whole platform stops, saying so, rather than leave the API running
// without its web app.
import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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
const buildFirst = !dev && process.argv.includes('--build');
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

const webDir = path.join(repoRoot, 'web');
// WEB_BUILD_DIR as in web/vite.config.ts (relative to web/).
const build = path.resolve(webDir, process.env.WEB_BUILD_DIR ?? 'build', 'server/index.js');
if (buildFirst) {
  logger.info('building the web app');
  // Through the npm that runs `npm start` when there is one (npm_execpath), else the one on PATH.
  const npm = process.env.npm_execpath;
  const built = spawnSync(
    npm ? process.execPath : 'npm',
    [...(npm ? [npm] : []), 'run', 'build', '-w', 'web'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
      shell: !npm && process.platform === 'win32',
    },
  );
  if (built.status !== 0) {
    logger.fatal(
      { status: built.status, signal: built.signal, err: built.error },
      'Building the web app failed (its output is above); nothing was started.',
    );
    process.exit(1);
  }
}
if (!dev && !fs.existsSync(build)) {
  logger.fatal('The web app is not built; run `npm run build -w web` (npm start does this).');
  process.exit(1);
}

const database = await openDatabase(config, logger);
await seedDemoIfEmpty(database.orm, logger);
const app = createApp(config, logger, database.orm);
const api = await listen(app, config.port, config.host);
const apiUrl = `http://127.0.0.1:${config.port}/graphql`;
logger.info({ url: `http://${config.host}:${config.port}/graphql` }, 'API ready');
const jobs = config.jobsEnabled ? await startAppJobs(app) : null;

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
      // The build is served in production mode whatever NODE_ENV the platform was given (with
      // `development`, remix-serve would look for a Remix dev server and crash on start).
      NODE_ENV: dev ? 'development' : 'production',
    },
  },
);
logger.info({ url: `http://${config.webHost}:${config.webPort}` }, 'web app starting');
logger.info(
  { web: config.publicWebUrl, api: config.publicApiUrl },
  'QR codes and calendar feeds point here (PUBLIC_WEB_URL, PUBLIC_API_URL)',
);
if (
  new URL(config.publicWebUrl).hostname === 'localhost' &&
  !['127.0.0.1', '::1', 'localhost'].includes(config.webHost)
) {
  logger.warn(
    'The web app is open to the network, but its QR codes point at localhost, which phones cannot reach: set PUBLIC_WEB_URL to the address they use.',
  );
}

let stopping = false;
async function shutdown(reason: string, code = 0) {
  // Ctrl-C reaches both tsx and this process, and tsx relays it: act on the first only.
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  // Whatever hangs (a job that does not finish, a connection that stays open), the process ends.
  setTimeout(() => {
    logger.error('shutdown did not finish in 30 s; exiting anyway');
    process.exit(code || 1);
  }, 30_000).unref();
  if (web.exitCode === null && web.signalCode === null) web.kill('SIGTERM');
  const steps: [string, () => Promise<unknown> | undefined][] = [
    ['job queue', () => jobs?.stop()],
    ['API server', () => api.close()],
    ['database', () => database.close()],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      logger.error({ err: error }, `stopping the ${name} failed`);
      code ||= 1;
    }
  }
  process.exit(code);
}
web.on('error', (error) => {
  logger.fatal({ err: error }, 'The web app could not be started; stopping the API too.');
  void shutdown('web app failed to start', 1);
});
web.on('exit', (code, signal) => {
  if (stopping) return;
  // The web app stopped on its own: the platform is not usable without it, so it stops too,
  // with a non-zero status and a message that points at the web app's output.
  logger.fatal(
    { code, signal },
    `The web app stopped unexpectedly (${signal ?? `exit code ${code}`}); its output is above. Stopping the API too.`,
  );
  void shutdown(`web app exited (${signal ?? code})`, code || 1);
});
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
