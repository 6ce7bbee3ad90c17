// The staff matching journey: the real web app (built, served by remix-serve) against a real API on
// the seeded demo, driven in Chromium. Staff of 建安 run the pairing plan (nothing ticked at first),
// tick all but one proposal, confirm them, see the coverage rise, and get the unticked volunteer
// proposed again; a proposal someone else confirmed meanwhile comes back refused beside its row; the page works in
// English on a phone. Screenshots go to the e2e artifacts folder.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { hasChromium, useWebApp, screenshotDir } from '../support/browser.js';

const w = useWebApp();

const shots = screenshotDir('matching');
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true });
}

async function coverageOf(page: Page): Promise<{ paired: number; volunteers: number }> {
  const coverage = page.getByTestId('coverage');
  return {
    paired: Number(await coverage.getAttribute('data-paired')),
    volunteers: Number(await coverage.getAttribute('data-volunteers')),
  };
}

const proposals = (page: Page) => page.locator('table.plan-table tbody tr');

async function openMatching(page: Page, username: string) {
  await w.signIn(page, username);
  await page.waitForURL((url) => url.pathname === '/staff');
  await page.goto(`${w.url}/staff/matching`);
  await page.getByTestId('coverage').waitFor();
}

const rawKey = /\b(matching|nav|skill|role|errorCode|error)\.[A-Za-z_]+/;

