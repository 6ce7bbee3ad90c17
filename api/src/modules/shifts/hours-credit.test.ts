// Hours credited to a commitment are records for the community's staff to verify: a unit cannot
// award itself verified hours (issue 13, defect 1), nobody verifies their own record, an activity
// counts toward a commitment only when that commitment's unit organises it and those who answer
// for the commitment link it, and no volunteer's name goes into a public note (defect 3).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Affiliation,
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
  Measure,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import { shanghaiDate } from '../../graphql/dates.js';
import type { User } from '../auth/user.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { FulfilmentStatus } from '../commitments/commitment.enums.js';
import { Fulfilment } from '../commitments/fulfilment.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import { Activity } from './activity.entity.js';
import { Signup } from './signup.entity.js';

const t = useTestApp();
const DAY = 24 * 3_600_000;

const CREATE_ACTIVITY = `mutation($input: CreateActivityInput!) {
  createActivity(input: $input) { activity { id } errors { code field } } }`;
const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status } errors { code } } }`;
const CHECK_IN = `mutation($input: CheckInInput!) { checkIn(input: $input) { errors { code } } }`;
const CHECK_OUT = `mutation($input: CheckOutInput!) {
  checkOut(input: $input) { signup { minutes } errors { code } } }`;
const CONFIRM = `mutation($input: ConfirmHoursInput!) {
  confirmHours(input: $input) { signup { minutes servedMinutes minutesReason } errors { code field } } }`;
const REVIEW = `mutation($input: ReviewFulfilmentInput!) {
  reviewFulfilment(input: $input) { fulfilment { status } errors { code } } }`;
const RECORD = `mutation($input: RecordFulfilmentInput!) {
  recordFulfilment(input: $input) { fulfilment { id } errors { code field } } }`;
const QUEUE = `{ fulfilments(filter: { statuses: [PENDING] }, first: 10) { edges { node {
  id note source recordedBy { id } hoursClaim { servedMinutes confirmedMinutes reason } } } } }`;

let community: Community;
let unit: Unit;
let liaison: User;
let liaisonToken: string;
let staffToken: string;
let commitment: Commitment;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  unit = await makeUnit(t.orm, community);
  liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  liaisonToken = await t.login(liaison.username);
  const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  staffToken = await t.login(staff.username);
  commitment = await makeCommitment(t.orm, unit, {
    createdBy: liaison,
    measure: Measure.VOLUNTEER_HOURS,
    targetAmount: '100.00',
    status: CommitmentStatus.ACTIVE,
    periodStart: shanghaiDate(new Date(Date.now() - 30 * DAY)),
    periodEnd: shanghaiDate(new Date(Date.now() + 30 * DAY)),
  });
});

const amounts = async (id: number) => {
  const c = await t.orm.em.fork().findOneOrFail(Commitment, id);
  return { verified: c.verifiedAmount, pending: c.pendingAmount };
};

describe('a unit cannot award itself verified hours', () => {
  it('records confirmed hours for staff review, with the minutes served and the reason', async () => {
    // The review's path: the unit's activity, linked to its commitment, a shift starting soon.
    const created = await t.gql(
      CREATE_ACTIVITY,
      {
        input: {
          organiserUnitId: unit.nodeId,
          commitmentId: commitment.nodeId,
          title: '门前三包',
          location: '单位门口',
        },
      },
      liaisonToken,
    );
    expect(created.data!.createActivity.errors).toEqual([]);
    const activity = await t.orm.em
      .fork()
      .findOneOrFail(Activity, { title: '门前三包', community: community.id });
    const shift = await makeShift(t.orm, activity, { startsInHours: 0.2, hours: 24 });
    const { user, volunteer } = await makeVolunteer(t.orm, community, {
      unit,
      affiliation: Affiliation.CONFIRMED,
    });
    const volunteerToken = await t.login(user.username);
    const signed = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, volunteerToken);
    const signupId = signed.data!.signUpForShift.signup.id as string;
    expect(
      (await t.gql(CHECK_IN, { input: { signupId } }, liaisonToken)).data!.checkIn.errors,
    ).toEqual([]);
    const out = await t.gql(CHECK_OUT, { input: { signupId } }, liaisonToken);
    expect(out.data!.checkOut).toEqual({ signup: { minutes: 0 }, errors: [] });

    // More than was served needs a reason; the refusal changes nothing.
    const bare = await t.gql(CONFIRM, { input: { signupId, minutes: 1440 } }, liaisonToken);
    expect(bare.data!.confirmHours.errors).toEqual([
      { code: 'REQUIRED', field: ['input', 'reason'] },
    ]);
    const untouched = await t.orm.em.fork().findOneOrFail(Signup, { volunteer: volunteer.id });
    expect(untouched).toMatchObject({ minutes: 0, hoursConfirmedAt: null });
    expect(await amounts(commitment.id)).toEqual({ verified: '0.00', pending: '0.00' });

    const confirmed = await t.gql(
      CONFIRM,
      { input: { signupId, minutes: 1440, reason: '签退漏记，按排班计' } },
      liaisonToken,
    );
    expect(confirmed.data!.confirmHours).toEqual({
      signup: { minutes: 1440, servedMinutes: 0, minutesReason: '签退漏记，按排班计' },
      errors: [],
    });

    // Not verified: 24 hours wait for the community's staff.
    expect(await amounts(commitment.id)).toEqual({ verified: '0.00', pending: '24.00' });
    const record = await t.orm.em.fork().findOneOrFail(Fulfilment, { commitment: commitment.id });
    expect(record).toMatchObject({ status: FulfilmentStatus.PENDING, reviewedBy: null });
    expect(record.note).not.toContain(volunteer.realName);

    // The reviewer sees what was served, what was confirmed and why.
    const queue = await t.gql(QUEUE, {}, staffToken);
    expect(queue.data!.fulfilments.edges.map((e: { node: unknown }) => e.node)).toEqual([
      {
        id: record.nodeId,
        note: `志愿服务：门前三包`,
        source: 'ATTENDANCE',
        recordedBy: { id: liaison.nodeId },
        hoursClaim: { servedMinutes: 0, confirmedMinutes: 1440, reason: '签退漏记，按排班计' },
      },
    ]);

    // The unit's own people cannot verify it.
    const byLiaison = await t.gql(
      REVIEW,
      { input: { id: record.nodeId, decision: 'VERIFY' } },
      liaisonToken,
    );
    expect(byLiaison.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await amounts(commitment.id)).toEqual({ verified: '0.00', pending: '24.00' });

    // Staff reject it with a reason: nothing was verified.
    const rejected = await t.gql(
      REVIEW,
      { input: { id: record.nodeId, decision: 'REJECT', reason: '无签到记录' } },
      staffToken,
    );
    expect(rejected.data!.reviewFulfilment).toEqual({
      fulfilment: { status: 'REJECTED' },
      errors: [],
    });
    expect(await amounts(commitment.id)).toEqual({ verified: '0.00', pending: '0.00' });
  });

  it('lets nobody verify a record they made themselves', async () => {
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const token = await t.login(staff.username);
    const recorded = await t.gql(
      RECORD,
      { input: { commitmentId: commitment.nodeId, amount: 2, date: shanghaiDate(), note: '代录' } },
      token,
    );
    expect(recorded.data!.recordFulfilment.errors).toEqual([]);
    const id = recorded.data!.recordFulfilment.fulfilment.id as string;
    const own = await t.gql(REVIEW, { input: { id, decision: 'VERIFY' } }, token);
    expect(own.data!.reviewFulfilment).toEqual({
      fulfilment: null,
      errors: [{ code: 'OWN_RECORD' }],
    });
    expect(await amounts(commitment.id)).toEqual({ verified: '0.00', pending: '2.00' });
    // The review page asks the same rule before offering the buttons.
    const canReview = `query($id: ID!) { node(id: $id) { ... on Fulfilment { viewerCanReview } } }`;
    expect((await t.gql(canReview, { id }, token)).data!.node.viewerCanReview).toBe(false);
    expect((await t.gql(canReview, { id }, staffToken)).data!.node.viewerCanReview).toBe(true);
    const other = await t.gql(REVIEW, { input: { id, decision: 'VERIFY' } }, staffToken);
    expect(other.data!.reviewFulfilment).toEqual({
      fulfilment: { status: 'VERIFIED' },
      errors: [],
    });
    expect(await amounts(commitment.id)).toEqual({ verified: '2.00', pending: '0.00' });
    // Decided: nobody reviews it again.
    expect((await t.gql(canReview, { id }, staffToken)).data!.node.viewerCanReview).toBe(false);
  });
});

describe('which commitment an activity may count toward', () => {
  const activitiesNamed = (title: string) =>
    t.orm.em.fork().find(Activity, { title }, { populate: ['organiserUnit'] });

  it('refuses a social worker linking a unit’s commitment, and writes nothing', async () => {
    const worker = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community });
    const res = await t.gql(
      CREATE_ACTIVITY,
      { input: { commitmentId: commitment.nodeId, title: '社工活动', location: '活动室' } },
      await t.login(worker.username),
    );
    expect(res.data!.createActivity).toEqual({
      activity: null,
      errors: [{ code: 'OUT_OF_SCOPE', field: ['input', 'commitmentId'] }],
    });
    expect(await activitiesNamed('社工活动')).toEqual([]);
  });

  it('refuses another unit’s commitment for a unit’s activity', async () => {
    const other = await makeUnit(t.orm, community);
    const otherLiaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit: other });
    const res = await t.gql(
      CREATE_ACTIVITY,
      {
        input: {
          organiserUnitId: other.nodeId,
          commitmentId: commitment.nodeId,
          title: '借用承诺',
          location: '广场',
        },
      },
      await t.login(otherLiaison.username),
    );
    expect(res.data!.createActivity).toEqual({
      activity: null,
      errors: [{ code: 'INVALID', field: ['input', 'commitmentId'] }],
    });
    expect(await activitiesNamed('借用承诺')).toEqual([]);
  });

  it('makes the commitment’s unit the organiser when staff link it', async () => {
    const res = await t.gql(
      CREATE_ACTIVITY,
      { input: { commitmentId: commitment.nodeId, title: '代单位组织', location: '广场' } },
      staffToken,
    );
    expect(res.data!.createActivity.errors).toEqual([]);
    const [activity] = await activitiesNamed('代单位组织');
    expect(activity!.organiserUnit?.id).toBe(unit.id);
  });
});
