// What the downloads share — the co-building report (`commitments/report-xlsx.ts`,
// `report-csv.ts`), the staffing report (`directory/staffing-report.ts`) and the volunteer service record
// (`shifts/service-record.ts`): the query parameters, CSV and xlsx files in one house style, and
// the route that checks the sign-in, builds the file and sends it.
//
// Each feature keeps its document (what the file says) and its columns; the layout is here.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { badUserInput } from '../graphql/errors.js';
import { contentDisposition, contextOf, sendThrown } from './responses.js';

// ---------------------------------------------------------------- parameters

export type ExportLocale = 'zh-CN' | 'en';
export const EXPORT_LOCALES: readonly ExportLocale[] = ['zh-CN', 'en'];

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/** A text parameter given at most once; `?name=` (empty) means not given. */
export const optionalParam = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string('Give one value.').max(200).optional(),
);

/** `?format=xlsx|csv` (default xlsx) for the reports. */
export const formatParam = z.enum(['xlsx', 'csv'], '"format" must be xlsx or csv.').default('xlsx');

/** `?lang=zh-CN|en` (default zh-CN): the language of the texts around the data. */
export const langParam = z
  .enum(EXPORT_LOCALES as [ExportLocale, ...ExportLocale[]], '"lang" must be zh-CN or en.')
  .default('zh-CN');

/** The query, or BAD_USER_INPUT with the first problem. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw badUserInput(parsed.error.issues[0]!.message);
  return parsed.data;
}

/** A file name (without extension) made of titles: characters file systems refuse become `_`. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n]+/g, '_');
}

// ---------------------------------------------------------------- CSV

/**
 * Spreadsheet programs run a cell starting with = + - @ (or a tab / return) as a formula; names
 * and titles are typed by users, so such text gets a leading apostrophe.
 */
export function csvSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Rows as CSV the way spreadsheet programs open it right: UTF-8 with a BOM, CRLF. */
export function csvFile(records: (string | number | null)[][]): Buffer {
  return Buffer.from(stringify(records, { bom: true, record_delimiter: 'windows' }), 'utf8');
}

// ---------------------------------------------------------------- xlsx

/** The border above and below a totals row. */
export const totalBorder = (): Partial<ExcelJS.Borders> => ({
  top: { style: 'medium' },
  bottom: { style: 'medium' },
});

/** Wide tables print across: one page wide, as many pages long as they need. */
export function printLandscape(sheet: ExcelJS.Worksheet): void {
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

export function newWorkbook(title: string, created = new Date()): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共建 Gongjian';
  workbook.title = title;
  workbook.created = created;
  return workbook;
}

export async function xlsxFile(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function setColumnWidths(sheet: ExcelJS.Worksheet, widths: readonly number[]): void {
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}

/** The sheet's title in row 1, across `columnCount` columns. */
export function addTitle(
  sheet: ExcelJS.Worksheet,
  title: string,
  columnCount: number,
  alignment?: Partial<ExcelJS.Alignment>,
): void {
  sheet.mergeCells(1, 1, 1, columnCount);
  const cell = sheet.getCell(1, 1);
  cell.value = title;
  cell.font = { bold: true, size: 14 };
  if (alignment) cell.alignment = alignment;
  sheet.getRow(1).height = 24;
}

/** Column headers: bold, centred, wrapped, shaded; with `border` above and below when given. */
export function styleHeaderRow(row: ExcelJS.Row, border?: Partial<ExcelJS.Border>): void {
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    if (border) cell.border = { bottom: border, top: border };
  });
}

/** Keeps the rows up to `row` (the title and the headers) in view while scrolling. */
export function freezeRows(sheet: ExcelJS.Worksheet, row: number): void {
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: row }];
}

/** A small grey note below the table, across `columnCount` columns. */
export function addNote(
  sheet: ExcelJS.Worksheet,
  text: string,
  columnCount: number,
  height: number,
): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, columnCount);
  row.getCell(1).font = { color: { argb: 'FF595959' }, size: 9 };
  row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  row.height = height;
}

// ---------------------------------------------------------------- the route

export interface Download {
  body: Buffer;
  /** `Content-Type`, e.g. `CONTENT_TYPES.xlsx`. */
  type: string;
  /** The name people see (any language, with extension)… */
  fileName: string;
  /** …and an ASCII one for clients that cannot read the other. */
  fallbackName: string;
}

/** Sends a file to download: private, never cached, never sniffed. */
export function sendDownload(res: Response, file: Download): void {
  res
    .status(200)
    .set({
      'Content-Type': file.type,
      'Content-Disposition': contentDisposition(file.fileName, file.fallbackName),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    .send(file.body);
}

/**
 * A download route for signed-in users (`Authorization: Bearer <token>`): `make` reads the
 * request and builds the file, deciding through the policy who may have it. Errors answer in the
 * GraphQL error shape with their status (401, 403, 400, 404); anything else is logged and masked.
 */
export function downloadRoute(
  app: App,
  what: string,
  make: (ctx: Context, req: Request) => Promise<Download>,
): RequestHandler {
  return async (req, res) => {
    try {
      const ctx = await contextOf(app, req);
      // Strangers learn nothing about the parameters, not even that they are wrong.
      ctx.viewer.requireUser();
      sendDownload(res, await make(ctx, req));
    } catch (error) {
      sendThrown(app, req, res, error, what);
    }
  };
}
