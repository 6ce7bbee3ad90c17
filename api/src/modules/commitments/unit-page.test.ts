// The staff unit page (/staff/units/:id) asks one GraphQL document, StaffUnit: the unit, its
// standing in its community, its commitments with progress, fulfilment records and history, and
// its volunteers. It must answer in a constant number of statements, and only to those the
// existing rules let read the unit's standings and volunteers.
import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { StaffUnitDocument } from '../../../../schema/generated/graphql.js';
import {
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import { CommitmentEvent } from './commitment-event.entity.js';
import { CommitmentAction, FulfilmentStatus } from './commitment.enums.js';
import { Fulfilment } from './fulfilment.entity.js';

const t = useTestApp();
const QUERY = print(StaffUnitDocument);
const YEAR = 2026;

let community: Community;
let staff: User;

/** A unit with `n` accepted commitments (each with a fulfilment and two history entries) and `n` volunteers. */
async function unitWith(n: number): Promise<Unit> {
  const unit = await makeUnit(t.orm, community);
  for (let i = 0; i < n; i++) {
    const commitment = await makeCommitment(t.orm, unit, {
      createdBy: staff,
      status: CommitmentStatus.ACTIVE,
      verifiedAmount: '10.00',
    });
    const em = t.orm.em.fork();
    em.create(Fulfilment, {
      commitment: commitment.id,
      amount: '10.00',
      date: `${YEAR}-06-01`,
      recordedBy: staff.id,
      status: FulfilmentStatus.VERIFIED,
      // A decided record says when (the database's fulfilment_decided_has_review).
      reviewedAt: new Date(`${YEAR}-06-02T02:00:00Z`),
    });
    for (const [action, from, to] of [
      [CommitmentAction.SUBMIT, CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED],
      [CommitmentAction.ACCEPT, CommitmentStatus.SUBMITTED, CommitmentStatus.ACTIVE],
    ] as const)
      em.create(CommitmentEvent, {
        commitment: commitment.id,
        action,
        fromStatus: from,
        toStatus: to,
        actor: staff.id,
      });
    await em.flush();
    await makeVolunteer(t.orm, community, { unit });
  }
  return unit;
}

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
});

describe('the staff unit page query', () => {
  it('answers in the same number of statements for 2 and for 6 commitments and volunteers', async () => {
    const token = await t.login(staff.username);
    const counts: number[] = [];
    for (const n of [2, 6]) {
      const unit = await unitWith(n);
      let res: { data?: AnyData; errors?: unknown } = {};
      counts.push(
        await t.countStatements(async () => {
          res = await t.gql(QUERY, { id: unit.nodeId, year: YEAR }, token);
        }),
      );
      expect(res.errors).toBeUndefined();
      const data = res.data!;
      expect(data.node).toMatchObject({ __typename: 'Unit', name: unit.name });
      expect(data.unitStandings).toHaveLength(1);
      expect(data.unitStandings[0]).toMatchObject({ commitmentCount: n, ratedCount: n });
      expect(data.commitments.totalCount).toBe(n);
      for (const { node } of data.commitments.edges) {
        expect(node.history.map((e: AnyData) => e.action)).toEqual(['SUBMIT', 'ACCEPT']);
        expect(node.fulfilments.totalCount).toBe(1);
      }
      expect(data.volunteers.totalCount).toBe(n);
    }
    expect(counts[1], t.statements.join('\n')).toBe(counts[0]);
  });

  it('is the unit’s community staff’s and the office’s, not another community’s staff', async () => {
    const unit = await unitWith(1);
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const ok = await t.gql(QUERY, { id: unit.nodeId, year: YEAR }, await t.login(admin.username));
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.unitStandings).toHaveLength(1);

    const elsewhere = await makeCommunity(t.orm);
    const stranger = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: elsewhere });
    const refused = await t.gql(
      QUERY,
      { id: unit.nodeId, year: YEAR },
      await t.login(stranger.username),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // An unknown unit: no node, no standing (the page answers 404).
    const none = await t.gql(
      QUERY,
      { id: unit.nodeId.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), year: YEAR },
      await t.login(admin.username),
    );
    expect(none.data?.node ?? null).toBeNull();
  });
});
