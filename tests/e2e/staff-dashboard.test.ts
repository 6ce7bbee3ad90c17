// The community worker's start page and report downloads: the real web app (built, served by
// remix-serve) against a real API on the seeded demo, driven in Chromium. Screenshots go to the
// artifacts folder (see screenshotDir).
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

const shots = screenshotDir('staff-dashboard');
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

/** The four charts have drawn their SVG after hydration. */
async function chartsDrawn(page: Page) {
  for (const id of ['chart-categories', 'chart-hours', 'chart-shifts', 'chart-coverage']) {
    await page.locator(`[data-testid="${id}"] svg.recharts-surface`).first().waitFor();
  }
}

const DASHBOARD = `{ dashboard {
  pendingReviews { total } laggingUnits unitCount pairingCoverage { volunteers paired }
  hoursByMonth { hours } categories { commitmentCount }
} }`;

describe.skipIf(!hasChromium)('staff dashboard in Chromium', { timeout: 90_000 }, () => {
  it('lands on the dashboard with its figures and charts, in Chinese then English', async () => {
    const token = await w.api.login('staff.jianan', DEMO_PASSWORD);
    const api = await w.api.gql(DASHBOARD, {}, token);
    expect(api.errors).toBeUndefined();
    const figures = api.data!.dashboard;
    // The demo has something to show, so the charts are really drawn.
    expect(figures.categories.some((c: { commitmentCount: number }) => c.commitmentCount > 0)).toBe(
      true,
    );
    expect(figures.pairingCoverage.volunteers).toBeGreaterThan(0);

    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: desktop });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    const tile = (id: string) => page.locator(`[data-testid="${id}"] .stat-value`).innerText();
    expect(await tile('tile-pending')).toBe(String(figures.pendingReviews.total));
    expect(await tile('tile-lagging')).toBe(String(figures.laggingUnits));
    expect(await page.locator('[data-testid="tile-lagging"]').innerText()).toContain(
      `共 ${figures.unitCount} 个单位`,
    );
    expect(await page.locator('[data-testid="coverage-summary"]').innerText()).toContain(
      `${figures.pairingCoverage.volunteers} 名志愿者中 ${figures.pairingCoverage.paired} 名已与社工结对`,
    );
    await expect
      .poll(() => page.locator('[data-testid="tile-pending"] a[href="/staff/review"]').count())
      .toBe(1);
    // Summary first: the few slowest lagging units, every standing and the full tables one link away.
    expect(await page.locator('[data-testid="lagging-list"] li').count()).toBe(
      Math.min(5, figures.laggingUnits),
    );
    expect(await page.locator('main a[href^="/staff/units/standings"]').count()).toBe(1);
    expect(await page.locator('main a[href^="/staff/figures"]').count()).toBe(2);
    expect(await page.locator('[data-testid="months-table"]').count()).toBe(0);
    await chartsDrawn(page);
    const zhText = await page.locator('body').innerText();
    expect(zhText).toContain('建安社区');
    expect(zhText).not.toMatch(rawMessageKey);
    await shot(page, '01-dashboard-zh');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await chartsDrawn(page);
    const enText = await page.locator('body').innerText();
    expect(enText).toContain('Waiting for review');
    expect(enText).toContain(`of ${figures.unitCount} units`);
    expect(enText).not.toMatch(rawMessageKey);
    expect(enText).not.toMatch(/\b(dashboard|reports|measure|measureUnit|nav)\.[a-zA-Z.]+\b/);
    await shot(page, '02-dashboard-en');

    await page.setViewportSize(phone);
    await chartsDrawn(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // Summary first in English too (the longer language): under 4,000 px on a phone.
    expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeLessThan(4000);
    expect(enText).toContain('should be done by now');
    await shot(page, '03-dashboard-en-phone');
    await page.screenshot({ path: path.join(shots, '03-dashboard-en-phone-top.png') });
    await page.locator('[data-testid="chart-categories"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, '03-dashboard-en-phone-chart.png') });

    expect(await page.content()).not.toContain('gj_');
    // The choice is kept on the account: switch back so the next sign-in opens in Chinese.
    await page.getByRole('button', { name: '中文' }).click();
    await waitForExpression(page, "document.documentElement.lang === 'zh-CN'");
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('lets the office pick the whole sub-district or one community', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: desktop });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await w.signIn(page, 'admin');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    expect(await page.locator('[data-testid="dashboard-scope"]').innerText()).toContain(
      '青山街道全街道',
    );
    await chartsDrawn(page);
    const allUnits = await page.locator('[data-testid="tile-lagging"] .muted').innerText();
    await page.getByLabel('社区').selectOption({ label: '建安社区' });
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.has('community'));
    await page.locator('[data-testid="dashboard-scope"]', { hasText: '建安社区' }).waitFor();
    await chartsDrawn(page);
    expect(await page.locator('[data-testid="tile-lagging"] .muted').innerText()).not.toBe(
      allUnits,
    );
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
    await shot(page, '05-dashboard-admin-jianan');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('stays short on a phone, and opens a unit’s page from its name', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await chartsDrawn(page);
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    expect(height).toBeLessThan(4000);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.locator('body').innerText()).toContain('至今应完成量');
    await shot(page, '06-dashboard-zh-phone');

    // Every standing, paged, each unit name a link to its page.
    await page.locator('[data-testid="standings-link"]').click();
    await page.waitForURL((url) => url.pathname === '/staff/units/standings');
    await page.getByRole('heading', { level: 1, name: '单位排名' }).waitFor();
    const rows = page.locator('[data-testid="standings-table"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThanOrEqual(25);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
    await shot(page, '07-standings-zh-phone');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();

    // A unit's page from its name on the dashboard.
    const link = page.locator('[data-testid="lagging-list"] a').first();
    const name = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL(
      (url) => url.pathname.startsWith('/staff/units/') && !url.pathname.endsWith('/standings'),
    );
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const unitText = await page.locator('main').innerText();
    expect(unitText).toContain('后进');
    expect(unitText).toContain('本单位志愿者');
    expect(unitText).not.toMatch(rawMessageKey);
    expect(await page.locator('[data-testid="unit-commitments"] > li').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '08-unit-zh-phone');

    // The full tables, and a unit of another community is refused.
    await page.goto(`${w.url}/staff/figures`);
    expect(await page.locator('[data-testid="months-table"] tbody tr').count()).toBe(12);
    expect(await page.locator('[data-testid="categories-table"] tbody tr').count()).toBeGreaterThan(
      0,
    );
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const admin = await w.api.login('admin', DEMO_PASSWORD);
    const others = await w.api.gql(
      '{ unitStandings { unit { id community { name } } } }',
      {},
      admin,
    );
    const foreign = others.data!.unitStandings.find(
      (r: { unit: { community: { name: string } } }) => r.unit.community.name !== '建安社区',
    );
    const refused = await page.request.get(
      `${w.url}/staff/units/${encodeURIComponent(foreign.unit.id)}`,
    );
    expect(refused.status()).toBe(403);

    expect(await page.content()).not.toContain('gj_');
    expect(consoleErrors.filter((e) => !e.includes('403'))).toEqual([]);
    await context.close();
  });

  it('lists the reports and downloads staffing and co-building xlsx through the web server', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: desktop });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('navigation').getByRole('link', { name: '报表' }).click();
    await page.waitForURL((url) => url.pathname === '/staff/reports');
    await page.getByRole('heading', { level: 1, name: '报表下载' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('共驻共建年度报告');
    expect(text).toContain('社区工作者配备情况');
    expect(text).not.toMatch(rawMessageKey);
    expect(await page.locator('main a[href="/communities"]').count()).toBe(1);
    await shot(page, '04-reports-zh');

    for (const id of ['download-staffing-xlsx', 'download-co-building-xlsx']) {
      const href = await page.locator(`[data-testid="${id}"]`).getAttribute('href');
      const response = await page.request.get(`${w.url}${href}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('spreadsheetml');
      expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
      expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
    }
    const csv = await page.request.get(`${w.url}/staff/reports/staffing?format=csv`);
    expect(csv.status()).toBe(200);
    // Headers in the page's language only (and the language passed on follows the page).
    expect((await csv.text()).replace(/^\uFEFF/, '')).toMatch(/^社区,户数,/);
    const csvHref = await page
      .locator('[data-testid="download-co-building-csv"]')
      .getAttribute('href');
    expect(csvHref).toContain('lang=zh-CN');
    const coBuilding = await page.request.get(`${w.url}${csvHref}`);
    expect(coBuilding.status()).toBe(200);
    const coBuildingText = (await coBuilding.text()).replace(/^\uFEFF/, '');
    expect(coBuildingText).toMatch(/^名次,单位,社区,类型,单位履约率,进度达成率,后进,类别,/);
    expect(coBuildingText).not.toMatch(/\b(hardship|Rank|Unit rate)\b/);
    const english = await page.request.get(`${w.url}${csvHref!.replace('lang=zh-CN', 'lang=en')}`);
    expect((await english.text()).replace(/^\uFEFF/, '')).toMatch(/^Rank,Unit,Community,Kind,/);

    // The form downloads too (no JavaScript needed): a CSV of the co-building report.
    await page.locator('#co-building-format').selectOption('csv');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('form[action="/staff/reports/co-building"] button[type="submit"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    // Without a session the download sends to the login page.
    const signedOut = await w.browser.newContext();
    const anonymous = await signedOut.request.get(`${w.url}/staff/reports/staffing?format=xlsx`, {
      maxRedirects: 0,
    });
    expect(anonymous.status()).toBe(302);
    await signedOut.close();

    expect(await page.content()).not.toContain('gj_');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
