// The staff dashboard: a community's (or the whole sub-district's) co-building progress by
// category, volunteer hours and shifts by month, pairing coverage, lagging units and the review
// queue — each figure from one aggregate statement or from the function that already owns it
// (`unitStandings` for lagging units, `coverageCounts` for coverage).
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { badUserInput, forbidden } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { communityOfQuery } from '../auth/roles.js';
import { toHundredths } from '../commitments/amounts.js';
import {
  CommitmentStatus,
  FulfilmentStatus,
  type Measure,
} from '../commitments/commitment.enums.js';
import { COUNTED_STATUSES } from '../commitments/lifecycle.js';
import { unitStandings } from '../commitments/standings.js';
import type { Community } from '../directory/community.entity.js';
import { coverageCounts, type PairingCoverage } from '../pairing/coverage.js';
import { minutesToHours } from '../shifts/hours.js';
import { ShiftStatus } from '../shifts/shift.enums.js';
import type {
  CategoryProgress,
  Dashboard,
  MonthHours,
  MonthShifts,
  PendingReviews,
} from './dashboard.types.js';
import type { ReadRow } from '../../graphql/read-rows.js';

export const TIME_ZONE = 'Asia/Shanghai';

export interface DashboardQuery {
  communityId?: string | null;
  year?: number | null;
}

/**
 * The office may ask for any community or (without `communityId`) the whole sub-district; a
 * community's staff for their own (the default); everyone else is refused.
 */
export async function dashboard(ctx: Context, query: DashboardQuery): Promise<Dashboard> {
  const user = ctx.viewer.requireUser();
  const asOf = shanghaiDate();
  const year = query.year ?? Number(asOf.slice(0, 4));
  const communityId = communityOfQuery(
    user,
    query.communityId ? (idOf(query.communityId, 'Community') ?? 0) : null,
  );
  authorize(ctx.viewer, 'dashboard.read', { communityId });
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badUserInput('"year" must be between 2000 and 2100.');

  const community =
    communityId === null ? null : await ctx.loaders.directory.community.load(communityId);
  if (communityId !== null && !community) throw forbidden();

  const [categories, months, pendingReviews, standings, coverage] = await Promise.all([
    categoryProgress(ctx, communityId, year),
    monthFigures(ctx, communityId, year),
    pendingReviewCounts(ctx, communityId),
    unitStandings(ctx, { communityId: community?.nodeId ?? null, year }),
    coverageOf(ctx, community),
  ]);

  return {
    year,
    community,
    asOf,
    categories,
    hoursByMonth: months.hours,
    shiftsByMonth: months.shifts,
    pairingCoverage: coverage,
    unitCount: standings.rows.length,
    laggingUnits: standings.rows.filter((row) => row.lagging).length,
    unratedUnits: standings.rows.filter((row) => row.pace === null).length,
    pendingReviews,
  };
}

/** `and <column> = ?` with its parameter, or nothing for the whole sub-district. */
function inCommunity(column: string, communityId: number | null): [string, number[]] {
  return communityId === null ? ['', []] : [`and ${column} = ?`, [communityId]];
}

/** The year as a half-open range of instants in Asia/Shanghai. */
function yearBounds(year: number): [string, string] {
  return [`${year}-01-01T00:00:00+08:00`, `${year + 1}-01-01T00:00:00+08:00`];
}

const ratioOf = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

// ---------------------------------------------------------------- categories

interface CategoryRow {
  category_id: number;
  measure: Measure | null;
  commitment_count: number;
  target: string;
  verified: string;
  rate: number | null;
}

/**
 * One statement: each category (active ones always, inactive ones when they have commitments)
 * with its counted commitments overlapping the year, grouped by measure, in display order.
 */
async function categoryProgress(
  ctx: Context,
  communityId: number | null,
  year: number,
): Promise<CategoryProgress[]> {
  const [communityFilter, communityParams] = inCommunity('c.community_id', communityId);
  const rows = await ctx.em.getConnection().execute<CategoryRow[]>(
    `select cat.id as category_id, c.measure,
            count(c.id)::int as commitment_count,
            coalesce(sum(c.target_amount), 0)::text as target,
            coalesce(sum(c.verified_amount), 0)::text as verified,
            (avg(least(1, coalesce(c.verified_amount / nullif(c.target_amount, 0), 0)))
              filter (where c.id is not null))::float8 as rate
       from commitment_category cat
       left join commitment c
         on c.category_id = cat.id
        and c.status in (${COUNTED_STATUSES.map(() => '?').join(', ')})
        and c.period_start <= ?::date and c.period_end >= ?::date
        ${communityFilter}
      group by cat.id, c.measure
     having cat.active or count(c.id) > 0
      order by cat.sort_order, cat.id, c.measure nulls last`,
    [...COUNTED_STATUSES, `${year}-12-31`, `${year}-01-01`, ...communityParams],
  );
  return rows.map((row) => {
    const target = toHundredths(row.target);
    const verified = toHundredths(row.verified);
    return {
      categoryId: row.category_id,
      measure: row.measure,
      commitmentCount: row.commitment_count,
      targetAmount: target / 100,
      verifiedAmount: verified / 100,
      ratio: ratioOf(verified, target),
      rate: row.rate === null ? null : Number(row.rate),
    };
  });
}

