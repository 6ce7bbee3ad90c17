// The community worker's review queue and unit directory, in Chromium on a phone (390 × 844),
// against the real API on the seeded demo. Screenshots go to the e2e artifacts folder.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { shanghaiDate } from '../../api/src/graphql/dates.js';
import { hasChromium, screenshotDir, useWebApp, waitForExpression } from '../support/browser.js';

const w = useWebApp();

const shots = screenshotDir('staff-review');
const phone = { width: 390, height: 844 };

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true });
}

let liaisonToken: string;
let staffToken: string;

/** A commitment of liaison.jianan's unit, submitted for review through the API. */
async function submittedCommitment(title: string, targetAmount = 3): Promise<string> {
  const who = await w.api.gql<{
    viewer: { unit: { id: string } };
    commitmentCategories: { id: string }[];
  }>('{ viewer { unit { id } } commitmentCategories { id } }', {}, liaisonToken);
  const today = shanghaiDate();
  const end = new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const created = await w.api.gql<{
    createCommitment: { commitment: { id: string; status: string } | null; errors: unknown[] };
  }>(
    `mutation($input: CreateCommitmentInput!) {
      createCommitment(input: $input) { commitment { id status } errors { code field message } }
    }`,
    {
      input: {
        unitId: who.data!.viewer.unit.id,
        categoryId: who.data!.commitmentCategories[0]!.id,
        title,
        description: '每月为社区老人提供一次义诊（浏览器测试）',
        measure: 'EVENTS',
        targetAmount,
        periodStart: today,
        periodEnd: end,
        submit: true,
      },
    },
    liaisonToken,
  );
  expect(created.data?.createCommitment.errors).toEqual([]);
  expect(created.data?.createCommitment.commitment?.status).toBe('SUBMITTED');
  return created.data!.createCommitment.commitment!.id;
}

async function statusOf(id: string): Promise<string> {
  const res = await w.api.gql<{ commitment: { status: string } }>(
    'query($id: ID!) { commitment(id: $id) { status } }',
    { id },
    staffToken,
  );
  return res.data!.commitment.status;
}

async function unitNamed(name: string): Promise<number> {
  const res = await w.api.gql<{ units: { totalCount: number } }>(
    'query($search: String) { units(filter: { search: $search }) { totalCount } }',
    { search: name },
    staffToken,
  );
  return res.data!.units.totalCount;
}

/** Is the element's top inside the window (the page came back to it, not to the top)? */
async function topInView(page: Page, selector: string): Promise<boolean> {
  await page.locator(selector).waitFor();
  return page.evaluate<boolean>(`(() => {
    const top = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect().top;
    return top > -2 && top < window.innerHeight - 40;
  })()`);
}

/** An accepted commitment with `count` fulfilment records waiting for verification. */
async function pendingRecords(title: string, count: number): Promise<string> {
  const id = await submittedCommitment(title, 1000);
  const accepted = await w.api.gql<{ reviewCommitment: { errors: unknown[] } }>(
    'mutation($id: ID!) { reviewCommitment(input: { id: $id, decision: ACCEPT }) { errors { code } } }',
    { id },
    staffToken,
  );
  expect(accepted.data?.reviewCommitment.errors).toEqual([]);
  for (let i = 0; i < count; i++) {
    const recorded = await w.api.gql<{ recordFulfilment: { errors: unknown[] } }>(
      `mutation($input: RecordFulfilmentInput!) {
        recordFulfilment(input: $input) { errors { code field message } }
      }`,
      { input: { commitmentId: id, amount: 1, date: shanghaiDate(), note: `第 ${i + 1} 次` } },
      liaisonToken,
    );
    expect(recorded.data?.recordFulfilment.errors).toEqual([]);
  }
  return id;
}

