// The staff review queue: `fulfilments(filter:, first:, after:)` — scope, filters, paging, SQL.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import { Commitment } from './commitment.entity.js';
import { FulfilmentStatus } from './commitment.enums.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { Fulfilment } from './fulfilment.entity.js';

const t = useTestApp();

const QUEUE = `query($filter: FulfilmentFilter, $first: Int, $after: String) {
  fulfilments(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id amount date note status
      recordedBy { displayName }
      evidence { id fileName mimeType url }
      commitment { id title measure unit { id name } category { name } community { name } }
    } }
  }
}`;

let homeA: Community;
let homeB: Community;
let unitA1: Unit;
let unitA2: Unit;
let unitB: Unit;
/** Global IDs of the records, in the order they were recorded. */
const recorded = { a1: [] as string[], a2: [] as string[], b: [] as string[] };
let verifiedA1: string;

async function record(
  unit: Unit,
  liaison: User,
  commitment: Commitment,
  status = FulfilmentStatus.PENDING,
): Promise<string> {
  const em = t.orm.em.fork();
  const fulfilment = em.create(Fulfilment, {
    commitment: em.getReference(Commitment, commitment.id),
    amount: '2.50',
    date: '2026-03-01',
    note: `记录 ${unit.name}`,
    status,
    recordedBy: em.getReference(User, liaison.id),
    // A decided record says when it was decided (fulfilment_decided_has_review).
    reviewedAt: status === FulfilmentStatus.PENDING ? null : new Date(),
  });
  em.create(EvidenceFile, {
    sha256: 'a'.repeat(64),
    fileName: 'photo.png',
    mimeType: 'image/png',
    size: 68,
    uploadedBy: em.getReference(User, liaison.id),
    fulfilment,
  });
  await em.flush();
  return fulfilment.nodeId;
}

const ids = (body: AnyData): string[] =>
  body.data!.fulfilments.edges.map((e: { node: { id: string } }) => e.node.id);

async function tokenFor(role: Role, data: { community?: Community; unit?: Unit } = {}) {
  const user = await makeUser(t.orm, { role, ...data });
  return t.login(user.username);
}

beforeAll(async () => {
  homeA = await makeCommunity(t.orm);
  homeB = await makeCommunity(t.orm);
  unitA1 = await makeUnit(t.orm, homeA);
  unitA2 = await makeUnit(t.orm, homeA);
  unitB = await makeUnit(t.orm, homeB);
  const liaisonA1 = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit: unitA1 });
  const liaisonA2 = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit: unitA2 });
  const liaisonB = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit: unitB });
  const active = (unit: Unit, createdBy: User) =>
    makeCommitment(t.orm, unit, { createdBy, status: CommitmentStatus.ACTIVE });
  const [cA1, cA1b, cA2, cB] = [
    await active(unitA1, liaisonA1),
    await active(unitA1, liaisonA1),
    await active(unitA2, liaisonA2),
    await active(unitB, liaisonB),
  ];
  // Interleaved, so "oldest first" is not the same as "grouped by unit".
  recorded.a1.push(await record(unitA1, liaisonA1, cA1));
  recorded.b.push(await record(unitB, liaisonB, cB));
  recorded.a2.push(await record(unitA2, liaisonA2, cA2));
  recorded.a1.push(await record(unitA1, liaisonA1, cA1b));
  verifiedA1 = await record(unitA1, liaisonA1, cA1, FulfilmentStatus.VERIFIED);
  recorded.a2.push(await record(unitA2, liaisonA2, cA2));
  recorded.b.push(await record(unitB, liaisonB, cB));
  recorded.a1.push(await record(unitA1, liaisonA1, cA1b));
});

const PENDING = { statuses: ['PENDING'] };
const order = (list: string[]) =>
  [...list].sort((x, y) => Number(atob(x).split(':')[1]) - Number(atob(y).split(':')[1]));