describe.skipIf(!hasChromium)('staff matching journey in Chromium', { timeout: 90_000 }, () => {
  it('runs the plan, confirms all but one, and proposes the unticked volunteer again', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: desktop });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      // Confirming nothing answers 400 on purpose (the page says so).
      if (m.type() === 'error' && !m.text().includes('status of 400')) consoleErrors.push(m.text());
    });
    await openMatching(page, 'staff.jianan');
    await page.getByRole('heading', { level: 1, name: /社工与志愿者结对匹配/ }).waitFor();
    const before = await coverageOf(page);
    // The demo pairs about two thirds of each community's volunteers.
    expect(before.volunteers).toBeGreaterThan(before.paired);
    expect(await page.locator('.load-list li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('body').innerText()).toContain('评分说明');
    await shot(page, '01-matching-zh');

    // Running the plan is a GET: nothing is saved.
    await page.getByRole('button', { name: '生成匹配建议' }).click();
    await page.waitForURL((url) => url.searchParams.get('run') === '1');
    await page.getByRole('heading', { level: 2, name: '匹配建议' }).waitFor();
    const rows = proposals(page);
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(2);
    expect(await coverageOf(page)).toEqual(before);
    // Nothing is ticked at first (so 确认所选 differs from 全部确认); each row has its score and the
    // parts of it.
    expect(await page.locator('input[name="pick"]:checked').count()).toBe(0);
    expect(await page.getByText('已选').innerText()).toContain(`已选 0 / ${count} 条`);
    await page.getByRole('button', { name: '确认所选' }).click();
    await page.getByRole('alert').filter({ hasText: '请至少勾选一条建议。' }).waitFor();
    expect(await coverageOf(page)).toEqual(before);
    await page.getByRole('button', { name: '全选 / 全不选' }).click();
    expect(await page.locator('input[name="pick"]:checked').count()).toBe(count);
    const first = rows.first();
    const parts = ['availability', 'capacity', 'sameGrid', 'skillFit'];
    let sum = 0;
    for (const part of parts) {
      const text = await first.locator(`[data-component="${part}"] .points`).innerText();
      sum += Number(text.replace(/[^\d-]/g, '') || 0);
    }
    expect(sum).toBe(Number(await first.getAttribute('data-total')));
    expect(await first.locator('[data-component="availability"]').innerText()).toMatch(
      /每周 [\d.]+ 小时|时间不重合|未填写时间/,
    );
    const planText = await page.locator('table.plan-table').innerText();
    // Matched specialties are translated (the demo pairs mostly by skill fit).
    expect(planText).toMatch(
      /老年社会工作|儿童社会工作|青少年社会工作|医务社会工作|社区发展|心理健康/,
    );
    expect(planText).not.toMatch(/ELDERLY|CHILDREN|MEDICAL|COMMUNITY_DEVELOPMENT/);
    expect(await page.getByText('已选').innerText()).toContain(`已选 ${count} / ${count} 条`);
    await shot(page, '02-plan-zh');

    // Untick the best-scoring proposal (it stays worth proposing once the others are paired).
    const totals = await rows.evaluateAll((trs) =>
      trs.map((tr) => Number(tr.getAttribute('data-total'))),
    );
    const keep = totals.indexOf(Math.max(...totals));
    const unticked = rows.nth(keep);
    const untickedId = await unticked.getAttribute('data-volunteer-id');
    await unticked.locator('input[name="pick"]').uncheck();
    expect(await page.locator('input[name="pick"]:checked').count()).toBe(count - 1);
    await shot(page, '03-unticked-zh');

    await page.getByRole('button', { name: '确认所选' }).click();
    const outcome = page.getByTestId('outcome');
    await outcome.waitFor();
    expect(Number(await outcome.getAttribute('data-created'))).toBe(count - 1);
    expect(Number(await outcome.getAttribute('data-refused'))).toBe(0);
    expect(await outcome.innerText()).toContain(`已建立 ${count - 1} 个结对。`);
    expect(await outcome.locator('tr[data-status="created"]').count()).toBe(count - 1);
    expect(await outcome.locator(`tr[data-volunteer-id="${untickedId}"]`).count()).toBe(0);
    const after = await coverageOf(page);
    expect(after).toEqual({ paired: before.paired + count - 1, volunteers: before.volunteers });
    await shot(page, '04-confirmed-zh');

    // Running the plan again proposes the volunteer left out.
    await page.getByRole('button', { name: '重新生成匹配建议' }).click();
    await page.waitForURL((url) => url.searchParams.get('run') === '1');
    await page.getByTestId('outcome').waitFor({ state: 'detached' });
    await page.locator(`table.plan-table tr[data-volunteer-id="${untickedId}"]`).waitFor();
    expect(await coverageOf(page)).toEqual(after);
    await shot(page, '05-rerun-zh');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('renders in English on a phone with no raw keys, and asks for a tick before confirming', async () => {
    const context = await w.browser.newContext({ locale: 'en-US', viewport: phone });
    const page = await context.newPage();
    await openMatching(page, 'staff.jianan');
    await page
      .getByRole('heading', { level: 1, name: /Pair volunteers with social workers/ })
      .waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '06-matching-en');

    await page.getByRole('button', { name: 'Run suggestions' }).click();
    await page.getByRole('heading', { level: 2, name: 'Suggested pairings' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('How the score works');
    expect(text).toMatch(/Pairing coverage/);
    expect(text).not.toMatch(rawKey);
    expect(text).not.toMatch(/TODO/);
    expect(text).not.toMatch(/匹配建议|评分说明|社工负荷|结对覆盖率/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '07-plan-en');

    // With JavaScript, one button ticks every proposal and clears them again; confirming nothing is
    // refused on the page.
    const picks = page.locator('input[name="pick"]');
    const count = await picks.count();
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await page.locator('input[name="pick"]:checked').count()).toBe(0);
    await page.getByRole('button', { name: 'Select all / none' }).click();
    expect(await page.locator('input[name="pick"]:checked').count()).toBe(count);
    await page.getByRole('button', { name: 'Select all / none' }).click();
    expect(await page.locator('input[name="pick"]:checked').count()).toBe(0);
    const paired = (await coverageOf(page)).paired;
    await page.getByRole('button', { name: 'Confirm selected' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tick at least one suggestion.' }).waitFor();
    expect(await page.locator('input[name="pick"]:checked').count()).toBe(0);
    expect((await coverageOf(page)).paired).toBe(paired);
    expect(await page.locator('body').innerText()).not.toMatch(rawKey);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '08-nothing-selected-en');
    await context.close();
  });

  it('shows a proposal someone else confirmed meanwhile as refused, beside its row', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    await openMatching(page, 'staff.jianan');
    await page.getByRole('button', { name: '生成匹配建议' }).click();
    await page.getByRole('heading', { level: 2, name: '匹配建议' }).waitFor();
    const rows = proposals(page);
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(1);
    const taken = rows.first();
    const volunteerId = await taken.getAttribute('data-volunteer-id');
    const socialWorkerId = await taken.getAttribute('data-social-worker-id');
    const before = await coverageOf(page);

    // Another member of staff confirms the same pair through the API first.
    const token = await w.api.login('staff.jianan', DEMO_PASSWORD);
    const communityId = await page.locator('input[name="communityId"]').inputValue();
    const other = await w.api.gql(
      `mutation($input: ConfirmPairingsInput!) {
        confirmPairings(input: $input) { pairings { id } errors { code } }
      }`,
      { input: { communityId, proposals: [{ socialWorkerId, volunteerId }] } },
      token,
    );
    expect(other.data?.confirmPairings).toEqual({
      pairings: [{ id: expect.any(String) }],
      errors: [],
    });

    await page.getByRole('button', { name: '全部确认' }).click();
    const outcome = page.getByTestId('outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('role')).toBe('alert');
    expect(Number(await outcome.getAttribute('data-created'))).toBe(count - 1);
    expect(Number(await outcome.getAttribute('data-refused'))).toBe(1);
    const refused = outcome.locator(`tr[data-volunteer-id="${volunteerId}"]`);
    expect(await refused.getAttribute('data-status')).toBe('refused');
    expect(await refused.innerText()).toContain('该志愿者已经结对');
    expect(await coverageOf(page)).toEqual({
      paired: before.paired + count,
      volunteers: before.volunteers,
    });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '09-refused-zh');
    await context.close();
  });

  it('works without JavaScript: plain GET to run, plain form post to confirm', async () => {
    const context = await w.browser.newContext({
      locale: 'zh-CN',
      viewport: phone,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await openMatching(page, 'staff.yangguang');
    const before = await coverageOf(page);
    await page.getByRole('button', { name: '生成匹配建议' }).click();
    await page.getByRole('heading', { level: 2, name: '匹配建议' }).waitFor();
    // No JavaScript, no select-all toggle; nothing is ticked, and confirming the ticked ones says so.
    expect(await page.getByRole('button', { name: '全选 / 全不选' }).count()).toBe(0);
    const count = await proposals(page).count();
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await page.locator('input[name="pick"]:checked').count()).toBe(0);
    await page.getByRole('button', { name: '确认所选' }).click();
    await page.getByRole('alert').filter({ hasText: '请至少勾选一条建议。' }).waitFor();
    expect(await coverageOf(page)).toEqual(before);
    await page.getByRole('button', { name: '全部确认' }).click();
    const outcome = page.getByTestId('outcome');
    await outcome.waitFor();
    expect(Number(await outcome.getAttribute('data-created'))).toBe(count);
    expect(await coverageOf(page)).toEqual({
      paired: before.paired + count,
      volunteers: before.volunteers,
    });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '11-no-js-zh');
    await context.close();
  });

  it('lets the office pick a community, and refuses the page to volunteers', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    await w.signIn(page, 'admin');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.goto(`${w.url}/staff/matching`);
    await page.getByText('请选择要匹配的社区。').waitFor();
    await page.getByLabel('社区', { exact: true }).selectOption({ label: '阳光社区' });
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByTestId('coverage').waitFor();
    expect(new URL(page.url()).searchParams.get('community')).toBeTruthy();
    await page.getByRole('button', { name: '生成匹配建议' }).click();
    await page.waitForURL((url) => url.searchParams.get('run') === '1');
    await page.getByRole('heading', { level: 2, name: '匹配建议' }).waitFor();
    expect(new URL(page.url()).searchParams.get('community')).toBeTruthy();
    await shot(page, '10-admin-zh');
    await context.close();

    const volunteer = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const vpage = await volunteer.newPage();
    await w.signIn(vpage, 'volunteer.jianan');
    await vpage.waitForURL((url) => url.pathname === '/shifts');
    const response = await vpage.goto(`${w.url}/staff/matching`);
    expect(response?.status()).toBe(403);
    expect(await vpage.locator('body').innerText()).toContain('你没有查看此页面的权限');
    await volunteer.close();
  });
});