// ---------------------------------------------------------------- months

interface MonthRow {
  month: string;
  shifts: number;
  capacity: number;
  filled: number;
  minutes: number;
}

/**
 * One statement for the twelve months: shifts held (not cancelled) with their places, and the
 * confirmed service minutes of sign-ups (only minutes the organiser confirmed count, see
 * shifts/hours.ts), each by the month the shift starts in, Asia/Shanghai.
 */
async function monthFigures(
  ctx: Context,
  communityId: number | null,
  year: number,
): Promise<{ hours: MonthHours[]; shifts: MonthShifts[] }> {
  const [from, to] = yearBounds(year);
  const [communityFilter, communityParams] = inCommunity('s.community_id', communityId);
  const rows = await ctx.em.getConnection().execute<MonthRow[]>(
    `with months as (
       select m, to_char(make_date(?::int, m, 1), 'YYYY-MM') as month
         from generate_series(1, 12) as m
     ), held as (
       select extract(month from s.starts_at at time zone '${TIME_ZONE}')::int as m,
              count(*)::int as shifts, sum(s.capacity)::int as capacity,
              sum(s.confirmed_count)::int as filled
         from shift s
        where s.status <> ? and s.starts_at >= ?::timestamptz and s.starts_at < ?::timestamptz
              ${communityFilter}
        group by 1
     ), served as (
       select extract(month from g.starts_at at time zone '${TIME_ZONE}')::int as m,
              sum(g.minutes)::int as minutes
         from signup g join shift s on s.id = g.shift_id
        where g.hours_confirmed_at is not null and g.minutes is not null
          and g.starts_at >= ?::timestamptz and g.starts_at < ?::timestamptz
              ${communityFilter}
        group by 1
     )
     select months.month,
            coalesce(held.shifts, 0) as shifts, coalesce(held.capacity, 0) as capacity,
            coalesce(held.filled, 0) as filled, coalesce(served.minutes, 0) as minutes
       from months left join held using (m) left join served using (m)
      order by months.m`,
    [year, ShiftStatus.CANCELLED, from, to, ...communityParams, from, to, ...communityParams],
  );
  return {
    hours: rows.map((row) => ({
      month: row.month,
      minutes: row.minutes,
      hours: minutesToHours(row.minutes),
    })),
    shifts: rows.map((row) => ({
      month: row.month,
      shifts: row.shifts,
      capacity: row.capacity,
      filled: row.filled,
      fillRatio: ratioOf(row.filled, row.capacity),
    })),
  };
}

// ---------------------------------------------------------------- review queue

/** One statement: submitted commitments and pending fulfilment records in scope. */
async function pendingReviewCounts(
  ctx: Context,
  communityId: number | null,
): Promise<PendingReviews> {
  const [communityFilter, communityParams] = inCommunity('c.community_id', communityId);
  const [row] = await ctx.em
    .getConnection()
    .execute<{ commitments: number; fulfilments: number }[]>(
      `select
         (select count(*)::int from commitment c where c.status = ? ${communityFilter}) as commitments,
         (select count(*)::int from fulfilment f join commitment c on c.id = f.commitment_id
           where f.status = ? ${communityFilter}) as fulfilments`,
      [
        CommitmentStatus.SUBMITTED,
        ...communityParams,
        FulfilmentStatus.PENDING,
        ...communityParams,
      ],
    );
  const commitments = row?.commitments ?? 0;
  const fulfilments = row?.fulfilments ?? 0;
  return { commitments, fulfilments, total: commitments + fulfilments };
}

// ---------------------------------------------------------------- pairing coverage

/** The pairing module's own figure: one statement, for a community or the whole sub-district. */
function coverageOf(ctx: Context, community: ReadRow<Community> | null): Promise<PairingCoverage> {
  return coverageCounts(ctx.em, community?.id ?? null);
}