async function staffPage(locale = 'zh-CN', javaScriptEnabled = true, username = 'staff.jianan') {
  const context = await w.browser.newContext({ locale, viewport: phone, javaScriptEnabled });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // A refused form post answers 400 on purpose (the errors are on the page).
    if (m.type() === 'error' && !m.text().includes('status of 400')) consoleErrors.push(m.text());
  });
  await w.signIn(page, username);
  await page.waitForURL((url) => url.pathname !== '/login');
  return { context, page, consoleErrors };
}

beforeAll(async () => {
  if (!hasChromium) return;
  liaisonToken = await w.api.login('liaison.jianan', DEMO_PASSWORD);
  staffToken = await w.api.login('staff.jianan', DEMO_PASSWORD);
}, 60_000);

describe.skipIf(!hasChromium)('staff review and unit directory in Chromium on a phone', () => {
  it(
    'refuses a rejection without a reason beside the field, then rejects with one',
    {
      timeout: 90_000,
    },
    async () => {
      const title = `浏览器测试待审承诺 ${Date.now()}`;
      const id = await submittedCommitment(title);
      const { context, page, consoleErrors } = await staffPage();
      await page.goto(`${w.url}/staff/review`);
      await page.getByRole('heading', { level: 1, name: '待审核事项' }).waitFor();
      const item = page.locator(`article[data-review-kind="commitment"][data-id="${id}"]`);
      await item.waitFor();
      const text = await item.innerText();
      expect(text).toContain(title);
      expect(text).toContain('每月为社区老人提供一次义诊');
      expect(text).toMatch(/3 场/);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await item.scrollIntoViewIfNeeded();
      await shot(page, '01-review-queue-zh');

      // No reason: the API's REQUIRED error beside the textarea, nothing changed.
      await item.getByRole('button', { name: '驳回' }).click();
      const error = page.locator(`[id="reason-${id}-error"]`);
      await error.waitFor();
      expect(await error.innerText()).toBe('请填写此项。');
      const reason = item.getByLabel('审核意见（驳回时必填）');
      expect(await reason.getAttribute('aria-invalid')).toBe('true');
      expect(await reason.getAttribute('aria-describedby')).toBe(`reason-${id}-error`);
      expect(await statusOf(id)).toBe('SUBMITTED');
      await item.scrollIntoViewIfNeeded();
      await shot(page, '02-reject-needs-reason-zh');

      // With a reason it is rejected and leaves the queue.
      await reason.fill('目标数量与单位规模不符，请调整后重新提交。');
      await item.getByRole('button', { name: '驳回' }).click();
      await page.waitForURL((url) => url.searchParams.get('done') === 'commitmentRejected');
      expect(await page.locator('.notice[role="status"]').innerText()).toContain(`已驳回承诺：`);
      expect(await page.locator('.notice[role="status"]').innerText()).toContain(title);
      expect(await item.count()).toBe(0);
      expect(await statusOf(id)).toBe('REJECTED');
      await shot(page, '03-rejected-zh');
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
  );

  it('says clearly when someone else decided first', { timeout: 90_000 }, async () => {
    const title = `浏览器测试并发审核 ${Date.now()}`;
    const id = await submittedCommitment(title);
    const { context, page } = await staffPage();
    await page.goto(`${w.url}/staff/review`);
    const item = page.locator(`article[data-review-kind="commitment"][data-id="${id}"]`);
    await item.waitFor();
    // Another worker accepts it meanwhile.
    const other = await w.api.gql<{ reviewCommitment: { errors: unknown[] } }>(
      'mutation($id: ID!) { reviewCommitment(input: { id: $id, decision: ACCEPT }) { errors { code } } }',
      { id },
      staffToken,
    );
    expect(other.data?.reviewCommitment.errors).toEqual([]);
    await item.getByRole('button', { name: '通过' }).click();
    const alert = page.locator('.alert[role="alert"]').first();
    await alert.waitFor();
    expect(await alert.innerText()).toContain('已被他人处理或修改');
    // The queue reloads after the refusal: the item someone else decided is gone.
    await item.waitFor({ state: 'detached' });
    expect(await page.locator('.alert[role="alert"]').first().innerText()).toContain(
      '已被他人处理或修改',
    );
    expect(await statusOf(id)).toBe('ACTIVE');
    await shot(page, '04-conflict-zh');
    await context.close();
  });

  it(
    'checks an import, shows the bad row and writes nothing, then imports a good file',
    {
      timeout: 90_000,
    },
    async () => {
      const stamp = Date.now();
      const good1 = `浏览器测试导入单位甲${stamp}`;
      const good2 = `浏览器测试导入单位乙${stamp}`;
      const header = '单位名称,单位类型,职工人数,联络员,联系电话';
      const bad = [
        header,
        `${good1},企业,30,王芳,13900001111`,
        `${good2},外星机构,12,李强,13900002222`,
      ];
      const good = [
        header,
        `${good1},企业,30,王芳,13900001111`,
        `${good2},学校,12,李强,13900002222`,
      ];
      const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

      const { context, page, consoleErrors } = await staffPage();
      await page.goto(`${w.url}/staff/units`);
      await page.getByRole('heading', { level: 1, name: '驻区单位名录' }).waitFor();
      expect(await page.locator('table.directory-table tbody tr').count()).toBeGreaterThan(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '05-directory-zh');

      const link = page.getByRole('link', { name: '下载表格模板（CSV）' });
      const template = await page.request.get(`${w.url}${await link.getAttribute('href')}`);
      expect(template.status()).toBe(200);
      const templateText = await template.text();
      expect(templateText).toContain(
        '单位名称,单位类型,所属社区,所属网格,职工人数,地址,联络员,联系电话',
      );
      // One example row, which the importer skips (its first cell starts with "#").
      expect(templateText.split('\r\n')[1]).toMatch(/^# 示例/);
      // The help names the columns as the template does, with the kinds in words.
      const help = await page.locator('.directory-columns').innerText();
      expect(help).toContain('单位类型');
      expect(help).toContain('企业、事业单位、学校、医院、政府部门、社会组织');
      expect(help).not.toMatch(/ENTERPRISE|staffCount|liaisonPhone/);

      // A sheet with one bad row: the row error, and nothing written.
      await page.setInputFiles('#import-file', {
        name: 'units-bad.csv',
        mimeType: 'text/csv',
        buffer: csv(bad),
      });
      await page.getByRole('button', { name: '检查表格' }).click();
      const problems = page.locator('ol.row-errors');
      await problems.waitFor();
      const rows = problems.locator('li');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-row')).toBe('3');
      expect(await rows.first().innerText()).toBe(
        '第 3 行 单位类型：“外星机构”不是可选值；可选：企业、事业单位、学校、医院、政府部门、社会组织。',
      );
      expect(await page.getByRole('button', { name: /^导入 \d+ 个单位$/ }).count()).toBe(0);
      expect(await unitNamed(good1)).toBe(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.locator('.directory-import').scrollIntoViewIfNeeded();
      await shot(page, '06-import-row-error-zh');

      // A good sheet: checked, then imported with the confirm button.
      await page.setInputFiles('#import-file', {
        name: 'units-good.csv',
        mimeType: 'text/csv',
        buffer: csv(good),
      });
      await page.getByRole('button', { name: '检查表格' }).click();
      const confirm = page.getByRole('button', { name: '导入 2 个单位' });
      await confirm.waitFor();
      expect(await unitNamed(good1)).toBe(0);
      await shot(page, '07-import-checked-zh');
      await confirm.click();
      await page.waitForURL((url) => url.searchParams.get('imported') === '2');
      expect(await page.locator('.notice[role="status"]').innerText()).toContain('已导入 2 个单位');
      expect(await unitNamed(good1)).toBe(1);

      // The new unit is in the directory.
      await page.getByLabel('单位名称').fill(good1);
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === good1);
      const row = page.locator('table.directory-table tbody tr', { hasText: good1 });
      await row.waitFor();
      expect(await row.innerText()).toContain('企业');
      expect(await row.innerText()).toContain('王芳');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '08-imported-in-directory-zh');
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
  );

  it(
    'comes back at the next item after a decision, with and without JavaScript',
    { timeout: 120_000 },
    async () => {
      const stamp = Date.now();
      const ids: string[] = [];
      for (let i = 1; i <= 4; i++)
        ids.push(await submittedCommitment(`浏览器测试保持位置 ${stamp} ${i}`));
      const item = (id: string) => `article[data-review-kind="commitment"][data-id="${id}"]`;

      for (const javaScript of [true, false]) {
        const [decided, nextOne] = javaScript ? [ids[1]!, ids[2]!] : [ids[2]!, ids[3]!];
        const { context, page, consoleErrors } = await staffPage('zh-CN', javaScript);
        await page.goto(`${w.url}/staff/review`);
        const article = page.locator(item(decided));
        await article.scrollIntoViewIfNeeded();
        await article.getByRole('button', { name: '通过' }).click();
        await page.waitForURL((url) => url.searchParams.get('done') === 'commitmentAccepted');
        expect(new URL(page.url()).hash).toBe('#review-outcome');
        const notice = page.locator('#review-outcome');
        expect(await notice.innerText()).toContain(`浏览器测试保持位置 ${stamp}`);
        expect(await page.locator(item(decided)).count()).toBe(0);
        // The page did not jump to the top: the notice and the next item are in view.
        await waitForExpression(page, 'window.scrollY > 200');
        expect(await topInView(page, '#review-outcome')).toBe(true);
        expect(await topInView(page, item(nextOne))).toBe(true);
        // The notice sits where the decided item was: right before the next one.
        expect(await page.locator(`li:has(#review-outcome) + li ${item(nextOne)}`).count()).toBe(1);
        expect(await statusOf(decided)).toBe('ACTIVE');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await shot(page, javaScript ? '11-kept-place-zh' : '12-kept-place-no-js-zh');
        expect(consoleErrors).toEqual([]);
        await context.close();
      }
    },
  );

  it(
    'pages the evidence to verify, with counts in the section nav',
    { timeout: 120_000 },
    async () => {
      const before = await w.api.gql<{
        viewer: { community: { id: string } };
        fulfilments: { totalCount: number };
      }>(
        '{ viewer { community { id } } fulfilments(filter: { statuses: [PENDING] }) { totalCount } }',
        {},
        staffToken,
      );
      // More than one page (20) of records waiting.
      const missing = Math.max(0, 22 - before.data!.fulfilments.totalCount);
      await pendingRecords(`浏览器测试翻页 ${Date.now()}`, missing);
      const total = before.data!.fulfilments.totalCount + missing;

      // The street office (it verifies records the community's workers entered themselves), on
      // 建安's queue.
      const { context, page, consoleErrors } = await staffPage('zh-CN', true, 'admin');
      const community = before.data!.viewer.community.id;
      await page.goto(`${w.url}/staff/review?community=${encodeURIComponent(community)}`);
      const nav = page.getByRole('navigation', { name: '审核分类' });
      expect(await nav.getByRole('link', { name: /履行记录审核/ }).innerText()).toContain(
        String(total),
      );
      // A phone user jumps from the nav to the evidence.
      await nav.getByRole('link', { name: /履行记录审核/ }).click();
      await page.waitForURL((url) => url.hash === '#review-records');
      expect(await topInView(page, '#review-records')).toBe(true);
      const records = page.locator('article[data-review-kind="fulfilment"]');
      expect(await records.count()).toBe(20);
      const firstPage = await records.evaluateAll((els) => els.map((el) => el.dataset.id));

      const section = page.locator('#review-records');
      await section.getByRole('link', { name: '下一页' }).click();
      await page.waitForURL((url) => url.searchParams.has('after'));
      await page.locator(`article[data-id="${firstPage[0]}"]`).waitFor({ state: 'detached' });
      const secondPage = await records.evaluateAll((els) => els.map((el) => el.dataset.id));
      expect(secondPage.length).toBe(Math.min(20, total - 20));
      expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
      expect(await section.locator('h2').innerText()).toContain(String(total));
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, '13-records-page-2-zh');

      // A decision on the second page comes back to the second page, at the next record.
      const decided = secondPage[0]!;
      await page
        .locator(`article[data-id="${decided}"]`)
        .getByRole('button', { name: '认证通过' })
        .click();
      await page.waitForURL((url) => url.searchParams.get('done') === 'fulfilmentVerified');
      expect(new URL(page.url()).searchParams.has('after')).toBe(true);
      await page.locator(`article[data-id="${decided}"]`).waitFor({ state: 'detached' });
      // Still the second page: the rest of it, topped up from the third.
      expect(await records.count()).toBe(Math.min(20, total - 1 - 20));
      expect(await records.first().getAttribute('data-id')).toBe(secondPage[1]);
      expect(new URL(page.url()).searchParams.get('community')).toBe(community);
      expect(await topInView(page, '#review-outcome')).toBe(true);
      expect(await topInView(page, `article[data-id="${secondPage[1]}"]`)).toBe(true);
      await section.getByRole('link', { name: '回到第一页' }).click();
      await page.waitForURL((url) => !url.searchParams.has('after'));
      await page.locator(`article[data-id="${firstPage[0]}"]`).waitFor();
      expect(await records.evaluateAll((els) => els.map((el) => el.dataset.id))).toEqual(firstPage);
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
  );

  it('renders both pages in English with no raw keys', { timeout: 90_000 }, async () => {
    const { context, page } = await staffPage('en-US');
    const rawKey = /\b(review|directory|nav|measureUnit|errorCode)\.[A-Za-z_]+/;
    await page.goto(`${w.url}/staff/review`);
    await page.getByRole('heading', { level: 1, name: 'Waiting for review' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(rawKey);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '09-review-en');
    await page.goto(`${w.url}/staff/units`);
    await page.getByRole('heading', { level: 1, name: 'Resident units' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(rawKey);
    // The help and the template speak English: user-facing column names, kinds in words.
    const help = await page.locator('.directory-columns').innerText();
    expect(help).toContain('Kind of unit');
    expect(help).toContain('Enterprise, Public institution, School');
    expect(help).not.toMatch(/ENTERPRISE|staffCount|liaisonPhone|[\u4e00-\u9fff]/);
    const link = page.getByRole('link', { name: 'Download the template (CSV)' });
    const template = await page.request.get(`${w.url}${await link.getAttribute('href')}`);
    const lines = (await template.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Unit name,Kind of unit,Community,Grid,Staff count,Address,Liaison name,Liaison phone',
    );
    expect(lines[1]).toMatch(/^# Example/);
    // The template as downloaded, with one wrong row added: the problem in English, by row and
    // column, with what is allowed.
    const sheet = [
      ...lines.slice(0, 2),
      `English sheet unit ${Date.now()},hardship,,,12,,Li Qiang,13900002222`,
    ];
    await page.setInputFiles('#import-file', {
      name: 'units-en.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${sheet.join('\r\n')}\r\n`, 'utf8'),
    });
    await page.getByRole('button', { name: 'Check the sheet' }).click();
    const problem = page.locator('ol.row-errors li');
    await problem.waitFor();
    expect(await problem.count()).toBe(1);
    expect(await problem.innerText()).toBe(
      'Row 3, Kind of unit: “hardship” is not one of the choices; choose from: Enterprise, Public institution, School, Hospital, Government department, Social organisation.',
    );
    expect(await page.locator('body').innerText()).not.toMatch(rawKey);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '10-directory-en');
    await context.close();
  });
});
