import { describe, expect, it } from 'vitest';
import {
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { Community } from '../directory/community.entity.js';

const t = useTestApp();

const STANDINGS = `query($communityId: ID, $year: Int) {
  unitStandings(communityId: $communityId, year: $year) {
    rank rate lagging commitmentCount completedCount lapsedCount behindCount
    unit { name }
    commitments { title status progress { ratio behind } category { name } }
  }
}`;

const FIGURES = `query($communityId: ID, $year: Int) {
  unitStandings(communityId: $communityId, year: $year) {
    rank rate lagging commitmentCount completedCount lapsedCount behindCount
    unit { name }
  }
}`;

async function fillCommunity(community: Community, names: string[]) {
  const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  const units = Object.fromEntries(
    await Promise.all(
      names.map(
        async (name) =>
          [name, await makeUnit(t.orm, community, { name: `${name}-${community.code}` })] as const,
      ),
    ),
  );
  return { staff, units };
}

describe('unitStandings', () => {
  it('ranks units by fulfilment rate and lists the lagging ones first (hand-computed)', async () => {
    const community = await makeCommunity(t.orm);
    const { staff, units } = await fillCommunity(community, ['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const c = (
      unit: string,
      status: CommitmentStatus,
      verified: string,
      target = '100.00',
      period = ['2026-01-01', '2026-12-31'],
    ) =>
      makeCommitment(t.orm, units[unit]!, {
        createdBy: staff,
        status,
        verifiedAmount: verified,
        targetAmount: target,
        periodStart: period[0],
        periodEnd: period[1],
      });
    await c('A', CommitmentStatus.COMPLETED, '100.00'); // 1.00
    await c('A', CommitmentStatus.ACTIVE, '90.00'); // 0.90 → A: 0.95
    await c('B', CommitmentStatus.ACTIVE, '20.00'); // 0.20, behind → lagging
    await c('C', CommitmentStatus.LAPSED, '30.00', '100.00', ['2026-01-01', '2026-06-30']); // 0.30
    await c('C', CommitmentStatus.COMPLETED, '50.00', '50.00'); // 1.00 → C: 0.65, lapsed → lagging
    // D has nothing → lagging, unranked.
    await c('E', CommitmentStatus.COMPLETED, '120.00'); // capped at 1.00
    await c('F', CommitmentStatus.ACTIVE, '95.00'); // 0.95, ties with A
    await c('G', CommitmentStatus.COMPLETED, '100.00', '100.00', ['2025-01-01', '2025-12-31']); // another year
    await c('G', CommitmentStatus.DRAFT, '0.00'); // not counted → G has nothing in 2026

    const res = await t.gql(
      STANDINGS,
      { communityId: community.nodeId, year: 2026 },
      await t.login(staff.username),
    );
    expect(res.errors).toBeUndefined();
    const rows = res.data!.unitStandings.map(
      (r: {
        unit: { name: string };
        rank: number | null;
        rate: number | null;
        lagging: boolean;
      }) => [
        r.unit.name.split('-')[0],
        r.rank,
        r.rate === null ? null : Number(r.rate.toFixed(4)),
        r.lagging,
      ],
    );
    expect(rows).toEqual([
      ['D', null, null, true],
      ['G', null, null, true],
      ['B', 5, 0.2, true],
      ['C', 4, 0.65, true],
      ['A', 2, 0.95, false],
      ['F', 2, 0.95, false],
      ['E', 1, 1, false],
    ]);
    const b = res.data!.unitStandings[2];
    expect(b).toMatchObject({ behindCount: 1, commitmentCount: 1 });
    expect(res.data!.unitStandings[3]).toMatchObject({ lapsedCount: 1, completedCount: 1 });

    // Without `commitments` the figures come from plain rows, not entities: the same answer.
    const token = await t.login(staff.username);
    let figures: { data?: { unitStandings: Record<string, unknown>[] } } = {};
    const statements = await t.countStatements(async () => {
      figures = await t.gql(FIGURES, { communityId: community.nodeId, year: 2026 }, token);
    });
    expect(figures.data!.unitStandings).toEqual(
      res.data!.unitStandings.map(({ commitments: _, ...rest }: Record<string, unknown>) => rest),
    );
    // session, units, commitments
    expect(statements, t.statements.join('\n')).toBe(3);
  });

  it('runs in a constant number of SQL statements whatever the number of units', async () => {
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(admin.username);
    const counts: number[] = [];
    for (const size of [3, 12]) {
      const community = await makeCommunity(t.orm);
      const { staff, units } = await fillCommunity(
        community,
        Array.from({ length: size }, (_, i) => `U${i}`),
      );
      for (const unit of Object.values(units)) {
        await makeCommitment(t.orm, unit, {
          createdBy: staff,
          status: CommitmentStatus.ACTIVE,
          verifiedAmount: '50.00',
        });
      }
      let rows = 0;
      counts.push(
        await t.countStatements(async () => {
          const res = await t.gql(STANDINGS, { communityId: community.nodeId, year: 2026 }, token);
          rows = res.data!.unitStandings.length;
        }),
      );
      expect(rows).toBe(size);
    }
    // session, units, commitments, categories
    expect(counts, t.statements.join('\n')).toEqual([4, 4]);
  });

  it('shows a community its own standings only', async () => {
    const [mine, other] = [await makeCommunity(t.orm), await makeCommunity(t.orm)];
    const volunteer = await makeUser(t.orm, { role: Role.VOLUNTEER, community: mine });
    const token = await t.login(volunteer.username);
    expect((await t.gql(STANDINGS, { communityId: mine.nodeId }, token)).errors).toBeUndefined();
    expect(
      (await t.gql(STANDINGS, { communityId: other.nodeId }, token)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
