// Unit standings: per unit, its commitments in a year, fulfilment rate, pace and rank, lagging
// first. The one home of the standings rule: the dashboard, the standings page and the annual
// co-building report are all built from exactly these figures.
//
// The rule. Each counted commitment is expected to have delivered target × the share of its own
// period elapsed so far (`elapsedShare`). A commitment is *rated* once that share reaches
// `RATED_FROM` (or it has ended: completed or lapsed); before that it is too new to judge. A
// unit's *pace* is the mean over its rated commitments of verified ÷ expected-so-far, each capped
// at 1; units rank by pace. A unit with no commitment yet, or only barely started ones, is *not
// yet rated*: no pace, no rank, and not lagging. A unit is lagging when one of its commitments
// lapsed or is behind schedule (see progress.ts).
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { badUserInput } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { findRows, type ReadRow } from '../../graphql/read-rows.js';
import { authorize } from '../auth/policy.js';
import { communityOfQuery } from '../auth/roles.js';
import type { User } from '../auth/user.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentStatus } from './commitment.enums.js';
import { COUNTED_STATUSES } from './lifecycle.js';
import { BEHIND_MARGIN, progressOf } from './progress.js';

/**
 * Share of its period a commitment must have run before it is rated: the same margin as
 * "behind", so nothing is judged in the first 15 % of its period.
 */
export const RATED_FROM = BEHIND_MARGIN;

export interface UnitStandingRow {
  unit: ReadRow<Unit>;
  /** 1 = best pace; ties share a rank; null for units not yet rated. */
  rank: number | null;
  /** Mean over its commitments of verified / target, each capped at 1; null without commitments. */
  rate: number | null;
  /**
   * Mean over its rated commitments of verified ÷ (target × elapsed share of its period), each
   * capped at 1; null when not yet rated (no commitment, or none past `RATED_FROM`).
   */
  pace: number | null;
  /** Rated commitments (past `RATED_FROM` of their period, or ended). */
  ratedCount: number;
  commitmentCount: number;
  activeCount: number;
  completedCount: number;
  lapsedCount: number;
  behindCount: number;
  /** One commitment lapsed or behind schedule. A unit not yet rated is never lagging. */
  lagging: boolean;
  /** The unit's commitments by period start; null unless asked for with `withCommitments`. */
  commitments: ReadRow<Commitment>[] | null;
}

export interface StandingsQuery {
  communityId?: string | null;
  year?: number | null;
  categoryId?: string | null;
  /**
   * Only this unit's row, ranked within its own community (which then replaces `communityId`);
   * read as the community's standings are.
   */
  unitId?: string | null;
}

export interface StandingsOptions {
  /**
   * Load the commitments as entities (the report and `UnitStanding.commitments` need them).
   * Without it the figures come from plain rows of the few columns they need: no entities.
   */
  withCommitments?: boolean;
}

/** What the figures of one commitment need (an entity or a plain row). */
interface CountedCommitment {
  unitId: number;
  status: CommitmentStatus;
  targetAmount: string;
  verifiedAmount: string;
  pendingAmount: string;
  periodStart: string;
  periodEnd: string;
}

export interface Standings {
  year: number;
  communityId: number | null;
  rows: UnitStandingRow[];
}

/**
 * The community the standings are about: the one asked for (0 when the ID is not a community's),
 * else the office's whole sub-district (null) or the viewer's own community.
 */
export function standingsCommunityId(user: User, query: StandingsQuery): number | null {
  const communityId = query.communityId ? (idOf(query.communityId, 'Community') ?? 0) : null;
  return communityOfQuery(user, communityId);
}

/**
 * Two statements whatever the number of units: the units in scope, and their counted
 * commitments overlapping the year.
 */
