// The staffing report (社区工作者配备情况) as xlsx and CSV: `staffingReport`'s figures — the
// function behind the GraphQL query, which also decides who may read them — one line per
// community with the totals and the standard, and every grid. Served by `staffing.routes.ts`.
import type ExcelJS from 'exceljs';
import { shanghaiDate } from '../../graphql/dates.js';
import { notFound } from '../../graphql/errors.js';
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
import type { staffingReport } from './directory.service.js';
import { STAFFING_STANDARD, type StaffingFigures } from './staffing.js';

type Report = Awaited<ReturnType<typeof staffingReport>>;
type CommunityRow = Report['communities'][number];

/** One line of the report: a community, or the totals (no community). */
interface Line extends StaffingFigures {
  name: string;
  secondedWorkers: number | null;
}

export interface StaffingDocument {
  /** Null for the whole sub-district. */
  community: { name: string; nameEn: string } | null;
  asOf: string;
  lines: Line[];
  totals: Line;
  grids: { community: string; grid: string; households: number; leader: boolean }[];
}

const TEXT = {
  'zh-CN': {
    yes: '是',
    no: '否',
    total: '合计',
    title: (d: StaffingDocument) =>
      `${d.community?.name ?? '全街道'}社区工作者配备情况（截至 ${d.asOf}）`,
    notes: [
      `社区工作者：按每 ${STAFFING_STANDARD.householdsPerWorkerLow}–${STAFFING_STANDARD.householdsPerWorkerHigh} 户配备 1 名，一般为 ${STAFFING_STANDARD.normalMinWorkers}–${STAFFING_STANDARD.normalMaxWorkers} 名；超过 ${STAFFING_STANDARD.extraWorkersAbove} 户的，每增加 ${STAFFING_STANDARD.householdsPerExtraWorker} 户增配 1 名。只统计专职人员，下派人员单列。`,
      `网格长：每 ${STAFFING_STANDARD.householdsPerGridLeaderLow}–${STAFFING_STANDARD.householdsPerGridLeaderHigh} 户 1 名；缺口 = 最低配备数 − 实有数。`,
    ],
    fileName: (d: StaffingDocument) =>
      `社区工作者配备情况-${d.community?.name ?? '全街道'}-${d.asOf}`,
  },
  en: {
    yes: 'Yes',
    no: 'No',
    total: 'Total',
    title: (d: StaffingDocument) =>
      `${d.community?.nameEn ?? 'Sub-district'} — community workers against the staffing standard (as of ${d.asOf})`,
    notes: [
      `Community workers: one per ${STAFFING_STANDARD.householdsPerWorkerLow}–${STAFFING_STANDARD.householdsPerWorkerHigh} households, normally ${STAFFING_STANDARD.normalMinWorkers}–${STAFFING_STANDARD.normalMaxWorkers}; above ${STAFFING_STANDARD.extraWorkersAbove} households one more per full ${STAFFING_STANDARD.householdsPerExtraWorker}. Only full-time workers count; seconded staff are shown separately.`,
      `Grid leaders: one per ${STAFFING_STANDARD.householdsPerGridLeaderLow}–${STAFFING_STANDARD.householdsPerGridLeaderHigh} households; shortfall = required minimum − recorded.`,
    ],
    fileName: (d: StaffingDocument) =>
      `staffing-report-${d.community?.nameEn ?? 'sub-district'}-${d.asOf}`,
  },
} as const;

/** Shapes `staffingReport` for the files: one line per community, the totals, every grid. */
export function staffingDocument(
  report: Report,
  oneCommunity: boolean,
  locale: ExportLocale,
): StaffingDocument {
  const nameOf = (row: CommunityRow) =>
    locale === 'en' ? row.community.nameEn : row.community.name;
  const lines = report.communities.map(({ community, grids: _grids, ...figures }): Line => ({
    ...figures,
    name: locale === 'en' ? community.nameEn : community.name,
  }));
  const only = oneCommunity ? (report.communities[0]?.community ?? null) : null;
  if (oneCommunity && !only) throw notFound('No such community.');
  return {
    community: only ? { name: only.name, nameEn: only.nameEn } : null,
    asOf: shanghaiDate(),
    lines,
    totals: {
      ...report.totals,
      name: TEXT[locale].total,
      secondedWorkers: report.communities.reduce((sum, row) => sum + row.secondedWorkers, 0),
    },
    grids: report.communities.flatMap((row) =>
      row.grids.map((g) => ({
        community: nameOf(row),
        grid: g.grid.name,
        households: g.households,
        leader: g.hasLeader,
      })),
    ),
  };
}

/** The download's name without extension. */
export function staffingFileName(document: StaffingDocument, locale: ExportLocale): string {
  return safeFileName(TEXT[locale].fileName(document));
}

