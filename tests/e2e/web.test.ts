// The real web app (built, served by remix-serve) against a real API, driven in Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../api/src/config.js';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { seedDemoIfEmpty } from '../../seeds/seed.js';
import { useTestApp } from '../support/test-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM}`);

const t = useTestApp();
let web: ChildProcess;
let webUrl: string;
let browser: Browser;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function run(command: string, args: string[], cwd: string): Promise<void> {
  const child = spawn(command, args, { cwd, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
}

beforeAll(async () => {
  if (!hasChromium) return;
  await seedDemoIfEmpty(t.orm);
  const webDir = path.join(repoRoot, 'web');
  const build = path.join(webDir, 'build/server/index.js');
  if (!existsSync(build)) await run('npm', ['run', 'build'], webDir);
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  web = spawn(
    process.execPath,
    [path.join(repoRoot, 'node_modules/@remix-run/serve/dist/cli.js'), build],
    {
      cwd: webDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        API_URL: t.url,
        HOST: '127.0.0.1',
      },
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${webUrl}/login`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
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
}, 120_000);

afterAll(async () => {
  await browser?.close();
  web?.kill();
});

async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${webUrl}/`);
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
}

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  it('signs in and lists the six Qingshan communities from the API, in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await signIn(page, 'admin');
    await page.getByText('建安社区').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/communities');
    const body = await page.locator('body').innerText();
    for (const name of [
      '建安社区',
      '阳光社区',
      '福康社区',
      '天鹅社区',
      '联通社区',
      '国土资源社区',
    ]) {
      expect(body).toContain(name);
    }
    expect(body).toContain('22,606');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('shows the reason next to the form when the password is wrong', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, 'admin', 'not-the-password');
    await page.locator('[role="alert"]').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('[role="alert"]').first().innerText()).toMatch(/用户名或密码/);
    await context.close();
  });

  it('speaks English when asked, and fits a phone screen', async () => {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 375, height: 800 },
    });
    const page = await context.newPage();
    await signIn(page, 'staff.jianan');
    await page.getByText("Jian'an").first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('body').innerText()).toContain("Jian'an");
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
