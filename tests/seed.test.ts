import { describe, expect, it } from 'vitest';
import { planCoBuilding, SEED_TODAY } from '../seeds/commitments.js';
import { DEMO_PASSWORD, demoAccounts } from '../seeds/demo-accounts.js';
import { units } from '../seeds/qingshan/index.js';
import { seedDemoIfEmpty, type SeedCounts } from '../seeds/seed.js';
import { DEMO_SOCIAL_WORKER, planPairings } from '../seeds/pairing.js';
import { DEMO_VOLUNTEER, VOLUNTEERS_PER_COMMUNITY } from '../seeds/shifts.js';
import { useTestApp, type AnyData } from './support/test-app.js';

const t = useTestApp();

/** Three or four per community: 4 + 3 + 4 + 3 + 3 + 4. */
const SOCIAL_WORKERS = 21;

describe('the Qingshan demo seed', () => {
  /** Rows of one SQL statement against the seeded database. */
  const sql = (query: string, params: unknown[] = []) =>
    t.orm.em.getConnection().execute<AnyData[]>(query, params);

  let counts: SeedCounts;
  /** The moment the demo is seeded around. */
  const seededAt = new Date();

  it('loads the six communities with the report’s totals, once', async () => {
    const started = performance.now();
    counts = (await seedDemoIfEmpty(t.orm, undefined, { now: seededAt }))!;
    const seconds = (performance.now() - started) / 1000;
    expect(counts).toMatchObject({
      communities: 6,
      grids: 75,
      units: 288,
      // the volunteers' and the social workers' accounts (the demo social worker's exists)
      users: demoAccounts.length + 6 * VOLUNTEERS_PER_COMMUNITY + SOCIAL_WORKERS - 1,
      commitments: 523,
      fulfilments: 2547,
      // sixty per community and the demo volunteer's profile
      volunteers: 6 * VOLUNTEERS_PER_COMMUNITY + 1,
      activities: 31,
      socialWorkers: SOCIAL_WORKERS,
    });
    // Shifts are laid out around the real current time, so their numbers vary a little by day.
    expect(counts.shifts).toBeGreaterThan(500);
    expect(counts.signups).toBeGreaterThan(3000);
    const [rows] = await sql(
      `select (select count(*) from app_user)::int as users, (select count(*) from volunteer)::int as volunteers,
              (select count(*) from activity)::int as activities, (select count(*) from shift)::int as shifts,
              (select count(*) from signup)::int as signups,
              (select count(*) from social_worker)::int as "socialWorkers",
              (select count(*) from pairing)::int as pairings,
              (select count(*) from pairing where status = 'ACTIVE')::int as "activePairings",
              (select count(*) from supervision_log)::int as "supervisionLogs"`,
    );
    expect(rows).toEqual({
      users: counts.users,
      volunteers: counts.volunteers,
      activities: counts.activities,
      shifts: counts.shifts,
      signups: counts.signups,
      socialWorkers: counts.socialWorkers,
      pairings: counts.pairings,
      activePairings: counts.activePairings,
      supervisionLogs: counts.supervisionLogs,
    });
    // The whole demo, hashing included; about 1–2 s on a laptop.
    expect(seconds).toBeLessThan(10);
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
      '{ unitStandings(year: 2026) { rank rate pace unit { id name } } }',
      {},
      token,
    );
    // Rate: mean of verified ÷ target (capped). Pace: mean over the rated commitments (ended, or
    // past 15 % of their own period) of verified ÷ (target × elapsed share), capped; rank by pace.
    const expected = await t.orm.em.getConnection().execute<
      { name: string; rate: string; pace: string; rank: string }[]
    >(`
      with counted as (
        select unit_id, status, least(1, verified_amount / target_amount) as capped,
               verified_amount / target_amount as ratio,
               least(1, greatest(0,
                 ((now() at time zone 'Asia/Shanghai')::date - period_start + 1)::numeric
                   / (period_end - period_start + 1))) as elapsed
          from commitment
         where status in ('ACTIVE', 'COMPLETED', 'LAPSED')
           and period_start <= '2026-12-31' and period_end >= '2026-01-01'
      ), r as (
        select unit_id, avg(capped) as rate,
               avg(case when elapsed > 0 then least(1, ratio / elapsed) else 1 end)
                 filter (where status <> 'ACTIVE' or elapsed >= 0.15) as pace
          from counted group by unit_id
      )
      select u.name, r.rate, r.pace, rank() over (order by round(r.pace, 9) desc) as rank
        from r join unit u on u.id = r.unit_id
       where r.pace is not null`);
    const byName = new Map(expected.map((row) => [row.name, row]));
    const ranked = (res.data!.unitStandings as AnyData[]).filter((r) => r.rank !== null);
    expect(ranked).toHaveLength(expected.length);
    for (const row of ranked) {
      const sql = byName.get(row.unit.name)!;
      expect(row.rate, row.unit.name).toBeCloseTo(Number(sql.rate), 9);
      expect(row.pace, row.unit.name).toBeCloseTo(Number(sql.pace), 9);
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

  // ---------------------------------------------------------------- volunteer service

  it('gives each community sixty volunteers with profiles, some confirmed by their unit', async () => {
    const perCommunity = await sql(
      `select c.code, count(*)::int as n,
              count(*) filter (where v.affiliation = 'CONFIRMED')::int as confirmed,
              count(*) filter (where v.affiliation = 'PENDING')::int as pending,
              count(*) filter (where v.unit_id is not null and u.community_id <> v.community_id)::int as foreign_unit,
              count(*) filter (where v.affiliation in ('CONFIRMED', 'PENDING') and v.unit_id is null)::int as no_unit,
              count(*) filter (where g.community_id <> v.community_id or v.grid_id is null)::int as wrong_grid,
              count(*) filter (where cardinality(v.skills) not between 1 and 4)::int as wrong_skills,
              count(*) filter (where v.phone !~ '^1[3-9][0-9]{9}$')::int as wrong_phone,
              count(*) filter (where jsonb_array_length(v.availability) = 0)::int as no_availability,
              count(*) filter (where a.role <> 'VOLUNTEER' or a.community_id <> v.community_id)::int as wrong_user
         from volunteer v
         join community c on c.id = v.community_id
         join app_user a on a.id = v.user_id
         left join grid g on g.id = v.grid_id
         left join unit u on u.id = v.unit_id
        group by c.code order by c.code`,
    );
    expect(perCommunity).toHaveLength(6);
    for (const row of perCommunity) {
      expect(row.n).toBe(VOLUNTEERS_PER_COMMUNITY + (row.code === 'jianan' ? 1 : 0));
      expect(row.confirmed / row.n).toBeGreaterThan(0.15);
      expect(row.confirmed / row.n).toBeLessThan(0.25);
      expect(row.pending).toBeGreaterThan(0);
      expect(row).toMatchObject({
        foreign_unit: 0,
        no_unit: 0,
        wrong_grid: 0,
        wrong_skills: 0,
        wrong_phone: 0,
        no_availability: 0,
        wrong_user: 0,
      });
    }
    const [demo] = await sql(
      `select v.skills, v.affiliation, v.unit_id from volunteer v join app_user a on a.id = v.user_id
        where a.username = ?`,
      [DEMO_VOLUNTEER],
    );
    expect(demo).toEqual({
      skills: ['CLEANING', 'ELDER_CARE', 'PATROL'],
      affiliation: 'NONE',
      unit_id: null,
    });
  });

  it('organises activities by communities, units and the social worker', async () => {
    const rows = await sql(
      `select c.code, a.organiser_kind, a.title, a.required_skills, cb.username as created_by, cb.role,
              ou.community_id = a.community_id as unit_in_community, a.commitment_id,
              cm.status as commitment_status, cm.measure, cm.unit_id = a.organiser_unit_id as own_commitment
         from activity a
         join community c on c.id = a.community_id
         join app_user cb on cb.id = a.created_by_id
         left join unit ou on ou.id = a.organiser_unit_id
         left join commitment cm on cm.id = a.commitment_id
        order by a.id`,
    );
    const byCode = (code: string) => rows.filter((r) => r.code === code);
    expect(byCode('jianan')).toHaveLength(6);
    for (const code of ['yangguang', 'fukang', 'tiane', 'liantong', 'guotuziyuan'])
      expect(byCode(code)).toHaveLength(5);
    const social = rows.filter((r) => r.organiser_kind === 'SOCIAL_WORKER');
    expect(social).toHaveLength(1);
    expect(social[0]).toMatchObject({ code: 'jianan', created_by: 'social.jianan' });
    const units = rows.filter((r) => r.organiser_kind === 'UNIT');
    expect(units.length).toBeGreaterThanOrEqual(3);
    expect(units.every((r) => r.unit_in_community)).toBe(true);
    expect(units.some((r) => r.created_by === 'liaison.jianan')).toBe(true);
    expect(
      rows
        .filter((r) => r.organiser_kind === 'COMMUNITY')
        .every((r) => r.role === 'COMMUNITY_STAFF' && r.created_by === `staff.${r.code}`),
    ).toBe(true);
    const linked = rows.filter((r) => r.commitment_id !== null);
    expect(linked.length).toBeGreaterThanOrEqual(1);
    expect(linked.length).toBeLessThanOrEqual(2);
    for (const r of linked) {
      expect(r).toMatchObject({
        organiser_kind: 'UNIT',
        commitment_status: 'ACTIVE',
        measure: 'VOLUNTEER_HOURS',
        own_commitment: true,
      });
    }
    expect(rows.some((r) => r.required_skills.includes('MEDICAL'))).toBe(true);
  });

  it('lays out four weeks of daytime shifts either side of now', async () => {
    const [span] = await sql(
      `select count(*) filter (where starts_at < now() - interval '29 days' or starts_at > now() + interval '29 days')::int as outside,
              count(*) filter (where starts_at < now())::int as past,
              count(*) filter (where starts_at > now())::int as upcoming,
              count(*) filter (where capacity not between 4 and 20)::int as wrong_capacity,
              count(*) filter (where (starts_at at time zone 'Asia/Shanghai')::time < '07:00'
                                  or (ends_at at time zone 'Asia/Shanghai')::time > '20:00'
                                  or (starts_at at time zone 'Asia/Shanghai')::date
                                     <> (ends_at at time zone 'Asia/Shanghai')::date)::int as not_daytime,
              count(*) filter (where status = 'CANCELLED')::int as cancelled
         from shift`,
    );
    expect(span).toMatchObject({ outside: 0, wrong_capacity: 0, not_daytime: 0 });
    expect(span!.past).toBeGreaterThan(200);
    expect(span!.upcoming).toBeGreaterThan(200);
    expect(span!.cancelled).toBeGreaterThan(0);
    // 2–4 shifts a week per activity (the four whole weeks ahead of today)
    const weekly = await sql(
      `select activity_id, date_trunc('week', starts_at at time zone 'Asia/Shanghai') as week, count(*)::int as n
         from shift
        where starts_at at time zone 'Asia/Shanghai' >= date_trunc('week', now() at time zone 'Asia/Shanghai') + interval '1 week'
          and starts_at at time zone 'Asia/Shanghai' < date_trunc('week', now() at time zone 'Asia/Shanghai') + interval '4 weeks'
        group by 1, 2`,
    );
    expect(weekly.length).toBeGreaterThan(31 * 2);
    expect(weekly.filter((w) => w.n < 2 || w.n > 4)).toEqual([]);
  });

  it('keeps every shift’s counters equal to its sign-ups, within capacity, tickets 1..n', async () => {
    const [broken] = await sql(
      `select count(*) filter (where sh.confirmed_count <> coalesce(c.confirmed, 0))::int as confirmed_wrong,
              count(*) filter (where sh.confirmed_count > sh.capacity)::int as over_capacity,
              count(*) filter (where sh.waitlist_count <> coalesce(c.waitlisted, 0))::int as waitlist_wrong,
              count(*) filter (where coalesce(c.waitlisted, 0) > 0
                                 and (c.min_seq <> 1 or c.max_seq <> c.waitlisted
                                      or c.distinct_seq <> c.waitlisted))::int as tickets_wrong,
              count(*) filter (where sh.last_waitlist_seq < coalesce(c.max_seq, 0))::int as last_seq_wrong,
              count(*) filter (where sh.waitlist_count > 0 and sh.confirmed_count < sh.capacity)::int as waiting_for_free_place,
              count(*) filter (where sh.status = 'CANCELLED'
                                 and (sh.confirmed_count > 0 or sh.waitlist_count > 0 or coalesce(c.live, 0) > 0
                                      or sh.cancel_reason = ''))::int as cancelled_wrong
         from shift sh
         left join (select shift_id,
                           count(*) filter (where status = 'CONFIRMED') as confirmed,
                           count(*) filter (where status = 'WAITLISTED') as waitlisted,
                           count(*) filter (where status <> 'CANCELLED') as live,
                           min(waitlist_seq) filter (where status = 'WAITLISTED') as min_seq,
                           max(waitlist_seq) filter (where status = 'WAITLISTED') as max_seq,
                           count(distinct waitlist_seq) filter (where status = 'WAITLISTED') as distinct_seq
                      from signup group by shift_id) c on c.shift_id = sh.id`,
    );
    expect(broken).toEqual({
      confirmed_wrong: 0,
      over_capacity: 0,
      waitlist_wrong: 0,
      tickets_wrong: 0,
      last_seq_wrong: 0,
      waiting_for_free_place: 0,
      cancelled_wrong: 0,
    });
    const [fill] = await sql(
      `select count(*) filter (where confirmed_count = capacity and waitlist_count > 0)::int as full_with_waitlist,
              count(*) filter (where confirmed_count between 1 and capacity - 1)::int as partly,
              count(*)::int as open
         from shift where status = 'OPEN'`,
    );
    expect(fill!.full_with_waitlist).toBeGreaterThan(10);
    expect(fill!.partly / fill!.open).toBeGreaterThan(0.5);
  });

  it('never gives a volunteer overlapping places and copies each sign-up’s times from its shift', async () => {
    const [broken] = await sql(
      `select
         (select count(*) from signup a join signup b
             on a.volunteer_id = b.volunteer_id and a.id < b.id
            and a.status = 'CONFIRMED' and b.status = 'CONFIRMED'
            and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at))::int as overlapping,
         (select count(*) from signup s join shift sh on sh.id = s.shift_id
           where s.starts_at <> sh.starts_at or s.ends_at <> sh.ends_at)::int as wrong_times,
         (select count(*) from (select 1 from signup where status <> 'CANCELLED'
                                 group by shift_id, volunteer_id having count(*) > 1) d)::int as duplicate_live,
         (select count(*) from signup s join shift sh on sh.id = s.shift_id join activity a on a.id = sh.activity_id
                 join volunteer v on v.id = s.volunteer_id
           where s.status <> 'CANCELLED' and not (a.required_skills <@ v.skills))::int as missing_skill,
         (select count(*) from signup s where s.created_at >= s.starts_at
             or s.created_at > now() or s.updated_at < s.created_at)::int as wrong_dates,
         (select count(*) from signup where (status = 'WAITLISTED') <> (waitlist_seq is not null))::int as wrong_ticket`,
    );
    expect(broken).toEqual({
      overlapping: 0,
      wrong_times: 0,
      duplicate_live: 0,
      missing_skill: 0,
      wrong_dates: 0,
      wrong_ticket: 0,
    });
  });

  it('records attendance on past shifts, with minutes rounded down to 15 and confirmed by the organiser', async () => {
    const [att] = await sql(
      `select
         count(*) filter (where s.attendance <> 'EXPECTED' and (s.status <> 'CONFIRMED' or s.starts_at > now()))::int as too_early,
         count(*) filter (where s.attendance = 'EXPECTED' and s.status = 'CONFIRMED' and s.ends_at <= now())::int as unmarked,
         count(*) filter (where s.attendance = 'CHECKED_OUT'
                            and (s.minutes is null or s.minutes % 15 <> 0
                                 or s.minutes > extract(epoch from s.ends_at - s.starts_at) / 60
                                 or s.checked_in_at is null or s.checked_out_at <= s.checked_in_at))::int as wrong_minutes,
         count(*) filter (where s.attendance <> 'CHECKED_OUT' and (s.minutes is not null or s.hours_confirmed_at is not null))::int as minutes_without_checkout,
         count(*) filter (where (s.hours_confirmed_at is null) <> (s.hours_confirmed_by_id is null)
                            or s.hours_confirmed_at < s.checked_out_at or s.hours_confirmed_at > now())::int as wrong_confirmation,
         count(*) filter (where s.hours_confirmed_by_id is not null and s.hours_confirmed_by_id <> a.created_by_id)::int as not_organiser,
         count(*) filter (where s.attendance = 'CHECKED_OUT')::int as checked_out,
         count(*) filter (where s.hours_confirmed_at is not null)::int as confirmed,
         count(*) filter (where s.attendance = 'NO_SHOW')::int as no_show
       from signup s join shift sh on sh.id = s.shift_id join activity a on a.id = sh.activity_id`,
    );
    expect(att).toMatchObject({
      too_early: 0,
      unmarked: 0,
      wrong_minutes: 0,
      minutes_without_checkout: 0,
      wrong_confirmation: 0,
      not_organiser: 0,
    });
    expect(att!.confirmed / att!.checked_out).toBeGreaterThan(0.8);
    expect(att!.no_show).toBeGreaterThan(0);
    expect(att!.no_show / att!.checked_out).toBeLessThan(0.15);
  });

  it('keeps verified minutes at least the confirmed minutes of each volunteer’s sign-ups', async () => {
    // Imported history (from before the platform) comes on top for some; the rest match exactly.
    const rows = await sql(
      `select a.username, v.verified_minutes,
              coalesce(sum(s.minutes) filter (where s.hours_confirmed_at is not null), 0)::int as confirmed
         from volunteer v join app_user a on a.id = v.user_id
         left join signup s on s.volunteer_id = v.id
        group by a.username, v.verified_minutes`,
    );
    expect(rows.filter((r) => r.verified_minutes < r.confirmed)).toEqual([]);
    const exact = rows.filter((r) => r.verified_minutes === r.confirmed).length;
    expect(exact / rows.length).toBeGreaterThan(0.5);
    expect(exact).toBeLessThan(rows.length);
    const demo = rows.find((r) => r.username === DEMO_VOLUNTEER)!;
    expect(demo.verified_minutes).toBe(demo.confirmed);
    expect(demo.confirmed).toBeGreaterThan(0);
    // Long-serving volunteers reach every star level (100 / 300 / 600 / 1,000 / 1,500 hours).
    const stars = (minutes: number) =>
      [100, 300, 600, 1000, 1500].filter((h) => minutes / 60 >= h).length;
    expect(new Set(rows.map((r) => stars(r.verified_minutes)))).toEqual(
      new Set([0, 1, 2, 3, 4, 5]),
    );
  });

  it('shows the demo volunteer two confirmed shifts and one waitlisted, all upcoming', async () => {
    const token = await t.login(DEMO_VOLUNTEER, DEMO_PASSWORD);
    const res = await t.gql(
      `{ mySignups { status waitlistPosition shift { startsAt capacity confirmedCount activity { title } } }
         myVolunteerProfile { skills affiliation } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    const signups = res.data!.mySignups as AnyData[];
    expect(signups.map((s) => s.status).sort()).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED']);
    for (const s of signups)
      expect(new Date(s.shift.startsAt).getTime()).toBeGreaterThan(Date.now());
    const waiting = signups.find((s) => s.status === 'WAITLISTED')!;
    expect(waiting.waitlistPosition).toBeGreaterThanOrEqual(1);
    expect(waiting.shift.confirmedCount).toBe(waiting.shift.capacity);
    expect(res.data!.myVolunteerProfile).toEqual({
      skills: ['CLEANING', 'ELDER_CARE', 'PATROL'],
      affiliation: 'NONE',
    });
    const past = await t.gql('{ mySignups(includePast: true) { attendance minutes } }', {}, token);
    expect((past.data!.mySignups as AnyData[]).some((s) => s.attendance === 'CHECKED_OUT')).toBe(
      true,
    );
  });

  it('plans the same volunteers, activities and shifts for the same moment', async () => {
    const { planCoBuilding: plan } = await import('../seeds/commitments.js');
    const { planVolunteerService } = await import('../seeds/shifts.js');
    const { communities, grids } = await import('../seeds/qingshan/index.js');
    const input = {
      communities,
      grids,
      units,
      coBuilding: plan(units),
      liaisonUnitIndexes: [0, 1],
      socialWorker: 'social.jianan',
    };
    const now = new Date('2027-03-10T02:00:00Z');
    const a = planVolunteerService(input, now);
    expect(planVolunteerService(input, now)).toEqual(a);
    // Volunteers and activities do not depend on the moment; shifts follow it.
    const later = planVolunteerService(input, new Date('2027-07-01T09:00:00Z'));
    expect(later.volunteers.map((v) => v.username)).toEqual(a.volunteers.map((v) => v.username));
    expect(later.activities.map((x) => x.location)).toEqual(a.activities.map((x) => x.location));
    expect(later.shifts[0]!.startsAt.getTime()).toBeGreaterThan(
      a.shifts.at(-1)!.startsAt.getTime(),
    );
  });
  // ---------------------------------------------------------------- pairing

  it('gives each community three or four social workers, the demo account among them', async () => {
    const rows = await sql(
      `select c.code, a.username, a.role, a.community_id = sw.community_id as own_community,
              g.community_id = sw.community_id as own_grid, sw.specialties, sw.qualification,
              sw.caseload_cap, sw.availability
         from social_worker sw
         join community c on c.id = sw.community_id
         join app_user a on a.id = sw.user_id
         left join grid g on g.id = sw.grid_id
        order by sw.id`,
    );
    expect(rows).toHaveLength(SOCIAL_WORKERS);
    const perCommunity = new Map<string, number>();
    for (const row of rows) {
      perCommunity.set(row.code, (perCommunity.get(row.code) ?? 0) + 1);
      expect(row).toMatchObject({ role: 'SOCIAL_WORKER', own_community: true, own_grid: true });
      expect(row.username).toMatch(
        row.username === DEMO_SOCIAL_WORKER ? /^social\.jianan$/ : /^sw\.[a-z]+\.\d$/,
      );
      expect(row.specialties.length).toBeGreaterThan(0);
      expect(row.caseload_cap).toBeGreaterThanOrEqual(8);
      expect(row.caseload_cap).toBeLessThanOrEqual(15);
      const slots = row.availability as { day: number; start: string; end: string }[];
      expect(slots.length).toBeGreaterThan(0);
      for (const slot of slots) {
        expect(slot.day).toBeGreaterThanOrEqual(1);
        expect(slot.day).toBeLessThanOrEqual(5);
        expect(slot.start < slot.end).toBe(true);
      }
    }
    expect([...perCommunity.values()].every((n) => n >= 2 && n <= 4)).toBe(true);
    expect(perCommunity.size).toBe(6);
    expect(rows.find((r) => r.username === DEMO_SOCIAL_WORKER)?.code).toBe('jianan');
    expect(new Set(rows.map((r) => r.qualification)).size).toBe(3);
    expect(new Set(rows.flatMap((r) => r.specialties)).size).toBeGreaterThanOrEqual(8);
  });

  it('pairs about two thirds of each community’s volunteers within caps and communities', async () => {
    const coverage = await sql(
      `select c.code, count(*)::int as volunteers,
              count(*) filter (where exists (select 1 from pairing p
                                              where p.volunteer_id = v.id and p.status = 'ACTIVE'))::int as paired
         from volunteer v join community c on c.id = v.community_id
        group by c.code order by c.code`,
    );
    expect(coverage).toHaveLength(6);
    for (const row of coverage) {
      expect(row.paired / row.volunteers).toBeGreaterThanOrEqual(0.6);
      expect(row.paired / row.volunteers).toBeLessThanOrEqual(0.7);
    }
    const [broken] = await sql(
      `select
         (select count(*) from (select sw.id from social_worker sw
                                  join pairing p on p.social_worker_id = sw.id and p.status = 'ACTIVE'
                                 group by sw.id, sw.caseload_cap
                                having count(*) > sw.caseload_cap) x)::int as over_cap,
         (select count(*) from (select volunteer_id from pairing where status = 'ACTIVE'
                                 group by volunteer_id having count(*) > 1) x)::int as twice_active,
         (select count(*) from pairing p
            join social_worker sw on sw.id = p.social_worker_id
            join volunteer v on v.id = p.volunteer_id
           where sw.community_id <> p.community_id or v.community_id <> p.community_id)::int as cross_community,
         (select count(*) from pairing p join app_user a on a.id = p.confirmed_by_id
           where a.role <> 'COMMUNITY_STAFF' or a.community_id <> p.community_id)::int as wrong_confirmer,
         (select count(*) from pairing
           where score is null or score <> (components->>'total')::int or score < 0
              or confirmed_at > now() or confirmed_at < now() - interval '6 months')::int as wrong_score,
         (select count(*) from pairing
           where (status = 'ACTIVE') <> (ended_at is null)
              or (status = 'ENDED') <> (end_reason is not null and ended_by_id is not null)
              or ended_at <= confirmed_at or ended_at > now()
              or (status = 'ENDED') <> (end_date is not null)
              or end_date <> (ended_at at time zone 'Asia/Shanghai')::date
              or end_date < last_contact_date)::int as wrong_ending`,
    );
    expect(broken).toEqual({
      over_cap: 0,
      twice_active: 0,
      cross_community: 0,
      wrong_confirmer: 0,
      wrong_score: 0,
      wrong_ending: 0,
    });
    // A few ended, some of those volunteers paired again.
    const { ended, repaired } = (
      await sql(
        `select count(*)::int as ended,
              count(*) filter (where exists (select 1 from pairing a where a.volunteer_id = p.volunteer_id
                                               and a.status = 'ACTIVE'))::int as repaired
         from pairing p where p.status = 'ENDED'`,
      )
    )[0]!;
    expect(ended).toBeGreaterThanOrEqual(6);
    expect(repaired).toBeGreaterThan(0);
    expect(repaired).toBeLessThan(ended);
  });

  it('stores the score the pairing plan gave each confirmed pair', async () => {
    const { communities, grids } = await import('../seeds/qingshan/index.js');
    const { planVolunteerService } = await import('../seeds/shifts.js');
    const now = seededAt;
    const volunteers = planVolunteerService(
      {
        communities,
        grids,
        units,
        coBuilding: planCoBuilding(units),
        liaisonUnitIndexes: [0, 1],
        socialWorker: 'social.jianan',
      },
      now,
    ).volunteers;
    const plan = planPairings({ communities, grids, volunteers }, now);
    expect(planPairings({ communities, grids, volunteers }, now)).toEqual(plan);
    const rows = await sql(
      `select a.username, v.real_name, p.score, p.components
         from pairing p
         join social_worker sw on sw.id = p.social_worker_id
         join app_user a on a.id = sw.user_id
         join volunteer v on v.id = p.volunteer_id
        order by p.id`,
    );
    expect(rows.map((r) => [r.username, r.real_name, r.score, r.components])).toEqual(
      plan.pairings.map((p) => [
        plan.workers[p.workerIndex]!.username,
        volunteers[p.volunteerIndex]!.realName,
        p.score.total,
        p.score,
      ]),
    );
  });

  it('keeps each pairing’s last contact at its latest supervision, some overdue', async () => {
    const [broken] = await sql(
      `select
         count(*) filter (where p.last_contact_date <> greatest(
           (p.confirmed_at at time zone 'Asia/Shanghai')::date,
           coalesce(l.last, (p.confirmed_at at time zone 'Asia/Shanghai')::date)))::int as wrong_last_contact,
         count(*) filter (where l.first < (p.confirmed_at at time zone 'Asia/Shanghai')::date
                             or l.last > (now() at time zone 'Asia/Shanghai')::date
                             or l.last > (p.ended_at at time zone 'Asia/Shanghai')::date)::int as log_outside
         from pairing p
         left join (select pairing_id, max(date) as last, min(date) as first
                      from supervision_log group by pairing_id) l on l.pairing_id = p.id`,
    );
    expect(broken).toEqual({ wrong_last_contact: 0, log_outside: 0 });
    const [logs] = await sql(
      `select count(distinct mode)::int as modes,
              count(*) filter (where l.author_id <> sw.user_id)::int as wrong_author,
              count(*) filter (where l.notes = '')::int as no_notes,
              count(*) filter (where l.duration_minutes is null)::int as no_duration
         from supervision_log l
         join pairing p on p.id = l.pairing_id
         join social_worker sw on sw.id = p.social_worker_id`,
    );
    expect(logs).toEqual({ modes: 4, wrong_author: 0, no_notes: 0, no_duration: 0 });
    const overdue = await sql(
      `select c.code, count(*) filter (where p.last_contact_date
                                         < (now() at time zone 'Asia/Shanghai')::date - 14)::int as overdue
         from pairing p join community c on c.id = p.community_id
        where p.status = 'ACTIVE'
        group by c.code order by c.code`,
    );
    expect(overdue).toHaveLength(6);
    for (const row of overdue) {
      expect(row.overdue).toBeGreaterThanOrEqual(2);
      expect(row.overdue).toBeLessThanOrEqual(3);
    }
  });

  it('shows staff the load of their community’s social workers as the database has it', async () => {
    const token = await t.login('staff.jianan', DEMO_PASSWORD);
    const [community] = await sql(`select id from community where code = 'jianan'`);
    const communityId = Buffer.from(`Community:${community!.id}`).toString('base64url');
    const res = await t.gql(
      `query ($id: ID!) {
         socialWorkers(communityId: $id, first: 10) {
           edges { node { caseloadCap activePairings freePlaces user { username } } }
         }
         pairingCoverage(communityId: $id) { volunteers paired }
       }`,
      { id: communityId },
      token,
    );
    expect(res.errors).toBeUndefined();
    const db = await sql(
      `select a.username, sw.caseload_cap,
              (select count(*) from pairing p where p.social_worker_id = sw.id and p.status = 'ACTIVE')::int as active
         from social_worker sw join app_user a on a.id = sw.user_id
        where sw.community_id = ? order by sw.id`,
      [community!.id],
    );
    expect(
      res.data!.socialWorkers.edges.map((e: { node: AnyData }) => [
        e.node.user.username,
        e.node.caseloadCap,
        e.node.activePairings,
        e.node.freePlaces,
      ]),
    ).toEqual(db.map((r) => [r.username, r.caseload_cap, r.active, r.caseload_cap - r.active]));
    expect(db.map((r) => r.username)).toContain(DEMO_SOCIAL_WORKER);
    expect(res.data!.pairingCoverage.paired).toBe(db.reduce((n, r) => n + r.active, 0));
  });
});
