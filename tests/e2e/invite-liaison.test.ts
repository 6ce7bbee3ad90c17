// Inviting a new unit's liaison, in Chromium on a phone: staff of the community find a unit that
// has no liaison account, create its invitation link and copy it; the liaison opens the link in a
// browser of their own (English, without JavaScript), chooses a username and password and lands
// on their unit signed in; the link then says it was used. Without JavaScript the staff page shows
// the link as text to select, and no copy button that could not work.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Community } from '../../api/src/modules/directory/community.entity.js';
import { hasChromium, rawMessageKey, screenshotDir, useWebApp } from '../support/browser.js';
import { makeUnit } from '../support/factories.js';

const w = useWebApp();
const shots = screenshotDir('invite-liaison');
const phone = { width: 390, height: 844 };

async function newUnitOfJianan(name: string) {
  const community = await w.api.orm.em.fork().findOneOrFail(Community, { code: 'jianan' });
  return makeUnit(w.api.orm, community, {
    name,
    liaisonName: '周新',
    liaisonPhone: '13912340000',
  });
}

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return errors;
}

const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

/** The row of the unit named `name` on /staff/units. */
const rowOf = (page: Page, name: string) =>
  page.locator('tr', { has: page.getByRole('rowheader', { name }) });

describe.skipIf(!hasChromium)('inviting a unit’s liaison', { timeout: 120_000 }, () => {
  it('staff invite and copy the link; the liaison sets up the account once', async () => {
    const unitName = `青山新材料有限公司${Date.now() % 100000}`;
    const unit = await newUnitOfJianan(unitName);

    // Staff, in Chinese, with JavaScript.
    const staff = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    await staff.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: w.url });
    const page = await staff.newPage();
    const staffErrors = watchConsole(page);
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${w.url}/staff/units?q=${encodeURIComponent(unitName)}`);
    const row = rowOf(page, unitName);
    await expect(row.locator('[data-liaison-status]').innerText()).resolves.toBe('未开通账号');
    await row.getByText('邀请联络员').click();
    await expect(row.getByLabel('联络员姓名').inputValue()).resolves.toBe('周新');
    await row.getByRole('button', { name: '生成邀请链接' }).click();

    const outcome = page.locator('.invite-outcome');
    await outcome.waitFor();
    const link = (await outcome.locator('[data-invite-link]').innerText()).trim();
    expect(link).toMatch(
      new RegExp(`^${w.api.app.config.publicWebUrl.replace(/\/+$/, '')}/invite/[\\w-]{43}$`),
    );
    expect(await outcome.innerText()).toContain(`分配的用户名 unit${unit.id}`);
    await outcome.getByRole('button', { name: '复制链接' }).click();
    await outcome.getByText('已复制。').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(link);
    // The row now says the liaison is invited.
    await expect(rowOf(page, unitName).locator('[data-liaison-status]').innerText()).resolves.toBe(
      '已邀请，尚未开通',
    );
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(shots, '01-staff-link-zh.png'), fullPage: true });

    // The liaison, in English, in a browser of their own without JavaScript.
    const liaison = await w.browser.newContext({
      locale: 'en',
      viewport: phone,
      javaScriptEnabled: false,
    });
    const own = await liaison.newPage();
    const inviteUrl = `${w.url}${new URL(link).pathname}`;
    await own.goto(inviteUrl);
    await own.getByRole('heading', { name: 'Set up your liaison account' }).waitFor();
    expect(await own.locator('main').innerText()).toContain(unitName);
    expect(await own.getByLabel('Username').inputValue()).toBe(`unit${unit.id}`);
    expect(await overflow(own)).toBeLessThanOrEqual(1);
    await own.screenshot({ path: path.join(shots, '02-invite-en.png'), fullPage: true });

    // A mismatch is said beside the field and changes nothing.
    const username = `zhouxin${unit.id}`;
    await own.getByLabel('Username').fill(username);
    await own.getByLabel('Password', { exact: true }).fill('Zhou-xin-2026');
    await own.getByLabel('Password again').fill('Zhou-xin-2027');
    await own.getByRole('button', { name: 'Set up the account and sign in' }).click();
    await own.getByText('The two passwords are not the same.').waitFor();
    expect(await own.getByLabel('Username').inputValue()).toBe(username);

    await own.getByLabel('Password', { exact: true }).fill('Zhou-xin-2026');
    await own.getByLabel('Password again').fill('Zhou-xin-2026');
    await own.getByRole('button', { name: 'Set up the account and sign in' }).click();
    await own.waitForURL((url) => url.pathname === '/unit');
    // Signed in as the unit's liaison: the header says the role, the page is their unit's.
    expect(await own.locator('header').first().innerText()).toContain('Resident unit liaison');
    expect(await own.locator('main').innerText()).toContain(unitName);
    expect(await own.locator('body').innerText()).not.toMatch(rawMessageKey);
    await own.screenshot({ path: path.join(shots, '03-unit-en.png'), fullPage: true });

    // The link works once: opening it again says so, in either language.
    await own.goto(inviteUrl);
    await own.getByRole('heading', { name: 'Invitation already used' }).waitFor();
    expect(await own.locator('main').innerText()).not.toContain(unitName);
    const again = await page.context().newPage();
    await again.goto(inviteUrl);
    await again.getByRole('heading', { name: '邀请链接已使用' }).waitFor();
    await again.screenshot({ path: path.join(shots, '04-used-zh.png'), fullPage: true });

    // The staff page now shows the account as active, with no invite action.
    await page.reload();
    const done = rowOf(page, unitName);
    await expect(done.locator('[data-liaison-status]').innerText()).resolves.toBe('账号已开通');
    expect(await done.getByText('邀请联络员').count()).toBe(0);
    expect(staffErrors).toEqual([]);
    await liaison.close();
    await staff.close();
  });

  it('without JavaScript the staff page shows the link as text, and no copy button', async () => {
    const unitName = `青山物流中心${Date.now() % 100000}`;
    await newUnitOfJianan(unitName);
    const context = await w.browser.newContext({
      locale: 'zh-CN',
      viewport: phone,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${w.url}/staff/units?q=${encodeURIComponent(unitName)}`);
    const row = rowOf(page, unitName);
    await row.getByText('邀请联络员').click();
    await row.getByRole('button', { name: '生成邀请链接' }).click();
    const outcome = page.locator('.invite-outcome');
    await outcome.waitFor();
    expect(await outcome.locator('[data-invite-link]').innerText()).toMatch(/\/invite\/[\w-]{43}$/);
    expect(await outcome.getByRole('button', { name: '复制链接' }).count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await context.close();
  });
});
