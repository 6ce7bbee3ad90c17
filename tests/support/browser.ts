// Browser tests: the real web app (built, served by remix-serve) against a real API on the seeded
// demo, driven in Debian's Chromium. Skipped only where Chromium is not installed (the run's last
// lines say so); any other failure to get ready fails the file. The browser project's global
// setup (web-build.ts) has built the web app by the time these hooks run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { repoRoot, type Config } from '../../api/src/config.js';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { seedDemoIfEmpty } from '../../seeds/seed.js';
import { freePort } from './api-process.js';
import { CHROMIUM, hasChromium } from './chromium.js';
import { useTestApp, type TestApp } from './test-app.js';
import { webBuildEntry } from './web-build.js';

export { hasChromium };

/**
 * Where a journey's screenshots go: $E2E_ARTIFACTS/<journey> (CI keeps that folder), else
 * tests/artifacts/<journey> in the checkout (ignored by git).
 */
export function screenshotDir(journey: string): string {
  const dir = path.join(
    process.env.E2E_ARTIFACTS ?? path.join(repoRoot, 'tests/artifacts'),
    journey,
  );
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Text that looks like one of our message keys (`shifts.title`): a translation is missing. */
export const rawMessageKey = (() => {
  // The message namespaces are the top-level keys of the zh-CN messages (two-space indent).
  const source = readFileSync(path.join(repoRoot, 'web/app/i18n/zh-CN.ts'), 'utf8');
  const namespaces = [...source.matchAll(/^ {2}([a-zA-Z]+): /gm)].map((match) => match[1]);
  return new RegExp(`\\b(${namespaces.join('|')})\\.[A-Za-z_]+(\\.[A-Za-z_]+)*\\b`);
})();

export interface WebApp {
  api: TestApp;
  /** Base URL of the web app, e.g. http://127.0.0.1:41234 */
  url: string;
  browser: Browser;
  /** Signs in through the login form, starting from `/`. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
}

/**
 * Registers hooks that seed the demo, serve the built web app and launch Chromium; `overrides`
 * change the API's configuration (as useTestApp's do).
 */
export function useWebApp(overrides: (config: Config) => Partial<Config> = () => ({})): WebApp {
  // The web app's port is chosen before the API starts, so that the addresses the API hands out
  // (the check-in QR codes) lead to this web app, as PUBLIC_WEB_URL does in production.
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
  });
  const api = useTestApp((config) => ({
    ...overrides(config),
    publicWebUrl: `http://127.0.0.1:${port}`,
  }));
  const app = { api } as WebApp;
  let web: ChildProcess | undefined;

  beforeAll(async () => {
    if (!hasChromium) return;
    await seedDemoIfEmpty(api.orm);
    const webDir = path.join(repoRoot, 'web');
    const build = webBuildEntry();
    if (!existsSync(build))
      throw new Error(`no web build at ${build}: run the browser tests through vitest.config.ts`);
    app.url = `http://127.0.0.1:${port}`;
    web = spawn(
      process.execPath,
      [path.join(repoRoot, 'node_modules/@remix-run/serve/dist/cli.js'), build],
      {
        cwd: webDir,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(port),
          API_URL: api.url,
          HOST: '127.0.0.1',
        },
        stdio: process.env.TEST_WEB_LOG ? 'inherit' : 'ignore',
      },
    );
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      ready = await fetch(`${app.url}/login`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    if (!ready) throw new Error(`the web app at ${app.url} did not answer /login within 10 s`);
    app.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    app.signIn = async (page, username, password = DEMO_PASSWORD) => {
      await page.goto(`${app.url}/`);
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByLabel(/用户名|Username/).fill(username);
      await page.getByLabel(/密码|Password/).fill(password);
      await page.getByRole('button', { name: /登录|Sign in/ }).click();
    };
  }, 120_000);

  afterAll(async () => {
    await app.browser?.close();
    web?.kill();
  });

  return app;
}

/**
 * Waits until `expression` (JavaScript, as a string) is truthy in the page. Playwright's
 * waitForFunction polls a string with eval inside the page, which the pages' CSP rightly refuses
 * (no 'unsafe-eval'); page.evaluate goes through the DevTools protocol, which the CSP does not
 * govern. A navigation in between counts as "not yet".
 */
export async function waitForExpression(
  page: Page,
  expression: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
