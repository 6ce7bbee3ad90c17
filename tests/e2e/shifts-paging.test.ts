// The shift list beyond its first page, on a phone: a volunteer shows every shift (全部班次), pages
// through all of them by the plain "next page" link (cursor in the URL), sees why they cannot
// sign up for a shift before tapping anything, and cancels a waitlist ticket only after
// confirming; the same without JavaScript, and in English.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  hasChromium,
  rawMessageKey,
  screenshotDir,
  useWebApp,
  waitForExpression,
} from '../support/browser.js';

const w = useWebApp();

const shots = screenshotDir('shifts-paging');
const phone = { width: 390, height: 844 };
const PAGE_SIZE = 30;

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true });
}

async function shiftIds(page: Page): Promise<string[]> {
  return page
    .locator('main > ul.card-list article.shift-card')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-shift-id') ?? ''));
}

/** "共 167 个班次" / "167 shifts": the total the list says it has. */
async function totalOf(page: Page): Promise<number> {
  const text = await page.locator('.result-count').innerText();
  return Number((/([\d,]+)/.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));
}

/**
 * Follows "下一页" / "Next page" from the page shown to the last one; every shift's id, in order,
 * and the cards that say why the volunteer may not sign up.
 */
async function walkPages(page: Page, nextName: string | RegExp, pageOf: (n: number) => RegExp) {
  const seen: string[] = [];
  for (let n = 1; ; n++) {
    const ids = await shiftIds(page);
    seen.push(...ids);
    expect(await page.locator('.result-count').innerText()).toMatch(pageOf(n));
    const next = page.getByRole('link', { name: nextName });
    if ((await next.count()) === 0) break;
    expect(ids).toHaveLength(PAGE_SIZE);
    await next.click();
    await page.waitForURL((url) => url.searchParams.get('page') === String(n + 1));
    await page
      .locator('.result-count')
      .filter({ hasText: pageOf(n + 1) })
      .waitFor();
    expect(new URL(page.url()).searchParams.get('after')).toBeTruthy();
  }
  return seen;
}

