// The real web app (built, served by remix-serve) against a real API, driven in Chromium.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { hasChromium, useWebApp } from '../support/browser.js';

const w = useWebApp();

describe.skipIf(!hasChromium)('web app in Chromium', { timeout: 90_000 }, () => {
  it('signs in and lists the six Qingshan communities from the API, in Chinese', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await w.signIn(page, 'admin');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('link', { name: '社区概况' }).click();
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
    const context = await w.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await w.signIn(page, 'admin', 'not-the-password');
    await page.locator('[role="alert"]').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('[role="alert"]').first().innerText()).toMatch(/用户名或密码/);
    await context.close();
  });

  it('sends a signed-out visitor to sign in and back to the page they asked for, with one header', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${w.url}/activities?view=list`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/activities?view=list');
    await page.getByLabel('用户名').fill('staff.jianan');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/activities');
    // The layout draws the header once, with the viewer the page's own request fetched.
    expect(await page.locator('header.app-header').count()).toBe(1);
    await expect
      .poll(() => page.locator('header.app-header .viewer-role').innerText())
      .toBe('社区工作者');

    // A session the API has revoked (signed out elsewhere) is forgotten: sign in again.
    await w.api.orm.em
      .fork()
      .getConnection()
      .execute(
        `update auth_session set revoked_at = now()
           where user_id = (select id from app_user where username = 'staff.jianan')`,
      );
    await page.goto(`${w.url}/communities`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/communities');
    await context.close();
  });

  it('speaks English when asked, and fits a phone screen', async () => {
    const context = await w.browser.newContext({
      locale: 'en-US',
      viewport: { width: 375, height: 800 },
    });
    const page = await context.newPage();
    await w.signIn(page, 'staff.jianan');
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
