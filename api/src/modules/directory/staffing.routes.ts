// HTTP route for the staffing report (社区工作者配备情况):
//   GET /reports/staffing?communityId=<global id>&format=xlsx|csv[&lang=zh-CN|en]
// with `Authorization: Bearer <token>`. The figures are `staffingReport`'s, the function behind
// the GraphQL query, which also decides who may read them (policy `staffing.read`: the office
// every community, staff their own). Errors answer in the GraphQL error shape.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Router } from 'express';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { App } from '../../app.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { badUserInput } from '../../graphql/errors.js';
import { contentDisposition, contextOf, sendThrown } from '../../http/responses.js';
import { isAdmin } from '../auth/policy.js';
import { csvSafe, REPORT_LOCALES, type ReportLocale } from '../commitments/report.js';
import { staffingReport } from './directory.service.js';
import { STAFFING_STANDARD, type StaffingFigures } from './staffing.js';

const FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

const staffingQuery = z.object({
  communityId: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string('Give one value.').max(200).optional(),
  ),
  format: z
    .enum(Object.keys(FORMATS) as ['xlsx', 'csv'], '"format" must be xlsx or csv.')
    .default('xlsx'),
  lang: z
    .enum(REPORT_LOCALES as [ReportLocale, ...ReportLocale[]], '"lang" must be zh-CN or en.')
    .default('zh-CN'),
});

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

const notFound = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });

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
  locale: ReportLocale,
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
export function staffingFileName(document: StaffingDocument, locale: ReportLocale): string {
  return TEXT[locale].fileName(document).replace(/[\\/:*?"<>|\r\n]+/g, '_');
}

interface Column {
  header: string;
  width: number;
  value(line: Line): string | number | null;
}

const range = (min: number, max: number) => (min === max ? `${min}` : `${min}–${max}`);

const COLUMNS: Column[] = [
  { header: '社区 Community', width: 18, value: (l) => l.name },
  { header: '户数 Households', width: 12, value: (l) => l.households },
  {
    header: '应配社区工作者 Workers required',
    width: 16,
    value: (l) => range(l.requiredWorkersMin, l.requiredWorkersMax),
  },
  { header: '实有专职 Full-time workers', width: 14, value: (l) => l.actualWorkers },
  { header: '下派人员 Seconded staff', width: 12, value: (l) => l.secondedWorkers },
  { header: '工作者缺口 Worker shortfall', width: 14, value: (l) => l.workerShortfall },
  {
    header: '应配网格长 Grid leaders required',
    width: 16,
    value: (l) => range(l.requiredGridLeadersMin, l.requiredGridLeadersMax),
  },
  { header: '实有网格长 Grid leaders', width: 12, value: (l) => l.actualGridLeaders },
  { header: '网格长缺口 Grid leader shortfall', width: 16, value: (l) => l.gridLeaderShortfall },
  { header: '网格数 Grids', width: 10, value: (l) => l.gridCount },
  { header: '超 300 户网格 Grids over 300', width: 14, value: (l) => l.gridsOver300 },
  { header: '超 400 户网格 Grids over 400', width: 14, value: (l) => l.gridsOver400 },
];

const HEADER_ROW = 3;

function header(sheet: ExcelJS.Worksheet, title: string, headers: string[], widths: number[]) {
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.mergeCells(1, 1, 1, headers.length);
  const cell = sheet.getCell(1, 1);
  cell.value = title;
  cell.font = { bold: true, size: 14 };
  sheet.getRow(1).height = 24;
  const row = sheet.getRow(HEADER_ROW);
  row.values = headers;
  row.height = 32;
  row.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }];
}

/** Sheet 1 社区配备 (communities, totals, the standard), sheet 2 网格 (every grid). */
export async function staffingXlsx(
  document: StaffingDocument,
  locale: ReportLocale,
): Promise<Buffer> {
  const t = TEXT[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共建 Gongjian';
  workbook.title = t.title(document);
  workbook.created = new Date();

  const sheet = workbook.addWorksheet('社区配备');
  header(
    sheet,
    t.title(document),
    COLUMNS.map((c) => c.header),
    COLUMNS.map((c) => c.width),
  );
  for (const line of document.lines) sheet.addRow(COLUMNS.map((c) => c.value(line)));
  const total = sheet.addRow(COLUMNS.map((c) => c.value(document.totals)));
  total.font = { bold: true };
  total.eachCell((c) => (c.border = { top: { style: 'medium' }, bottom: { style: 'medium' } }));
  sheet.addRow([]);
  for (const note of t.notes) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, COLUMNS.length);
    row.getCell(1).font = { color: { argb: 'FF595959' }, size: 9 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 30;
  }
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

  const grids = workbook.addWorksheet('网格');
  header(
    grids,
    t.title(document),
    ['社区 Community', '网格 Grid', '户数 Households', '有网格长 Has leader', '超 400 户 Over 400'],
    [18, 20, 12, 14, 14],
  );
  for (const g of document.grids) {
    grids.addRow([
      g.community,
      g.grid,
      g.households,
      g.leader ? t.yes : t.no,
      g.households > STAFFING_STANDARD.gridOverloadedHouseholds ? t.yes : t.no,
    ]);
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One row per community and a totals row; UTF-8 with a BOM, CRLF, formula-looking text escaped. */
export function staffingCsv(document: StaffingDocument): Buffer {
  const records: (string | number | null)[][] = [COLUMNS.map((c) => c.header)];
  for (const line of [...document.lines, document.totals]) {
    records.push(
      COLUMNS.map((c) => {
        const value = c.value(line);
        return typeof value === 'string' ? csvSafe(value) : value;
      }),
    );
  }
  return Buffer.from(stringify(records, { bom: true, record_delimiter: 'windows' }), 'utf8');
}

export function staffingReportRouter(app: App): Router {
  const router = Router();

  router.get('/staffing', async (req, res) => {
    try {
      const ctx = await contextOf(app, req);
      // Strangers learn nothing about the parameters, not even that they are wrong.
      const user = ctx.viewer.requireUser();
      const parsed = staffingQuery.safeParse(req.query);
      if (!parsed.success) throw badUserInput(parsed.error.issues[0]!.message);
      const { communityId, format, lang } = parsed.data;

      const report = await staffingReport(ctx, communityId ?? null);
      // Staff without communityId get their own community: the file is about one community then.
      const document = staffingDocument(report, Boolean(communityId) || !isAdmin(user), lang);
      const body = format === 'csv' ? staffingCsv(document) : await staffingXlsx(document, lang);
      res
        .status(200)
        .set({
          'Content-Type': FORMATS[format],
          'Content-Disposition': contentDisposition(
            `${staffingFileName(document, lang)}.${format}`,
            `staffing-report-${document.asOf}.${format}`,
          ),
          'Cache-Control': 'private, no-store',
          'X-Content-Type-Options': 'nosniff',
        })
        .send(body);
    } catch (error) {
      sendThrown(app, req, res, error, 'staffing report');
    }
  });

  return router;
}
