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
import { shanghaiDate } from '../../graphql/dates.js';

const t = useTestApp();

const STANDINGS = `query($communityId: ID, $year: Int) {
  unitStandings(communityId: $communityId, year: $year) {
    rank rate pace ratedCount lagging commitmentCount completedCount lapsedCount behindCount
    unit { name }
    commitments { title status progress { ratio behind } category { name } }
  }
}`;

const FIGURES = `query($communityId: ID, $year: Int) {
  unitStandings(communityId: $communityId, year: $year) {
    rank rate pace ratedCount lagging commitmentCount completedCount lapsedCount behindCount
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
  it('ranks units by pace and lists the lagging ones first (hand-computed, a past year)', async () => {
    const community = await makeCommunity(t.orm);
    const { staff, units } = await fillCommunity(community, ['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const c = (
      unit: string,
      status: CommitmentStatus,
      verified: string,
      target = '100.00',
      period = ['2025-01-01', '2025-12-31'],
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
    await c('C', CommitmentStatus.LAPSED, '30.00', '100.00', ['2025-01-01', '2025-06-30']); // 0.30
    await c('C', CommitmentStatus.COMPLETED, '50.00', '50.00'); // 1.00 → C: 0.65, lapsed → lagging
    // D has nothing → not yet rated: unranked, not lagging.
    await c('E', CommitmentStatus.COMPLETED, '120.00'); // capped at 1.00
    await c('F', CommitmentStatus.ACTIVE, '95.00'); // 0.95, ties with A
    await c('G', CommitmentStatus.COMPLETED, '100.00', '100.00', ['2024-01-01', '2024-12-31']); // another year
    await c('G', CommitmentStatus.DRAFT, '0.00'); // not counted → G has nothing in 2025

    // The year is over: every period has fully elapsed, so each pace equals the rate.
    const res = await t.gql(
      STANDINGS,
      { communityId: community.nodeId, year: 2025 },
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
      ['B', 5, 0.2, true],
      ['C', 4, 0.65, true],
      ['A', 2, 0.95, false],
      ['F', 2, 0.95, false],
      ['E', 1, 1, false],
      ['D', null, null, false],
      ['G', null, null, false],
    ]);
    const b = res.data!.unitStandings[0];
    expect(b).toMatchObject({ behindCount: 1, commitmentCount: 1 });
    expect(res.data!.unitStandings[1]).toMatchObject({ lapsedCount: 1, completedCount: 1 });
    for (const row of res.data!.unitStandings) expect(row.pace).toBe(row.rate);

    // Without `commitments` the figures come from plain rows, not entities: the same answer.
    const token = await t.login(staff.username);
    let figures: { data?: { unitStandings: Record<string, unknown>[] } } = {};
    const statements = await t.countStatements(async () => {
      figures = await t.gql(FIGURES, { communityId: community.nodeId, year: 2025 }, token);
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

  it('expects of each commitment only the share of its own period elapsed (this year)', async () => {
    const community = await makeCommunity(t.orm);
    const { staff, units } = await fillCommunity(community, [
      'Late',
      'Steady',
      'Behind',
      'Fresh',
      'New',
    ]);
    const today = shanghaiDate();
    const day = (offset: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const c = (unit: string, verified: string, from: number, to: number) =>
      makeCommitment(t.orm, units[unit]!, {
        createdBy: staff,
        status: CommitmentStatus.ACTIVE,
        targetAmount: '100.00',
        verifiedAmount: verified,
        periodStart: day(from),
        periodEnd: day(to),
      });
    // Late: started 60 days ago for 180 days (61/180 ≈ 34 % elapsed), 34 % delivered: on pace
    // (1.00) though its share of the target is small.
    await c('Late', '34.00', -60, 119);
    // Steady: 300 of 365 days gone (≈ 82 %), 75 % delivered: pace ≈ 0.91.
    await c('Steady', '75.00', -299, 65);
    // Behind: the same period, 20 % delivered: 62 points behind → lagging.
    await c('Behind', '20.00', -299, 65);
    // Fresh: began 3 days ago, nothing yet: too new to rate, not lagging.
    await c('Fresh', '0.00', -3, 361);
    // New: just imported, no commitment at all: not rated, not lagging.

    const res = await t.gql(
      STANDINGS,
      { communityId: community.nodeId, year: Number(today.slice(0, 4)) },
      await t.login(staff.username),
    );
    expect(res.errors).toBeUndefined();
    const rows = res.data!.unitStandings.map(
      (r: {
        unit: { name: string };
        rank: number | null;
        pace: number | null;
        lagging: boolean;
      }) => [
        r.unit.name.split('-')[0],
        r.rank,
        r.pace === null ? null : Number(r.pace.toFixed(2)),
        r.lagging,
      ],
    );
    expect(rows).toEqual([
      ['Behind', 3, Number((20 / (300 / 365) / 100).toFixed(2)), true],
      ['Steady', 2, Number((75 / (300 / 365) / 100).toFixed(2)), false],
      ['Late', 1, 1, false],
      ['Fresh', null, null, false],
      ['New', null, null, false],
    ]);
    const byName = (name: string) =>
      res.data!.unitStandings.find((r: { unit: { name: string } }) => r.unit.name.startsWith(name));
    // The late unit's plain fulfilment rate is the lowest of the rated ones, yet it ranks first.
    expect(byName('Late').rate).toBeLessThan(byName('Steady').rate);
    expect(byName('Fresh')).toMatchObject({ commitmentCount: 1, ratedCount: 0, behindCount: 0 });

    // The dashboard counts the same way.
    const dash = await t.gql(
      `query($communityId: ID) { dashboard(communityId: $communityId) { unitCount laggingUnits unratedUnits } }`,
      { communityId: community.nodeId },
      await t.login(staff.username),
    );
    expect(dash.data!.dashboard).toEqual({ unitCount: 5, laggingUnits: 1, unratedUnits: 2 });
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
