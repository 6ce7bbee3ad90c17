import { describe, expect, it } from 'vitest';
import { planCoBuilding, SEED_TODAY } from '../seeds/commitments.js';
import { DEMO_PASSWORD, demoAccounts } from '../seeds/demo-accounts.js';
import { units } from '../seeds/qingshan/index.js';
import { seedDemoIfEmpty } from '../seeds/seed.js';
import { useTestApp, type AnyData } from './support/test-app.js';

const t = useTestApp();

describe('the Qingshan demo seed', () => {
  /** Rows of one SQL statement against the seeded database. */
  const sql = (query: string, params: unknown[] = []) =>
    t.orm.em.getConnection().execute<AnyData[]>(query, params);

  it('loads the six communities with the report’s totals, once', async () => {
    const started = performance.now();
    expect(await seedDemoIfEmpty(t.orm)).toEqual({
      communities: 6,
      grids: 75,
      units: 288,
      users: demoAccounts.length,
      commitments: 523,
      fulfilments: 2547,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(15);
    expect(await seedDemoIfEmpty(t.orm)).toBeNull();

    const res = await t.gql(
      '{ communities(first: 10) { totalCount edges { node { name households residents unitCount } } } }',
    );
    const nodes = res.data!.communities.edges.map((e: { node: Record<string, number> }) => e.node);
    expect(res.data!.communities.totalCount).toBe(6);
    expect(nodes.map((n: { name: string }) => n.name)).toEqual([
      '建安社区',
      '阳光社区',
      '福康社区',
      '天鹅社区',
      '联通社区',
      '国土资源社区',
    ]);
    const sum = (key: string) =>
      nodes.reduce((total: number, n: Record<string, number>) => total + n[key]!, 0);
    expect([sum('households'), sum('residents'), sum('unitCount')]).toEqual([22606, 54425, 288]);
  });

  it('lets every demo account sign in with the documented password', async () => {
    for (const account of demoAccounts) {
      const token = await t.login(account.username, DEMO_PASSWORD);
      const res = await t.gql('{ viewer { role community { code } unit { name } } }', {}, token);
      expect(res.data!.viewer.role).toBe(account.role);
      expect(res.data!.viewer.community?.code ?? null).toBe(account.communityCode);
      if (account.role === 'UNIT_LIAISON') expect(res.data!.viewer.unit.name).toBeTruthy();
    }
  });

  it('shows the office grids above 400 households and the staffing shortfall', async () => {
    const token = await t.login('admin', DEMO_PASSWORD);
    const res = await t.gql(
      '{ staffingReport { totals { households actualWorkers workerShortfall gridCount gridsOver300 gridsOver400 } } }',
      {},
      token,
    );
    expect(res.data!.staffingReport.totals).toEqual({
      households: 22606,
      actualWorkers: 45,
      workerShortfall: 14,
      gridCount: 75,
      gridsOver300: 26,
      gridsOver400: 7,
    });
  });

  it('plans the same year of co-building on every run', () => {
    expect(planCoBuilding(units)).toEqual(planCoBuilding(units));
  });

  it('writes commitments in every status, each consistent with the lifecycle rules', async () => {
    const byStatus = await sql(
      'select status, count(*)::int as n from commitment group by status order by status',
    );
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
    expect(Object.keys(counts).sort()).toEqual([
      'ACTIVE',
      'COMPLETED',
      'DRAFT',
      'LAPSED',
      'REJECTED',
      'SUBMITTED',
      'WITHDRAWN',
    ]);
    expect(counts.ACTIVE).toBeGreaterThan(counts.COMPLETED);
    expect(counts.LAPSED).toBeGreaterThan(0);

    const [broken] = await sql(
      `select
         count(*) filter (where status = 'COMPLETED' and verified_amount < target_amount)::int as completed_short,
         count(*) filter (where status = 'LAPSED'
                            and (verified_amount >= target_amount or period_end >= ?))::int as lapsed_wrong,
         count(*) filter (where status = 'ACTIVE'
                            and (period_end < ? or verified_amount >= target_amount))::int as active_wrong,
         count(*) filter (where c.community_id <> u.community_id)::int as wrong_community
       from commitment c join unit u on u.id = c.unit_id`,
      [SEED_TODAY, SEED_TODAY],
    );
    expect(broken).toEqual({
      completed_short: 0,
      lapsed_wrong: 0,
      active_wrong: 0,
      wrong_community: 0,
    });
  });

  it('keeps verified and pending amounts equal to the sums of their records', async () => {
    const [{ mismatches }] = (await sql(
      `select count(*)::int as mismatches
         from commitment c
         left join (select commitment_id,
                           coalesce(sum(amount) filter (where status = 'VERIFIED'), 0) as verified,
                           coalesce(sum(amount) filter (where status = 'PENDING'), 0) as pending
                      from fulfilment group by commitment_id) f on f.commitment_id = c.id
        where c.verified_amount <> coalesce(f.verified, 0)
           or c.pending_amount <> coalesce(f.pending, 0)`,
    )) as [AnyData];
    expect(mismatches).toBe(0);

    const [records] = await sql(
      `select
         count(*) filter (where f.date < c.period_start or f.date > c.period_end or f.date > ?)::int as outside,
         count(*) filter (where c.measure <> 'VOLUNTEER_HOURS' and c.measure <> 'FUNDS_YUAN'
                            and f.amount <> trunc(f.amount))::int as fractional,
         count(*) filter (where f.status = 'REJECTED' and f.review_note = '')::int as unexplained,
         count(*) filter (where f.status <> 'PENDING' and f.reviewed_by_id is null)::int as unreviewed,
         count(*) filter (where f.status = 'REJECTED')::int as rejected,
         count(*) filter (where f.status = 'PENDING')::int as pending
       from fulfilment f join commitment c on c.id = f.commitment_id`,
      [SEED_TODAY],
    );
    expect(records).toMatchObject({ outside: 0, fractional: 0, unexplained: 0, unreviewed: 0 });
    expect(records!.rejected).toBeGreaterThan(0);
    expect(records!.pending).toBeGreaterThan(0);
  });

  it('records each commitment’s history, ending in its current status', async () => {
    const [history] = await sql(
      `select
         count(*) filter (where last.to_status is distinct from c.status)::int as wrong_last,
         count(*) filter (where first.action is distinct from 'CREATE')::int as no_create
       from commitment c
       left join lateral (select to_status from commitment_event e
                           where e.commitment_id = c.id order by e.id desc limit 1) last on true
       left join lateral (select action from commitment_event e
                           where e.commitment_id = c.id order by e.id limit 1) first on true`,
    );
    expect(history).toEqual({ wrong_last: 0, no_create: 0 });
    const [chain] = await sql(
      `select count(*)::int as broken from (
         select from_status, lag(to_status) over (partition by commitment_id order by id) as previous
           from commitment_event) e
        where e.from_status is distinct from e.previous`,
    );
    expect(chain!.broken).toBe(0);
    const [reviews] = await sql(
      `select count(*) filter (where e.action in ('ACCEPT', 'REJECT')
                                 and (a.role <> 'COMMUNITY_STAFF' or a.community_id <> c.community_id))::int as wrong_reviewer,
              count(*) filter (where e.action in ('COMPLETE', 'LAPSE') and e.actor_id is not null)::int as system_with_actor,
              count(*) filter (where e.action = 'REJECT' and e.note = '')::int as unexplained
         from commitment_event e
         join commitment c on c.id = e.commitment_id
         left join app_user a on a.id = e.actor_id`,
    );
    expect(reviews).toEqual({ wrong_reviewer: 0, system_with_actor: 0, unexplained: 0 });
  });

  it('publishes each community’s needs, some answered by commitments in the same measure', async () => {
    const perCommunity = await sql(
      `select community_id, count(*)::int as n, count(*) filter (where status = 'CLOSED')::int as closed
         from need group by community_id`,
    );
    expect(perCommunity).toHaveLength(6);
    for (const row of perCommunity) {
      expect(row.n).toBeGreaterThanOrEqual(3);
      expect(row.n).toBeLessThanOrEqual(5);
      expect(row.closed).toBe(1);
    }
    const [answers] = await sql(
      `select count(*)::int as answering,
              count(*) filter (where n.measure <> c.measure or n.community_id <> c.community_id)::int as mismatched
         from commitment c join need n on n.id = c.need_id`,
    );
    expect(answers!.mismatched).toBe(0);
    expect(answers!.answering).toBeGreaterThan(100);
  });

  it('ranks all 288 units for 2026 with the lagging ones first', async () => {
    const token = await t.login('admin', DEMO_PASSWORD);
    const res = await t.gql(
      '{ unitStandings(year: 2026) { rank rate lagging commitmentCount lapsedCount behindCount unit { name } } }',
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    const rows = res.data!.unitStandings as AnyData[];
    expect(rows).toHaveLength(288);
    expect(rows.some((r) => r.lagging && r.lapsedCount > 0)).toBe(true);
    expect(rows.some((r) => r.lagging && r.behindCount > 0)).toBe(true);
    expect(rows.some((r) => r.commitmentCount === 0 && r.rank === null)).toBe(true);
    const firstOnTrack = rows.findIndex((r) => !r.lagging);
    expect(firstOnTrack).toBeGreaterThan(0);
    expect(rows.slice(firstOnTrack).every((r) => !r.lagging)).toBe(true);
  });

  it('ranks them as an independent SQL computation of the same rule does', async () => {
    const token = await t.login('admin', DEMO_PASSWORD);
    const res = await t.gql(
      '{ unitStandings(year: 2026) { rank rate unit { id name } } }',
      {},
      token,
    );
    const expected = await t.orm.em.getConnection().execute<
      { name: string; rate: string; rank: string }[]
    >(`
      select u.name, r.rate, rank() over (order by round(r.rate, 9) desc) as rank
        from (select unit_id, avg(least(1, verified_amount / target_amount)) as rate
                from commitment
               where status in ('ACTIVE', 'COMPLETED', 'LAPSED')
                 and period_start <= '2026-12-31' and period_end >= '2026-01-01'
               group by unit_id) r
        join unit u on u.id = r.unit_id`);
    const byName = new Map(expected.map((row) => [row.name, row]));
    const ranked = (res.data!.unitStandings as AnyData[]).filter((r) => r.rank !== null);
    expect(ranked).toHaveLength(expected.length);
    for (const row of ranked) {
      const sql = byName.get(row.unit.name)!;
      expect(row.rate, row.unit.name).toBeCloseTo(Number(sql.rate), 9);
      expect(row.rank, row.unit.name).toBe(Number(sql.rank));
    }
  });

  it('answers a standings query over all 288 units in a constant number of statements', async () => {
    const token = await t.login('admin', DEMO_PASSWORD);
    const statements = await t.countStatements(() =>
      t.gql(
        '{ unitStandings(year: 2026) { rank unit { name community { name } } commitments { title category { name } progress { ratio behind } } } }',
        {},
        token,
      ),
    );
    // session, units, commitments, categories, communities
    expect(statements, t.statements.join('\n')).toBe(5);
  });
});
