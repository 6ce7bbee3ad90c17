import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryByCode,
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import { CommitmentEvent } from './commitment-event.entity.js';
import { CommitmentAction } from './commitment.enums.js';
import { Commitment } from './commitment.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { lapseOverdueCommitments } from './lapse-overdue.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gj-commitments-'));
const t = useTestApp(() => ({ dataDir }));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A real 1×1 PNG, uploaded as evidence over HTTP. */
async function uploadPhoto(token: string): Promise<string> {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const form = new FormData();
  form.append('file', new Blob([png], { type: 'image/png' }), '清雪现场.png');
  const res = await fetch(t.url.replace(/\/graphql$/, '/files/evidence'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const FIELDS = `commitment { id status version targetAmount proposedTargetAmount
  progress { verified pending target ratio }
  history { action fromStatus toStatus note actor { username } } }
  errors { code field message }`;
const CREATE = `mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation($input: SubmitCommitmentInput!) { submitCommitment(input: $input) { ${FIELDS} } }`;
const REVIEW = `mutation($input: ReviewCommitmentInput!) { reviewCommitment(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation($input: WithdrawCommitmentInput!) { withdrawCommitment(input: $input) { ${FIELDS} } }`;
const TARGET = `mutation($input: ReviewTargetChangeInput!) { reviewTargetChange(input: $input) { ${FIELDS} } }`;
const RECORD = `mutation($input: RecordFulfilmentInput!) { recordFulfilment(input: $input) {
  fulfilment { id status amount date } errors { code field message } } }`;
const REVIEW_F = `mutation($input: ReviewFulfilmentInput!) { reviewFulfilment(input: $input) {
  fulfilment { id status reviewNote commitment { status progress { verified pending } } } errors { code field message } } }`;

interface World {
  community: Community;
  unit: Unit;
  liaison: User;
  staff: User;
  liaisonToken: string;
  staffToken: string;
}

async function world(): Promise<World> {
  const community = await makeCommunity(t.orm);
  const unit = await makeUnit(t.orm, community);
  const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit, community });
  const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  return {
    community,
    unit,
    liaison,
    staff,
    liaisonToken: await t.login(liaison.username),
    staffToken: await t.login(staff.username),
  };
}

const snapshot = async (id: number) => {
  const em = t.orm.em.fork();
  const c = await em.findOneOrFail(Commitment, id);
  return {
    status: c.status,
    version: c.version,
    target: c.targetAmount,
    verified: c.verifiedAmount,
    pending: c.pendingAmount,
    events: await em.count(CommitmentEvent, { commitment: id }),
    fulfilments: await em.count(Fulfilment, { commitment: id }),
  };
};
const dbId = (globalId: string) =>
  Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);

let w: World;
let categoryId: string;

beforeAll(async () => {
  w = await world();
  categoryId = (await categoryByCode(t.orm, 'environment')).nodeId;
});

