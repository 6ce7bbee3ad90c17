// Bench-only SQL, installed in a `bench` schema at the start of a reads run and dropped at its end
// (never part of the app's migrations). PostGraphile exposes `public` and `bench`: the view gives
// every commitment its progress through a smart-comment relation, and the two functions give it
// the eligible-shifts filter and the standings it cannot express with its default condition
// arguments. The bare-SQL server reuses the same definitions, so both compute the same figures.
//
// The rules mirror api/src/modules/commitments/progress.ts (ratio = verified / target; expected =
// share of the period elapsed at the end of today in Asia/Shanghai; behind = ACTIVE and more than
// 15 points below expected), standings.ts (counted statuses overlapping the year, rate = mean of
// min(1, ratio), pace = mean over rated commitments — past 15 % of their period, or ended — of
// min(1, ratio ÷ expected), competition rank by pace, lagging = one lapsed or one behind) and
// shifts/list-shifts.ts listShifts(eligibleForMe; the conditions are shifts/eligibility.ts) (upcoming,
// OPEN, required skills contained in the
// volunteer's, not already signed up, no clash with a confirmed sign-up).
import type pg from 'pg';

export const BENCH_SCHEMA = 'bench';

export const INSTALL_SQL = `
drop schema if exists bench cascade;
create schema bench;

create view bench.commitment_progress as
  select c.id as commitment_id,
         c.verified_amount::float8 as verified,
         c.pending_amount::float8 as pending,
         c.target_amount::float8 as target,
         case when c.target_amount > 0 then (c.verified_amount / c.target_amount)::float8 else 0 end as ratio,
         e.expected as expected_ratio,
         (c.status = 'ACTIVE' and c.target_amount > 0
            and (c.verified_amount / c.target_amount)::float8 < e.expected - 0.15) as behind
    from public.commitment c,
         lateral (select least(1, greatest(0,
                   ((now() at time zone 'Asia/Shanghai')::date - c.period_start + 1)::float8
                   / (c.period_end - c.period_start + 1)))::float8 as expected) e;
comment on view bench.commitment_progress is
  E'@primaryKey commitment_id\\n@foreignKey (commitment_id) references public.commitment (id)';

create type bench.unit_standing as (
  unit_id int, unit_name text, rank int, rate float8, commitment_count int, active_count int,
  completed_count int, lapsed_count int, behind_count int, lagging boolean);

create function bench.unit_standings(community_id int, year int) returns setof bench.unit_standing
language sql stable as $$
  with counted as (
    select c.unit_id, c.status, p.ratio, p.behind,
           -- rated once 15 % of its period has run, or ended; pace = verified ÷ expected so far
           (c.status <> 'ACTIVE' or p.expected_ratio >= 0.15) as rated,
           case when p.expected_ratio > 0 then least(1, p.ratio / p.expected_ratio) else 1 end
             as pace
      from public.commitment c join bench.commitment_progress p on p.commitment_id = c.id
     where c.community_id = $1
       and c.status in ('ACTIVE', 'COMPLETED', 'LAPSED')
       and c.period_start <= make_date($2, 12, 31) and c.period_end >= make_date($2, 1, 1)
  ), per_unit as (
    select u.id, u.name,
           avg(least(1, k.ratio)) filter (where k.status is not null) as rate, -- least() skips nulls
           avg(k.pace) filter (where k.rated) as pace,
           count(k.status)::int as commitment_count,
           count(*) filter (where k.status = 'ACTIVE')::int as active_count,
           count(*) filter (where k.status = 'COMPLETED')::int as completed_count,
           count(*) filter (where k.status = 'LAPSED')::int as lapsed_count,
           count(*) filter (where k.behind)::int as behind_count
      from public.unit u left join counted k on k.unit_id = u.id
     where u.community_id = $1
     group by u.id
  )
  select id, name::text,
         -- equal shares tie: ours compares paces to 1e-9 (float sums differ in the last bits)
         case when pace is null then null
              else rank() over (order by round(pace::numeric, 9) desc nulls last)::int end,
         rate, commitment_count, active_count, completed_count, lapsed_count, behind_count,
         lapsed_count > 0 or behind_count > 0
    from per_unit
   order by (lapsed_count > 0 or behind_count > 0) desc, pace is null, coalesce(pace, 0),
            name collate "zh-Hans-CN-x-icu", id
$$;

create function bench.eligible_shifts_for(token_hash text) returns setof public.shift
language sql stable as $$
  -- The volunteer as scalar subqueries (one init plan each) and the activity's skills as a
  -- correlated scalar subquery (never turned into a join), so the planner walks upcoming shifts
  -- in (starts_at, id) order and stops at the page, as our API's query does.
  select sh.*
    from public.shift sh
   where sh.starts_at >= now() and sh.status = 'OPEN'
     and (select a.required_skills from public.activity a where a.id = sh.activity_id) <@ (
       select v.skills from public.auth_session s join public.volunteer v on v.user_id = s.user_id
        where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now())
     and not exists (
       select 1 from public.signup g
        where g.volunteer_id = (
                select v.id from public.auth_session s join public.volunteer v on v.user_id = s.user_id
                 where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now())
          and g.status <> 'CANCELLED' and g.ends_at > now()
          and (g.shift_id = sh.id
               or (g.status = 'CONFIRMED' and g.starts_at < sh.ends_at and sh.starts_at < g.ends_at)))
   order by sh.starts_at, sh.id
$$;
comment on function bench.eligible_shifts_for(text) is '@omit';

-- PostGraphile: the signed-in volunteer comes from pgSettings (the bearer token's hash). The
-- same body, not a call of eligible_shifts_for: a nested call with a non-constant argument is
-- not inlined, and PostGraphile's LIMIT would then come after every eligible shift was found.
create function bench.eligible_shifts() returns setof public.shift
language sql stable as $$
  -- The volunteer as scalar subqueries (one init plan each) and the activity's skills as a
  -- correlated scalar subquery (never turned into a join), so the planner walks upcoming shifts
  -- in (starts_at, id) order and stops at the page, as our API's query does.
  select sh.*
    from public.shift sh
   where sh.starts_at >= now() and sh.status = 'OPEN'
     and (select a.required_skills from public.activity a where a.id = sh.activity_id) <@ (
       select v.skills from public.auth_session s join public.volunteer v on v.user_id = s.user_id
        where s.token_hash = current_setting('gj.token_hash', true) and s.revoked_at is null and s.expires_at > now())
     and not exists (
       select 1 from public.signup g
        where g.volunteer_id = (
                select v.id from public.auth_session s join public.volunteer v on v.user_id = s.user_id
                 where s.token_hash = current_setting('gj.token_hash', true) and s.revoked_at is null and s.expires_at > now())
          and g.status <> 'CANCELLED' and g.ends_at > now()
          and (g.shift_id = sh.id
               or (g.status = 'CONFIRMED' and g.starts_at < sh.ends_at and sh.starts_at < g.ends_at)))
   order by sh.starts_at, sh.id
$$;
`;

export const DROP_SQL = 'drop schema if exists bench cascade';

export async function installBenchSchema(client: pg.Pool | pg.Client): Promise<void> {
  await client.query(INSTALL_SQL);
}

export async function dropBenchSchema(client: pg.Pool | pg.Client): Promise<void> {
  await client.query(DROP_SQL);
}
