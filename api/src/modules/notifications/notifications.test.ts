import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity, makeUser, Role } from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import { Notification } from './notification.entity.js';
import { notify } from './notifications.service.js';

const t = useTestApp();

const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id kind title body link readAt createdAt } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
    totalCount
  }
  unreadNotificationCount
}`;
const MARK = `mutation($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) { count unreadCount errors { code field message } }
}`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on Notification { title } } }`;

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
      kind: 'TEST',
      title: `${label} 第${i + 1}条`,
      body: `${label} #${i + 1}`,
      link: `/test/${i + 1}`,
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
      kind: 'TEST',
      title: 'alice-4 第1条',
      body: 'alice-4 #1',
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
    expect(own.data!.node).toEqual({ id: bobs[0]!.nodeId, title: 'bob-0 第1条' });
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