describe('the lifecycle, through the API, as each role', () => {
  it('liaison creates and submits, staff accept, liaison records, staff verify, it completes', async () => {
    const created = await t.gql(
      CREATE,
      {
        input: {
          unitId: w.unit.nodeId,
          categoryId,
          title: '冬季清雪志愿服务',
          measure: 'VOLUNTEER_HOURS',
          targetAmount: 30,
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
        },
      },
      w.liaisonToken,
    );
    expect(created.data!.createCommitment.errors).toEqual([]);
    const id = created.data!.createCommitment.commitment.id;
    expect(created.data!.createCommitment.commitment.status).toBe('DRAFT');

    const submitted = await t.gql(SUBMIT, { input: { id } }, w.liaisonToken);
    expect(submitted.data!.submitCommitment.commitment.status).toBe('SUBMITTED');

    const accepted = await t.gql(REVIEW, { input: { id, decision: 'ACCEPT' } }, w.staffToken);
    expect(accepted.data!.reviewCommitment.commitment.status).toBe('ACTIVE');

    const photo = await uploadPhoto(w.liaisonToken);
    const first = await t.gql(
      RECORD,
      {
        input: {
          commitmentId: id,
          amount: 12.5,
          date: '2026-02-14',
          note: '清扫小区主干道',
          evidenceIds: [photo],
        },
      },
      w.liaisonToken,
    );
    const second = await t.gql(
      RECORD,
      { input: { commitmentId: id, amount: 17.5, date: '2026-03-01' } },
      w.liaisonToken,
    );
    expect(first.data!.recordFulfilment.errors).toEqual([]);
    expect((await snapshot(dbId(id))).pending).toBe('30.00');

    const v1 = await t.gql(
      REVIEW_F,
      { input: { id: first.data!.recordFulfilment.fulfilment.id, decision: 'VERIFY' } },
      w.staffToken,
    );
    expect(v1.data!.reviewFulfilment.fulfilment.commitment).toEqual({
      status: 'ACTIVE',
      progress: { verified: 12.5, pending: 17.5 },
    });
    const v2 = await t.gql(
      REVIEW_F,
      { input: { id: second.data!.recordFulfilment.fulfilment.id, decision: 'VERIFY' } },
      w.staffToken,
    );
    expect(v2.data!.reviewFulfilment.fulfilment.commitment).toEqual({
      status: 'COMPLETED',
      progress: { verified: 30, pending: 0 },
    });

    const read = await t.gql(
      `{ commitment(id: "${id}") { status
          fulfilments(first: 10) { edges { node { status amount evidence { id fileName mimeType } } } }
          history { action fromStatus toStatus actor { username } } } }`,
      {},
      w.liaisonToken,
    );
    expect(read.data!.commitment.fulfilments.edges.map((e: { node: unknown }) => e.node)).toEqual([
      {
        status: 'VERIFIED',
        amount: 12.5,
        evidence: [{ id: photo, fileName: '清雪现场.png', mimeType: 'image/png' }],
      },
      { status: 'VERIFIED', amount: 17.5, evidence: [] },
    ]);
    expect(read.data!.commitment.history).toEqual([
      {
        action: 'CREATE',
        fromStatus: null,
        toStatus: 'DRAFT',
        actor: { username: w.liaison.username },
      },
      {
        action: 'SUBMIT',
        fromStatus: 'DRAFT',
        toStatus: 'SUBMITTED',
        actor: { username: w.liaison.username },
      },
      {
        action: 'ACCEPT',
        fromStatus: 'SUBMITTED',
        toStatus: 'ACTIVE',
        // The liaison may not read the staff member's account: no login name handed out.
        actor: { username: null },
      },
      {
        action: 'COMPLETE',
        fromStatus: 'ACTIVE',
        toStatus: 'COMPLETED',
        actor: null,
      },
    ]);
  });

  it('staff reject with a reason, which the unit can read', async () => {
    const c = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.SUBMITTED,
    });
    const noReason = await t.gql(
      REVIEW,
      { input: { id: c.nodeId, decision: 'REJECT' } },
      w.staffToken,
    );
    expect(noReason.data!.reviewCommitment.errors[0]).toMatchObject({
      code: 'REQUIRED',
      field: ['input', 'reason'],
    });
    const rejected = await t.gql(
      REVIEW,
      { input: { id: c.nodeId, decision: 'REJECT', reason: '目标不可衡量' } },
      w.staffToken,
    );
    expect(rejected.data!.reviewCommitment.commitment.history.at(-1)).toMatchObject({
      action: 'REJECT',
      note: '目标不可衡量',
    });
  });

  it('the unit withdraws an active commitment, not a completed one', async () => {
    const active = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const done = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.COMPLETED,
      verifiedAmount: '100.00',
    });
    const ok = await t.gql(
      WITHDRAW,
      { input: { id: active.nodeId, reason: '单位搬迁' } },
      w.liaisonToken,
    );
    expect(ok.data!.withdrawCommitment.commitment.status).toBe('WITHDRAWN');
    const before = await snapshot(done.id);
    const refused = await t.gql(WITHDRAW, { input: { id: done.nodeId } }, w.liaisonToken);
    expect(refused.data!.withdrawCommitment.errors[0].code).toBe('INVALID_TRANSITION');
    expect(await snapshot(done.id)).toEqual(before);
  });

  it('an active target changes only with staff approval, never silently', async () => {
    const c = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
      verifiedAmount: '60.00',
    });
    const asked = await t.gql(
      UPDATE,
      { input: { id: c.nodeId, version: 1, targetAmount: 60, note: '人员调整' } },
      w.liaisonToken,
    );
    expect(asked.data!.updateCommitment.commitment).toMatchObject({
      targetAmount: 100,
      proposedTargetAmount: 60,
    });
    expect(asked.data!.updateCommitment.commitment.history.at(-1).action).toBe(
      'REQUEST_TARGET_CHANGE',
    );

    const approved = await t.gql(
      TARGET,
      { input: { id: c.nodeId, decision: 'ACCEPT' } },
      w.staffToken,
    );
    // The lower target is now met, so the commitment completes in the same step.
    expect(approved.data!.reviewTargetChange.commitment).toMatchObject({
      targetAmount: 60,
      proposedTargetAmount: null,
      status: 'COMPLETED',
    });
    expect(
      approved.data!.reviewTargetChange.commitment.history.map((e: { action: string }) => e.action),
    ).toEqual(['REQUEST_TARGET_CHANGE', 'APPROVE_TARGET_CHANGE', 'COMPLETE']);

    const other = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const renamed = await t.gql(
      UPDATE,
      { input: { id: other.nodeId, version: 1, title: '改个名字' } },
      w.liaisonToken,
    );
    expect(renamed.data!.updateCommitment.errors[0]).toMatchObject({
      code: 'NOT_EDITABLE',
      field: ['input', 'title'],
    });
  });
});

