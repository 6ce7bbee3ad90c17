// Who hears of commitment reviews and pairings (issue 15): the community's staff of work waiting
// for review, the unit's liaisons of staff's decisions, the social worker (and the volunteer) of
// pairings — never staff of another community, another unit's liaison, the office, or the actor;
// written in the event's transaction (a refused step tells nobody), recipients in one query.
import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  categoryByCode,
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { User } from '../auth/user.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import { Pairing } from '../pairing/pairing.entity.js';
import { sendSupervisionAlerts } from '../pairing/pairing.jobs.js';
import { addDays } from '../pairing/supervision.js';
import { SocialWorker } from '../pairing/social-worker.entity.js';
import { Notification } from './notification.entity.js';
import { NotificationKind } from './notification.kinds.js';

const t = useTestApp();

const ERRORS = 'errors { code field message }';
const CREATE = `mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) {
  commitment { id status } ${ERRORS} } }`;
const SUBMIT = `mutation($input: SubmitCommitmentInput!) { submitCommitment(input: $input) {
  commitment { id status } ${ERRORS} } }`;
const REVIEW = `mutation($input: ReviewCommitmentInput!) { reviewCommitment(input: $input) {
  commitment { id status } ${ERRORS} } }`;
const UPDATE = `mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) {
  commitment { id proposedTargetAmount targetAmount } ${ERRORS} } }`;
const TARGET = `mutation($input: ReviewTargetChangeInput!) { reviewTargetChange(input: $input) {
  commitment { id proposedTargetAmount targetAmount } ${ERRORS} } }`;
const RECORD = `mutation($input: RecordFulfilmentInput!) { recordFulfilment(input: $input) {
  fulfilment { id } ${ERRORS} } }`;
const REVIEW_RECORD = `mutation($input: ReviewFulfilmentInput!) { reviewFulfilment(input: $input) {
  fulfilment { id status } ${ERRORS} } }`;
const CONFIRM = `mutation($input: ConfirmPairingsInput!) { confirmPairings(input: $input) {
  pairings { id } ${ERRORS} } }`;
const END = `mutation($input: EndPairingInput!) { endPairing(input: $input) {
  pairing { id status } ${ERRORS} } }`;
const MINE = `{ notifications(first: 20) { edges { node { kind link data {
  commitmentId commitmentTitle unitName reason measure targetAmount proposedTargetAmount
  fulfilmentId amount fulfilmentDate evidenceCount pairingId volunteerName socialWorkerName } } } } }`;

let community: Community;
let unit: Unit;
let liaison: User;
let liaison2: User;
let otherLiaison: User;
let staff: User;
let staff2: User;
let formerStaff: User;
let otherStaff: User;
let admin: User;
const tokens = new Map<number, string>();
const token = (user: User) => tokens.get(user.id)!;
let everyone: User[];

/** Who got a notification of `kind` since the test began, by user id. */
async function told(kind: NotificationKind): Promise<number[]> {
  const rows = await t.orm.em.fork().find(Notification, { kind }, { orderBy: { user: 'asc' } });
  return rows.map((n) => n.user.id);
}
const ids = (...users: User[]) => users.map((u) => u.id).sort((a, b) => a - b);

async function ok<T = Record<string, unknown>>(
  query: string,
  input: Record<string, unknown>,
  as: User,
): Promise<T> {
  const res = await t.gql(query, { input }, token(as));
  expect(res.errors).toBeUndefined();
  const payload = Object.values(res.data!)[0] as T & { errors: unknown[] };
  expect(payload.errors).toEqual([]);
  return payload;
}

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  const other = await makeCommunity(t.orm);
  unit = await makeUnit(t.orm, community);
  const neighbour = await makeUnit(t.orm, community);
  liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  liaison2 = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  otherLiaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit: neighbour });
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  staff2 = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  formerStaff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  otherStaff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: other });
  admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
  everyone = [liaison, liaison2, otherLiaison, staff, staff2, formerStaff, otherStaff, admin];
  for (const user of everyone) tokens.set(user.id, await t.login(user.username));
  await t.orm.em.fork().nativeUpdate(User, formerStaff.id, { active: false });
});

beforeEach(async () => {
  await t.orm.em.fork().nativeDelete(Notification, {});
});

