import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity, makeUser, Role } from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import { Measure } from '../commitments/commitment.enums.js';
import { mailText } from './mail-text.js';
import { Notification } from './notification.entity.js';
import { NotificationKind } from './notification.kinds.js';
import { notify } from './notifications.service.js';

const t = useTestApp();

const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id kind data { shiftId signupId activityTitle startsAt reason } link readAt createdAt } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
    totalCount
  }
  unreadNotificationCount
}`;
const MARK = `mutation($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) { count unreadCount errors { code field message } }
}`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on Notification { kind data { activityTitle } } } }`;

let alice: User;
let bob: User;
let aliceToken: string;
let bobToken: string;
/** Alice's notifications, oldest first. */
let mine: Notification[];
let bobs: Notification[];

async function write(user: User, count: number, label: string): Promise<Notification[]> {
  const em = t.orm.em.fork() as EntityManager;
  const rows = notify(
    em,
    Array.from({ length: count }, (_, i) => ({
      userId: user.id,
      kind: NotificationKind.SHIFT_CANCELLED,
      link: `/test/${i + 1}`,
      data: {
        shiftId: 'U2hpZnQ6MQ',
        signupId: 'U2lnbnVwOjE',
        activityTitle: `${label} 第${i + 1}条`,
        startsAt: '2026-12-03T01:00:00.000Z',
        reason: `${label} #${i + 1}`,
      },
    })),
  );
  await em.flush();
  return rows;
}

const ids = (res: AnyData) =>
  (res.data!.notifications.edges as AnyData[]).map((e) => e.node.id as string);

beforeAll(async () => {
  const community = await makeCommunity(t.orm);
  alice = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
  bob = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
  [aliceToken, bobToken] = await Promise.all([t.login(alice.username), t.login(bob.username)]);
  // Interleaved, so that ids of the two users alternate.
  mine = [];
  bobs = [];
  for (let i = 0; i < 5; i++) {
    mine.push(...(await write(alice, 1, `alice-${i}`)));
    if (i < 2) bobs.push(...(await write(bob, 1, `bob-${i}`)));
  }
});

