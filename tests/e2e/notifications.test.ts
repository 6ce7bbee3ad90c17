// The notifications page in Chromium: the API stores a kind and data, and the page words each
// kind in the reader's language, with times in Asia/Shanghai. The review journey (issue 15): a
// liaison submits a commitment, staff find it in 通知 and open the review queue from it, accept
// it, and the liaison reads the outcome; a pairing reaches its social worker. Every notifications
// page passes the axe scan.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../api/src/graphql/dates.js';
import { User } from '../../api/src/modules/auth/user.entity.js';
import { Pairing } from '../../api/src/modules/pairing/pairing.entity.js';
import { PairingStatus } from '../../api/src/modules/pairing/pairing.enums.js';
import { SocialWorker } from '../../api/src/modules/pairing/social-worker.entity.js';
import { Volunteer } from '../../api/src/modules/shifts/volunteer.entity.js';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { axeViolations } from '../support/axe.js';
import { NotificationKind } from '../../api/src/modules/notifications/notification.kinds.js';
import { notify } from '../../api/src/modules/notifications/notifications.service.js';
import { hasChromium, rawMessageKey, useWebApp, waitForExpression } from '../support/browser.js';

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
    await waitForExpression(page, `document.documentElement.lang === 'en'`);
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

  it('takes a submitted commitment to staff and the decision back to the liaison, and a pairing to its social worker', async () => {
    const liaisonToken = await w.api.login('liaison.jianan', DEMO_PASSWORD);
    const staffToken = await w.api.login('staff.jianan', DEMO_PASSWORD);
    const who = await w.api.gql<{
      viewer: { unit: { id: string; name: string } };
      commitmentCategories: { id: string }[];
    }>('{ viewer { unit { id name } } commitmentCategories { id } }', {}, liaisonToken);
    const unit = who.data!.viewer.unit;
    const today = shanghaiDate();
    const title = `通知测试承诺 ${Date.now()}`;
    const created = await w.api.gql<{ createCommitment: { commitment: { id: string } } }>(
      `mutation($input: CreateCommitmentInput!) {
        createCommitment(input: $input) { commitment { id } errors { code } } }`,
      {
        input: {
          unitId: unit.id,
          categoryId: who.data!.commitmentCategories[0]!.id,
          title,
          measure: 'EVENTS',
          targetAmount: 4,
          periodStart: today,
          periodEnd: today,
        },
      },
      liaisonToken,
    );
    const commitmentId = created.data!.createCommitment.commitment.id;

    const open = async (username: string, locale = 'zh-CN') => {
      const context = await w.browser.newContext({ locale, viewport: phone });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await w.signIn(page, username);
      await page.waitForURL((url) => url.pathname !== '/login');
      return { context, page, errors };
    };
    const notificationsOf = async (page: Page) => {
      await page.goto(`${w.url}/notifications`);
      const texts = await cards(page);
      expect(await page.locator('body').innerText()).not.toMatch(rawMessageKey);
      expect(await axeViolations(page)).toEqual([]);
      return texts;
    };

    // The liaison submits the draft on its page.
    const liaison = await open('liaison.jianan');
    await liaison.page.goto(`${w.url}/unit/commitments/${encodeURIComponent(commitmentId)}`);
    await liaison.page.getByRole('button', { name: '提交审核' }).click();
    await liaison.page.waitForURL((url) => url.searchParams.get('done') === 'submitted');

    // Staff find it in 通知, and its link opens the review queue where it waits.
    const staff = await open('staff.jianan');
    const [submitted] = await notificationsOf(staff.page);
    expect(submitted).toContain('承诺待审核');
    expect(submitted).toContain(`${unit.name}提交了承诺「${title}」`);
    expect(submitted).toContain('请审核后通过或退回。');
    await staff.page
      .locator('ul.notification-list li')
      .first()
      .getByRole('link', { name: '查看' })
      .click();
    await staff.page.waitForURL((url) => url.pathname === '/staff/review');
    expect(new URL(staff.page.url()).hash).toBe('#review-commitments');
    const item = staff.page.locator(
      `article[data-review-kind="commitment"][data-id="${commitmentId}"]`,
    );
    await item.waitFor();
    await item.getByRole('button', { name: '通过' }).click();
    await staff.page.waitForURL((url) => url.searchParams.get('done') === 'commitmentAccepted');

    // The liaison reads the outcome, in Chinese and in English, with a link to the commitment.
    const [accepted] = await notificationsOf(liaison.page);
    expect(accepted).toContain('承诺已通过');
    expect(accepted).toContain(`承诺「${title}」已通过审核`);
    expect(
      await liaison.page
        .locator('ul.notification-list li')
        .first()
        .getByRole('link')
        .getAttribute('href'),
    ).toBe(`/unit/commitments/${commitmentId}`);
    await liaison.page.getByRole('button', { name: 'English' }).first().click();
    await waitForExpression(liaison.page, `document.documentElement.lang === 'en'`);
    const [acceptedEn] = await notificationsOf(liaison.page);
    expect(acceptedEn).toContain('Commitment accepted');
    expect(acceptedEn).toContain(`“${title}” was accepted`);
    expect(liaison.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
    await liaison.context.close();
    await staff.context.close();

    // Staff end one of social.jianan's pairings and pair them with an unpaired volunteer.
    const em = w.api.orm.em.fork();
    const worker = await em.findOneOrFail(
      SocialWorker,
      { user: { username: 'social.jianan' } },
      { populate: ['user'] },
    );
    const current = await em.findOne(Pairing, {
      socialWorker: worker.id,
      status: PairingStatus.ACTIVE,
    });
    if (current) {
      const ended = await w.api.gql<{ endPairing: { errors: unknown[] } }>(
        'mutation($id: ID!) { endPairing(input: { id: $id, reason: "志愿者搬离" }) { errors { code } } }',
        { id: current.nodeId },
        staffToken,
      );
      expect(ended.data!.endPairing.errors).toEqual([]);
    }
    const paired = (await em.find(Pairing, { status: PairingStatus.ACTIVE })).map(
      (p) => p.volunteer.id,
    );
    const volunteer = await em.findOneOrFail(
      Volunteer,
      { community: worker.community.id, id: { $nin: paired } },
      { orderBy: { id: 'asc' } },
    );
    const made = await w.api.gql<{
      confirmPairings: { pairings: { id: string }[]; errors: unknown[] };
    }>(
      `mutation($input: ConfirmPairingsInput!) {
        confirmPairings(input: $input) { pairings { id } errors { code } } }`,
      {
        input: {
          communityId: worker.community.nodeId,
          proposals: [{ socialWorkerId: worker.nodeId, volunteerId: volunteer.nodeId }],
        },
      },
      staffToken,
    );
    expect(made.data!.confirmPairings.errors).toEqual([]);
    const pairingId = made.data!.confirmPairings.pairings[0]!.id;

    const social = await open('social.jianan');
    const [pairing] = await notificationsOf(social.page);
    expect(pairing).toContain('新结对');
    expect(pairing).toContain(`新结对：志愿者 ${volunteer.realName}`);
    await social.page
      .locator('ul.notification-list li')
      .first()
      .getByRole('link', { name: '查看' })
      .click();
    await social.page.waitForURL(
      (url) => url.pathname === `/social/pairings/${encodeURIComponent(pairingId)}`,
    );
    await social.page.getByRole('heading', { level: 1 }).waitFor();
    expect(await social.page.getByRole('heading', { level: 1 }).innerText()).toContain(
      volunteer.realName,
    );
    expect(social.errors).toEqual([]);
    await social.context.close();
  });
});
