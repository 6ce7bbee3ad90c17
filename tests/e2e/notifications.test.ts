// The notifications page in Chromium: the API stores a kind and data, and the page words each
// kind in the reader's language, with times in Asia/Shanghai.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { User } from '../../api/src/modules/auth/user.entity.js';
import { NotificationKind } from '../../api/src/modules/notifications/notification.kinds.js';
import { notify } from '../../api/src/modules/notifications/notifications.service.js';
import { hasChromium, rawMessageKey, useWebApp } from '../support/browser.js';

const w = useWebApp();
const phone = { width: 390, height: 844 };

// 01:00 UTC is 09:00 in Shanghai.
const startsAt = '2026-12-03T01:00:00.000Z';

async function notifyUser(username: string, inputs: (em: EntityManager, user: User) => void) {
  const em = w.api.orm.em.fork() as EntityManager;
  const user = await em.findOneOrFail(User, { username });
  inputs(em, user);
  await em.flush();
}

async function cards(page: Page): Promise<string[]> {
  await page.locator('ul.notification-list li').first().waitFor();
  return page.locator('ul.notification-list li').allInnerTexts();
}

describe.skipIf(!hasChromium)('notifications page', { timeout: 90_000 }, () => {
  it('words each kind from its data in Chinese and in English', async () => {
    await notifyUser('volunteer.jianan', (em, user) =>
      notify(em, [
        {
          userId: user.id,
          kind: NotificationKind.SHIFT_REMINDER,
          data: {
            shiftId: 'U2hpZnQ6MQ',
            signupId: 'U2lnbnVwOjE',
            activityTitle: '社区清洁',
            location: '建安社区活动室',
            startsAt,
            hoursBefore: 24,
          },
        },
        {
          userId: user.id,
          kind: NotificationKind.SHIFT_CANCELLED,
          data: {
            shiftId: 'U2hpZnQ6Mg',
            signupId: 'U2lnbnVwOjI',
            activityTitle: '助老探访',
            startsAt,
            reason: '暴雪预警',
          },
        },
      ]),
    );
    await notifyUser('social.jianan', (em, user) =>
      notify(em, [
        {
          userId: user.id,
          kind: NotificationKind.SUPERVISION_OVERDUE,
          data: {
            pairingId: 'UGFpcmluZzox',
            volunteerName: '李红',
            socialWorkerName: '王社工',
            lastContactDate: '2026-11-20',
            daysSinceContact: 17,
          },
        },
      ]),
    );

    const context = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await w.signIn(page, 'volunteer.jianan');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${w.url}/notifications`);
    const [cancelled, reminder] = await cards(page);
    expect(reminder).toContain('班次提醒');
    expect(reminder).toContain('社区清洁：');
    expect(reminder).toContain('09:00 开始');
    expect(reminder).toContain('地点：建安社区活动室');
    expect(cancelled).toContain('班次已取消');
    expect(cancelled).toContain('取消原因：暴雪预警');
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);

    await page.getByRole('button', { name: 'English' }).first().click();
    await page.waitForFunction(`document.documentElement.lang === 'en'`);
    await page.goto(`${w.url}/notifications`);
    const [cancelledEn, reminderEn] = await cards(page);
    expect(reminderEn).toContain('Shift reminder');
    expect(reminderEn).toMatch(/社区清洁: starts .*09:00/);
    expect(reminderEn).toContain('at 建安社区活动室.');
    expect(cancelledEn).toContain('Shift cancelled');
    expect(cancelledEn).toContain('Reason: 暴雪预警');
    expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
    expect(errors).toEqual([]);
    await context.close();

    const social = await w.browser.newContext({ locale: 'zh-CN', viewport: phone });
    const socialPage = await social.newPage();
    await w.signIn(socialPage, 'social.jianan');
    await socialPage.waitForURL((url) => url.pathname !== '/login');
    await socialPage.goto(`${w.url}/notifications`);
    const [overdue] = await cards(socialPage);
    expect(overdue).toContain('结对督导已 17 天未记录');
    expect(overdue).toContain('王社工 — 李红');
    expect(await socialPage.locator('ul.notification-list li a').first().getAttribute('href')).toBe(
      '/social/pairings/UGFpcmluZzox',
    );
    await social.close();
  });
});