describe('fulfilments: who sees which records', () => {
  it('gives staff their community, the office everything, a liaison their unit, others nothing', async () => {
    const staffA = await tokenFor(Role.COMMUNITY_STAFF, { community: homeA });
    const staffB = await tokenFor(Role.COMMUNITY_STAFF, { community: homeB });
    const admin = await tokenFor(Role.STREET_ADMIN);
    const liaisonA2 = await tokenFor(Role.UNIT_LIAISON, { unit: unitA2 });
    const volunteer = await tokenFor(Role.VOLUNTEER, { community: homeA });
    const social = await tokenFor(Role.SOCIAL_WORKER, { community: homeA });

    const q = (token: string, filter: AnyData = PENDING) => t.gql(QUEUE, { filter }, token);

    expect(ids(await q(staffA))).toEqual(order([...recorded.a1, ...recorded.a2]));
    expect(ids(await q(staffB))).toEqual(recorded.b);
    expect(ids(await q(admin))).toEqual(order([...recorded.a1, ...recorded.a2, ...recorded.b]));
    expect(ids(await q(liaisonA2))).toEqual(recorded.a2);
    for (const nobody of [volunteer, social]) {
      const res = await q(nobody);
      expect(res.errors).toBeUndefined();
      expect(ids(res)).toEqual([]);
      expect(res.data!.fulfilments.totalCount).toBe(0);
    }

    // A filter narrows the scope but never widens it.
    expect(ids(await q(staffA, { ...PENDING, communityId: homeB.nodeId }))).toEqual([]);
    expect(ids(await q(liaisonA2, { ...PENDING, unitId: unitA1.nodeId }))).toEqual([]);
    expect(ids(await q(admin, { ...PENDING, communityId: homeB.nodeId }))).toEqual(recorded.b);
    expect(ids(await q(admin, { ...PENDING, unitId: unitA1.nodeId }))).toEqual(recorded.a1);
    expect(ids(await q(staffA, { ...PENDING, unitId: unitA2.nodeId }))).toEqual(recorded.a2);
    // A wrongly typed ID matches nothing rather than everything.
    expect(ids(await q(admin, { communityId: unitA1.nodeId }))).toEqual([]);

    const anonymous = await t.gql(QUEUE, { filter: PENDING });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('filters by status', async () => {
    const staffA = await tokenFor(Role.COMMUNITY_STAFF, { community: homeA });
    const all = await t.gql(QUEUE, {}, staffA);
    expect(ids(all)).toEqual(order([...recorded.a1, ...recorded.a2, verifiedA1]));
    const verified = await t.gql(QUEUE, { filter: { statuses: ['VERIFIED'] } }, staffA);
    expect(ids(verified)).toEqual([verifiedA1]);
    expect(verified.data!.fulfilments.edges[0].node.status).toBe('VERIFIED');
    const both = await t.gql(QUEUE, { filter: { statuses: ['VERIFIED', 'REJECTED'] } }, staffA);
    expect(ids(both)).toEqual([verifiedA1]);
    const pending = await t.gql(QUEUE, { filter: PENDING }, staffA);
    expect(pending.data!.fulfilments.totalCount).toBe(recorded.a1.length + recorded.a2.length);
    expect(
      pending.data!.fulfilments.edges.every(
        (e: { node: { status: string } }) => e.node.status === 'PENDING',
      ),
    ).toBe(true);
  });
});

describe('fulfilments: paging', () => {
  it('pages oldest first with opaque cursors, without gaps or repeats', async () => {
    const admin = await tokenFor(Role.STREET_ADMIN);
    const expected = order([...recorded.a1, ...recorded.a2, ...recorded.b]);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: AnyData = await t.gql(QUEUE, { filter: PENDING, first: 3, after }, admin);
      expect(res.errors).toBeUndefined();
      seen.push(...ids(res));
      const info = res.data!.fulfilments.pageInfo;
      if (!info.hasNextPage) break;
      after = info.endCursor;
    }
    expect(seen).toEqual(expected);

    const zero = await t.gql(QUEUE, { filter: PENDING, first: 0 }, admin);
    expect(ids(zero)).toEqual([]);
    expect(zero.data!.fulfilments.totalCount).toBe(expected.length);

    const tooMany = await t.gql(QUEUE, { first: 101 }, admin);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await t.gql(QUEUE, { after: 'bm90LWEtY3Vyc29y' }, admin);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('puts the record waiting longest first, whatever order the rows were written in', async () => {
    const home = await makeCommunity(t.orm);
    const unit = await makeUnit(t.orm, home);
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit });
    const commitment = await makeCommitment(t.orm, unit, {
      createdBy: liaison,
      status: CommitmentStatus.ACTIVE,
    });
    const recent = await record(unit, liaison, commitment);
    const older = await record(unit, liaison, commitment);
    const em = t.orm.em.fork();
    await em.nativeUpdate(Fulfilment, Number(atob(older).split(':')[1]), {
      createdAt: new Date('2026-01-05T02:00:00Z'),
    });
    const staff = await tokenFor(Role.COMMUNITY_STAFF, { community: home });
    const page1 = await t.gql(QUEUE, { filter: PENDING, first: 1 }, staff);
    expect(ids(page1)).toEqual([older]);
    const page2 = await t.gql(
      QUEUE,
      { filter: PENDING, first: 1, after: page1.data!.fulfilments.pageInfo.endCursor },
      staff,
    );
    expect(ids(page2)).toEqual([recent]);
    expect(page2.data!.fulfilments.pageInfo.hasNextPage).toBe(false);
  });

  it('runs a constant number of statements whatever the page size', async () => {
    const home = await makeCommunity(t.orm);
    const staff = await tokenFor(Role.COMMUNITY_STAFF, { community: home });
    for (let u = 0; u < 6; u++) {
      const unit = await makeUnit(t.orm, home);
      const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit });
      const commitment = await makeCommitment(t.orm, unit, {
        createdBy: liaison,
        status: CommitmentStatus.ACTIVE,
      });
      await record(unit, liaison, commitment);
      await record(unit, liaison, commitment);
    }
    const counts: number[] = [];
    for (const first of [1, 4, 12]) {
      let body: AnyData | undefined;
      counts.push(
        await t.countStatements(
          async () => (body = await t.gql(QUEUE, { filter: PENDING, first }, staff)),
        ),
      );
      expect(body!.errors).toBeUndefined();
      expect(body!.data!.fulfilments.edges).toHaveLength(first);
      expect(body!.data!.fulfilments.edges.at(-1).node.evidence).toHaveLength(1);
    }
    // session, page, count, commitments, evidence, recorders, units, categories, communities.
    expect(counts, t.statements.join('\n')).toEqual([9, 9, 9]);
  });
});

