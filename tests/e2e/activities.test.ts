// Running activities in Chromium: community staff create an activity and two weekly shifts, find
// them in the shift calendar (a grid on a desk, a week list on a phone), open the check-in screen
// with its QR code and roster; a social worker sees only the activities they run. Both languages,
// no raw message keys. Screenshots go to the e2e artifacts folder.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Community } from '../../api/src/modules/directory/community.entity.js';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { hasChromium, useWebApp, screenshotDir } from '../support/browser.js';
import { makeVolunteer, Skill } from '../support/factories.js';

const w = useWebApp();

const shots = screenshotDir('activities');
const phone = { width: 390, height: 844 };
const desk = { width: 1280, height: 900 };

const rawKey = /\b(activities|nav|skill|errorCode|shifts|role)\.[A-Za-z_]+/;

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true });
}

async function bodyText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** YYYY-MM-DD in Asia/Shanghai, `days` from now. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const title = `e2e 周末助老服务 ${Date.now().toString(36)}`;
const firstDay = shanghaiDate(8);
const secondDay = shanghaiDate(15);
let activityUrl = '';
let shiftIds: string[] = [];

describe.skipIf(!hasChromium)('running activities in Chromium', { timeout: 90_000 }, () => {
  it('staff create an activity and two weekly shifts, and see them in the calendar', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: desk });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    // Refused forms answer 400 on purpose; anything else in the console is a bug.
    page.on(
      'console',
      (m) =>
        m.type() === 'error' && !m.text().includes('status of 400') && consoleErrors.push(m.text()),
    );
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('navigation').getByRole('link', { name: '活动与班次' }).click();
    await page.waitForURL((url) => url.pathname === '/activities');
    await page.getByRole('heading', { level: 1, name: '活动与班次' }).waitFor();
    // The seeded community's activities, each with its next shifts and places filled.
    expect(await page.locator('article.activity-card').count()).toBeGreaterThan(0);
    expect(await page.locator('article.activity-card .filled').count()).toBeGreaterThan(0);
    expect(await bodyText(page)).not.toMatch(rawKey);
    await shot(page, '01-list-zh');

    await page.getByRole('link', { name: '新建活动' }).click();
    await page.waitForURL((url) => url.pathname === '/activities/new');
    // Nothing typed: the errors show beside the fields, and what was typed stays.
    await page.getByLabel('活动介绍').fill('陪老人聊天、读报。');
    await page.getByRole('button', { name: '保存活动' }).click();
    await page.locator('#title-error').waitFor();
    expect(await page.getAttribute('#title', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#title', 'aria-describedby')).toBe('title-error');
    expect(await page.inputValue('#description')).toBe('陪老人聊天、读报。');
    await shot(page, '02-new-errors-zh');

    await page.getByLabel('活动名称').fill(title);
    await page.getByLabel('地点', { exact: true }).fill('建安社区服务中心');
    await page.getByRole('checkbox', { name: '助老' }).check();
    await page.getByRole('button', { name: '保存活动' }).click();
    await page.waitForURL((url) => url.searchParams.get('created') === '1');
    activityUrl = page.url().replace(/\?.*$/, '');
    expect(activityUrl).toMatch(/\/activities\/(?!new)[^/]+$/);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await bodyText(page)).toContain('活动已创建');
    expect(await bodyText(page)).toContain('助老');

    await page.getByLabel('日期').fill(firstDay);
    await page.getByLabel('开始时间').fill('06:10');
    await page.getByLabel('结束时间').fill('07:40');
    await page.getByLabel('名额').fill('5');
    await page.getByLabel('每周重复').fill('2');
    await page.getByRole('button', { name: '添加班次' }).click();
    await page.locator('.add-shifts [role="status"]').waitFor();
    expect(await page.locator('.add-shifts [role="status"]').innerText()).toContain(
      '已添加 2 个班次',
    );
    const rows = page.locator('article.shift-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    shiftIds = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-shift-id')!));
    expect(await rows.first().innerText()).toContain('已报名 0/5');
    await shot(page, '03-activity-shifts-zh');

    // A shift in the past is refused, reported for its week, and what was typed stays.
    await page.getByLabel('日期').fill(shanghaiDate(-3));
    await page.getByRole('button', { name: '添加班次' }).click();
    await page.locator('.add-shifts [role="alert"]').first().waitFor();
    expect(await page.locator('#start-error').innerText()).toMatch(/\S/);
    expect(await page.inputValue('#date')).toBe(shanghaiDate(-3));
    expect(await page.locator('article.shift-row').count()).toBe(2);

    // A volunteer takes a place on the first shift.
    const token = await w.api.login('volunteer.jianan', DEMO_PASSWORD);
    const signUp = await w.api.gql(
      `mutation($input: SignUpForShiftInput!) { signUpForShift(input: $input) {
         signup { id status } errors { code } } }`,
      { input: { shiftId: shiftIds[0] } },
      token,
    );
    expect(signUp.data!.signUpForShift.errors).toEqual([]);

    // The calendar of the first shift's month lists it on its day, with places filled.
    await page.goto(`${w.url}/activities?view=calendar&month=${firstDay.slice(0, 7)}`);
    const grid = page.locator('.calendar-grid');
    await grid.waitFor();
    const first = grid.locator(`td[data-day="${firstDay}"] li[data-shift-id="${shiftIds[0]}"]`);
    await first.waitFor();
    expect(await first.innerText()).toContain(title);
    expect(await first.innerText()).toContain('06:10');
    expect(await first.innerText()).toContain('已报名 1/5');
    // The second, a week later: in this grid, or in the next month's.
    if ((await grid.locator(`td[data-day="${secondDay}"]`).count()) === 0) {
      await page.getByRole('link', { name: '下个月' }).click();
      await page.waitForURL((url) => url.searchParams.get('month') === secondDay.slice(0, 7));
    }
    const second = page.locator(
      `.calendar-grid td[data-day="${secondDay}"] li[data-shift-id="${shiftIds[1]}"]`,
    );
    await second.waitFor();
    expect(await second.innerText()).toContain('已报名 0/5');
    expect(await bodyText(page)).not.toMatch(rawKey);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '04-calendar-zh');
    await page.goto(`${w.url}/activities?view=calendar&month=${firstDay.slice(0, 7)}`);

    // The shift's check-in screen: a QR code large enough to scan, and the roster.
    await page.locator(`.calendar-grid li[data-shift-id="${shiftIds[0]}"] a`).first().click();
    await page.waitForURL((url) => url.pathname.endsWith('/manage'));
    await page.getByRole('heading', { level: 2, name: '签到二维码' }).waitFor();
    const qr = page.locator('.qr-code svg');
    await qr.waitFor();
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(240);
    expect(await page.locator('.qr-expiry').innerText()).toMatch(/前有效/);
    expect(await page.getByRole('link', { name: '刷新二维码' }).count()).toBe(1);
    const entries = page.locator('article.roster-entry');
    expect(await entries.count()).toBe(1);
    expect(await entries.first().getAttribute('data-attendance')).toBe('EXPECTED');
    expect(await entries.first().innerText()).toContain('待签到');
    // Not started: no-show is not offered yet, and check-in is refused with the reason beside it.
    expect(await entries.first().getByRole('button', { name: '标记未到' }).isDisabled()).toBe(true);
    await entries.first().getByRole('button', { name: '签到', exact: true }).click();
    await entries.first().locator('[role="alert"]').waitFor();
    expect(await entries.first().locator('[role="alert"]').innerText()).toContain(
      '班次开始前 60 分钟起才能签到',
    );
    expect(await bodyText(page)).not.toMatch(rawKey);
    await shot(page, '05-manage-zh');

    // Cancelling the second shift needs a reason.
    await page.goto(activityUrl);
    const secondRow = page.locator(`article.shift-row[data-shift-id="${shiftIds[1]}"]`);
    await secondRow.getByText('取消班次', { exact: true }).click();
    await secondRow.getByRole('button', { name: '确认取消班次' }).click();
    await secondRow.locator('[role="alert"]').waitFor();
    await secondRow.getByLabel('取消原因（会通知已报名的志愿者）').fill('场地维修');
    await secondRow.getByRole('button', { name: '确认取消班次' }).click();
    await page.locator('p.notice[role="status"]').filter({ hasText: '班次已取消' }).waitFor();
    await secondRow.getByText('取消原因：场地维修').waitFor();
    expect(await secondRow.getAttribute('class')).toContain('is-cancelled');
    await shot(page, '06-cancelled-zh');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('checks a volunteer in and out and confirms corrected hours', async () => {
    // A shift starting in 30 minutes (check-in opens 60 minutes before), and a volunteer on it.
    const staffToken = await w.api.login('staff.jianan', DEMO_PASSWORD);
    const activityId = decodeURIComponent(new URL(activityUrl).pathname.split('/').at(-1)!);
    const startsAt = new Date(Date.now() + 30 * 60_000);
    const created = await w.api.gql(
      `mutation($input: CreateShiftInput!) { createShift(input: $input) {
         shift { id } errors { code } } }`,
      {
        input: {
          activityId,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
          capacity: 3,
        },
      },
      staffToken,
    );
    expect(created.data!.createShift.errors).toEqual([]);
    const shiftId: string = created.data!.createShift.shift.id;
    const community = await w.api.orm.em.fork().findOneOrFail(Community, { code: 'jianan' });
    const { user } = await makeVolunteer(w.api.orm, community, { skills: [Skill.ELDER_CARE] });
    const signUp = await w.api.gql(
      `mutation($input: SignUpForShiftInput!) { signUpForShift(input: $input) {
         signup { id } errors { code } } }`,
      { input: { shiftId } },
      await w.api.login(user.username),
    );
    expect(signUp.data!.signUpForShift.errors).toEqual([]);

    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.goto(`${w.url}/shifts/${encodeURIComponent(shiftId)}/manage`);
    const entry = page.locator('article.roster-entry');
    await entry.waitFor();
    await entry.getByRole('button', { name: '签到', exact: true }).click();
    await page.locator('.outcome[role="status"]').filter({ hasText: '签到。' }).waitFor();
    await expect.poll(() => entry.getAttribute('data-attendance')).toBe('CHECKED_IN');
    await entry.getByRole('button', { name: '签退', exact: true }).click();
    await page.locator('.outcome[role="status"]').filter({ hasText: '签退。' }).waitFor();
    await expect.poll(() => entry.getAttribute('data-attendance')).toBe('CHECKED_OUT');
    // Left before the start: nothing counted yet; the organiser corrects it, within the shift.
    const hours = entry.getByLabel('确认时长（小时，可修改）');
    await hours.fill('5');
    await entry.getByRole('button', { name: '确认时长' }).click();
    await entry.locator('[role="alert"]').waitFor();
    expect(await entry.locator('[role="alert"]').innerText()).toContain('不能超过班次时长');
    expect(await hours.inputValue()).toBe('5');
    // More than check-in and check-out measured: the reviewer must be told why.
    await hours.fill('1.5');
    await entry.getByRole('button', { name: '确认时长' }).click();
    const reason = entry.getByLabel('调整理由');
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await hours.inputValue()).toBe('1.5');
    await reason.fill('签退时未扫码，按实际服务补记');
    await entry.getByRole('button', { name: '确认时长' }).click();
    await entry.getByText('已确认 1.5 小时').waitFor();
    expect(await entry.getByRole('button').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '06b-hours-confirmed-zh');
    await context.close();
  });

  it('shows the calendar as a week list on a phone', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.goto(`${w.url}/activities?view=calendar&month=${firstDay.slice(0, 7)}`);
    await page.locator('.calendar-weeks').waitFor();
    expect(await page.locator('.calendar-grid').isVisible()).toBe(false);
    const item = page.locator(`.calendar-weeks li[data-shift-id="${shiftIds[0]}"]`);
    await item.waitFor();
    expect(await item.isVisible()).toBe(true);
    expect(await item.innerText()).toContain(title);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '07-calendar-phone-zh');

    await item.locator('a').click();
    await page.waitForURL((url) => url.pathname.endsWith('/manage'));
    const box = (await page.locator('.qr-code svg').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(240);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '08-manage-phone-zh');
    await context.close();
  });

  it('shows a social worker only the activities they run', async () => {
    const token = await w.api.login('social.jianan', DEMO_PASSWORD);
    const res = await w.api.gql(
      `{ activities(filter: { mine: true }, first: 100) {
           edges { node { id createdBy { username } } } } }`,
      {},
      token,
    );
    const mine = res.data!.activities.edges.map(
      (e: { node: { id: string; createdBy: { username: string } } }) => e.node,
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(
      new Set(mine.map((a: { createdBy: { username: string } }) => a.createdBy.username)),
    ).toEqual(new Set(['social.jianan']));

    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    await w.signIn(page, 'social.jianan');
    await page.waitForURL((url) => url.pathname === '/social');
    await page.getByRole('navigation').getByRole('link', { name: '我的活动' }).click();
    await page.waitForURL((url) => url.pathname === '/activities');
    await page.getByRole('heading', { level: 1, name: '我的活动' }).waitFor();
    const shown = await page
      .locator('article.activity-card')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-activity-id')).sort());
    expect(shown).toEqual(mine.map((a: { id: string }) => a.id).sort());
    expect(await page.getByText(title).count()).toBe(0);
    expect(await bodyText(page)).not.toMatch(rawKey);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '09-social-mine-zh');

    // Staff's shift is not theirs to run.
    const response = await page.goto(`${w.url}/shifts/${encodeURIComponent(shiftIds[0]!)}/manage`);
    expect(response!.status()).toBe(403);
    expect(await bodyText(page)).toContain('你没有查看此页面的权限');
    await context.close();
  });

  it('lets the office pick a community, in the list and in the calendar', async () => {
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: desk });
    const page = await context.newPage();
    await w.signIn(page, 'admin');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.goto(`${w.url}/activities?view=calendar&month=${firstDay.slice(0, 7)}`);
    const all = await page.locator('.calendar-grid li[data-shift-id]').count();
    expect(all).toBeGreaterThan(0);
    await page.getByLabel('社区', { exact: true }).selectOption({ label: '建安社区' });
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.has('community'));
    const url = new URL(page.url());
    expect(url.searchParams.get('view')).toBe('calendar');
    expect(url.searchParams.get('month')).toBe(firstDay.slice(0, 7));
    await page.locator(`.calendar-grid li[data-shift-id="${shiftIds[0]}"]`).waitFor();
    await expect
      .poll(() => page.locator('.calendar-grid li[data-shift-id]').count())
      .toBeLessThan(all);
    expect(await bodyText(page)).not.toMatch(rawKey);
    await shot(page, '09b-admin-calendar-zh');
    await context.close();
  });

  it('renders every activities page in English with no raw keys', async () => {
    const context = await w.browser.newContext({ locale: 'en-US', viewport: phone });
    const page = await context.newPage();
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname === '/staff');
    const pages: [string, string, string][] = [
      ['/activities', 'Activities and shifts', '10-list-en'],
      [
        `/activities?view=calendar&month=${firstDay.slice(0, 7)}`,
        'Activities and shifts',
        '11-calendar-en',
      ],
      ['/activities/new', 'New activity', '12-new-en'],
      [new URL(activityUrl).pathname, title, '13-activity-en'],
      [`/shifts/${encodeURIComponent(shiftIds[0]!)}/manage`, title, '14-manage-en'],
    ];
    for (const [url, heading, name] of pages) {
      await page.goto(`${w.url}${url}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      const text = await bodyText(page);
      expect(text, url).not.toMatch(rawKey);
      expect(await horizontalOverflow(page), url).toBeLessThanOrEqual(0);
      await shot(page, name);
    }
    const manage = await bodyText(page);
    expect(manage).toContain('Check-in QR code');
    expect(manage).toContain('Expected');
    await context.close();
  });
});
