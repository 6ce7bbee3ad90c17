// The unit liaison journey on a phone: the real web app (built, served by remix-serve) against a
// real API on the seeded demo, driven in Chromium at 390 × 844. Screenshots go to the e2e artifacts folder.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, useWebApp, screenshotDir } from '../support/browser.js';

const w = useWebApp();

const shots = screenshotDir('liaison');
const phone = { width: 390, height: 844 };

/** A valid 1 × 1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true });
}

async function verifiedOf(page: Page): Promise<number> {
  return Number(await page.locator('.progress').first().getAttribute('data-verified'));
}

describe.skipIf(!hasChromium)(
  'unit liaison journey in Chromium on a phone',
  { timeout: 90_000 },
  () => {
    it('records a fulfilment with evidence, and sees it counted once staff verify it', async () => {
      const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await w.signIn(page, 'liaison.jianan');
      await page.waitForURL((url) => url.pathname === '/unit');
      await page.getByRole('navigation').getByRole('link', { name: '我的单位' }).waitFor();
      const body = await page.locator('body').innerText();
      expect(body).toContain('社区排名');
      expect(body).toContain('履约率');
      expect(await page.getByTestId('unit-rank').innerText()).toMatch(
        /第 \d+ 名 \/ 共 \d+ 家|暂无排名/,
      );
      expect(await page.getByTestId('unit-rate').innerText()).toMatch(/%|暂无/);
      // What units rank by: verified ÷ what should be done by now.
      expect(await page.getByTestId('unit-pace').innerText()).toMatch(/%|未评定/);
      expect(body).toContain('至今应完成量');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '01-unit-zh');

      const active = page.locator('article.commitment-card[data-status="ACTIVE"]').first();
      await active.waitFor();
      await active.locator('h3 a').click();
      await page.waitForURL((url) => url.pathname.startsWith('/unit/commitments/'));
      const detailUrl = page.url();
      await page.getByRole('heading', { level: 2, name: '记录履行情况' }).waitFor();
      const before = await verifiedOf(page);
      expect(await page.locator('body').innerText()).toContain('办理记录');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await page.getByLabel(/^数量/).fill('1');
      await page.getByLabel('说明').fill('组织了一次社区活动（浏览器测试）');
      await page.setInputFiles('#file', {
        name: 'evidence-e2e.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await page.getByRole('button', { name: '提交记录' }).click();
      await page.waitForURL((url) => url.searchParams.get('done') === 'recorded');
      expect(await page.locator('.notice[role="status"]').innerText()).toContain('履行记录已提交');

      const record = page
        .locator('article.fulfilment-card[data-status="PENDING"]')
        .filter({ has: page.getByRole('link', { name: 'evidence-e2e.png' }) })
        .first();
      await record.waitFor();
      expect(await record.innerText()).toContain('待审核');
      const fulfilmentId = await record.getAttribute('data-fulfilment-id');
      expect(fulfilmentId).toBeTruthy();
      const href = await record
        .getByRole('link', { name: 'evidence-e2e.png' })
        .getAttribute('href');
      expect(href).toMatch(/^\/unit\/evidence\//);
      const download = await page.request.get(`${w.url}${href}`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toContain('image/png');
      expect(Buffer.compare(await download.body(), PNG)).toBe(0);
      expect(await page.content()).not.toContain('gj_');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '02-recorded-zh');

      // Community staff verify the record through the review page, seeing its photo.
      const staffContext = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
      const staffPage = await staffContext.newPage();
      staffPage.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await w.signIn(staffPage, 'staff.jianan');
      await staffPage.waitForURL((url) => url.pathname !== '/login');
      await staffPage.goto(`${w.url}/staff/review`);
      await staffPage.getByRole('heading', { level: 1, name: '待审核事项' }).waitFor();
      const item = staffPage.locator(
        `article[data-review-kind="fulfilment"][data-id="${fulfilmentId}"]`,
      );
      // The queue is oldest first: the new record may be on a later page of the records.
      const next = staffPage.locator('#review-records').getByRole('link', { name: '下一页' });
      for (let i = 0; i < 20 && (await item.count()) === 0 && (await next.count()) > 0; i++) {
        // Follow the link's address: each page is a full server render, nothing to race with.
        await staffPage.goto(new URL((await next.getAttribute('href'))!, w.url).href);
        await staffPage.getByRole('heading', { level: 1, name: '待审核事项' }).waitFor();
      }
      await item.waitFor();
      expect(await item.innerText()).toContain('组织了一次社区活动（浏览器测试）');
      const thumb = item.locator('img.evidence-thumb');
      await thumb.waitFor();
      await item.scrollIntoViewIfNeeded(); // the thumbnails load lazily
      // The thumbnail loaded (a function, evaluated through the DevTools protocol: no CSP eval).
      await expect
        .poll(() =>
          thumb.evaluate((element) => {
            const img = element as unknown as { complete: boolean; naturalWidth: number };
            return img.complete && img.naturalWidth > 0;
          }),
        )
        .toBe(true);
      expect(await horizontalOverflow(staffPage)).toBeLessThanOrEqual(0);
      await shot(staffPage, '03-staff-review-zh');
      await item.getByRole('button', { name: '认证通过' }).click();
      await staffPage.waitForURL((url) => url.searchParams.get('done') === 'fulfilmentVerified');
      expect(await staffPage.locator('.notice[role="status"]').innerText()).toContain(
        '已认证履行记录',
      );
      expect(await item.count()).toBe(0);
      await shot(staffPage, '04-staff-verified-zh');
      await staffContext.close();

      await page.goto(detailUrl);
      await page
        .locator(`article[data-fulfilment-id="${fulfilmentId}"][data-status="VERIFIED"]`)
        .waitFor();
      expect(await verifiedOf(page)).toBeCloseTo(before + 1, 2);
      await shot(page, '05-verified-zh');
      expect(consoleErrors).toEqual([]);
      await context.close();
    });

    it('shows field errors, then saves a draft commitment through the form', async () => {
      const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
      const page = await context.newPage();
      await w.signIn(page, 'liaison.jianan');
      await page.waitForURL((url) => url.pathname === '/unit');
      await page.getByRole('link', { name: '新建承诺' }).click();
      await page.waitForURL((url) => url.pathname === '/unit/commitments/new');
      await page.getByRole('heading', { level: 1, name: '新建承诺' }).waitFor();

      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.locator('#title-error').waitFor();
      expect(await page.locator('#title-error').innerText()).toBe('请填写承诺名称。');
      expect(await page.getByLabel('承诺名称').getAttribute('aria-invalid')).toBe('true');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '06-new-errors-zh');

      const title = `浏览器测试草稿 ${Date.now()}`;
      await page.getByLabel('共建类别').selectOption({ index: 1 });
      await page.getByLabel('承诺名称').fill(title);
      await page.getByLabel('具体内容').fill('每季度开放会议室供居民议事使用。');
      await page.getByLabel('计量方式').selectOption('VENUE_SESSIONS');
      await page.getByLabel('目标数量').fill('4');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL((url) => url.searchParams.get('done') === 'created');
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await page.locator('.title-row [data-status]').innerText()).toBe('草稿');
      expect(await page.locator('.notice[role="status"]').innerText()).toContain('承诺已保存');
      await shot(page, '07-draft-zh');

      await page.getByRole('link', { name: /返回我的单位/ }).click();
      await page.waitForURL((url) => url.pathname === '/unit');
      const draft = page.locator('article.commitment-card[data-status="DRAFT"]', {
        hasText: title,
      });
      await draft.waitFor();
      await context.close();
    });

    it('renders the liaison pages in English with no raw keys', async () => {
      const context = await w.browser.newContext({ locale: 'en-US', viewport: phone });
      const page = await context.newPage();
      await w.signIn(page, 'liaison.jianan');
      await page.waitForURL((url) => url.pathname === '/unit');
      await page.getByRole('navigation').getByRole('link', { name: 'My unit' }).waitFor();
      const rawKey =
        /\b(unit|commitment|newCommitment|commitmentStatus|measure|measureUnit|nav)\.[A-Za-z_]+/;
      const text = await page.locator('body').innerText();
      expect(text).toContain('Fulfilment rate');
      expect(text).not.toMatch(rawKey);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '08-unit-en');

      await page.locator('article.commitment-card h3 a').first().click();
      await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(rawKey);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '09-commitment-en');

      await page.goto(`${w.url}/unit/commitments/new`);
      await page.getByRole('heading', { level: 1, name: 'New commitment' }).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(rawKey);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await context.close();
    });
  },
);