describe('commitments(filter: { awaitingReview: true })', () => {
  const AWAITING = `query($communityId: ID) {
    commitments(filter: { awaitingReview: true, communityId: $communityId }, first: 100) {
      edges { node { id status proposedTargetAmount viewerCan { review } } }
    }
  }`;

  it('lists submissions and target change requests the viewer may decide on, and nothing else', async () => {
    const home = await makeCommunity(t.orm);
    const other = await makeCommunity(t.orm);
    const unit = await makeUnit(t.orm, home);
    const otherUnit = await makeUnit(t.orm, other);
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit });
    const make = (u: Unit, status: CommitmentStatus) =>
      makeCommitment(t.orm, u, { createdBy: liaison, status });
    const submitted = await make(unit, CommitmentStatus.SUBMITTED);
    const asking = await make(unit, CommitmentStatus.ACTIVE);
    await t.orm.em.fork().nativeUpdate(Commitment, asking.id, { proposedTargetAmount: '80.00' });
    await make(unit, CommitmentStatus.ACTIVE); // nothing to decide
    await make(unit, CommitmentStatus.DRAFT);
    const elsewhere = await make(otherUnit, CommitmentStatus.SUBMITTED);

    const staff = await tokenFor(Role.COMMUNITY_STAFF, { community: home });
    const admin = await tokenFor(Role.STREET_ADMIN);
    const liaisonToken = await t.login(liaison.username);
    const list = async (token: string, communityId?: string) => {
      const res = await t.gql(AWAITING, { communityId }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.commitments.edges.map((e: AnyData) => e.node);
    };
    const staffSees = await list(staff);
    expect(staffSees.map((n: AnyData) => n.id)).toEqual([submitted.nodeId, asking.nodeId]);
    expect(staffSees.every((n: AnyData) => n.viewerCan.review)).toBe(true);
    expect(staffSees[1].proposedTargetAmount).toBe(80);
    expect((await list(admin, home.nodeId)).map((n: AnyData) => n.id)).toEqual([
      submitted.nodeId,
      asking.nodeId,
    ]);
    expect((await list(admin, other.nodeId)).map((n: AnyData) => n.id)).toEqual([elsewhere.nodeId]);
    expect(await list(staff, other.nodeId)).toEqual([]);
    expect(await list(liaisonToken)).toEqual([]);
  });
});

