// Every page of every role, in both languages: each signs in, follows its navigation, and each page
// renders (no error page) with no raw message keys, no console errors, the right <html lang>,
// nothing wider than the screen on a phone, no serious or critical axe violation, and the security
// headers (CSP with a fresh nonce, no framing) with no script refused. Sign-in, registration and
// invitation pages are checked signed out.
import path from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.js';
import {
  hasChromium,
  rawMessageKey,
  screenshotDir,
  useWebApp,
  waitForExpression,
} from '../support/browser.js';

const w = useWebApp();
const shots = screenshotDir('pages');
const phone = { width: 390, height: 844 };

const roles = [
  { username: 'admin', viewport: { width: 1280, height: 900 } },
  { username: 'staff.jianan', viewport: { width: 1280, height: 900 } },
  { username: 'social.jianan', viewport: phone },
  { username: 'liaison.jianan', viewport: phone },
  { username: 'volunteer.jianan', viewport: phone },
] as const;

const languages = [
  {
    lng: 'zh-CN',
    switchTo: '中文',
    errorTitle: /页面暂时无法显示|找不到这个页面|没有查看此页面的权限/,
  },
  { lng: 'en', switchTo: 'English', errorTitle: /cannot be shown|could not be found|permission/i },
] as const;

async function check(page: Page, lng: string, errorTitle: RegExp, name: string) {
  const text = await page.locator('body').innerText();
  expect(text, `${name}: raw message key`).not.toMatch(rawMessageKey);
  expect(text, `${name}: error page`).not.toMatch(errorTitle);
  expect(await page.getAttribute('html', 'lang'), name).toBe(lng);
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - window.innerWidth',
  );
  expect(overflow, `${name}: wider than the screen`).toBeLessThanOrEqual(1);
  // No serious or critical accessibility violation (axe-core, WCAG 2.x A and AA).
  const violations = (await axeViolations(page)).filter((line) =>
    /^\S+ \((serious|critical)\)/.test(line),
  );
  expect(violations, `${name}: accessibility`).toEqual([]);
}

const nonces = new Set<string>();

/** Every page carries the security headers; its scripts run under a nonce of its own (a script
 * the CSP refused would show as a console error, which every test here forbids). */
function checkSecurityHeaders(response: Response | null, name: string) {
  const headers = response?.headers() ?? {};
  const csp = headers['content-security-policy'] ?? '';
  const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, `${name}: CSP`).toBeTruthy();
  expect(nonces.has(nonce!), `${name}: nonce reused`).toBe(false);
  nonces.add(nonce!);
  expect(csp, name).toContain("frame-ancestors 'none'");
  expect(csp, name).toContain("object-src 'none'");
  expect(headers['x-frame-options'], name).toBe('DENY');
  expect(headers['x-content-type-options'], name).toBe('nosniff');
  expect(headers['referrer-policy'], name).toBe('same-origin');
}

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return errors;
}

describe.skipIf(!hasChromium)('every page in both languages', { timeout: 120_000 }, () => {
  for (const role of roles) {
    it(`${role.username}: each page of the navigation renders in zh-CN and English`, async () => {
      const context: BrowserContext = await w.browser.newContext({
        locale: 'zh-CN',
        viewport: role.viewport,
      });
      const page = await context.newPage();
      const errors = watchConsole(page);
      await w.signIn(page, role.username);
      await page.waitForURL((url) => url.pathname !== '/login');
      await page.locator('nav.app-nav a').first().waitFor();
      const links = await page.evaluate<string[]>(
        "[...document.querySelectorAll('nav.app-nav a')].map((a) => a.pathname)",
      );
      expect(links.length).toBeGreaterThanOrEqual(2);
      for (const { lng, switchTo, errorTitle } of languages) {
        await page.getByRole('button', { name: switchTo }).first().click();
        await waitForExpression(page, `document.documentElement.lang === '${lng}'`);
        for (const link of links) {
          const response = await page.goto(`${w.url}${link}`);
          expect(response?.status(), `${role.username} ${link} (${lng})`).toBe(200);
          checkSecurityHeaders(response, `${role.username} ${link} (${lng})`);
          await check(page, lng, errorTitle, `${role.username} ${link} (${lng})`);
          await page.screenshot({
            path: path.join(shots, `${role.username}${link.replaceAll('/', '_')}-${lng}.png`),
            fullPage: true,
          });
        }
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('signed out: sign-in, volunteer registration and an unknown invitation link render in both languages', async () => {
    for (const { lng, errorTitle } of languages) {
      const context = await w.browser.newContext({ locale: lng, viewport: phone });
      const page = await context.newPage();
      const errors = watchConsole(page);
      for (const link of ['/login', '/register', '/invite/not-a-real-link']) {
        const response = await page.goto(`${w.url}${link}`);
        expect(response?.status()).toBe(200);
        checkSecurityHeaders(response, `${link} (${lng})`);
        await check(page, lng, errorTitle, `${link} (${lng})`);
        await page.screenshot({
          path: path.join(shots, `anonymous${link.replaceAll('/', '_')}-${lng}.png`),
        });
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('keeps the chosen language on the account: another browser opens in it', async () => {
    const first = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await first.newPage();
    await w.signIn(page, 'liaison.jianan2');
    await page.waitForURL((url) => url.pathname === '/unit');
    await page.locator('nav.app-nav a').first().waitFor();
    await page.getByRole('button', { name: 'English' }).first().click();
    await waitForExpression(page, "document.documentElement.lang === 'en'");
    await first.close();

    const second = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const other = await second.newPage();
    await w.signIn(other, 'liaison.jianan2');
    await other.waitForURL((url) => url.pathname === '/unit');
    await other.locator('nav.app-nav a').first().waitFor();
    expect(await other.getAttribute('html', 'lang')).toBe('en');
    await second.close();
  });

  it('registers a volunteer who lands on the shifts open to their skills', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    await page.goto(`${w.url}/register`);
    await page.getByLabel('用户名').fill('new.volunteer');
    await page.getByLabel('密码', { exact: true }).fill('Gongjian@2026');
    await page.getByLabel('再次输入密码').fill('Gongjian@2027');
    await page.getByLabel('真实姓名').fill('王小明');
    await page.getByLabel('手机号码').fill('13800001234');
    await page.getByLabel('所在社区').selectOption({ label: '建安社区' });
    await page.getByLabel('助老').check();
    await page.getByRole('button', { name: '注册并登录' }).click();
    // The mismatch is shown beside the field; what was typed is kept.
    await page.locator('#passwordConfirmation-error').waitFor();
    expect(await page.getByLabel('真实姓名').inputValue()).toBe('王小明');
    expect(await page.getByLabel('助老').isChecked()).toBe(true);
    await page.screenshot({ path: path.join(shots, 'register-mismatch.png'), fullPage: true });

    await page.getByLabel('密码', { exact: true }).fill('Gongjian@2026');
    await page.getByLabel('再次输入密码').fill('Gongjian@2026');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.waitForURL((url) => url.pathname === '/shifts');
    expect(await page.locator('.viewer-name').innerText()).toBe('王小明');
    const skills = await w.api.orm.em
      .fork()
      .getConnection()
      .execute<{ skills: string[] }[]>(
        `select v.skills from volunteer v join app_user u on u.id = v.user_id where u.username = 'new.volunteer'`,
      );
    expect(skills[0]?.skills).toEqual(['ELDER_CARE']);
    await page.screenshot({ path: path.join(shots, 'register-done.png'), fullPage: true });
    await context.close();
  });
});
