// The volunteer's forms on a phone (390 × 844) in Chromium: registration answers every problem at
// once in a summary that takes the focus, the profile's free time is added one slot at a time with
// the save notice where the volunteer is, and My shifts offers the calendar link to copy or open
// as webcal: and the hours still missing to the next star.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import {
  hasChromium,
  rawMessageKey,
  screenshotDir,
  useWebApp,
  waitForExpression,
} from '../support/browser.js';

const w = useWebApp();
const shots = screenshotDir('volunteer-forms');
const phone = { width: 390, height: 844 };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** Whether the element is wholly inside the window the volunteer sees. */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const box = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  })()`);
}

const focusedClass = (page: Page) =>
  page.evaluate<string>("document.activeElement?.className ?? ''");
const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

describe.skipIf(!hasChromium)('volunteer forms in Chromium on a phone', { timeout: 90_000 }, () => {
  it('lists every problem of an empty registration at once, in a focused summary', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    await page.goto(`${w.url}/register`);
    await page.getByRole('button', { name: '注册并登录' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await waitForExpression(page, "document.activeElement?.classList.contains('error-summary')");
    expect(await summary.getByRole('heading').innerText()).toBe('请先修正以下问题');
    expect(await summary.locator('li').allInnerTexts()).toEqual([
      '请填写用户名。',
      '请填写密码。',
      '请填写真实姓名。',
      '请填写手机号码。',
      '请选择所在社区。',
    ]);
    // Each item links to its field; each field says it is invalid and what is wrong.
    expect(await summary.locator('a').first().getAttribute('href')).toBe('#username');
    for (const id of ['username', 'password', 'displayName', 'phone', 'communityId']) {
      const field = page.locator(`#${id}`);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(`${id}-error`);
    }
    expect(await page.locator('#username-error').innerText()).toBe('请填写用户名。');
    await shot(page, '01-register-empty-zh');

    // A short name, two different passwords: both said at once, the bound from the API.
    await page.getByLabel('用户名').fill('ab');
    await page.getByLabel('密码', { exact: true }).fill('Gongjian@2026');
    await page.getByLabel('再次输入密码').fill('Gongjian@2027');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await waitForExpression(
      page,
      "document.querySelector('#username-error')?.textContent?.includes('至少')",
    );
    const items = await summary.locator('li').allInnerTexts();
    expect(items).toContain('至少 3 个字符。');
    expect(items).toContain('两次输入的密码不一致。');
    expect(await focusedClass(page)).toContain('error-summary');
    expect(await page.locator('#password').getAttribute('aria-invalid')).toBeNull();
    await context.close();
  });

  it('says the problems in English too, and focuses the summary without JavaScript', async () => {
    const context = await w.browser.newContext({
      locale: 'en-US',
      viewport: phone,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${w.url}/register`);
    await page.getByLabel('Username').fill('ab');
    await page.getByRole('button', { name: 'Sign up and sign in' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading').innerText()).toBe('There is a problem');
    const items = await summary.locator('li').allInnerTexts();
    expect(items[0]).toBe('At least 3 characters.');
    expect(items).toContain('Fill in “Real name”.');
    expect(items).toContain('Choose an option for “Your community”.');
    expect(items.join(' ')).not.toMatch(rawMessageKey);
    // `autofocus` put the focus on the summary as the page loaded.
    expect(await focusedClass(page)).toContain('error-summary');
    await shot(page, '02-register-nojs-en');
    await context.close();
  });

  it('adds a free-time slot, marks the end of one ending before it starts, and saves in view', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    await w.signIn(page, 'volunteer.jianan');
    await page.waitForURL((url) => url.pathname === '/shifts');
    await page.goto(`${w.url}/my/profile`);
    await page.getByRole('heading', { level: 1, name: '我的志愿者资料' }).waitFor();
    // A handful of inputs, not 42.
    expect(await page.locator('input[type="time"]').count()).toBe(2);

    await page.locator('#slot-day').selectOption({ label: '星期三' });
    await page.locator('#slot-start').fill('09:00');
    await page.locator('#slot-end').fill('11:30');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    const notice = page.locator('.notice.outcome');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('已添加时间段。');
    await expect.poll(() => inViewport(page, '.notice.outcome')).toBe(true);
    await expect.poll(() => focusedClass(page)).toContain('notice');
    const slots = page.locator('.slot-list');
    expect(await slots.innerText()).toMatch(/星期三\s*09:00–11:30/);
    // The form is empty again for the next slot.
    expect(await page.locator('#slot-start').inputValue()).toBe('');
    await shot(page, '03-profile-slot-added-zh');

    await page.locator('#slot-day').selectOption({ label: '星期五' });
    await page.locator('#slot-start').fill('15:00');
    await page.locator('#slot-end').fill('14:00');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.locator('#slot-end-error').waitFor();
    expect(await page.locator('#slot-end-error').innerText()).toBe('结束时间必须晚于开始时间。');
    expect(await page.locator('#slot-end').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#slot-start').getAttribute('aria-invalid')).toBeNull();
    // What was typed stays, and the summary beside the form has the focus.
    expect(await page.locator('#slot-end').inputValue()).toBe('14:00');
    await expect.poll(() => focusedClass(page)).toContain('error-summary');
    await expect.poll(() => inViewport(page, '.error-summary')).toBe(true);
    expect(await slots.innerText()).not.toContain('15:00');
    await shot(page, '04-profile-slot-refused-zh');

    // Removing a slot asks for no more than its button.
    await page.getByRole('button', { name: '删除 星期三 09:00–11:30' }).click();
    await page.getByText('已删除时间段。').waitFor();
    expect(await page.locator('#availability').innerText()).not.toContain('09:00–11:30');

    // Saving the details shows the notice beside the save button, in view, with the focus.
    await page.getByLabel('真实姓名').fill('王建安');
    await page.getByRole('button', { name: '保存资料' }).click();
    await page.getByText('资料已保存。').waitFor();
    await expect.poll(() => inViewport(page, '.notice.outcome')).toBe(true);
    await expect.poll(() => focusedClass(page)).toContain('notice');
    expect(await overflow(page)).toBe(0);
    await shot(page, '05-profile-saved-zh');
    await context.close();
  });

  it('offers the calendar link to copy or open with webcal:, and the hours to the next star', async () => {
    const token = await w.api.login('volunteer.jianan', DEMO_PASSWORD);
    const res = await w.api.gql(
      '{ myVolunteerProfile { nextStar { level hoursNeeded } } }',
      {},
      token,
    );
    const next = res.data!.myVolunteerProfile.nextStar as { level: number; hoursNeeded: number };
    expect(next).not.toBeNull();

    for (const [locale, text] of [
      ['zh-CN', `再服务 ${new Intl.NumberFormat('zh-CN').format(next.hoursNeeded)} 小时达到`],
      ['en-US', `${new Intl.NumberFormat('en').format(next.hoursNeeded)} more hour`],
    ] as const) {
      const context = await w.browser.newContext({ locale, viewport: phone });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: w.url });
      const page = await context.newPage();
      await w.signIn(page, 'volunteer.jianan');
      await page.waitForURL((url) => url.pathname === '/shifts');
      await page.goto(`${w.url}/my/shifts`);
      const progress = page.locator('.next-star');
      await progress.waitFor();
      expect(await progress.innerText()).toContain(text);
      expect(await progress.locator('.stars').innerText()).toBe('★'.repeat(next.level));

      await page
        .getByRole('button', { name: locale === 'en-US' ? /calendar link/i : '获取我的日历链接' })
        .click();
      const url = page.locator('#calendar-url');
      await url.waitFor();
      const feed = await url.innerText();
      expect(feed).toMatch(/^https?:\/\/.+/);
      const webcal = page.getByRole('link', {
        name: locale === 'en-US' ? 'Subscribe in your calendar app' : '在日历应用中订阅',
      });
      expect(await webcal.getAttribute('href')).toBe(feed.replace(/^https?:/, 'webcal:'));
      await page
        .getByRole('button', { name: locale === 'en-US' ? 'Copy link' : '复制链接' })
        .click();
      await page.getByText(locale === 'en-US' ? 'Link copied.' : '链接已复制。').waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(feed);
      expect(await page.locator('main').innerText()).not.toMatch(rawMessageKey);
      expect(await overflow(page)).toBe(0);
      await shot(page, `06-calendar-${locale}`);
      await context.close();
    }
  });
});