describe('the review page: submissions and target changes, each paged by cursor', () => {
  const LISTS = `query($communityId: ID, $first: Int, $sAfter: String, $tAfter: String) {
    submissions: commitments(
      filter: { awaitingReview: true, statuses: [SUBMITTED], communityId: $communityId }
      first: $first, after: $sAfter
    ) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id status proposedTargetAmount unit { name } category { name }
        viewerCan { review } history { action note } } }
    }
    targetChanges: commitments(
      filter: { awaitingReview: true, targetChangeRequested: true, communityId: $communityId }
      first: $first, after: $tAfter
    ) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id status proposedTargetAmount unit { name } category { name }
        viewerCan { review } history { action note } } }
    }
  }`;

  it('keeps the two lists apart, pages each by its own cursor, in constant statements', async () => {
    const home = await makeCommunity(t.orm);
    const other = await makeCommunity(t.orm);
    const staff = await tokenFor(Role.COMMUNITY_STAFF, { community: home });
    const submitted: string[] = [];
    const asking: string[] = [];
    for (let u = 0; u < 5; u++) {
      const unit = await makeUnit(t.orm, home);
      const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit });
      const make = (status: CommitmentStatus) =>
        makeCommitment(t.orm, unit, { createdBy: liaison, status });
      submitted.push((await make(CommitmentStatus.SUBMITTED)).nodeId);
      const change = await make(CommitmentStatus.ACTIVE);
      await t.orm.em
        .fork()
        .nativeUpdate(Commitment, change.id, { proposedTargetAmount: String(20 + u) });
      asking.push(change.nodeId);
      await make(CommitmentStatus.ACTIVE); // nothing to decide
    }
    const elsewhere = await makeUnit(t.orm, other);
    const otherLiaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit: elsewhere });
    await makeCommitment(t.orm, elsewhere, {
      createdBy: otherLiaison,
      status: CommitmentStatus.SUBMITTED,
    });

    const page = async (vars: Record<string, unknown>) => {
      const res = await t.gql(LISTS, vars, staff);
      expect(res.errors).toBeUndefined();
      return res.data!;
    };
    const nodes = (list: AnyData) => list.edges.map((e: AnyData) => e.node.id);

    const first = await page({ first: 2 });
    expect(first.submissions.totalCount).toBe(5);
    expect(first.targetChanges.totalCount).toBe(5);
    expect(nodes(first.submissions)).toEqual(submitted.slice(0, 2));
    expect(nodes(first.targetChanges)).toEqual(asking.slice(0, 2));
    expect(first.targetChanges.edges[0].node.proposedTargetAmount).toBe(20);
    expect(first.submissions.pageInfo.hasNextPage).toBe(true);

    // One list's cursor does not move the other.
    const second = await page({ first: 2, sAfter: first.submissions.pageInfo.endCursor });
    expect(nodes(second.submissions)).toEqual(submitted.slice(2, 4));
    expect(nodes(second.targetChanges)).toEqual(asking.slice(0, 2));
    const third = await page({
      first: 2,
      sAfter: second.submissions.pageInfo.endCursor,
      tAfter: first.targetChanges.pageInfo.endCursor,
    });
    expect(nodes(third.submissions)).toEqual(submitted.slice(4));
    expect(third.submissions.pageInfo.hasNextPage).toBe(false);
    expect(nodes(third.targetChanges)).toEqual(asking.slice(2, 4));

    const counts: number[] = [];
    for (const size of [1, 3, 5]) {
      let body: AnyData | undefined;
      counts.push(
        await t.countStatements(async () => (body = await t.gql(LISTS, { first: size }, staff))),
      );
      expect(body!.errors).toBeUndefined();
      expect(body!.data!.submissions.edges).toHaveLength(size);
      expect(body!.data!.targetChanges.edges).toHaveLength(size);
    }
    // session, two pages, two counts, units, categories, history (one batch per list).
    expect(counts, t.statements.join('\n')).toEqual([9, 9, 9]);

    // A cursor that is not one of this list's is refused, not read.
    // (Last: the other list's loaders may still be running when the error answers.)
    const bad = await t.gql(LISTS, { first: 2, sAfter: 'bm90LWEtY3Vyc29y' }, staff);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
