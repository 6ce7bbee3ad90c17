// The figures of the annual co-building report (共驻共建联席会年度报告): every one comes from
// `unitStandings`, the same function behind the GraphQL query, so the two always agree. The
// document is laid out by report-xlsx.ts and report-csv.ts.
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { notFound } from '../../graphql/errors.js';
import { idOf, toGlobalId } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { Community } from '../directory/community.entity.js';
import type { UnitKind } from '../directory/unit.entity.js';
import { CommitmentCategory } from './category.entity.js';
import type { CommitmentStatus, Measure } from './commitment.enums.js';
import { progressOf } from './progress.js';
import {
  standingsCommunityId,
  unitStandings,
  type StandingsQuery,
  type UnitStandingRow,
} from './standings.js';

/** A unit's figures in the report, exactly as `unitStandings` returns them. */
type UnitFigures = Omit<UnitStandingRow, 'unit' | 'commitments'>;

export interface ReportUnit extends UnitFigures {
  /** Global ID of the unit. */
  id: string;
  name: string;
  kind: UnitKind;
  communityName: string;
}

export interface ReportCommitment {
  /** Global ID of the commitment. */
  id: string;
  unit: ReportUnit;
  categoryCode: string;
  categoryName: string;
  categoryNameEn: string;
  title: string;
  measure: Measure;
  target: number;
  verified: number;
  /** Verified / target, uncapped (as `Commitment.progress.ratio`). */
  ratio: number;
  behind: boolean;
  status: CommitmentStatus;
  periodStart: string;
  periodEnd: string;
}

export interface ReportTotals {
  unitCount: number;
  laggingCount: number;
  commitmentCount: number;
  activeCount: number;
  completedCount: number;
  lapsedCount: number;
  behindCount: number;
  /**
   * Mean over every counted commitment of its capped ratio, i.e. the units' rates weighted by
   * their number of commitments; null without commitments.
   */
  rate: number | null;
}

export interface CoBuildingReport {
  year: number;
  /** Null for the whole sub-district (the office, without a community). */
  community: { id: string; name: string; nameEn: string } | null;
  category: { id: string; code: string; name: string; nameEn: string } | null;
  /** The day progress is measured at (Asia/Shanghai). */
  asOf: string;
  /** In standings order: lagging units first, then the rated by pace, then the not yet rated. */
  units: ReportUnit[];
  /** Per unit in the order above, each unit's commitments by period start. */
  commitments: ReportCommitment[];
  totals: ReportTotals;
}

/**
 * Reads the standings and shapes them for the report. The report is for the co-building meeting:
 * policy `coBuildingReport.read` (the office, the community's staff and units' liaisons), on top
 * of the `standings.read` the standings check. Beyond the two standings statements it reads the
 * community and the categories.
 */
export async function buildCoBuildingReport(
  ctx: Context,
  query: StandingsQuery,
): Promise<CoBuildingReport> {
  authorize(ctx.viewer, 'coBuildingReport.read', {
    communityId: standingsCommunityId(ctx.viewer.requireUser(), query),
  });
  const standings = await unitStandings(ctx, query, { withCommitments: true });
  const asOf = shanghaiDate();

  const categoryId = query.categoryId ? (idOf(query.categoryId, 'CommitmentCategory') ?? 0) : null;
  const communityIds = new Set(standings.rows.map((r) => r.unit.community.id));
  if (standings.communityId !== null) communityIds.add(standings.communityId);
  const [communities, categories] = await Promise.all([
    communityIds.size ? ctx.em.find(Community, { id: { $in: [...communityIds] } }) : [],
    ctx.em.find(CommitmentCategory, {}),
  ]);
  const communityById = new Map(communities.map((c) => [c.id, c]));
  const categoryById = new Map(categories.map((c) => [c.id, c]));

  let community: CoBuildingReport['community'] = null;
  if (standings.communityId !== null) {
    const found = communityById.get(standings.communityId);
    if (!found) throw notFound('No such community.');
    community = { id: found.nodeId, name: found.name, nameEn: found.nameEn };
  }
  let category: CoBuildingReport['category'] = null;
  if (categoryId !== null) {
    const found = categoryById.get(categoryId);
    if (!found) throw notFound('No such category.');
    category = { id: found.nodeId, code: found.code, name: found.name, nameEn: found.nameEn };
  }

  const units: ReportUnit[] = [];
  const commitments: ReportCommitment[] = [];
  for (const { unit: entity, commitments: own, ...figures } of standings.rows) {
    const unit: ReportUnit = {
      ...figures,
      id: toGlobalId('Unit', entity.id),
      name: entity.name,
      kind: entity.kind,
      communityName: communityById.get(entity.community.id)?.name ?? '',
    };
    units.push(unit);
    for (const c of own ?? []) {
      const progress = progressOf(c, asOf);
      const cat = categoryById.get(c.category.id);
      commitments.push({
        id: c.nodeId,
        unit,
        categoryCode: cat?.code ?? '',
        categoryName: cat?.name ?? '',
        categoryNameEn: cat?.nameEn ?? '',
        title: c.title,
        measure: c.measure,
        target: Number(c.targetAmount),
        verified: Number(c.verifiedAmount),
        ratio: progress.ratio,
        behind: progress.behind,
        status: c.status,
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
      });
    }
  }

  const sum = (pick: (u: ReportUnit) => number) => units.reduce((s, u) => s + pick(u), 0);
  const commitmentCount = sum((u) => u.commitmentCount);
  const totals: ReportTotals = {
    unitCount: units.length,
    laggingCount: units.filter((u) => u.lagging).length,
    commitmentCount,
    activeCount: sum((u) => u.activeCount),
    completedCount: sum((u) => u.completedCount),
    lapsedCount: sum((u) => u.lapsedCount),
    behindCount: sum((u) => u.behindCount),
    rate: commitmentCount ? sum((u) => (u.rate ?? 0) * u.commitmentCount) / commitmentCount : null,
  };

  return { year: standings.year, community, category, asOf, units, commitments, totals };
}
