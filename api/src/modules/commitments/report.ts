// The annual co-building report (共驻共建联席会年度报告) as xlsx and CSV. Every figure comes from
// `unitStandings`, the same function behind the GraphQL query, so the two always agree.
import type ExcelJS from 'exceljs';
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { notFound } from '../../graphql/errors.js';
import { idOf, toGlobalId } from '../../graphql/relay.js';
import {
  addNote,
  addTitle,
  csvFile,
  csvSafe,
  freezeRows,
  newWorkbook,
  printLandscape,
  safeFileName,
  setColumnWidths,
  styleHeaderRow,
  totalBorder,
  xlsxFile,
  type ExportLocale,
} from '../../http/exports.js';
import { authorize } from '../auth/policy.js';
import { Community } from '../directory/community.entity.js';
import type { UnitKind } from '../directory/unit.entity.js';
import { CommitmentCategory } from './category.entity.js';
import { WHOLE_MEASURES, type CommitmentStatus, type Measure } from './commitment.enums.js';
import { progressOf } from './progress.js';
import { standingsCommunityId, unitStandings, type StandingsQuery } from './standings.js';

export interface ReportUnit {
  /** Global ID of the unit. */
  id: string;
  rank: number | null;
  name: string;
  kind: UnitKind;
  communityName: string;
  /** Fulfilment rate as a fraction (0.75 = 75 %), exactly as `unitStandings` returns it. */
  rate: number | null;
  commitmentCount: number;
  activeCount: number;
  completedCount: number;
  lapsedCount: number;
  behindCount: number;
  lagging: boolean;
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
  /** In standings order: lagging units first, then by rate. */
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
  for (const row of standings.rows) {
    const unit: ReportUnit = {
      id: toGlobalId('Unit', row.unit.id),
      rank: row.rank,
      name: row.unit.name,
      kind: row.unit.kind,
      communityName: communityById.get(row.unit.community.id)?.name ?? '',
      rate: row.rate,
      commitmentCount: row.commitmentCount,
      activeCount: row.activeCount,
      completedCount: row.completedCount,
      lapsedCount: row.lapsedCount,
      behindCount: row.behindCount,
      lagging: row.lagging,
    };
    units.push(unit);
    for (const c of row.commitments ?? []) {
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

// ---------------------------------------------------------------- labels

const KIND_LABELS: Record<ExportLocale, Record<UnitKind, string>> = {
  'zh-CN': {
    ENTERPRISE: '企业',
    INSTITUTION: '事业单位',
    SCHOOL: '学校',
    HOSPITAL: '医院',
    GOVERNMENT_DEPARTMENT: '政府部门',
    SOCIAL_ORGANISATION: '社会组织',
  },
  en: {
    ENTERPRISE: 'Enterprise',
    INSTITUTION: 'Public institution',
    SCHOOL: 'School',
    HOSPITAL: 'Hospital',
    GOVERNMENT_DEPARTMENT: 'Government department',
    SOCIAL_ORGANISATION: 'Social organisation',
  },
};

const STATUS_LABELS: Record<ExportLocale, Record<CommitmentStatus, string>> = {
  'zh-CN': {
    DRAFT: '草稿',
    SUBMITTED: '待审核',
    ACTIVE: '履行中',
    COMPLETED: '已完成',
    LAPSED: '已逾期',
    REJECTED: '未通过',
    WITHDRAWN: '已撤回',
  },
  en: {
    DRAFT: 'Draft',
    SUBMITTED: 'Submitted',
    ACTIVE: 'Active',
    COMPLETED: 'Completed',
    LAPSED: 'Lapsed',
    REJECTED: 'Rejected',
    WITHDRAWN: 'Withdrawn',
  },
};

const MEASURE_LABELS: Record<ExportLocale, Record<Measure, string>> = {
  'zh-CN': {
    VOLUNTEER_HOURS: '志愿服务时长（小时）',
    EVENTS: '活动（场）',
    PEOPLE_SERVED: '服务人次',
    FUNDS_YUAN: '资金（元）',
    VENUE_SESSIONS: '场地开放（次）',
    ITEMS: '物资（件）',
  },
  en: {
    VOLUNTEER_HOURS: 'Volunteer hours',
    EVENTS: 'Events',
    PEOPLE_SERVED: 'People served',
    FUNDS_YUAN: 'Funds (yuan)',
    VENUE_SESSIONS: 'Venue sessions',
    ITEMS: 'Items',
  },
};

const TEXT = {
  'zh-CN': {
    yes: '是',
    no: '否',
    title: (r: CoBuildingReport) =>
      `${r.community?.name ?? '全街道'}共驻共建联席会年度报告（${r.year} 年）`,
    subtitle: (r: CoBuildingReport) =>
      `类别：${r.category?.name ?? '全部类别'}；统计履行中、已完成、已逾期的承诺；进度截至 ${r.asOf}`,
    notes: [
      '履约率：单位各项承诺“已核实 ÷ 目标”（单项最高 100%）的平均值；合计行为全部承诺的平均值。',
      '名次：按履约率从高到低，履约率相同者名次相同；没有承诺的单位不排名。',
      '后进单位：没有承诺，或有已逾期的承诺，或有进度滞后的承诺（期限已过 10% 以上，完成比例落后时间进度 15 个百分点以上）。',
    ],
    fileName: (r: CoBuildingReport) =>
      `共建年度报告-${r.community?.name ?? '全街道'}-${r.year}${r.category ? `-${r.category.name}` : ''}`,
  },
  en: {
    yes: 'Yes',
    no: 'No',
    title: (r: CoBuildingReport) =>
      `${r.community?.nameEn ?? 'Sub-district'} Co-building Joint Council — Annual Report ${r.year}`,
    subtitle: (r: CoBuildingReport) =>
      `Category: ${r.category?.nameEn ?? 'all'} · Active, completed and lapsed commitments · Progress as of ${r.asOf}`,
    notes: [
      'Fulfilment rate: the mean over a unit’s commitments of verified ÷ target, each capped at 100%; the total row is the mean over all commitments.',
      'Rank: by fulfilment rate, highest first; equal rates share a rank; units without commitments are not ranked.',
      'Lagging: no commitment, or a lapsed one, or one behind schedule (over 10% of its period gone and more than 15 points behind it).',
    ],
    fileName: (r: CoBuildingReport) =>
      `co-building-report-${r.community?.nameEn ?? 'sub-district'}-${r.year}${r.category ? `-${r.category.code}` : ''}`,
  },
} as const;

/** The download's name without extension, e.g. `共建年度报告-建安社区-2026`. */
export function reportFileName(report: CoBuildingReport, locale: ExportLocale): string {
  return safeFileName(TEXT[locale].fileName(report));
}

// ---------------------------------------------------------------- xlsx

interface Column<Row> {
  header: string;
  width: number;
  value(row: Row): string | number | null;
  /** Excel number format, or one per row. */
  numFmt?: string | ((row: Row) => string);
  align?: 'left' | 'center' | 'right';
}

const PERCENT = '0.0%';
const amountFormat = (measure: Measure) => (WHOLE_MEASURES.has(measure) ? '#,##0' : '#,##0.00');

function unitColumns(report: CoBuildingReport, locale: ExportLocale): Column<ReportUnit>[] {
  const t = TEXT[locale];
  return [
    { header: '名次 Rank', width: 9, value: (u) => u.rank, align: 'center' },
    { header: '单位 Unit', width: 32, value: (u) => u.name },
    ...(report.community
      ? []
      : [{ header: '社区 Community', width: 16, value: (u: ReportUnit) => u.communityName }]),
    { header: '类型 Kind', width: 14, value: (u) => KIND_LABELS[locale][u.kind] },
    { header: '承诺数 Commitments', width: 12, value: (u) => u.commitmentCount, numFmt: '0' },
    { header: '履行中 Active', width: 10, value: (u) => u.activeCount, numFmt: '0' },
    { header: '已完成 Completed', width: 11, value: (u) => u.completedCount, numFmt: '0' },
    { header: '已逾期 Lapsed', width: 10, value: (u) => u.lapsedCount, numFmt: '0' },
    { header: '进度滞后 Behind', width: 11, value: (u) => u.behindCount, numFmt: '0' },
    { header: '履约率 Fulfilment rate', width: 13, value: (u) => u.rate, numFmt: PERCENT },
    {
      header: '后进 Lagging',
      width: 10,
      value: (u) => (u.lagging ? t.yes : t.no),
      align: 'center',
    },
  ];
}

function commitmentColumns(
  report: CoBuildingReport,
  locale: ExportLocale,
): Column<ReportCommitment>[] {
  const t = TEXT[locale];
  return [
    { header: '名次 Rank', width: 9, value: (c) => c.unit.rank, align: 'center' },
    { header: '单位 Unit', width: 28, value: (c) => c.unit.name },
    ...(report.community
      ? []
      : [
          {
            header: '社区 Community',
            width: 16,
            value: (c: ReportCommitment) => c.unit.communityName,
          },
        ]),
    { header: '类别代码 Category code', width: 16, value: (c) => c.categoryCode },
    {
      header: '类别 Category',
      width: 16,
      value: (c) => (locale === 'en' ? c.categoryNameEn : c.categoryName),
    },
    { header: '承诺事项 Commitment', width: 36, value: (c) => c.title },
    { header: '计量 Measure', width: 18, value: (c) => MEASURE_LABELS[locale][c.measure] },
    {
      header: '目标 Target',
      width: 12,
      value: (c) => c.target,
      numFmt: (c) => amountFormat(c.measure),
    },
    {
      header: '已核实 Verified',
      width: 12,
      value: (c) => c.verified,
      numFmt: (c) => amountFormat(c.measure),
    },
    { header: '完成比例 Ratio', width: 11, value: (c) => c.ratio, numFmt: PERCENT },
    { header: '状态 Status', width: 10, value: (c) => STATUS_LABELS[locale][c.status] },
    {
      header: '进度滞后 Behind',
      width: 11,
      value: (c) => (c.behind ? t.yes : t.no),
      align: 'center',
    },
    { header: '开始 Start', width: 12, value: (c) => c.periodStart, align: 'center' },
    { header: '结束 End', width: 12, value: (c) => c.periodEnd, align: 'center' },
  ];
}

const HEADER_ROW = 3;
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };

function addTable<Row>(
  sheet: ExcelJS.Worksheet,
  report: CoBuildingReport,
  locale: ExportLocale,
  columns: Column<Row>[],
  rows: Row[],
): void {
  const t = TEXT[locale];
  setColumnWidths(
    sheet,
    columns.map((c) => c.width),
  );
  addTitle(sheet, t.title(report), columns.length, { vertical: 'middle' });
  sheet.mergeCells(2, 1, 2, columns.length);
  const subtitle = sheet.getCell(2, 1);
  subtitle.value = t.subtitle(report);
  subtitle.font = { color: { argb: 'FF595959' } };

  const header = sheet.getRow(HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.height = 32;
  styleHeaderRow(header, thin);

  for (const row of rows) {
    const added = sheet.addRow(columns.map((c) => c.value(row)));
    columns.forEach((column, i) => {
      const cell = added.getCell(i + 1);
      const format = typeof column.numFmt === 'function' ? column.numFmt(row) : column.numFmt;
      if (format) cell.numFmt = format;
      if (column.align) cell.alignment = { horizontal: column.align };
      cell.border = { bottom: thin };
    });
  }

  freezeRows(sheet, HEADER_ROW);
  if (rows.length) {
    sheet.autoFilter = {
      from: { row: HEADER_ROW, column: 1 },
      to: { row: HEADER_ROW + rows.length, column: columns.length },
    };
  }
  printLandscape(sheet);
  sheet.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
}

/** Sheet 1 单位排名 (with a totals row and the definitions), sheet 2 承诺明细. */
export async function toXlsx(report: CoBuildingReport, locale: ExportLocale): Promise<Buffer> {
  const t = TEXT[locale];
  const workbook = newWorkbook(t.title(report));

  const ranking = workbook.addWorksheet('单位排名');
  const columns = unitColumns(report, locale);
  addTable(ranking, report, locale, columns, report.units);
  const { totals } = report;
  const byHeader: Record<string, string | number | null> = {
    '名次 Rank': locale === 'en' ? 'Total' : '合计',
    '单位 Unit': locale === 'en' ? `${totals.unitCount} units` : `${totals.unitCount} 个单位`,
    '承诺数 Commitments': totals.commitmentCount,
    '履行中 Active': totals.activeCount,
    '已完成 Completed': totals.completedCount,
    '已逾期 Lapsed': totals.lapsedCount,
    '进度滞后 Behind': totals.behindCount,
    '履约率 Fulfilment rate': totals.rate,
    '后进 Lagging': totals.laggingCount,
  };
  const total = ranking.addRow(columns.map((c) => byHeader[c.header] ?? null));
  columns.forEach((column, i) => {
    const cell = total.getCell(i + 1);
    cell.font = { bold: true };
    cell.border = totalBorder();
    if (typeof column.numFmt === 'string') cell.numFmt = column.numFmt;
    if (column.align) cell.alignment = { horizontal: column.align };
  });
  ranking.addRow([]);
  for (const note of t.notes) addNote(ranking, note, columns.length, 28);

  const details = workbook.addWorksheet('承诺明细');
  addTable(details, report, locale, commitmentColumns(report, locale), report.commitments);

  return xlsxFile(workbook);
}

// ---------------------------------------------------------------- CSV

/** The escaping the report's CSV applies to typed text (it lives with the other downloads). */
export { csvSafe };

/**
 * One row per commitment with its unit's rank, rate and lagging flag; a unit without
 * commitments gets one row with the commitment columns empty, so every unit appears. Numbers
 * are written in full precision (rates and ratios as fractions). UTF-8 with a BOM, CRLF.
 */
export function toCsv(report: CoBuildingReport, locale: ExportLocale = 'zh-CN'): Buffer {
  const t = TEXT[locale];
  const flag = (value: boolean) => (value ? t.yes : t.no);
  const header = [
    '名次 Rank',
    '单位 Unit',
    '社区 Community',
    '类型 Kind',
    '单位履约率 Unit rate',
    '后进 Lagging',
    '类别代码 Category code',
    '类别 Category',
    '承诺事项 Commitment',
    '计量 Measure',
    '目标 Target',
    '已核实 Verified',
    '完成比例 Ratio',
    '状态 Status',
    '进度滞后 Behind',
    '开始 Start',
    '结束 End',
  ];
  const unitCells = (u: ReportUnit) => [
    u.rank,
    csvSafe(u.name),
    csvSafe(u.communityName),
    KIND_LABELS[locale][u.kind],
    u.rate,
    flag(u.lagging),
  ];
  const byUnit = new Map<ReportUnit, ReportCommitment[]>();
  for (const c of report.commitments) byUnit.set(c.unit, [...(byUnit.get(c.unit) ?? []), c]);

  const records: (string | number | null)[][] = [header];
  for (const unit of report.units) {
    const own = byUnit.get(unit) ?? [];
    if (!own.length) records.push([...unitCells(unit), ...header.slice(6).map(() => null)]);
    for (const c of own) {
      records.push([
        ...unitCells(unit),
        c.categoryCode,
        csvSafe(locale === 'en' ? c.categoryNameEn : c.categoryName),
        csvSafe(c.title),
        MEASURE_LABELS[locale][c.measure],
        c.target,
        c.verified,
        c.ratio,
        STATUS_LABELS[locale][c.status],
        flag(c.behind),
        c.periodStart,
        c.periodEnd,
      ]);
    }
  }
  return csvFile(records);
}
