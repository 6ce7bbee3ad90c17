// QR check-in and check-out in Chromium, on a phone: staff show the venue screen, whose code
// renews itself; a volunteer scans it (the URL is read from the screen), signs in and comes back
// to the same page, sees the shift and where they stand, checks in, scans again and checks out,
// scans once more and has nothing left to press. Chinese first, then English without JavaScript.
// Every state passes the axe scan. QR codes live 30 s here, so that the renewal is seen.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../api/src/modules/auth/user.entity.js';
import { Community } from '../../api/src/modules/directory/community.entity.js';
import { signCheckInCode } from '../../api/src/modules/shifts/check-in-code.js';
import type { Activity } from '../../api/src/modules/shifts/activity.entity.js';
import type { Shift } from '../../api/src/modules/shifts/shift.entity.js';
import { axeViolations } from '../support/axe.js';
import { hasChromium, rawMessageKey, screenshotDir, useWebApp } from '../support/browser.js';
import { makeActivity, makeShift, makeVolunteer } from '../support/factories.js';
import { TEST_PASSWORD } from '../support/test-app.js';

const w = useWebApp((config) => ({ shifts: { ...config.shifts, qrCodeTtlSeconds: 30 } }));

const shots = screenshotDir('check-in');
const phone = { width: 390, height: 844 };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

/** What the page says, checked for raw keys, overflow and accessibility on the way. */
async function checked(page: Page, { axe = true } = {}): Promise<string> {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(rawMessageKey);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  if (axe) expect(await axeViolations(page)).toEqual([]);
  return text;
}