describe('illegal transitions and out-of-scope attempts change nothing', () => {
  it('refuses steps the lifecycle does not have', async () => {
    const draft = await makeCommitment(t.orm, w.unit, { createdBy: w.liaison });
    const active = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const submitted = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.SUBMITTED,
    });
    const cases: [string, Record<string, unknown>, string, Commitment][] = [
      [REVIEW, { id: draft.nodeId, decision: 'ACCEPT' }, w.staffToken, draft],
      [SUBMIT, { id: active.nodeId }, w.liaisonToken, active],
      [REVIEW, { id: active.nodeId, decision: 'REJECT', reason: 'x' }, w.staffToken, active],
      [
        RECORD,
        { commitmentId: submitted.nodeId, amount: 1, date: '2026-03-01' },
        w.liaisonToken,
        submitted,
      ],
    ];
    for (const [mutation, input, token, c] of cases) {
      const before = await snapshot(c.id);
      const res = await t.gql(mutation, { input }, token);
      const payload = Object.values(res.data!)[0] as { errors: { code: string }[] };
      expect(payload.errors[0]!.code).toBe('INVALID_TRANSITION');
      expect(await snapshot(c.id)).toEqual(before);
    }
  });

  it('refuses records outside the period, in the future, or in fractions of whole measures', async () => {
    const c = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
      measure: 'EVENTS' as never,
      periodStart: '2026-03-01',
      periodEnd: '2026-06-30',
    });
    const before = await snapshot(c.id);
    const outside = await t.gql(
      RECORD,
      { input: { commitmentId: c.nodeId, amount: 1, date: '2026-07-01' } },
      w.liaisonToken,
    );
    expect(outside.data!.recordFulfilment.errors[0]).toMatchObject({
      code: 'OUTSIDE_PERIOD',
      field: ['input', 'date'],
    });
    const half = await t.gql(
      RECORD,
      { input: { commitmentId: c.nodeId, amount: 1.5, date: '2026-04-01' } },
      w.liaisonToken,
    );
    expect(half.data!.recordFulfilment.errors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'amount'],
    });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('does not count records of a commitment the unit withdrew', async () => {
    const c = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const rec = await t.gql(
      RECORD,
      { input: { commitmentId: c.nodeId, amount: 5, date: '2026-03-01' } },
      w.liaisonToken,
    );
    await t.gql(WITHDRAW, { input: { id: c.nodeId } }, w.liaisonToken);
    const before = await snapshot(c.id);
    const res = await t.gql(
      REVIEW_F,
      { input: { id: rec.data!.recordFulfilment.fulfilment.id, decision: 'VERIFY' } },
      w.staffToken,
    );
    expect(res.data!.reviewFulfilment.errors[0].code).toBe('INVALID_TRANSITION');
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('re-checks a draft when its measure or period changes', async () => {
    const c = await makeCommitment(t.orm, w.unit, { createdBy: w.liaison, targetAmount: '12.50' });
    const before = await snapshot(c.id);
    const toEvents = await t.gql(
      UPDATE,
      { input: { id: c.nodeId, version: 1, measure: 'EVENTS' } },
      w.liaisonToken,
    );
    expect(toEvents.data!.updateCommitment.errors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'targetAmount'],
    });
    const tooLong = await t.gql(
      UPDATE,
      { input: { id: c.nodeId, version: 1, periodEnd: '2029-01-01' } },
      w.liaisonToken,
    );
    expect(tooLong.data!.updateCommitment.errors[0]).toMatchObject({
      code: 'OUT_OF_RANGE',
      field: ['input', 'periodEnd'],
    });
    expect(await snapshot(c.id)).toEqual(before);
    const ok = await t.gql(
      UPDATE,
      { input: { id: c.nodeId, version: 1, measure: 'EVENTS', targetAmount: 12 } },
      w.liaisonToken,
    );
    expect(ok.data!.updateCommitment.errors).toEqual([]);
  });

  it('keeps liaisons to their unit and staff to their community', async () => {
    const other = await world();
    const c = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.SUBMITTED,
    });
    const active = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const before = [await snapshot(c.id), await snapshot(active.id)];
    const attempts: [string, Record<string, unknown>, string][] = [
      [REVIEW, { id: c.nodeId, decision: 'ACCEPT' }, other.staffToken],
      [REVIEW, { id: c.nodeId, decision: 'ACCEPT' }, w.liaisonToken],
      [WITHDRAW, { id: c.nodeId }, other.liaisonToken],
      [RECORD, { commitmentId: active.nodeId, amount: 5, date: '2026-03-01' }, other.liaisonToken],
      [UPDATE, { id: active.nodeId, version: 1, targetAmount: 1 }, other.staffToken],
      [
        CREATE,
        {
          unitId: w.unit.nodeId,
          categoryId,
          title: 'x',
          measure: 'ITEMS',
          targetAmount: 1,
          periodStart: '2026-01-01',
          periodEnd: '2026-02-01',
        },
        other.liaisonToken,
      ],
    ];
    for (const [mutation, input, token] of attempts) {
      const res = await t.gql(mutation, { input }, token);
      expect(res.errors?.[0]?.extensions?.code, mutation).toBe('FORBIDDEN');
    }
    expect([await snapshot(c.id), await snapshot(active.id)]).toEqual(before);
    expect(await t.orm.em.fork().count(Commitment, { title: 'x' })).toBe(0);

    // A pending record cannot be verified by staff of another community either.
    const rec = await t.gql(
      RECORD,
      { input: { commitmentId: active.nodeId, amount: 5, date: '2026-03-01' } },
      w.liaisonToken,
    );
    const review = await t.gql(
      REVIEW_F,
      { input: { id: rec.data!.recordFulfilment.fulfilment.id, decision: 'VERIFY' } },
      other.staffToken,
    );
    expect(review.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await snapshot(active.id)).verified).toBe('0.00');
  });

  it('hides drafts of other units but shows accepted commitments to everyone signed in', async () => {
    const other = await world();
    const draft = await makeCommitment(t.orm, w.unit, { createdBy: w.liaison });
    const active = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const read = (c: Commitment, token: string) =>
      t.gql(`{ node(id: "${c.nodeId}") { id } }`, {}, token);
    expect((await read(draft, other.liaisonToken)).data!.node).toBeNull();
    expect((await read(draft, w.staffToken)).data!.node).not.toBeNull();
    expect((await read(active, other.liaisonToken)).data!.node).not.toBeNull();
    const list = await t.gql(
      `{ commitments(first: 100, filter: { unitId: "${w.unit.nodeId}" }) { edges { node { status } } } }`,
      {},
      other.liaisonToken,
    );
    expect(
      list.data!.commitments.edges.map((e: { node: { status: string } }) => e.node.status),
    ).not.toContain('DRAFT');
  });
});

