// The volunteer journey on a phone: the real web app (built, served by remix-serve) against a real
// API on the seeded demo, driven in Chromium at 390 × 844. Screenshots go to the e2e artifacts folder.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, rawMessageKey, screenshotDir, useWebApp } from '../support/browser.js';

const w = useWebApp();

const shots = screenshotDir('volunteer');
const phone = { width: 390, height: 844 };

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function shot(page: Page, name: string) {
  // What the phone shows, and the whole page.
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true });
}

describe.skipIf(!hasChromium)(
  'volunteer journey in Chromium on a phone',
  { timeout: 90_000 },
  () => {
    it('signs up for a shift, sees the places drop, and cancels it from My shifts', async () => {
      const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await w.signIn(page, 'volunteer.jianan');
      await page.waitForURL((url) => url.pathname === '/shifts');
      await page.getByRole('heading', { level: 1, name: '可报名班次' }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '01-shifts-zh');

      // The first shift with places left that I can sign up for and still give up afterwards
      // (volunteers may cancel until SHIFT_CANCEL_CUTOFF_MINUTES, 120, before the start): at
      // some hours of the day the very first one starts sooner than that.
      const candidates = page
        .locator('article.shift-card')
        .filter({ has: page.locator('.spots-left') })
        .filter({ has: page.getByRole('button', { name: '报名', exact: true }) });
      await candidates.first().waitFor();
      const starts = await Promise.all(
        (await candidates.all()).map((c) => c.locator('time').first().getAttribute('datetime')),
      );
      const later = starts.findIndex(
        (start) => start !== null && Date.parse(start) > Date.now() + 3 * 3_600_000,
      );
      expect(later).toBeGreaterThanOrEqual(0);
      const card = candidates.nth(later);
      const shiftId = await card.getAttribute('data-shift-id');
      const title = await card.locator('h3').innerText();
      const before = Number(await card.locator('.spots-left').getAttribute('data-spots'));
      expect(before).toBeGreaterThan(0);
      await card.getByRole('button', { name: '报名', exact: true }).click();

      const outcome = page.locator('.outcome[role="status"]');
      await outcome.waitFor();
      expect(await outcome.innerText()).toContain(`报名成功：${title}`);
      const signedUp = outcome.locator(`article[data-shift-id="${shiftId}"]`);
      expect(Number(await signedUp.locator('[data-spots]').getAttribute('data-spots'))).toBe(
        before - 1,
      );
      expect(await signedUp.innerText()).toContain('已报名');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '02-signed-up-zh');

      await page.getByRole('navigation').getByRole('link', { name: '我的班次' }).click();
      await page.waitForURL((url) => url.pathname === '/my/shifts');
      await page.getByRole('heading', { level: 1, name: '我的班次' }).waitFor();
      const mine = page.locator(`article[data-shift-id="${shiftId}"]`);
      await mine.waitFor();
      expect(await page.locator('body').innerText()).toContain('已认证服务时长');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '03-my-shifts-zh');

      // Cancelling asks first: the disclosure holds the real button.
      await mine.locator('summary', { hasText: '取消报名' }).click();
      await mine.getByRole('button', { name: '确定取消' }).click();
      await page.locator('.outcome[role="status"]').waitFor();
      expect(await page.locator('.outcome[role="status"]').innerText()).toContain(
        `已取消报名：${title}`,
      );
      await mine.waitFor({ state: 'detached' });
      expect(await page.locator(`article[data-shift-id="${shiftId}"]`).count()).toBe(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '04-cancelled-zh');
      expect(consoleErrors).toEqual([]);
      await context.close();
    });

    it('downloads the service record through the web app, without the token in the page', async () => {
      const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
      const page = await context.newPage();
      await w.signIn(page, 'volunteer.jianan');
      await page.waitForURL((url) => url.pathname === '/shifts');
      const response = await page.request.get(`${w.url}/my/service-record.pdf`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('application/pdf');
      expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
      const xlsx = await page.request.get(`${w.url}/my/service-record.xlsx`);
      expect(xlsx.status()).toBe(200);
      expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
      await page.goto(`${w.url}/my/shifts`);
      expect(await page.content()).not.toContain('gj_');
      await context.close();
    });

    it('renders the volunteer pages in English with no raw keys', async () => {
      const context = await w.browser.newContext({ locale: 'en-US', viewport: phone });
      const page = await context.newPage();
      await w.signIn(page, 'volunteer.jianan');
      await page.waitForURL((url) => url.pathname === '/shifts');
      await page.getByRole('heading', { level: 1, name: 'Shifts you can sign up for' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      const rawKey = rawMessageKey;
      const shiftsText = await page.locator('body').innerText();
      expect(shiftsText).toMatch(/places? left|Full/);
      expect(shiftsText).not.toMatch(rawKey);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '05-shifts-en');

      await page.getByRole('navigation').getByRole('link', { name: 'My shifts' }).click();
      await page.getByRole('heading', { level: 1, name: 'My shifts' }).waitFor();
      const myText = await page.locator('body').innerText();
      expect(myText).toContain('Verified service hours');
      expect(myText).not.toMatch(rawKey);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '06-my-shifts-en');

      // A forged code says so at once, and offers nothing to press.
      await page.goto(`${w.url}/check-in?code=not-a-real-code`);
      const reason = page.locator('.check-in-reason[role="alert"]');
      await reason.waitFor();
      const checkInText = await reason.innerText();
      expect(checkInText).toMatch(/check-in code is not valid/i);
      expect(await page.locator('main button').count()).toBe(0);
      expect(checkInText).not.toMatch(rawKey);
      await shot(page, '07-check-in-en');
      await context.close();
    });

    it('starts staff on their dashboard, without the volunteer pages', async () => {
      const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
      const page = await context.newPage();
      await w.signIn(page, 'staff.jianan');
      await page.waitForURL((url) => url.pathname === '/staff');
      await page.getByRole('link', { name: '结对匹配' }).waitFor();
      expect(await page.getByRole('link', { name: '我的班次' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: '结对匹配' }).count()).toBe(1);
      await context.close();
    });
  },
);
