// Overdue supervision on the social worker's own list: the flag and the due day follow the same
// configured number of days as the alert job (7 here, to show it is read from config), the list
// comes most overdue first, only to whoever may read the pairings, in a constant number of
// statements.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  makeCommunity,
  makeUser,
  makeVolunteer,
  Role,
  Skill,
  toGlobalId,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import { jobDefinitions } from '../../jobs/jobs.js';
import { shanghaiDate } from '../../graphql/dates.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import type { Volunteer } from '../shifts/volunteer.entity.js';
import { Pairing } from './pairing.entity.js';
import { PairingStatus, SupervisionMode } from './pairing.enums.js';
import { SUPERVISION_ALERTS_JOB } from './pairing.jobs.js';
import { SocialWorker } from './social-worker.entity.js';
import { SupervisionLog } from './supervision-log.entity.js';
import { addDays, isSupervisionOverdue, nextContactDue } from './supervision.js';

const OVERDUE_DAYS = 7;
const t = useTestApp(() => ({ pairing: { supervisionOverdueDays: OVERDUE_DAYS } }));
const gid = toGlobalId;
const today = () => shanghaiDate();

interface Made {
  user: User;
  worker: SocialWorker;
  token: string;
  /** Pairing ids in creation order. */
  pairings: number[];
}

/**
 * A social worker with one pairing per entry: the last contact `daysAgo` days before today, ended
 * when asked, and `logs` supervision logs on the days before the last contact.
 */
async function workerWith(
  orm: MikroORM,
  community: Community,
  staff: User,
  entries: { daysAgo: number; ended?: boolean; logs?: number }[],
): Promise<Made> {
  const user = await makeUser(orm, { role: Role.SOCIAL_WORKER, community });
  const volunteers: Volunteer[] = [];
  for (const _ of entries) {
    volunteers.push((await makeVolunteer(orm, community, { skills: [Skill.MEDICAL] })).volunteer);
  }
  const em = orm.em.fork();
  const worker = em.create(SocialWorker, {
    user: user.id,
    community: community.id,
    caseloadCap: 50,
  });
  const pairings = entries.map((entry, i) => {
    const last = addDays(today(), -entry.daysAgo);
    const pairing = em.create(Pairing, {
      socialWorker: worker,
      volunteer: volunteers[i]!.id,
      community: community.id,
      confirmedBy: staff.id,
      confirmedAt: new Date(Date.now() - 90 * 86_400_000),
      lastContactDate: last,
      status: entry.ended ? PairingStatus.ENDED : PairingStatus.ACTIVE,
      endedAt: entry.ended ? new Date() : null,
      endReason: entry.ended ? '志愿者搬离' : null,
    });
    for (let n = 0; n < (entry.logs ?? 0); n++) {
      em.create(SupervisionLog, {
        pairing,
        author: user.id,
        date: addDays(last, -n),
        mode: SupervisionMode.PHONE,
        durationMinutes: 30,
        notes: `第${n}次`,
      });
    }
    return pairing;
  });
  await em.flush();
  return {
    user,
    worker,
    token: await t.login(user.username),
    pairings: pairings.map((p) => p.id),
  };
}

const MY_PAIRINGS = `query($status: PairingStatus, $first: Int, $after: String) {
  mySocialWorkerProfile { id pairings(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status lastContactDate daysSinceContact supervisionOverdue nextContactDue } } } } }`;

const LIST_PAGE = `query { mySocialWorkerProfile { id caseloadCap activePairings specialties
  pairings(status: ACTIVE, first: 50) { totalCount edges { node {
    id lastContactDate daysSinceContact supervisionOverdue nextContactDue supervisionMinutes viewerCanEnd
    volunteer { id realName phone skills }
    supervisionLogs(first: 1) { edges { node { id date mode } } } } } } } }`;

const LOG = `mutation($input: LogSupervisionInput!) { logSupervision(input: $input) {
  pairing { id lastContactDate daysSinceContact supervisionOverdue nextContactDue }
  errors { code field } } }`;

type Node = {
  id: string;
  status: string;
  lastContactDate: string;
  daysSinceContact: number;
  supervisionOverdue: boolean;
  nextContactDue: string;
};
const nodes = (data: AnyData | undefined): Node[] =>
  data!.mySocialWorkerProfile.pairings.edges.map((e: { node: Node }) => e.node);

