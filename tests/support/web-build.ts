// Global setup of the browser project (vitest.config.ts): the browser tests serve the built web
// app, so it is built here, once per run, when it is missing or older than its sources — a fresh
// clone needs no step of its own before `npm test`. Where Chromium is absent there is nothing to
// serve it to, and the build is left alone (the tests are skipped and the run says so).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../api/src/config.js';
import { hasChromium } from './chromium.js';

const webDir = path.join(repoRoot, 'web');

/** The server bundle the browser harness serves; WEB_BUILD_DIR as in web/vite.config.ts. */
export function webBuildEntry(): string {
  return path.resolve(webDir, process.env.WEB_BUILD_DIR ?? 'build', 'server/index.js');
}

/** What the build is made from: the app, its config and the generated client types. */
const SOURCES = ['web/app', 'web/vite.config.ts', 'web/package.json', 'schema/generated'];

async function newestSourceTime(entry: string): Promise<number> {
  const stat = await fs.stat(entry).catch(() => undefined);
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  const names = await fs.readdir(entry);
  const times = await Promise.all(names.map((name) => newestSourceTime(path.join(entry, name))));
  return Math.max(stat.mtimeMs, ...times);
}

async function buildIsCurrent(): Promise<boolean> {
  const built = await fs.stat(webBuildEntry()).catch(() => undefined);
  if (!built) return false;
  const sources = await Promise.all(SOURCES.map((s) => newestSourceTime(path.join(repoRoot, s))));
  return Math.max(...sources) <= built.mtimeMs;
}

export default async function setup(): Promise<void> {
  if (!hasChromium || (await buildIsCurrent())) return;
  // The build runs as `npm run build` does outside the tests: without vitest's variables (with
  // VITEST set, web/vite.config.ts leaves the Remix plugin out) and without NODE_ENV=test.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'),
  );
  console.warn(
    `building the web app for the browser tests (${path.relative(repoRoot, webBuildEntry())} is missing or older than web/app)`,
  );
  const child = spawn('npm', ['run', 'build'], {
    cwd: webDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('exit', resolve);
    child.once('error', reject);
  });
  if (code !== 0 || !existsSync(webBuildEntry()))
    throw new Error(
      `building the web app for the browser tests failed (npm run build exited with ${code}):\n${output}`,
    );
}
