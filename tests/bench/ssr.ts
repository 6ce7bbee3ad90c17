// Server rendering of the volunteer's shift list (/shifts), end to end: the built web app served
// by remix-serve in production mode, its loader calling a production API process, on the Qingshan
// demo data. A volunteer signs in through the login form; then GET /shifts is timed one request
// after another (time to the last byte of the HTML), after a warm-up.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../api/src/config.js';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { freePort } from '../support/api-process.js';

export interface SsrSpec {
  warmup: number;
  requests: number;
}
export const FULL: SsrSpec = { warmup: 30, requests: 300 };
export const SMOKE: SsrSpec = { warmup: 3, requests: 10 };

export interface SsrResult {
  spec: SsrSpec;
  /** Shifts on the rendered page (a check that the page is the real one). */
  shiftsShown: number;
  htmlBytes: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  problems: string[];
}

export interface WebProcess {
  url: string;
  stop(): Promise<void>;
}

/** The built web app (`npm run build -w web` when there is no build) on a free port. */
export async function startProductionWeb(apiUrl: string): Promise<WebProcess> {
  const webDir = path.join(repoRoot, 'web');
  const build = path.resolve(webDir, process.env.WEB_BUILD_DIR ?? 'build', 'server/index.js');
  if (!existsSync(build)) {
    const builder = spawn('npm', ['run', 'build'], { cwd: webDir, stdio: 'inherit' });
    const code = await new Promise<number | null>((resolve) => builder.on('exit', resolve));
    if (code !== 0) throw new Error(`the web build failed (${code})`);
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'node_modules/@remix-run/serve/dist/cli.js'), build],
    {
      cwd: webDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        API_URL: apiUrl,
      },
      stdio: 'ignore',
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}/login`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300 || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('the web server did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Signs in through the login form and returns the session cookie. */
async function signIn(webUrl: string, username: string): Promise<string> {
  const response = await fetch(`${webUrl}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, redirectTo: '/shifts' }),
    redirect: 'manual',
  });
  const cookies = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .join('; ');
  if (response.status !== 302 && response.status !== 204 && !cookies.includes('=')) {
    throw new Error(`sign-in as ${username} failed: HTTP ${response.status}`);
  }
  return cookies;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function runSsrBenchmark(
  webUrl: string,
  spec: SsrSpec,
  log: (line: string) => void,
): Promise<SsrResult> {
  const problems: string[] = [];
  const cookie = await signIn(webUrl, 'volunteer.jianan');
  const render = async () => {
    const started = performance.now();
    const response = await fetch(`${webUrl}/shifts`, {
      headers: { Cookie: cookie, 'Accept-Language': 'zh-CN' },
      redirect: 'manual',
    });
    const html = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`/shifts answered HTTP ${response.status}`);
    return { ms, html };
  };
  log(`SSR /shifts: ${spec.warmup} warm-up, ${spec.requests} timed requests`);
  let html = '';
  for (let i = 0; i < spec.warmup; i++) html = (await render()).html;
  const times: number[] = [];
  for (let i = 0; i < spec.requests; i++) times.push((await render()).ms);
  times.sort((a, b) => a - b);
  const shiftsShown = (html.match(/class="shift-card"/g) ?? []).length;
  if (!html.includes('可报名班次')) problems.push('the page is not the shift list');
  if (shiftsShown === 0) problems.push('the shift list is empty');
  return {
    spec,
    shiftsShown,
    htmlBytes: Buffer.byteLength(html),
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    p99: quantile(times, 0.99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    max: times.at(-1)!,
    problems,
  };
}