describe('supervision overdue', () => {
  let c: Community;
  let staff: User;
  let staffToken: string;

  beforeAll(async () => {
    c = await makeCommunity(t.orm);
    staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: c });
    staffToken = await t.login(staff.username);
  });

  it('reads the threshold from config', () => {
    expect(t.app.config.pairing.supervisionOverdueDays).toBe(OVERDUE_DAYS);
    const active = { status: PairingStatus.ACTIVE, lastContactDate: '2026-03-01' };
    expect(isSupervisionOverdue(active, '2026-03-07', 7)).toBe(false);
    expect(isSupervisionOverdue(active, '2026-03-08', 7)).toBe(true);
    expect(nextContactDue('2026-03-01', 7)).toBe('2026-03-07');
    expect(nextContactDue('2026-02-25', 14)).toBe('2026-03-10');
  });

  it('flags a pairing overdue exactly from the threshold day, as the alert job does', async () => {
    const sw = await workerWith(t.orm, c, staff, [
      { daysAgo: OVERDUE_DAYS - 1 }, // due today, not overdue
      { daysAgo: OVERDUE_DAYS }, // overdue since today
      { daysAgo: 0 },
      { daysAgo: 40, ended: true }, // ended: never overdue
      { daysAgo: OVERDUE_DAYS + 20 },
    ]);
    const [dueToday, justOverdue, fresh, ended, longOverdue] = sw.pairings.map((id) =>
      gid('Pairing', id),
    );
    const res = await t.gql(MY_PAIRINGS, {}, sw.token);
    expect(res.errors).toBeUndefined();
    const list = nodes(res.data);
    // Active first, the longest without contact first; then the ended one.
    expect(list.map((n) => n.id)).toEqual([longOverdue, justOverdue, dueToday, fresh, ended]);
    const byId = new Map(list.map((n) => [n.id, n]));
    expect(byId.get(justOverdue!)).toMatchObject({
      daysSinceContact: OVERDUE_DAYS,
      supervisionOverdue: true,
      nextContactDue: addDays(today(), -1),
    });
    expect(byId.get(dueToday!)).toMatchObject({
      daysSinceContact: OVERDUE_DAYS - 1,
      supervisionOverdue: false,
      nextContactDue: today(),
    });
    expect(byId.get(fresh!)).toMatchObject({
      supervisionOverdue: false,
      nextContactDue: addDays(today(), OVERDUE_DAYS - 1),
    });
    expect(byId.get(longOverdue!)!.supervisionOverdue).toBe(true);
    expect(byId.get(ended!)).toMatchObject({ status: 'ENDED', supervisionOverdue: false });

    // The alert job, built with the same config, notifies about exactly the flagged pairings.
    const job = jobDefinitions(t.app).find((j) => j.name === SUPERVISION_ALERTS_JOB)!;
    await job.handler({});
    const alerts = await t.orm.em
      .fork()
      .find(Notification, { kind: NotificationKind.SUPERVISION_OVERDUE, user: sw.user.id });
    const alerted = new Set(alerts.map((n) => n.data.pairingId));
    const flagged = new Set(list.filter((n) => n.supervisionOverdue).map((n) => n.id));
    expect(alerted).toEqual(flagged);
    expect(flagged).toEqual(new Set([justOverdue, longOverdue]));

    // A supervision today clears the flag and moves the due day; the pairing moves back among
    // those contacted today (ties by id).
    const logged = await t.gql(
      LOG,
      {
        input: {
          pairingId: justOverdue,
          date: today(),
          mode: 'IN_PERSON',
          durationMinutes: 60,
          notes: '上门探访',
        },
      },
      sw.token,
    );
    expect(logged.data!.logSupervision).toMatchObject({
      errors: [],
      pairing: {
        lastContactDate: today(),
        daysSinceContact: 0,
        supervisionOverdue: false,
        nextContactDue: addDays(today(), OVERDUE_DAYS - 1),
      },
    });
    const active = nodes((await t.gql(MY_PAIRINGS, { status: 'ACTIVE' }, sw.token)).data);
    expect(active.map((n) => n.id)).toEqual([longOverdue, dueToday, justOverdue, fresh]);
    expect(active.filter((n) => n.supervisionOverdue).map((n) => n.id)).toEqual([longOverdue]);
  });

  it('pages by status, most overdue first, and shows logs newest first', async () => {
    const sw = await workerWith(t.orm, c, staff, [
      { daysAgo: 3, logs: 3 },
      { daysAgo: 20 },
      { daysAgo: 9 },
      { daysAgo: 9 },
      { daysAgo: 50, ended: true },
    ]);
    const ids = sw.pairings.map((id) => gid('Pairing', id));
    const first = await t.gql(MY_PAIRINGS, { status: 'ACTIVE', first: 2 }, sw.token);
    const page1 = first.data!.mySocialWorkerProfile.pairings;
    expect(page1.totalCount).toBe(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(nodes(first.data).map((n) => n.id)).toEqual([ids[1], ids[2]]);
    const second = await t.gql(
      MY_PAIRINGS,
      { status: 'ACTIVE', first: 2, after: page1.pageInfo.endCursor },
      sw.token,
    );
    expect(nodes(second.data).map((n) => n.id)).toEqual([ids[3], ids[0]]);
    expect(second.data!.mySocialWorkerProfile.pairings.pageInfo.hasNextPage).toBe(false);
    const ended = await t.gql(MY_PAIRINGS, { status: 'ENDED' }, sw.token);
    expect(nodes(ended.data).map((n) => n.id)).toEqual([ids[4]]);
    expect(ended.data!.mySocialWorkerProfile.pairings.totalCount).toBe(1);

    const logs = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Pairing {
        supervisionLogs(first: 2) { totalCount pageInfo { endCursor } edges { node { date notes } } } } } }`,
      { id: ids[0] },
      sw.token,
    );
    const conn = logs.data!.node.supervisionLogs;
    expect(conn.totalCount).toBe(3);
    expect(conn.edges.map((e: { node: { date: string } }) => e.node.date)).toEqual([
      addDays(today(), -3),
      addDays(today(), -4),
    ]);
    const rest = await t.gql(
      `query($id: ID!, $after: String) { node(id: $id) { ... on Pairing {
        supervisionLogs(first: 2, after: $after) { edges { node { date } } } } } }`,
      { id: ids[0], after: conn.pageInfo.endCursor },
      sw.token,
    );
    expect(
      rest.data!.node.supervisionLogs.edges.map((e: { node: { date: string } }) => e.node.date),
    ).toEqual([addDays(today(), -5)]);
  });

  it('shows a worker’s pairings to them, their staff and the office, not to other workers', async () => {
    const sw = await workerWith(t.orm, c, staff, [{ daysAgo: 1 }]);
    const other = await workerWith(t.orm, c, staff, [{ daysAgo: 2 }]);
    const otherStaff = await makeUser(t.orm, {
      role: Role.COMMUNITY_STAFF,
      community: await makeCommunity(t.orm),
    });
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const OF_WORKER = `query($id: ID!) { node(id: $id) { ... on SocialWorker {
      pairings { totalCount edges { node { id volunteer { phone } } } } } } }`;
    const vars = { id: gid('SocialWorker', sw.worker.id) };
    for (const token of [sw.token, staffToken, await t.login(admin.username)]) {
      const res = await t.gql(OF_WORKER, vars, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.node.pairings.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
        [gid('Pairing', sw.pairings[0]!)],
      );
      // Their own volunteer's phone is not masked for them.
      expect(res.data!.node.pairings.edges[0].node.volunteer.phone).toBe('13600000000');
    }
    const byOther = await t.gql(OF_WORKER, vars, other.token);
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byOther.data?.node ?? null).toBeNull();
    // Staff of another community cannot even see the worker.
    const outside = await t.gql(OF_WORKER, vars, await t.login(otherStaff.username));
    expect(outside.data!.node).toBeNull();
    // Their own list never has anyone else's pairings.
    const own = nodes((await t.gql(MY_PAIRINGS, {}, other.token)).data);
    expect(own.map((n) => n.id)).toEqual([gid('Pairing', other.pairings[0]!)]);
  });

  it('lists volunteers with their last log in a constant number of statements', async () => {
    const small = await workerWith(t.orm, c, staff, [
      { daysAgo: 2, logs: 2 },
      { daysAgo: 10, logs: 1 },
    ]);
    const large = await workerWith(
      t.orm,
      c,
      staff,
      Array.from({ length: 8 }, (_, i) => ({ daysAgo: i * 3, logs: i % 3 })),
    );
    let smallData: AnyData | undefined;
    let largeData: AnyData | undefined;
    const smallCount = await t.countStatements(async () => {
      smallData = (await t.gql(LIST_PAGE, {}, small.token)).data;
    });
    const largeCount = await t.countStatements(async () => {
      largeData = (await t.gql(LIST_PAGE, {}, large.token)).data;
    });
    expect(smallData!.mySocialWorkerProfile.pairings.totalCount).toBe(2);
    expect(largeData!.mySocialWorkerProfile.pairings.totalCount).toBe(8);
    expect(largeData!.mySocialWorkerProfile.activePairings).toBe(8);
    const firstLarge = largeData!.mySocialWorkerProfile.pairings.edges[0].node;
    expect(firstLarge.volunteer.skills).toEqual(['MEDICAL']);
    expect(firstLarge.supervisionLogs.edges[0].node.date).toBe(firstLarge.lastContactDate);
    const largeNodes = nodes(largeData) as (Node & {
      supervisionMinutes: number;
      viewerCanEnd: boolean;
    })[];
    // Entry i has i % 3 logs of 30 minutes; each is the worker's own, active pairing.
    expect(largeNodes.every((n) => n.viewerCanEnd)).toBe(true);
    expect(largeNodes.map((n) => n.supervisionMinutes).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => (i % 3) * 30).sort(),
    );
    // session, profile, pairings page, total, active count, volunteers, last logs, minutes
    expect(smallCount).toBe(8);
    expect(largeCount).toBe(smallCount);
  });
});