const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { status } errors { code } } }`;

let activity: Activity;
let shift: Shift;
let venue: { context: BrowserContext; page: Page };

/** Signs up a new volunteer of the demo community for the shift; their username. */
async function volunteerOnShift(): Promise<string> {
  const community = await w.api.orm.em.fork().findOneOrFail(Community, { code: 'jianan' });
  const { user } = await makeVolunteer(w.api.orm, community);
  const res = await w.api.gql(
    SIGN_UP,
    { input: { shiftId: shift.nodeId } },
    await w.api.login(user.username),
  );
  expect(res.data!.signUpForShift).toEqual({ signup: { status: 'CONFIRMED' }, errors: [] });
  return user.username;
}

/** The check-in URL the venue screen shows now (its QR code holds the same). */
async function scanVenueScreen(): Promise<string> {
  return (await venue.page.locator('.qr-url a').getAttribute('href'))!;
}

describe.skipIf(!hasChromium)('QR check-in and check-out in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const em = w.api.orm.em.fork();
    const community = await em.findOneOrFail(Community, { code: 'jianan' });
    const staff = await em.findOneOrFail(User, { username: 'staff.jianan' });
    activity = await makeActivity(w.api.orm, community, { createdBy: staff });
    // Starting in half an hour: check-in is open (from 60 minutes before).
    shift = await makeShift(w.api.orm, activity, { startsInHours: 0.5, hours: 2 });
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    venue = { context, page };
    await w.signIn(page, 'staff.jianan');
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.goto(`${w.url}/shifts/${encodeURIComponent(shift.nodeId)}/manage`);
    await page.locator('.qr-code svg').waitFor();
  });
  afterAll(() => venue?.context.close());

  it('the venue screen renews its code before it expires, without a reload', async () => {
    const page = venue.page;
    const first = await scanVenueScreen();
    // The code leads to this web app (PUBLIC_WEB_URL), not to a fixed localhost port.
    expect(first.startsWith(`${w.url}/check-in?code=`)).toBe(true);
    const expiry = page.locator('.qr-expiry');
    const expiresAt = Date.parse((await expiry.getAttribute('data-expires-at'))!);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(30_000);
    expect(await expiry.innerText()).toMatch(/前有效/);
    await page.evaluate('window.__samePage = true');
    await expect.poll(scanVenueScreen, { timeout: 40_000, interval: 1_000 }).not.toBe(first);
    // The same document (no reload), a later expiry, and a QR code drawn for the new URL.
    expect(await page.evaluate('window.__samePage')).toBe(true);
    expect(Date.parse((await expiry.getAttribute('data-expires-at'))!)).toBeGreaterThan(expiresAt);
    expect(await checked(page)).toContain(activity.title);
    await shot(page, '01-venue-zh');
  });

  it('a volunteer checks in, then out, each time by scanning the venue screen', async () => {
    const username = await volunteerOnShift();
    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();

    // Scanned before signing in: sign in, then back on the same check-in page.
    const scanned = await scanVenueScreen();
    await page.goto(scanned);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/check-in');
    expect(page.url()).toBe(scanned);
    await page.getByRole('heading', { level: 2, name: activity.title }).waitFor();
    let text = await checked(page);
    expect(text).toContain(activity.location);
    expect(text).toContain('已报名，尚未签到');
    expect(await page.getByRole('button', { name: '签到', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '签退', exact: true }).count()).toBe(0);
    await shot(page, '02-before-zh');

    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.locator('.outcome[role="status"]').filter({ hasText: '签到成功' }).waitFor();
    await page.locator('.check-in-state[data-attendance="CHECKED_IN"]').waitFor();
    text = await checked(page);
    expect(text).toMatch(/已于 \d{1,2}:\d{2} 签到/);
    expect(await page.getByRole('button', { name: '签退', exact: true }).count()).toBe(1);

    // Scanning again (a fresh page): checked in at …, and the one thing left is 签退.
    await page.goto(await scanVenueScreen());
    await page.locator('.check-in-state').waitFor();
    text = await checked(page);
    expect(text).toMatch(/已于 \d{1,2}:\d{2} 签到/);
    expect(text).not.toContain('未成功');
    expect(await page.getByRole('button', { name: '签到', exact: true }).count()).toBe(0);
    await shot(page, '03-checked-in-zh');
    await page.getByRole('button', { name: '签退', exact: true }).click();
    await page.locator('.outcome[role="status"]').filter({ hasText: '签退成功' }).waitFor();
    await page.locator('.check-in-state[data-attendance="CHECKED_OUT"]').waitFor();
    text = await checked(page);
    expect(text).toMatch(/已于 \d{1,2}:\d{2} 签退/);
    // Left before the shift began: nothing served yet.
    expect(text).toContain('本次服务 0 小时');

    // Once more: done, said plainly, with nothing to press.
    await page.goto(await scanVenueScreen());
    await page.locator('.check-in-state').waitFor();
    text = await checked(page);
    expect(text).toMatch(/已于 \d{1,2}:\d{2} 签退/);
    expect(text).toContain('签到和签退都已完成');
    expect(text).not.toContain('未成功');
    expect(await page.locator('main button').count()).toBe(0);
    expect(await page.locator('main [role="alert"]').count()).toBe(0);
    await shot(page, '04-done-zh');
    await context.close();
  });

  it('works in English without JavaScript, and says when a code is not valid', async () => {
    const username = await volunteerOnShift();
    const context = await w.browser.newContext({
      locale: 'en-US',
      viewport: phone,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await w.signIn(page, username, TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/shifts');

    await page.goto(await scanVenueScreen());
    await page.getByRole('heading', { level: 2, name: activity.title }).waitFor();
    let text = await checked(page, { axe: false });
    expect(text).toContain('Signed up, not checked in yet');
    // Without JavaScript each press loads a whole new page: wait for it to be there.
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.locator('.check-in-state[data-attendance="CHECKED_IN"]').waitFor();
    await page.waitForLoadState('load');
    text = await checked(page, { axe: false });
    expect(text).toContain('Checked in:');
    expect(text).toMatch(/Checked in at \d{1,2}:\d{2}/);
    await page.getByRole('button', { name: 'Check out', exact: true }).click();
    await page.locator('.check-in-state[data-attendance="CHECKED_OUT"]').waitFor();
    await page.waitForLoadState('load');
    text = await checked(page, { axe: false });
    expect(text).toMatch(/Checked out at \d{1,2}:\d{2}/);
    expect(text).toContain('0 hours of service');
    expect(text).toContain('there is nothing more to do');
    expect(await page.locator('main button').count()).toBe(0);
    await shot(page, '05-done-en');

    // A code someone changed, and one past its time: said as such, with the shift not shown.
    const [id, exp, signature] = new URL(await scanVenueScreen()).searchParams
      .get('code')!
      .split('.');
    for (const [code, words] of [
      [`${id}.${Number(exp) + 60}.${signature}`, 'not valid'],
      [`${id}.${Math.floor(Date.now() / 1000) - 60}.${signature}`, 'not valid'],
    ] as const) {
      await page.goto(`${w.url}/check-in?code=${encodeURIComponent(code)}`);
      const reason = page.locator('.check-in-reason[role="alert"]');
      await reason.waitFor();
      expect(await reason.innerText()).toContain(words);
      expect(await page.locator('main h2').count()).toBe(0);
      expect(await page.locator('main button').count()).toBe(0);
    }
    await context.close();
  });

  it('an expired code says so, in English', async () => {
    const context = await w.browser.newContext({ locale: 'en-US', viewport: phone });
    const page = await context.newPage();
    await w.signIn(page, await volunteerOnShift(), TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/shifts');
    // What the venue screen showed a minute ago.
    const code = signCheckInCode(
      w.api.app.config.appSecret,
      shift.id,
      new Date(Date.now() - 30_000),
    );
    await page.goto(`${w.url}/check-in?code=${encodeURIComponent(code)}`);
    const reason = page.locator('.check-in-reason[role="alert"]');
    await reason.waitFor();
    expect(await reason.innerText()).toContain('has expired');
    expect(await checked(page)).not.toContain(activity.title);
    await shot(page, '06-expired-en');
    await context.close();
  });
});
