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
import { HEADERS, KIND_LABELS, MEASURE_LABELS, STATUS_LABELS, TEXT } from './report-labels.js';

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
  const h = HEADERS[locale];
  return [
    { header: h.rank, width: 9, value: (u) => u.rank, align: 'center' },
    { header: h.unit, width: 32, value: (u) => u.name },
    ...(report.community
      ? []
      : [{ header: h.community, width: 16, value: (u: ReportUnit) => u.communityName }]),
    { header: h.kind, width: 14, value: (u) => KIND_LABELS[locale][u.kind] },
    { header: h.commitments, width: 12, value: (u) => u.commitmentCount, numFmt: '0' },
    { header: h.active, width: 10, value: (u) => u.activeCount, numFmt: '0' },
    { header: h.completed, width: 11, value: (u) => u.completedCount, numFmt: '0' },
    { header: h.lapsed, width: 10, value: (u) => u.lapsedCount, numFmt: '0' },
    { header: h.behind, width: 11, value: (u) => u.behindCount, numFmt: '0' },
    { header: h.rate, width: 13, value: (u) => u.rate, numFmt: PERCENT },
    { header: h.pace, width: 13, value: (u) => u.pace, numFmt: PERCENT },
    {
      header: h.lagging,
      width: 10,
      value: (u) => (u.pace === null ? t.notRated : u.lagging ? t.yes : t.no),
      align: 'center',
    },
  ];
}

function commitmentColumns(
  report: CoBuildingReport,
  locale: ExportLocale,
): Column<ReportCommitment>[] {
  const t = TEXT[locale];
  const h = HEADERS[locale];
  return [
    { header: h.rank, width: 9, value: (c) => c.unit.rank, align: 'center' },
    { header: h.unit, width: 28, value: (c) => c.unit.name },
    ...(report.community
      ? []
      : [
          {
            header: h.community,
            width: 16,
            value: (c: ReportCommitment) => c.unit.communityName,
          },
        ]),
    {
      header: h.category,
      width: 16,
      value: (c) => (locale === 'en' ? c.categoryNameEn : c.categoryName),
    },
    { header: h.commitment, width: 36, value: (c) => c.title },
    { header: h.measure, width: 18, value: (c) => MEASURE_LABELS[locale][c.measure] },
    {
      header: h.target,
      width: 12,
      value: (c) => c.target,
      numFmt: (c) => amountFormat(c.measure),
    },
    {
      header: h.verified,
      width: 12,
      value: (c) => c.verified,
      numFmt: (c) => amountFormat(c.measure),
    },
    { header: h.ratio, width: 11, value: (c) => c.ratio, numFmt: PERCENT },
    { header: h.status, width: 10, value: (c) => STATUS_LABELS[locale][c.status] },
    {
      header: h.behind,
      width: 11,
      value: (c) => (c.behind ? t.yes : t.no),
      align: 'center',
    },
    { header: h.start, width: 12, value: (c) => c.periodStart, align: 'center' },
    { header: h.end, width: 12, value: (c) => c.periodEnd, align: 'center' },
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

/** Sheet 1 单位排名 / Ranking (with a totals row and the definitions), sheet 2 承诺明细 / Commitments. */
export async function toXlsx(report: CoBuildingReport, locale: ExportLocale): Promise<Buffer> {
  const t = TEXT[locale];
  const workbook = newWorkbook(t.title(report));

  const ranking = workbook.addWorksheet(t.sheets.ranking);
  const columns = unitColumns(report, locale);
  addTable(ranking, report, locale, columns, report.units);
  const { totals } = report;
  const h = HEADERS[locale];
  const byHeader: Record<string, string | number | null> = {
    [h.rank]: locale === 'en' ? 'Total' : '合计',
    [h.unit]: locale === 'en' ? `${totals.unitCount} units` : `${totals.unitCount} 个单位`,
    [h.commitments]: totals.commitmentCount,
    [h.active]: totals.activeCount,
    [h.completed]: totals.completedCount,
    [h.lapsed]: totals.lapsedCount,
    [h.behind]: totals.behindCount,
    [h.rate]: totals.rate,
    [h.lagging]: totals.laggingCount,
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

  const details = workbook.addWorksheet(t.sheets.commitments);
  addTable(details, report, locale, commitmentColumns(report, locale), report.commitments);

  return xlsxFile(workbook);
}