export async function unitStandings(
  ctx: Context,
  query: StandingsQuery,
  options: StandingsOptions = {},
): Promise<Standings> {
  const user = ctx.viewer.requireUser();
  const today = shanghaiDate();
  const year = query.year ?? Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badUserInput('"year" must be between 2000 and 2100.');
  let communityId = standingsCommunityId(user, query);
  let onlyUnit: number | null = null;
  if (query.unitId) {
    const unitId = idOf(query.unitId, 'Unit');
    const unit = unitId ? await ctx.loaders.directory.unit.load(unitId) : null;
    // No such unit: no standing (as `node` answers null for an unknown ID).
    if (!unit) return { year, communityId: null, rows: [] };
    onlyUnit = unit.id;
    communityId = unit.community.id;
  }
  authorize(ctx.viewer, 'standings.read', { communityId });
  const categoryId = query.categoryId ? (idOf(query.categoryId, 'CommitmentCategory') ?? 0) : null;

  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [units, counted] = await Promise.all([
    findRows(ctx.em, Unit, communityId === null ? {} : { community: communityId }, {
      name: 'asc',
      id: 'asc',
    }),
    options.withCommitments
      ? findRows(
          ctx.em,
          Commitment,
          {
            status: { $in: [...COUNTED_STATUSES] },
            periodStart: { $lte: to },
            periodEnd: { $gte: from },
            ...(communityId === null ? {} : { community: communityId }),
            ...(categoryId === null ? {} : { category: categoryId }),
          },
          { periodStart: 'asc', id: 'asc' },
        ).then((found) => found.map((entity) => ({ ...figuresOf(entity), entity })))
      : countedRows(ctx, { from, to, communityId, categoryId }),
  ]);

  const byUnit = new Map<number, (CountedCommitment & { entity?: ReadRow<Commitment> })[]>();
  for (const c of counted) {
    const own = byUnit.get(c.unitId);
    if (own) own.push(c);
    else byUnit.set(c.unitId, [c]);
  }

  const rows: UnitStandingRow[] = units.map((unit) => {
    const own = byUnit.get(unit.id) ?? [];
    const progress = own.map((c) => ({ c, p: progressOf(c, today) }));
    const count = (status: CommitmentStatus) => own.filter((c) => c.status === status).length;
    const behindCount = progress.filter(({ p }) => p.behind).length;
    const lapsedCount = count(CommitmentStatus.LAPSED);
    const rate = own.length
      ? progress.reduce((sum, { p }) => sum + Math.min(1, p.ratio), 0) / own.length
      : null;
    const rated = progress.filter(
      ({ c, p }) => c.status !== CommitmentStatus.ACTIVE || p.expectedRatio >= RATED_FROM,
    );
    const pace = rated.length
      ? rated.reduce((sum, { p }) => sum + paceOf(p.ratio, p.expectedRatio), 0) / rated.length
      : null;
    return {
      unit,
      rank: null,
      rate,
      pace,
      ratedCount: rated.length,
      commitmentCount: own.length,
      activeCount: count(CommitmentStatus.ACTIVE),
      completedCount: count(CommitmentStatus.COMPLETED),
      lapsedCount,
      behindCount,
      lagging: lapsedCount > 0 || behindCount > 0,
      commitments: options.withCommitments ? own.map((c) => c.entity!) : null,
    };
  });

  // Competition ranking by pace (1, 2, 2, 4…); paces compared to 1e-9 so equal shares tie.
  const ranked = rows.filter((r) => r.pace !== null).sort((a, b) => b.pace! - a.pace!);
  ranked.forEach((row, i) => {
    const previous = ranked[i - 1];
    row.rank = previous && Math.abs(previous.pace! - row.pace!) < 1e-9 ? previous.rank : i + 1;
  });

  // Lagging first, then the rated by pace (slowest first), then those not yet rated.
  rows.sort(
    (a, b) =>
      Number(b.lagging) - Number(a.lagging) ||
      Number(a.pace === null) - Number(b.pace === null) ||
      (a.pace ?? 0) - (b.pace ?? 0) ||
      a.unit.name.localeCompare(b.unit.name, 'zh-CN'),
  );
  return {
    year,
    communityId,
    rows: onlyUnit === null ? rows : rows.filter((row) => row.unit.id === onlyUnit),
  };
}

/** verified ÷ expected-so-far, capped at 1 (`ratio` and `expected` both shares of the target). */
function paceOf(ratio: number, expected: number): number {
  return expected > 0 ? Math.min(1, ratio / expected) : 1;
}

function figuresOf(c: ReadRow<Commitment>): CountedCommitment {
  return {
    unitId: c.unit.id,
    status: c.status,
    targetAmount: c.targetAmount,
    verifiedAmount: c.verifiedAmount,
    pendingAmount: c.pendingAmount,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
  };
}

/** The same commitments as the entity query, as plain rows of the columns the figures need. */
async function countedRows(
  ctx: Context,
  where: { from: string; to: string; communityId: number | null; categoryId: number | null },
): Promise<CountedCommitment[]> {
  const params: unknown[] = [...COUNTED_STATUSES, where.to, where.from];
  let sql = `select unit_id, status, target_amount::text as target_amount,
      verified_amount::text as verified_amount, pending_amount::text as pending_amount,
      period_start::text as period_start, period_end::text as period_end
    from commitment
    where status in (${COUNTED_STATUSES.map(() => '?').join(', ')})
      and period_start <= ? and period_end >= ?`;
  if (where.communityId !== null) {
    sql += ' and community_id = ?';
    params.push(where.communityId);
  }
  if (where.categoryId !== null) {
    sql += ' and category_id = ?';
    params.push(where.categoryId);
  }
  sql += ' order by period_start asc, id asc';
  const rows = await ctx.em.getConnection().execute<
    {
      unit_id: number;
      status: CommitmentStatus;
      target_amount: string;
      verified_amount: string;
      pending_amount: string;
      period_start: string;
      period_end: string;
    }[]
  >(sql, params);
  return rows.map((r) => ({
    unitId: r.unit_id,
    status: r.status,
    targetAmount: r.target_amount,
    verifiedAmount: r.verified_amount,
    pendingAmount: r.pending_amount,
    periodStart: r.period_start,
    periodEnd: r.period_end,
  }));
}