interface Column {
  /** The header in Chinese and in English; a file shows only its own language's. */
  header: readonly [zh: string, en: string];
  width: number;
  value(line: Line): string | number | null;
}

const range = (min: number, max: number) => (min === max ? `${min}` : `${min}–${max}`);

const COLUMNS: Column[] = [
  { header: ['社区', 'Community'], width: 18, value: (l) => l.name },
  { header: ['户数', 'Households'], width: 12, value: (l) => l.households },
  {
    header: ['应配社区工作者', 'Workers required'],
    width: 16,
    value: (l) => range(l.requiredWorkersMin, l.requiredWorkersMax),
  },
  { header: ['实有专职', 'Full-time workers'], width: 14, value: (l) => l.actualWorkers },
  { header: ['下派人员', 'Seconded staff'], width: 12, value: (l) => l.secondedWorkers },
  { header: ['工作者缺口', 'Worker shortfall'], width: 14, value: (l) => l.workerShortfall },
  {
    header: ['应配网格长', 'Grid leaders required'],
    width: 16,
    value: (l) => range(l.requiredGridLeadersMin, l.requiredGridLeadersMax),
  },
  { header: ['实有网格长', 'Grid leaders'], width: 12, value: (l) => l.actualGridLeaders },
  {
    header: ['网格长缺口', 'Grid leader shortfall'],
    width: 16,
    value: (l) => l.gridLeaderShortfall,
  },
  { header: ['网格数', 'Grids'], width: 10, value: (l) => l.gridCount },
  { header: ['超 300 户网格', 'Grids over 300'], width: 14, value: (l) => l.gridsOver300 },
  { header: ['超 400 户网格', 'Grids over 400'], width: 14, value: (l) => l.gridsOver400 },
];

const headerOf = (column: Column, locale: ExportLocale) => column.header[locale === 'en' ? 1 : 0];

const GRID_HEADERS: Record<ExportLocale, string[]> = {
  'zh-CN': ['社区', '网格', '户数', '有网格长', '超 400 户'],
  en: ['Community', 'Grid', 'Households', 'Has leader', 'Over 400'],
};

const HEADER_ROW = 3;

function header(sheet: ExcelJS.Worksheet, title: string, headers: string[], widths: number[]) {
  setColumnWidths(sheet, widths);
  addTitle(sheet, title, headers.length);
  const row = sheet.getRow(HEADER_ROW);
  row.values = headers;
  row.height = 32;
  styleHeaderRow(row);
  freezeRows(sheet, HEADER_ROW);
}

/** Sheet 1 社区配备 (communities, totals, the standard), sheet 2 网格 (every grid). */
export async function staffingXlsx(
  document: StaffingDocument,
  locale: ExportLocale,
): Promise<Buffer> {
  const t = TEXT[locale];
  const workbook = newWorkbook(t.title(document));

  const sheet = workbook.addWorksheet(locale === 'en' ? 'Communities' : '社区配备');
  header(
    sheet,
    t.title(document),
    COLUMNS.map((c) => headerOf(c, locale)),
    COLUMNS.map((c) => c.width),
  );
  for (const line of document.lines) sheet.addRow(COLUMNS.map((c) => c.value(line)));
  const total = sheet.addRow(COLUMNS.map((c) => c.value(document.totals)));
  total.font = { bold: true };
  total.eachCell((c) => (c.border = totalBorder()));
  sheet.addRow([]);
  for (const note of t.notes) addNote(sheet, note, COLUMNS.length, 30);
  printLandscape(sheet);

  const grids = workbook.addWorksheet(locale === 'en' ? 'Grids' : '网格');
  header(grids, t.title(document), GRID_HEADERS[locale], [18, 20, 12, 14, 14]);
  for (const g of document.grids) {
    grids.addRow([
      g.community,
      g.grid,
      g.households,
      g.leader ? t.yes : t.no,
      g.households > STAFFING_STANDARD.gridOverloadedHouseholds ? t.yes : t.no,
    ]);
  }

  return xlsxFile(workbook);
}

/**
 * One row per community and a totals row, headers in the file's language; UTF-8 with a BOM,
 * CRLF, formula-looking text escaped.
 */
export function staffingCsv(document: StaffingDocument, locale: ExportLocale): Buffer {
  const records: (string | number | null)[][] = [COLUMNS.map((c) => headerOf(c, locale))];
  for (const line of [...document.lines, document.totals]) {
    records.push(
      COLUMNS.map((c) => {
        const value = c.value(line);
        return typeof value === 'string' ? csvSafe(value) : value;
      }),
    );
  }
  return csvFile(records);
}