const draft = () => makeCommitment(t.orm, unit, { createdBy: liaison, title: '楼道清扫' });
const active = (target = '100.00') =>
  makeCommitment(t.orm, unit, {
    createdBy: liaison,
    title: '助老服务',
    status: CommitmentStatus.ACTIVE,
    targetAmount: target,
  });

describe('a commitment submitted for review', () => {
  it('tells the community’s active staff, with a link to the review queue; nobody else', async () => {
    const c = await draft();
    await ok(SUBMIT, { id: c.nodeId }, liaison);
    expect(await told(NotificationKind.COMMITMENT_SUBMITTED)).toEqual(ids(staff, staff2));
    const seen = (await t.gql(MINE, {}, token(staff))).data!.notifications.edges;
    expect(seen).toEqual([
      {
        node: {
          kind: 'COMMITMENT_SUBMITTED',
          link: '/staff/review#review-commitments',
          data: expect.objectContaining({
            commitmentId: c.nodeId,
            commitmentTitle: '楼道清扫',
            unitName: unit.name,
          }),
        },
      },
    ]);
    // Nothing else went anywhere.
    expect(await t.orm.em.fork().count(Notification, {})).toBe(2);
  });

  it('tells them too when the commitment is created submitted', async () => {
    const made = await ok<{ commitment: { id: string } }>(
      CREATE,
      {
        unitId: unit.nodeId,
        categoryId: (await categoryByCode(t.orm)).nodeId,
        title: '义诊活动',
        measure: 'EVENTS',
        targetAmount: 4,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        submit: true,
      },
      liaison2,
    );
    expect(await told(NotificationKind.COMMITMENT_SUBMITTED)).toEqual(ids(staff, staff2));
    const [n] = (await t.gql(MINE, {}, token(staff2))).data!.notifications.edges;
    expect(n.node.data).toMatchObject({ commitmentId: made.commitment.id, unitName: unit.name });
  });

  it('does not tell the staff member who submitted it for the unit', async () => {
    const c = await draft();
    await ok(SUBMIT, { id: c.nodeId }, staff);
    expect(await told(NotificationKind.COMMITMENT_SUBMITTED)).toEqual(ids(staff2));
  });

  it('finds the recipients in one query, however many staff there are', async () => {
    const submit = async () => {
      const c = await draft();
      const n = await t.countStatements(() =>
        t.gql(SUBMIT, { input: { id: c.nodeId } }, token(liaison)),
      );
      return n;
    };
    const few = await submit();
    const extra = [];
    for (let i = 0; i < 4; i++)
      extra.push(await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community }));
    const many = await submit();
    expect(many).toBe(few);
    await t.orm.em.fork().nativeUpdate(
      User,
      { id: { $in: extra.map((u) => u.id) } },
      {
        active: false,
      },
    );
  });
});

describe('staff’s decision on a commitment', () => {
  const submitted = async (): Promise<Commitment> => {
    const c = await draft();
    await ok(SUBMIT, { id: c.nodeId }, liaison);
    return c;
  };

  it('tells the unit’s liaisons it was accepted, linking to the commitment', async () => {
    const c = await submitted();
    await ok(REVIEW, { id: c.nodeId, decision: 'ACCEPT' }, staff);
    expect(await told(NotificationKind.COMMITMENT_ACCEPTED)).toEqual(ids(liaison, liaison2));
    const [n] = (await t.gql(MINE, {}, token(liaison))).data!.notifications.edges;
    expect(n.node).toMatchObject({
      kind: 'COMMITMENT_ACCEPTED',
      link: `/unit/commitments/${c.nodeId}`,
      data: { commitmentId: c.nodeId, commitmentTitle: '楼道清扫' },
    });
  });

  it('tells them it was returned, with the reason; a refused rejection tells nobody', async () => {
    const c = await submitted();
    const refused = await t.gql(
      REVIEW,
      { input: { id: c.nodeId, decision: 'REJECT' } },
      token(staff),
    );
    expect(refused.data!.reviewCommitment.errors[0].code).toBe('REQUIRED');
    expect(await told(NotificationKind.COMMITMENT_REJECTED)).toEqual([]);

    await ok(REVIEW, { id: c.nodeId, decision: 'REJECT', reason: '目标不具体' }, staff);
    expect(await told(NotificationKind.COMMITMENT_REJECTED)).toEqual(ids(liaison, liaison2));
    const [n] = (await t.gql(MINE, {}, token(liaison2))).data!.notifications.edges;
    expect(n.node.data.reason).toBe('目标不具体');
  });
});

