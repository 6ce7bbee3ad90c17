// The unit liaison changing their unit's commitments (issue 15), on a phone (390 × 844): choosing
// a need fills in its category and measure, a measure that does not fit is explained beside the
// field, a draft is edited and withdrawn after a confirmation, and a completed commitment offers
// no record form. In Chinese with JavaScript; then in English without JavaScript (every step is a
// plain HTML form or link).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { User } from '../../api/src/modules/auth/user.entity.js';
import type { Unit } from '../../api/src/modules/directory/unit.entity.js';
import { CommitmentStatus, makeCommitment } from '../support/factories.js';
import { hasChromium, rawMessageKey, screenshotDir, useWebApp } from '../support/browser.js';

const w = useWebApp();
const shots = screenshotDir('liaison-commitments');
const phone = { width: 390, height: 844 };

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** A completed commitment of the liaison's unit, made for this test. */
async function completedCommitment(username: string, title: string): Promise<string> {
  const em = w.api.orm.em.fork();
  const liaison = await em.findOneOrFail(User, { username }, { populate: ['unit'] });
  const year = new Date().getFullYear();
  const commitment = await makeCommitment(w.api.orm, liaison.unit as Unit, {
    createdBy: liaison,
    title,
    status: CommitmentStatus.COMPLETED,
    targetAmount: '5.00',
    verifiedAmount: '5.00',
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
  });
  return commitment.nodeId;
}

/** The chosen need's measure, as the option carries it. */
async function needMeasure(page: Page): Promise<string> {
  return (await page.locator('#needId option:checked').getAttribute('data-measure')) ?? '';
}