describe('concurrency', () => {
  it('two verifications at once that pass the target together complete it exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await makeCommitment(t.orm, w.unit, {
        createdBy: w.liaison,
        status: CommitmentStatus.ACTIVE,
        targetAmount: '10.00',
      });
      const records = await Promise.all(
        [6, 6].map((amount) =>
          t.gql(
            RECORD,
            { input: { commitmentId: c.nodeId, amount, date: '2026-04-01' } },
            w.liaisonToken,
          ),
        ),
      );
      const ids = records.map((r) => r.data!.recordFulfilment.fulfilment.id);
      const reviews = await Promise.all(
        ids.map((id) => t.gql(REVIEW_F, { input: { id, decision: 'VERIFY' } }, w.staffToken)),
      );
      expect(reviews.map((r) => r.data!.reviewFulfilment.errors)).toEqual([[], []]);
      const after = await snapshot(c.id);
      expect(after).toMatchObject({ status: 'COMPLETED', verified: '12.00', pending: '0.00' });
      const completions = await t.orm.em
        .fork()
        .count(CommitmentEvent, { commitment: c.id, action: CommitmentAction.COMPLETE });
      expect(completions).toBe(1);
    }
  });

  it('the same record verified twice at once counts once', async () => {
    const c = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const rec = await t.gql(
      RECORD,
      { input: { commitmentId: c.nodeId, amount: 7, date: '2026-04-01' } },
      w.liaisonToken,
    );
    const id = rec.data!.recordFulfilment.fulfilment.id;
    const results = await Promise.all(
      [1, 2, 3].map(() => t.gql(REVIEW_F, { input: { id, decision: 'VERIFY' } }, w.staffToken)),
    );
    const codes = results.map((r) => r.data!.reviewFulfilment.errors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['INVALID_TRANSITION', 'INVALID_TRANSITION', 'OK']);
    expect((await snapshot(c.id)).verified).toBe('7.00');
  });

  it('two edits of one version at once: one wins, the other is told, nothing is lost silently', async () => {
    const c = await makeCommitment(t.orm, w.unit, { createdBy: w.liaison });
    const [a, b] = await Promise.all([
      t.gql(UPDATE, { input: { id: c.nodeId, version: 1, title: '版本甲' } }, w.liaisonToken),
      t.gql(UPDATE, { input: { id: c.nodeId, version: 1, title: '版本乙' } }, w.staffToken),
    ]);
    const outcomes = [a, b].map((r) => r.data!.updateCommitment.errors[0]?.code ?? 'OK').sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const winner = [a, b].find((r) => r.data!.updateCommitment.errors.length === 0)!;
    const saved = await t.orm.em.fork().findOneOrFail(Commitment, c.id);
    expect(saved.title).toBe(winner === a ? '版本甲' : '版本乙');
    expect(saved.version).toBe(2);
    const edits = await t.orm.em
      .fork()
      .find(CommitmentEvent, { commitment: c.id, action: CommitmentAction.EDIT });
    expect(edits).toHaveLength(1);
  });
});

describe('lapsing', () => {
  it('lapses active commitments whose period is over, once, and lets late verification complete them', async () => {
    const over = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
    });
    const running = await makeCommitment(t.orm, w.unit, {
      createdBy: w.liaison,
      status: CommitmentStatus.ACTIVE,
      periodEnd: '2026-12-31',
    });
    const rec = await t.gql(
      RECORD,
      { input: { commitmentId: over.nodeId, amount: 100, date: '2026-06-30' } },
      w.liaisonToken,
    );
    const lapsed = await lapseOverdueCommitments(t.orm.em.fork(), '2026-07-01');
    expect(lapsed).toBeGreaterThanOrEqual(1);
    expect(await lapseOverdueCommitments(t.orm.em.fork(), '2026-07-01')).toBe(0);
    expect((await snapshot(over.id)).status).toBe('LAPSED');
    expect((await snapshot(running.id)).status).toBe('ACTIVE');

    const verify = await t.gql(
      REVIEW_F,
      { input: { id: rec.data!.recordFulfilment.fulfilment.id, decision: 'VERIFY' } },
      w.staffToken,
    );
    expect(verify.data!.reviewFulfilment.fulfilment.commitment.status).toBe('COMPLETED');
  });
});