describe('a target change', () => {
  it('asked by the unit tells the staff; declined or approved, the unit’s liaisons', async () => {
    const c = await active('100.00');
    const ask = async (target: number) => {
      const fresh = await t.orm.em.fork().findOneOrFail(Commitment, c.id);
      await ok(UPDATE, { id: c.nodeId, version: fresh.version, targetAmount: target }, liaison);
    };
    await ask(80);
    expect(await told(NotificationKind.TARGET_CHANGE_REQUESTED)).toEqual(ids(staff, staff2));
    const [asked] = (await t.gql(MINE, {}, token(staff2))).data!.notifications.edges;
    expect(asked.node).toMatchObject({
      link: '/staff/review#review-targets',
      data: {
        commitmentId: c.nodeId,
        unitName: unit.name,
        measure: 'VOLUNTEER_HOURS',
        targetAmount: '100.00',
        proposedTargetAmount: '80.00',
      },
    });

    // A decline without a reason is refused: the request still waits, nobody is told.
    const refused = await t.gql(
      TARGET,
      { input: { id: c.nodeId, decision: 'REJECT' } },
      token(staff),
    );
    expect(refused.data!.reviewTargetChange.errors[0].code).toBe('REQUIRED');
    expect(await told(NotificationKind.TARGET_CHANGE_DECLINED)).toEqual([]);
    expect((await t.orm.em.fork().findOneOrFail(Commitment, c.id)).proposedTargetAmount).toBe(
      '80.00',
    );

    await ok(TARGET, { id: c.nodeId, decision: 'REJECT', note: '年度计划不变' }, staff);
    expect(await told(NotificationKind.TARGET_CHANGE_DECLINED)).toEqual(ids(liaison, liaison2));
    const [declined] = (await t.gql(MINE, {}, token(liaison))).data!.notifications.edges;
    expect(declined.node.data).toMatchObject({
      targetAmount: '100.00',
      proposedTargetAmount: '80.00',
      reason: '年度计划不变',
    });

    await ask(90);
    await ok(TARGET, { id: c.nodeId, decision: 'ACCEPT' }, staff2);
    expect(await told(NotificationKind.TARGET_CHANGE_APPROVED)).toEqual(ids(liaison, liaison2));
    const [approved] = (await t.gql(MINE, {}, token(liaison))).data!.notifications.edges;
    expect(approved.node).toMatchObject({
      link: `/unit/commitments/${c.nodeId}`,
      data: { targetAmount: '90.00' },
    });
  });
});

describe('a fulfilment record', () => {
  it('waiting to be verified tells the staff; verified or rejected, the unit’s liaisons', async () => {
    const c = await active();
    const today = shanghaiDate();
    const record = async () =>
      (
        await ok<{ fulfilment: { id: string } }>(
          RECORD,
          { commitmentId: c.nodeId, amount: 12.5, date: today },
          liaison2,
        )
      ).fulfilment.id;
    const first = await record();
    expect(await told(NotificationKind.FULFILMENT_RECORDED)).toEqual(ids(staff, staff2));
    const [recorded] = (await t.gql(MINE, {}, token(staff))).data!.notifications.edges;
    expect(recorded.node).toMatchObject({
      link: '/staff/review#review-records',
      data: {
        commitmentId: c.nodeId,
        fulfilmentId: first,
        unitName: unit.name,
        amount: '12.50',
        measure: 'VOLUNTEER_HOURS',
        fulfilmentDate: today,
        evidenceCount: 0,
      },
    });

    await ok(REVIEW_RECORD, { id: first, decision: 'VERIFY' }, staff);
    expect(await told(NotificationKind.FULFILMENT_VERIFIED)).toEqual(ids(liaison, liaison2));

    const second = await record();
    await ok(REVIEW_RECORD, { id: second, decision: 'REJECT', reason: '缺少签到表' }, staff2);
    expect(await told(NotificationKind.FULFILMENT_REJECTED)).toEqual(ids(liaison, liaison2));
    const [rejected] = (await t.gql(MINE, {}, token(liaison))).data!.notifications.edges;
    expect(rejected.node).toMatchObject({
      kind: 'FULFILMENT_REJECTED',
      link: `/unit/commitments/${c.nodeId}`,
      data: { fulfilmentId: second, amount: '12.50', reason: '缺少签到表' },
    });
  });

  it('recorded by staff for the unit tells the other staff, who must verify it', async () => {
    const c = await active();
    await ok(RECORD, { commitmentId: c.nodeId, amount: 3, date: shanghaiDate() }, staff);
    expect(await told(NotificationKind.FULFILMENT_RECORDED)).toEqual(ids(staff2));
  });
});

