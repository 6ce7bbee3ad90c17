// What the unit liaison's pages ask of the API (issue 15): which commitments may still be edited,
// withdrawn or recorded against, a specific error when a commitment's measure does not fit its
// need, and a need's pledged figure counting only the current year's commitments.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  categoryByCode,
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  Measure,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import { shanghaiDate } from '../../graphql/dates.js';
import type { Unit } from '../directory/unit.entity.js';
import type { User } from '../auth/user.entity.js';
import { Commitment } from './commitment.entity.js';
import { Need } from './need.entity.js';

const t = useTestApp();

const ERRORS = 'errors { code field message }';
const CREATE = `mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) {
  commitment { id } ${ERRORS} } }`;
const UPDATE = `mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) {
  commitment { id version title } ${ERRORS} } }`;
const RECORD = `mutation($input: RecordFulfilmentInput!) { recordFulfilment(input: $input) {
  fulfilment { id } ${ERRORS} } }`;
const CREATE_NEED = `mutation($input: CreateNeedInput!) { createNeed(input: $input) {
  need { id } ${ERRORS} } }`;
const CAN = `query($id: ID!) { commitment(id: $id) { status
  viewerCan { edit editDetails submit withdraw recordFulfilment } } }`;
const NEED = `query($id: ID!) { node(id: $id) { ... on Need { pledged delivered } } }`;

let unit: Unit;
let liaison: User;
let liaisonToken: string;
let needId: string;
let categoryId: string;
const year = Number(shanghaiDate().slice(0, 4));

beforeAll(async () => {
  const community = await makeCommunity(t.orm);
  unit = await makeUnit(t.orm, community);
  liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit, community });
  const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  liaisonToken = await t.login(liaison.username);
  const staffToken = await t.login(staff.username);
  categoryId = (await categoryByCode(t.orm, 'environment')).nodeId;
  const need = await t.gql(
    CREATE_NEED,
    {
      input: {
        communityId: community.nodeId,
        categoryId,
        title: '楼道清扫活动',
        measure: 'EVENTS',
        amount: 9,
      },
    },
    staffToken,
  );
  expect(need.data!.createNeed.errors).toEqual([]);
  needId = need.data!.createNeed.need.id;
});

describe('viewerCan on the liaison’s commitment page', () => {
  it('lets a draft be edited in full and withdrawn; an active one only its target', async () => {
    const draft = await makeCommitment(t.orm, unit, { createdBy: liaison });
    const active = await makeCommitment(t.orm, unit, {
      createdBy: liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const can = async (c: Commitment) =>
      (await t.gql(CAN, { id: c.nodeId }, liaisonToken)).data!.commitment.viewerCan;
    expect(await can(draft)).toEqual({
      edit: true,
      editDetails: true,
      submit: true,
      withdraw: true,
      recordFulfilment: false,
    });
    expect(await can(active)).toEqual({
      edit: true,
      editDetails: false,
      submit: false,
      withdraw: true,
      recordFulfilment: true,
    });
  });

  it('says a completed commitment takes no more records, and refuses one', async () => {
    const done = await makeCommitment(t.orm, unit, {
      createdBy: liaison,
      status: CommitmentStatus.COMPLETED,
      targetAmount: '10.00',
      verifiedAmount: '10.00',
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    });
    const read = await t.gql(CAN, { id: done.nodeId }, liaisonToken);
    expect(read.data!.commitment.viewerCan).toEqual({
      edit: false,
      editDetails: false,
      submit: false,
      withdraw: false,
      recordFulfilment: false,
    });
    const res = await t.gql(
      RECORD,
      { input: { commitmentId: done.nodeId, amount: 1, date: shanghaiDate() } },
      liaisonToken,
    );
    expect(res.data!.recordFulfilment.errors[0].code).toBe('INVALID_TRANSITION');
    const em = t.orm.em.fork();
    expect((await em.findOneOrFail(Commitment, done.id)).pendingAmount).toBe('0.00');
  });
});

describe('a measure that does not fit the need', () => {
  it('is refused as MEASURE_MISMATCH on the measure field, naming the need’s measure', async () => {
    const res = await t.gql(
      CREATE,
      {
        input: {
          unitId: unit.nodeId,
          categoryId,
          needId,
          title: '清扫楼道',
          measure: 'VOLUNTEER_HOURS',
          targetAmount: 3,
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-12-31`,
        },
      },
      liaisonToken,
    );
    expect(res.data!.createCommitment.commitment).toBeNull();
    expect(res.data!.createCommitment.errors).toEqual([
      expect.objectContaining({ code: 'MEASURE_MISMATCH', field: ['input', 'measure'] }),
    ]);
    expect(res.data!.createCommitment.errors[0].message).toContain('events');
  });

  it('is refused the same way when a draft answering the need changes its measure', async () => {
    const created = await t.gql(
      CREATE,
      {
        input: {
          unitId: unit.nodeId,
          categoryId,
          needId,
          title: '清扫楼道',
          measure: 'EVENTS',
          targetAmount: 3,
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-12-31`,
        },
      },
      liaisonToken,
    );
    const id = created.data!.createCommitment.commitment.id;
    const res = await t.gql(
      UPDATE,
      { input: { id, version: 1, measure: 'VOLUNTEER_HOURS', targetAmount: 3 } },
      liaisonToken,
    );
    expect(res.data!.updateCommitment.errors[0]).toMatchObject({
      code: 'MEASURE_MISMATCH',
      field: ['input', 'measure'],
    });
    const edited = await t.gql(
      UPDATE,
      { input: { id, version: 1, title: '清扫楼道（改）' } },
      liaisonToken,
    );
    expect(edited.data!.updateCommitment).toMatchObject({
      errors: [],
      commitment: { version: 2, title: '清扫楼道（改）' },
    });
  });
});

describe('Need.pledged', () => {
  it('counts only commitments whose period overlaps the current year', async () => {
    const em = t.orm.em.fork();
    const need = await em.findOneOrFail(Need, {
      id: Number(Buffer.from(needId, 'base64url').toString().split(':')[1]),
    });
    const answer = async (start: string, end: string, target: string, verified = '0.00') => {
      const c = await makeCommitment(t.orm, unit, {
        createdBy: liaison,
        status: CommitmentStatus.ACTIVE,
        measure: Measure.EVENTS,
        targetAmount: target,
        verifiedAmount: verified,
        periodStart: start,
        periodEnd: end,
      });
      await t.orm.em.fork().nativeUpdate(Commitment, { id: c.id }, { need: need.id });
    };
    const before = (await t.gql(NEED, { id: needId }, liaisonToken)).data!.node;
    await answer(`${year}-01-01`, `${year}-12-31`, '4.00', '1.00');
    await answer(`${year - 1}-11-01`, `${year}-03-31`, '2.00'); // a winter reaching into this year
    await answer(`${year - 1}-01-01`, `${year - 1}-12-31`, '20.00', '20.00'); // last year
    await answer(`${year + 1}-01-01`, `${year + 1}-12-31`, '15.00'); // next year
    const after = (await t.gql(NEED, { id: needId }, liaisonToken)).data!.node;
    expect(after.pledged - before.pledged).toBe(6);
    expect(after.delivered - before.delivered).toBe(1);
  });
});
