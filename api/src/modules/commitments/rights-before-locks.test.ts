// Writes check the caller's rights before they lock a row or compare versions (issue 13, defect
// 8): an outsider is refused at once, even while someone else holds the row, and learns neither
// that the record is busy nor its version. Each refusal below is answered while another
// transaction holds the row's lock; a write that locked first would wait for it forever.
import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CommitmentStatus,
  makeActivity,
  makeCommitment,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type GraphQLResponse } from '../../../../tests/support/test-app.js';
import { Signup } from '../shifts/signup.entity.js';
import { SignupStatus } from '../shifts/shift.enums.js';
import { Fulfilment } from './fulfilment.entity.js';

const t = useTestApp();

let outsiderToken: string;
let commitmentId: number;
let commitmentNodeId: string;
let fulfilmentNodeId: string;
let fulfilmentId: number;
let shiftId: number;
let shiftNodeId: string;
let signupId: number;
let signupNodeId: string;

beforeAll(async () => {
  const community = await makeCommunity(t.orm);
  const unit = await makeUnit(t.orm, community);
  const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  const commitment = await makeCommitment(t.orm, unit, {
    createdBy: liaison,
    status: CommitmentStatus.ACTIVE,
  });
  commitmentId = commitment.id;
  commitmentNodeId = commitment.nodeId;
  const em = t.orm.em.fork();
  const fulfilment = em.create(Fulfilment, {
    commitment: commitment.id,
    amount: '1.00',
    date: '2026-06-01',
    recordedBy: liaison.id,
  });
  await em.flush();
  fulfilmentId = fulfilment.id;
  fulfilmentNodeId = fulfilment.nodeId;

  const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  const activity = await makeActivity(t.orm, community, { createdBy: staff });
  const shift = await makeShift(t.orm, activity);
  shiftId = shift.id;
  shiftNodeId = shift.nodeId;
  const { volunteer } = await makeVolunteer(t.orm, community);
  const signup = em.create(Signup, {
    shift: shift.id,
    volunteer: volunteer.id,
    status: SignupStatus.CONFIRMED,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
  });
  await em.flush();
  signupId = signup.id;
  signupNodeId = signup.nodeId;

  // Staff of another community: no rights over any of it.
  const elsewhere = await makeCommunity(t.orm);
  const outsider = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: elsewhere });
  outsiderToken = await t.login(outsider.username);
});

/** Runs `request` while another transaction holds `table`'s row `id` FOR UPDATE. */
async function whileLocked(
  table: string,
  id: number,
  request: () => Promise<GraphQLResponse>,
): Promise<GraphQLResponse> {
  return t.orm.em.fork().transactional(async (tx) => {
    await (tx as EntityManager).execute(`select 1 from "${table}" where "id" = ? for update`, [id]);
    return request();
  });
}

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

describe('an outsider is refused before any lock is taken', () => {
  it('updateCommitment: FORBIDDEN, not CONFLICT, with a stale version and the row held', async () => {
    const res = await whileLocked('commitment', commitmentId, () =>
      t.gql(
        `mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { errors { code } } }`,
        { input: { id: commitmentNodeId, version: 999, title: '改名' } },
        outsiderToken,
      ),
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('reviewFulfilment: FORBIDDEN with the commitment held', async () => {
    const res = await whileLocked('commitment', commitmentId, () =>
      t.gql(
        `mutation($input: ReviewFulfilmentInput!) { reviewFulfilment(input: $input) { errors { code } } }`,
        { input: { id: fulfilmentNodeId, decision: 'VERIFY' } },
        outsiderToken,
      ),
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    const record = await t.orm.em.fork().findOneOrFail(Fulfilment, fulfilmentId);
    expect(record.status).toBe('PENDING');
  });

  it('cancelShift: FORBIDDEN with the shift held', async () => {
    const res = await whileLocked('shift', shiftId, () =>
      t.gql(
        `mutation($input: CancelShiftInput!) { cancelShift(input: $input) { errors { code } } }`,
        { input: { id: shiftNodeId, reason: '下雨' } },
        outsiderToken,
      ),
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('cancelSignup: FORBIDDEN with the shift held, the sign-up untouched', async () => {
    const res = await whileLocked('shift', shiftId, () =>
      t.gql(
        `mutation($input: CancelSignupInput!) { cancelSignup(input: $input) { errors { code } } }`,
        { input: { signupId: signupNodeId } },
        outsiderToken,
      ),
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    const signup = await t.orm.em.fork().findOneOrFail(Signup, signupId);
    expect(signup.status).toBe('CONFIRMED');
  });

  it('check-in, no-show and hours: FORBIDDEN with the sign-up held', async () => {
    for (const [mutation, input] of [
      ['checkIn', 'CheckInInput'],
      ['checkOut', 'CheckOutInput'],
      ['markNoShow', 'MarkNoShowInput'],
      ['confirmHours', 'ConfirmHoursInput'],
    ] as const) {
      const res = await whileLocked('signup', signupId, () =>
        t.gql(
          `mutation($input: ${input}!) { ${mutation}(input: $input) { errors { code } } }`,
          { input: { signupId: signupNodeId } },
          outsiderToken,
        ),
      );
      expect(codeOf(res), mutation).toBe('FORBIDDEN');
    }
    const signup = await t.orm.em.fork().findOneOrFail(Signup, signupId);
    expect(signup.attendance).toBe('EXPECTED');
  });
});