describe.skipIf(!hasChromium)('unit liaison: edit, withdraw, needs', { timeout: 120_000 }, () => {
  it('in Chinese: a need fills the form, a wrong measure is explained, a draft is edited and withdrawn', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    // A refused form answers 400 by design (the mismatched measure below); nothing else may fail.
    page.on(
      'console',
      (m) =>
        m.type() === 'error' && !m.text().includes('status of 400') && consoleErrors.push(m.text()),
    );
    await w.signIn(page, 'liaison.jianan');
    await page.waitForURL((url) => url.pathname === '/unit');
    await page.goto(`${w.url}/unit/commitments/new`);
    await page.getByRole('heading', { level: 1, name: '新建承诺' }).waitFor();

    // The period is this calendar year.
    const year = String(new Date().getFullYear());
    expect(await page.getByLabel('开始日期').inputValue()).toBe(`${year}-01-01`);
    expect(await page.getByLabel('结束日期').inputValue()).toBe(`${year}-12-31`);

    // Choosing a need fills in its category and measure, in place.
    const needSelect = page.getByLabel('对应社区需求（可选）');
    await needSelect.selectOption({ index: 1 });
    const measure = await needMeasure(page);
    expect(measure).not.toBe('');
    expect(await page.getByLabel('计量方式').inputValue()).toBe(measure);
    expect(await page.getByLabel('共建类别').inputValue()).not.toBe('');
    expect(await page.locator('#needId option:checked').innerText()).toMatch(/今年已认领/);

    // A measure that does not fit the need: the API's reason, beside the field.
    const other = measure === 'EVENTS' ? 'ITEMS' : 'EVENTS';
    const title = `浏览器测试修改 ${Date.now()}`;
    await page.getByLabel('承诺名称').fill(title);
    await page.getByLabel('计量方式').selectOption(other);
    await page.getByLabel('目标数量').fill('3');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.locator('#measure-error').waitFor();
    const needMeasureName = await page.locator(`#measure option[value="${measure}"]`).innerText();
    expect(await page.locator('#measure-error').innerText()).toBe(
      `所选需求按「${needMeasureName}」计量，承诺也须按「${needMeasureName}」计量。`,
    );
    expect(await page.getByLabel('计量方式').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('承诺名称').inputValue()).toBe(title);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '01-measure-mismatch-zh');

    await page.getByLabel('计量方式').selectOption(measure);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'created');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const detailPath = new URL(page.url()).pathname;

    // Edit the draft.
    await page.getByRole('link', { name: '修改承诺' }).click();
    await page.waitForURL((url) => url.pathname === `${detailPath}/edit`);
    await page.getByRole('heading', { level: 1, name: '修改承诺' }).waitFor();
    expect(await page.getByLabel('承诺名称').inputValue()).toBe(title);
    expect(await page.getByLabel('计量方式').inputValue()).toBe(measure);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '02-edit-zh');
    const edited = `${title}（已修改）`;
    await page.getByLabel('承诺名称').fill(edited);
    await page.getByLabel('目标数量').fill('4');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.waitForURL(
      (url) => url.pathname === detailPath && url.searchParams.get('done') === 'updated',
    );
    await page.getByRole('heading', { level: 1, name: edited }).waitFor();
    expect(await page.locator('.notice[role="status"]').innerText()).toContain('修改已保存');
    expect(await page.locator('body').innerText()).toMatch(/目标\s*4 场|目标\s*4/);
    // A draft takes no fulfilment records.
    expect(await page.getByRole('heading', { name: '记录履行情况' }).count()).toBe(0);

    // Withdraw it, after a confirmation.
    await page.getByRole('link', { name: '撤回承诺' }).click();
    await page.waitForURL((url) => url.searchParams.get('withdraw') === 'confirm');
    await page.getByRole('heading', { level: 2, name: '确定撤回这项承诺？' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '03-withdraw-confirm-zh');
    // "不撤回" goes back and leaves it as it was.
    await page.getByRole('link', { name: '不撤回' }).click();
    await page.waitForURL((url) => url.searchParams.get('withdraw') === null);
    expect(await page.locator('.title-row [data-status]').innerText()).toBe('草稿');
    await page.getByRole('link', { name: '撤回承诺' }).click();
    await page.getByLabel('撤回原因（可选）').fill('计划有变（浏览器测试）');
    await page.getByRole('button', { name: '确认撤回' }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'withdrawn');
    expect(await page.locator('.notice[role="status"]').innerText()).toContain('承诺已撤回');
    expect(await page.locator('.title-row [data-status]').innerText()).toBe('已撤回');
    const body = await page.locator('body').innerText();
    expect(body).toContain('计划有变（浏览器测试）');
    for (const gone of ['修改承诺', '撤回承诺', '提交审核', '记录履行情况']) {
      expect(await page.getByRole('link', { name: gone }).count()).toBe(0);
      expect(await page.getByRole('button', { name: gone }).count()).toBe(0);
    }
    await shot(page, '04-withdrawn-zh');

    // A completed commitment shows no record form, and no edit or withdrawal.
    const completedId = await completedCommitment('liaison.jianan', '已完成的浏览器测试承诺');
    await page.goto(`${w.url}/unit/commitments/${encodeURIComponent(completedId)}`);
    await page.getByRole('heading', { level: 1, name: '已完成的浏览器测试承诺' }).waitFor();
    expect(await page.locator('.title-row [data-status]').innerText()).toBe('已完成');
    expect(await page.getByRole('heading', { name: '记录履行情况' }).count()).toBe(0);
    expect(await page.locator('form[enctype="multipart/form-data"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: '撤回承诺' }).count()).toBe(0);
    // Its edit page is not offered: straight back to the commitment.
    await page.goto(`${w.url}/unit/commitments/${encodeURIComponent(completedId)}/edit`);
    await page.waitForURL((url) => !url.pathname.endsWith('/edit'));
    await shot(page, '05-completed-zh');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('in English without JavaScript: the need by GET, editing, withdrawal with confirmation', async () => {
    const context = await w.browser.newContext({
      locale: 'en-US',
      viewport: phone,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await w.signIn(page, 'liaison.jianan');
    await page.waitForURL((url) => url.pathname === '/unit');
    await page.goto(`${w.url}/unit/commitments/new`);
    await page.getByRole('heading', { level: 1, name: 'New commitment' }).waitFor();

    // Without JavaScript, "fill in from the need" reloads the form with it and what was typed.
    const title = `Browser test draft ${Date.now()}`;
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Community need it answers (optional)').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Fill in category and measure from the need' }).click();
    await page.waitForURL((url) => url.searchParams.has('needId'));
    const measure = await needMeasure(page);
    expect(measure).not.toBe('');
    expect(await page.getByLabel('Measured in').inputValue()).toBe(measure);
    expect(await page.getByLabel('Category').inputValue()).not.toBe('');
    expect(await page.getByLabel('Title').inputValue()).toBe(title);
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);

    // The wrong measure, explained in English.
    const other = measure === 'EVENTS' ? 'ITEMS' : 'EVENTS';
    await page.getByLabel('Measured in').selectOption(other);
    await page.getByLabel('Target').fill('2');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('#measure-error').waitFor();
    expect(await page.locator('#measure-error').innerText()).toMatch(
      /^The chosen need is measured in “.+”; measure the commitment in “.+” too\.$/,
    );
    await shot(page, '06-measure-mismatch-en');
    await page.getByLabel('Measured in').selectOption(measure);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'created');
    const detailPath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: 'Edit commitment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit commitment' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
    await page.getByLabel('Title').fill(`${title} (edited)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'updated');
    await page.getByRole('heading', { level: 1, name: `${title} (edited)` }).waitFor();

    await page.getByRole('link', { name: 'Withdraw commitment' }).click();
    await page.getByRole('heading', { level: 2, name: 'Withdraw this commitment?' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '07-withdraw-confirm-en');
    await page.getByRole('button', { name: 'Yes, withdraw' }).click();
    await page.waitForURL(
      (url) => url.pathname === detailPath && url.searchParams.get('done') === 'withdrawn',
    );
    expect(await page.locator('.notice[role="status"]').innerText()).toContain(
      'Commitment withdrawn.',
    );

    const completedId = await completedCommitment('liaison.jianan', 'Completed browser test');
    await page.goto(`${w.url}/unit/commitments/${encodeURIComponent(completedId)}`);
    await page.getByRole('heading', { level: 1, name: 'Completed browser test' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Record fulfilment' }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
    await shot(page, '08-completed-en');
    await context.close();
  });
});