describe.skipIf(!hasChromium)(
  'the shift list, page by page, on a phone',
  { timeout: 120_000 },
  () => {
    it('pages through every shift, says up front why one cannot be taken, and pages the eligible list', async () => {
      const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await w.signIn(page, 'volunteer.jianan');
      await page.waitForURL((url) => url.pathname === '/shifts');
      await page.getByRole('heading', { level: 1, name: '可报名班次' }).waitFor();

      // 全部班次, through the filter form.
      const eligibleCount = await page.locator('.result-count').innerText();
      await page.getByRole('radio', { name: '全部班次' }).check();
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('show') === 'all');
      await waitForExpression(
        page,
        `document.querySelector('.result-count')?.innerText !== ${JSON.stringify(eligibleCount)}`,
      );
      const total = await totalOf(page);
      expect(total).toBeGreaterThan(PAGE_SIZE);
      const pages = Math.ceil(total / PAGE_SIZE);
      expect(await page.locator('.result-count').innerText()).toContain(`第 1 / ${pages} 页`);
      expect(await page.getByRole('link', { name: '回到第一页' }).count()).toBe(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '01-all-page-1-zh');

      // Say why, before any tap: a shift needing a skill I have not listed has no button.
      const page1 = await shiftIds(page);
      const seen = await walkPages(page, '下一页', (n) => new RegExp(`第 ${n} / ${pages} 页`));
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen.slice(0, PAGE_SIZE)).toEqual(page1);
      // The last page keeps the filter and offers the way back.
      expect(new URL(page.url()).searchParams.get('show')).toBe('all');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '02-all-last-page-zh');
      await page.getByRole('link', { name: '回到第一页' }).click();
      await page.waitForURL((url) => !url.searchParams.has('after'));
      await page
        .locator('.result-count')
        .filter({ hasText: `第 1 / ${pages} 页` })
        .waitFor();
      expect(await shiftIds(page)).toEqual(page1);

      // Somewhere in the list a shift needs a skill I lack: the card says so instead of offering
      // 加入候补 / 报名 that sign-up would refuse.
      let reasonCard = page.locator('article.shift-card').filter({
        has: page.locator('.shift-ineligible[data-reason="MISSING_SKILL"]'),
      });
      for (let n = 1; (await reasonCard.count()) === 0; n++) {
        expect(n).toBeLessThan(pages);
        await page.getByRole('link', { name: '下一页' }).click();
        await page.waitForURL((url) => url.searchParams.get('page') === String(n + 1));
        await page
          .locator('.result-count')
          .filter({ hasText: `第 ${n + 1} / ${pages} 页` })
          .waitFor();
        reasonCard = page.locator('article.shift-card').filter({
          has: page.locator('.shift-ineligible[data-reason="MISSING_SKILL"]'),
        });
      }
      const blocked = reasonCard.first();
      await blocked.scrollIntoViewIfNeeded();
      expect(await blocked.locator('.shift-ineligible').innerText()).toMatch(
        /^暂不能报名：该班次需要你的志愿者档案中没有的技能（.+）。/,
      );
      expect(await blocked.getByRole('button').count()).toBe(0);
      expect(await blocked.getByRole('link', { name: '更新我的技能' }).count()).toBe(1);
      await shot(page, '03-reason-up-front-zh');

      // The eligible list pages too, and only offers buttons.
      await page.goto(`${w.url}/shifts`);
      const eligibleTotal = await totalOf(page);
      const eligiblePages = Math.max(1, Math.ceil(eligibleTotal / PAGE_SIZE));
      const eligible =
        eligiblePages > 1
          ? await walkPages(page, '下一页', (n) => new RegExp(`第 ${n} / ${eligiblePages} 页`))
          : await shiftIds(page);
      expect(eligible).toHaveLength(eligibleTotal);
      expect(new Set(eligible).size).toBe(eligibleTotal);
      expect(eligibleTotal).toBeLessThan(total);
      expect(await page.locator('.shift-ineligible').count()).toBe(0);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });

    it('asks before giving up a waitlist place, and works without JavaScript', async () => {
      const context = await w.browser.newContext({
        locale: 'zh-CN',
        viewport: phone,
        javaScriptEnabled: false,
      });
      const page = await context.newPage();
      await w.signIn(page, 'volunteer.jianan');
      await page.waitForURL((url) => url.pathname === '/shifts');

      // Page 2 of the eligible list, reached by the plain link, then sign up there.
      const next = page.getByRole('link', { name: '下一页' });
      if ((await next.count()) > 0) {
        await next.click();
        await page.waitForURL((url) => url.searchParams.get('page') === '2');
      }
      const card = page
        .locator('main > ul.card-list article.shift-card')
        .filter({ has: page.getByRole('button', { name: /^(报名|加入候补)$/ }) })
        .first();
      const shiftId = await card.getAttribute('data-shift-id');
      const title = await card.locator('h3').innerText();
      await card.getByRole('button', { name: /^(报名|加入候补)$/ }).click();
      await page.locator('.outcome[role="status"]').waitFor();
      expect(await page.locator('.outcome[role="status"]').innerText()).toContain(title);

      await page.goto(`${w.url}/my/shifts`);
      const mine = page.locator(`article[data-shift-id="${shiftId}"]`);
      await mine.waitFor();
      // One tap opens the question; nothing is cancelled yet.
      const confirm = mine.getByRole('button', { name: '确定取消' });
      expect(await confirm.isVisible()).toBe(false);
      await mine.locator('summary', { hasText: '取消报名' }).click();
      await confirm.waitFor({ state: 'visible' });
      expect(await mine.locator('.cancel-confirm').innerText()).toMatch(
        /确定取消报名吗？你的名额将让给候补的志愿者。|确定放弃候补吗？你现在排在第 \d+ 位/,
      );
      expect(await confirm.getAttribute('aria-describedby')).toBeTruthy();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '04-cancel-confirm-zh');
      await page.reload();
      expect(await page.locator(`article[data-shift-id="${shiftId}"]`).count()).toBe(1);

      // The second tap cancels.
      await page.locator(`article[data-shift-id="${shiftId}"] summary`).click();
      await page
        .locator(`article[data-shift-id="${shiftId}"]`)
        .getByRole('button', { name: '确定取消' })
        .click();
      await page.locator('.outcome[role="status"]').waitFor();
      expect(await page.locator('.outcome[role="status"]').innerText()).toContain(
        `已取消报名：${title}`,
      );
      expect(await page.locator(`article[data-shift-id="${shiftId}"]`).count()).toBe(0);
      await context.close();
    });

    it('pages and gives the reason in English', async () => {
      const context = await w.browser.newContext({ locale: 'en-US', viewport: phone });
      const page = await context.newPage();
      await w.signIn(page, 'volunteer.jianan');
      await page.waitForURL((url) => url.pathname === '/shifts');
      await page.goto(`${w.url}/shifts?show=all`);
      const total = await totalOf(page);
      const pages = Math.ceil(total / PAGE_SIZE);
      expect(await page.locator('.result-count').innerText()).toContain(`Page 1 of ${pages}`);
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL((url) => url.searchParams.get('page') === '2');
      await page
        .locator('.result-count')
        .filter({ hasText: `Page 2 of ${pages}` })
        .waitFor();
      await page.getByRole('link', { name: 'Back to the first page' }).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
      expect(await page.locator('body').innerText()).not.toMatch(/下一页|回到第一页|暂不能报名/);

      // The reason up front, in English, wherever the first such shift is.
      const reason = page.locator('.shift-ineligible[data-reason="MISSING_SKILL"]');
      for (let n = 2; (await reason.count()) === 0; n++) {
        expect(n).toBeLessThan(pages);
        await page.getByRole('link', { name: 'Next page' }).click();
        await page.waitForURL((url) => url.searchParams.get('page') === String(n + 1));
        await page
          .locator('.result-count')
          .filter({ hasText: `Page ${n + 1} of ${pages}` })
          .waitFor();
      }
      await reason.first().scrollIntoViewIfNeeded();
      expect(await reason.first().innerText()).toMatch(
        /^You can’t sign up yet: this shift needs skills that are not in your volunteer profile \(.+\)\. Update my skills$/,
      );
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '05-all-page-2-en');
      await context.close();
    });
  },
);
