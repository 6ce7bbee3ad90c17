// The co-building report as an xlsx workbook: a ranking sheet with totals and definitions, and a
// per-commitment sheet.
import type ExcelJS from 'exceljs';
import {
  addNote,
  addTitle,
  freezeRows,
  newWorkbook,
  printLandscape,
  setColumnWidths,
  styleHeaderRow,
  totalBorder,
  xlsxFile,
  type ExportLocale,
} from '../../http/exports.js';
import { WHOLE_MEASURES, type Measure } from './commitment.enums.js';
import type { CoBuildingReport, ReportCommitment, ReportUnit } from './co-building-report.js';
import { KIND_LABELS, MEASURE_LABELS, STATUS_LABELS, TEXT } from './report-labels.js';

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