async function socialWorker(): Promise<{ user: User; worker: SocialWorker }> {
  const user = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community });
  const em = t.orm.em.fork() as EntityManager;
  const worker = em.create(SocialWorker, {
    user: user.id,
    community: community.id,
    specialties: [],
    caseloadCap: 5,
  });
  await em.flush();
  return { user, worker };
}

describe('pairings', () => {
  it('tell the social worker and the volunteer of a new pairing, the social worker of its end', async () => {
    const { user: workerUser, worker } = await socialWorker();
    const { user: volunteerUser, volunteer } = await makeVolunteer(t.orm, community);
    const bystander = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community });

    const made = await ok<{ pairings: { id: string }[] }>(
      CONFIRM,
      {
        communityId: community.nodeId,
        proposals: [{ socialWorkerId: worker.nodeId, volunteerId: volunteer.nodeId }],
      },
      staff,
    );
    const pairingId = made.pairings[0]!.id;
    expect(await told(NotificationKind.PAIRING_CONFIRMED)).toEqual([workerUser.id]);
    expect(await told(NotificationKind.SOCIAL_WORKER_ASSIGNED)).toEqual([volunteerUser.id]);
    const mine = await t.orm.em.fork().findOneOrFail(Notification, {
      kind: NotificationKind.PAIRING_CONFIRMED,
    });
    expect(mine.link).toBe(`/social/pairings/${pairingId}`);
    expect(mine.data).toEqual({
      pairingId,
      volunteerName: volunteer.realName,
      socialWorkerName: workerUser.displayName,
    });

    await ok(END, { id: pairingId, reason: '志愿者搬离社区' }, staff2);
    expect(await told(NotificationKind.PAIRING_ENDED)).toEqual([workerUser.id]);
    const ended = await t.orm.em.fork().findOneOrFail(Notification, {
      kind: NotificationKind.PAIRING_ENDED,
    });
    expect(ended.data).toMatchObject({ pairingId, reason: '志愿者搬离社区' });
    expect(
      await t.orm.em
        .fork()
        .count(Notification, { user: { $in: [bystander.id, staff.id, staff2.id] } }),
    ).toBe(0);
  });
});

describe('overdue supervision', () => {
  it('is told once per period to the social worker and the community’s active staff, however many processes run the job', async () => {
    const { user: workerUser, worker } = await socialWorker();
    const { volunteer } = await makeVolunteer(t.orm, community);
    const made = await ok<{ pairings: { id: string }[] }>(
      CONFIRM,
      {
        communityId: community.nodeId,
        proposals: [{ socialWorkerId: worker.nodeId, volunteerId: volunteer.nodeId }],
      },
      staff,
    );
    const pairing = await t.orm.em.fork().findOneOrFail(Pairing, { volunteer: volunteer.id });
    expect(pairing.nodeId).toBe(made.pairings[0]!.id);
    const today = shanghaiDate();
    await t.orm.em
      .fork()
      .nativeUpdate(Pairing, pairing.id, { lastContactDate: addDays(today, -20) });

    // Two API processes run the job at once, then it runs again the same day.
    const run = () => sendSupervisionAlerts(t.orm.em.fork() as EntityManager, 14, today);
    const both = await Promise.all([run(), run()]);
    expect(both.reduce((sum, r) => sum + r.notified, 0)).toBe(3);
    expect((await run()).notified).toBe(0);
    expect(await told(NotificationKind.SUPERVISION_OVERDUE)).toEqual(
      ids(workerUser, staff, staff2),
    );

    // A new supervision starts a new period: overdue again later, told again once.
    await t.orm.em
      .fork()
      .nativeUpdate(Pairing, pairing.id, { lastContactDate: addDays(today, -15) });
    expect((await run()).notified).toBe(3);
    expect((await run()).notified).toBe(0);
  });
});