describe('notifications', () => {
  it('lists only your own, newest first, in keyset pages', async () => {
    const newestFirst = [...mine].reverse().map((n) => n.nodeId);
    const first = await t.gql(LIST, { first: 2 }, aliceToken);
    expect(first.errors).toBeUndefined();
    expect(ids(first)).toEqual(newestFirst.slice(0, 2));
    expect(first.data!.notifications.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
    });
    expect(first.data!.notifications.totalCount).toBe(5);
    expect(first.data!.unreadNotificationCount).toBe(5);
    expect(first.data!.notifications.edges[0].node).toMatchObject({
      kind: 'SHIFT_CANCELLED',
      data: {
        shiftId: 'U2hpZnQ6MQ',
        signupId: 'U2lnbnVwOjE',
        activityTitle: 'alice-4 第1条',
        startsAt: '2026-12-03T01:00:00.000Z',
        reason: 'alice-4 #1',
      },
      link: '/test/1',
      readAt: null,
    });
    expect(Date.parse(first.data!.notifications.edges[0].node.createdAt)).not.toBeNaN();

    const second = await t.gql(
      LIST,
      { first: 2, after: first.data!.notifications.pageInfo.endCursor },
      aliceToken,
    );
    expect(ids(second)).toEqual(newestFirst.slice(2, 4));
    const third = await t.gql(
      LIST,
      { first: 2, after: second.data!.notifications.pageInfo.endCursor },
      aliceToken,
    );
    expect(ids(third)).toEqual(newestFirst.slice(4));
    expect(third.data!.notifications.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });

    const bobsList = await t.gql(LIST, { first: 10 }, bobToken);
    expect(ids(bobsList)).toEqual([...bobs].reverse().map((n) => n.nodeId));
    expect(bobsList.data!.unreadNotificationCount).toBe(2);
  });

  it('asks who you are', async () => {
    const res = await t.gql(LIST, {});
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const mark = await t.gql(MARK, { input: { all: true } });
    expect(mark.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never shows someone else’s notification through node(id:)', async () => {
    const own = await t.gql(NODE, { id: bobs[0]!.nodeId }, bobToken);
    expect(own.data!.node).toEqual({
      id: bobs[0]!.nodeId,
      kind: 'SHIFT_CANCELLED',
      data: { activityTitle: 'bob-0 第1条' },
    });
    const other = await t.gql(NODE, { id: bobs[0]!.nodeId }, aliceToken);
    expect(other.errors).toBeUndefined();
    expect(other.data!.node).toBeNull();
    const anonymous = await t.gql(NODE, { id: bobs[0]!.nodeId });
    expect(anonymous.data!.node).toBeNull();
  });

  it('marks read the ids given, ignoring ids that are not yours, then all', async () => {
    const none = await t.gql(MARK, { input: {} }, aliceToken);
    expect(none.data!.markNotificationsRead).toMatchObject({
      count: 0,
      errors: [{ code: 'REQUIRED' }],
    });

    const some = await t.gql(
      MARK,
      {
        input: {
          ids: [mine[0]!.nodeId, mine[1]!.nodeId, mine[1]!.nodeId, bobs[0]!.nodeId, 'bm9uc2Vuc2U'],
        },
      },
      aliceToken,
    );
    expect(some.data!.markNotificationsRead).toEqual({ count: 2, unreadCount: 3, errors: [] });
    // Bob's notification was not touched.
    const bobsNow = await t.gql(LIST, { first: 10 }, bobToken);
    expect(bobsNow.data!.unreadNotificationCount).toBe(2);
    expect(
      (bobsNow.data!.notifications.edges as AnyData[]).every((e) => e.node.readAt === null),
    ).toBe(true);

    const unread = await t.gql(LIST, { first: 10, unreadOnly: true }, aliceToken);
    expect(ids(unread)).toEqual(
      mine
        .slice(2)
        .reverse()
        .map((n) => n.nodeId),
    );
    expect(unread.data!.notifications.totalCount).toBe(3);
    const all = await t.gql(LIST, { first: 10 }, aliceToken);
    const readAt = Object.fromEntries(
      (all.data!.notifications.edges as AnyData[]).map((e) => [e.node.id, e.node.readAt]),
    );
    expect(readAt[mine[0]!.nodeId]).not.toBeNull();
    expect(readAt[mine[2]!.nodeId]).toBeNull();

    // Marking again changes nothing; the first read time stays.
    const again = await t.gql(MARK, { input: { ids: [mine[0]!.nodeId] } }, aliceToken);
    expect(again.data!.markNotificationsRead).toEqual({ count: 0, unreadCount: 3, errors: [] });

    const everything = await t.gql(MARK, { input: { all: true } }, aliceToken);
    expect(everything.data!.markNotificationsRead).toEqual({
      count: 3,
      unreadCount: 0,
      errors: [],
    });
    const after = await t.gql(LIST, { first: 10, unreadOnly: true }, aliceToken);
    expect(ids(after)).toEqual([]);
    expect(after.data!.unreadNotificationCount).toBe(0);
    expect(await t.orm.em.fork().count(Notification, { user: bob.id, readAt: null })).toBe(2);
  });

  it('refuses malformed paging', async () => {
    const res = await t.gql(LIST, { first: 101 }, aliceToken);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('notifications in the reader’s language', () => {
  const SET_LANGUAGE = `mutation($input: SetMyLanguageInput!) {
    setMyLanguage(input: $input) { errors { code } } }`;
  const FEED = `{ viewer { language } notifications(first: 5) { edges { node { kind link data {
    shiftId signupId activityTitle location startsAt hoursBefore reason volunteerId volunteerName
    unitId unitName pairingId socialWorkerName lastContactDate daysSinceContact } } } } }`;

  it('gives a reader of English and a reader of Chinese the same kind and data, no words', async () => {
    const community = await makeCommunity(t.orm);
    const english = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const chinese = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const [enToken, zhToken] = await Promise.all([
      t.login(english.username),
      t.login(chinese.username),
    ]);
    for (const [token, language] of [
      [enToken, 'en'],
      [zhToken, 'zh-CN'],
    ] as const) {
      const set = await t.gql(SET_LANGUAGE, { input: { language } }, token);
      expect(set.data!.setMyLanguage.errors).toEqual([]);
    }

    // One event, notified to both.
    const data = {
      shiftId: 'U2hpZnQ6Nw',
      signupId: 'U2lnbnVwOjk',
      activityTitle: '社区清洁 Community clean-up',
      location: '青山社区活动室',
      startsAt: '2026-12-03T01:00:00.000Z',
      hoursBefore: 24,
    };
    const em = t.orm.em.fork() as EntityManager;
    notify(
      em,
      [english, chinese].map((user) => ({
        userId: user.id,
        kind: NotificationKind.SHIFT_REMINDER,
        link: '/shifts/U2hpZnQ6Nw',
        data,
      })),
    );
    await em.flush();

    const [en, zh] = await Promise.all([t.gql(FEED, {}, enToken), t.gql(FEED, {}, zhToken)]);
    expect(en.errors).toBeUndefined();
    expect(zh.errors).toBeUndefined();
    expect(en.data!.viewer.language).toBe('en');
    expect(zh.data!.viewer.language).toBe('zh-CN');
    const expected = {
      kind: 'SHIFT_REMINDER',
      link: '/shifts/U2hpZnQ6Nw',
      data: {
        ...data,
        reason: null,
        volunteerId: null,
        volunteerName: null,
        unitId: null,
        unitName: null,
        pairingId: null,
        socialWorkerName: null,
        lastContactDate: null,
        daysSinceContact: null,
      },
    };
    expect(en.data!.notifications.edges).toEqual([{ node: expected }]);
    expect(zh.data!.notifications.edges).toEqual([{ node: expected }]);

    // There are no words in one language to ask for: the reader's side writes them.
    const words = await t.gql(`{ notifications { edges { node { title body } } } }`, {}, enToken);
    expect(words.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // E-mail is worded by the API, from the same data, in each recipient's language.
    const zhMail = mailText(NotificationKind.SHIFT_REMINDER, data, 'zh-CN');
    expect(zhMail.subject).toBe('班次提醒：社区清洁 Community clean-up，12月3日 09:00 开始');
    expect(zhMail.text).toContain('地点：青山社区活动室');
    const enMail = mailText(NotificationKind.SHIFT_REMINDER, data, 'en');
    expect(enMail.subject).toBe(
      'Shift reminder: 社区清洁 Community clean-up, 09:00 on 2026-12-03 (Beijing time)',
    );
    expect(enMail.text).toContain('at 青山社区活动室');
    // No choice yet: Chinese.
    expect(mailText(NotificationKind.SHIFT_REMINDER, data, null)).toEqual(zhMail);
  });

  it('words every kind in both languages for e-mail', () => {
    const samples: Parameters<typeof notify>[1] = [
      {
        userId: 1,
        kind: NotificationKind.SHIFT_REMINDER,
        data: {
          shiftId: 's',
          signupId: 'g',
          activityTitle: '助老',
          location: '活动室',
          startsAt: '2026-12-03T01:00:00.000Z',
          hoursBefore: 2,
        },
      },
      {
        userId: 1,
        kind: NotificationKind.WAITLIST_PROMOTED,
        data: {
          shiftId: 's',
          signupId: 'g',
          activityTitle: '助老',
          startsAt: '2026-12-03T01:00:00.000Z',
        },
      },
      {
        userId: 1,
        kind: NotificationKind.SHIFT_CANCELLED,
        data: {
          shiftId: 's',
          signupId: 'g',
          activityTitle: '助老',
          startsAt: '2026-12-03T01:00:00.000Z',
          reason: '天气原因',
        },
      },
      {
        userId: 1,
        kind: NotificationKind.AFFILIATION_REQUESTED,
        data: { volunteerId: 'v', volunteerName: '李红', unitId: 'u', unitName: '青山医院' },
      },
      {
        userId: 1,
        kind: NotificationKind.SUPERVISION_OVERDUE,
        data: {
          pairingId: 'p',
          volunteerName: '李红',
          socialWorkerName: '王社工',
          lastContactDate: '2026-11-20',
          daysSinceContact: 15,
        },
      },
      ...(() => {
        const c = { commitmentId: 'c', commitmentTitle: '助老服务' };
        const target = { measure: Measure.EVENTS, targetAmount: '10.00' };
        const record = {
          ...c,
          fulfilmentId: 'f',
          measure: Measure.VOLUNTEER_HOURS,
          amount: '12.50',
          fulfilmentDate: '2026-12-01',
        };
        const pair = { pairingId: 'p', volunteerName: '李红', socialWorkerName: '王社工' };
        return [
          { kind: NotificationKind.COMMITMENT_SUBMITTED, data: { ...c, unitName: '青山医院' } },
          { kind: NotificationKind.COMMITMENT_ACCEPTED, data: c },
          { kind: NotificationKind.COMMITMENT_REJECTED, data: { ...c, reason: '目标不具体' } },
          {
            kind: NotificationKind.TARGET_CHANGE_REQUESTED,
            data: { ...c, ...target, unitName: '青山医院', proposedTargetAmount: '8.00' },
          },
          { kind: NotificationKind.TARGET_CHANGE_APPROVED, data: { ...c, ...target } },
          {
            kind: NotificationKind.TARGET_CHANGE_DECLINED,
            data: { ...c, ...target, proposedTargetAmount: '8.00', reason: '计划不变' },
          },
          {
            kind: NotificationKind.FULFILMENT_RECORDED,
            data: { ...record, unitName: '青山医院', evidenceCount: 2 },
          },
          { kind: NotificationKind.FULFILMENT_VERIFIED, data: record },
          { kind: NotificationKind.FULFILMENT_REJECTED, data: { ...record, reason: '缺签到表' } },
          { kind: NotificationKind.PAIRING_CONFIRMED, data: pair },
          { kind: NotificationKind.SOCIAL_WORKER_ASSIGNED, data: pair },
          { kind: NotificationKind.PAIRING_ENDED, data: { ...pair, reason: '搬离社区' } },
        ].map((n) => ({ userId: 1, ...n }) as Parameters<typeof notify>[1][number]);
      })(),
    ];
    expect(samples.map((s) => s.kind).sort()).toEqual(Object.values(NotificationKind).sort());
    for (const sample of samples) {
      const zh = mailText(sample.kind, sample.data, 'zh-CN');
      const en = mailText(sample.kind, sample.data, 'en');
      for (const words of [zh, en]) {
        expect(words.subject, sample.kind).not.toMatch(/undefined|null/);
        expect(words.text, sample.kind).not.toMatch(/undefined|null/);
      }
      // English mail has no Chinese but what the data holds.
      const facts = Object.values(sample.data).map(String);
      const stripped = facts.reduce(
        (text, fact) => text.split(fact).join(''),
        en.subject + en.text,
      );
      expect(stripped, sample.kind).not.toMatch(/[\u3400-\u9fff]/);
      expect(zh.subject, sample.kind).toMatch(/[\u3400-\u9fff]/);
    }
  });
});
