// Arguments that default to the viewer's own unit or community, so a page can ask for everything
// it shows in one request without first asking who the viewer is.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';

const t = useTestApp();

let community: Community;
let other: Community;
let unit: Unit;
let neighbour: Unit;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  other = await makeCommunity(t.orm);
  unit = await makeUnit(t.orm, community);
  neighbour = await makeUnit(t.orm, community);
});

describe('commitments(filter: { myUnit: true })', () => {
  it("lists only the liaison's own unit's commitments, in every status, and nothing for others", async () => {
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
    const own = await Promise.all([
      makeCommitment(t.orm, unit, { createdBy: liaison, status: CommitmentStatus.DRAFT }),
      makeCommitment(t.orm, unit, { createdBy: liaison, status: CommitmentStatus.ACTIVE }),
    ]);
    // Accepted commitments of the neighbour are public, but not "mine".
    await makeCommitment(t.orm, neighbour, { createdBy: liaison, status: CommitmentStatus.ACTIVE });
    const query = `{ commitments(filter: { myUnit: true }, first: 50) { totalCount edges { node { title } } } }`;

    const mine = await t.gql(query, {}, await t.login(liaison.username));
    expect(mine.data!.commitments.totalCount).toBe(2);
    expect(
      mine.data!.commitments.edges.map((e: { node: { title: string } }) => e.node.title).sort(),
    ).toEqual(own.map((c) => c.title).sort());

    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const none = await t.gql(query, {}, await t.login(staff.username));
    expect(none.data!.commitments.totalCount).toBe(0);
  });

  it("ranks the liaison's community when no community is given", async () => {
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
    await makeUnit(t.orm, other);
    const res = await t.gql(
      `{ unitStandings { unit { id community { id } } } }`,
      {},
      await t.login(liaison.username),
    );
    const communities = new Set(
      res.data!.unitStandings.map(
        (s: { unit: { community: { id: string } } }) => s.unit.community.id,
      ),
    );
    expect(communities).toEqual(new Set([community.nodeId]));
    expect(res.data!.unitStandings.length).toBeGreaterThanOrEqual(2);
  });
});

describe('pairing queries without a communityId', () => {
  it("answer for the staff member's own community, and refuse the office (it must choose)", async () => {
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    await makeVolunteer(t.orm, community);
    await makeVolunteer(t.orm, community);
    await makeVolunteer(t.orm, other);
    const query = `{ pairingCoverage { volunteers paired } socialWorkers(first: 5) { totalCount }
      pairingSuggestions { proposals { score { total } } } }`;

    const own = await t.gql(query, {}, await t.login(staff.username));
    expect(own.errors).toBeUndefined();
    expect(own.data!.pairingCoverage).toEqual({ volunteers: 2, paired: 0 });
    expect(own.data!.socialWorkers.totalCount).toBe(0);

    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const refused = await t.gql(
      '{ pairingCoverage { volunteers } }',
      {},
      await t.login(admin.username),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
