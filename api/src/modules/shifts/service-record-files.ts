// A volunteer's service record (service-record.ts) as the files they download: xlsx and an A4
// PDF, with the same summary, rows, total and note.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
  addNote,
  addTitle,
  freezeRows,
  newWorkbook,
  setColumnWidths,
  styleHeaderRow,
  totalBorder,
  xlsxFile,
} from '../../http/exports.js';
import { SERVICE_RECORD_TITLE, type ServiceRecord } from './service-record.js';

const COLUMNS = [
  { header: '序号 No.', width: 8 },
  { header: '日期 Date', width: 13 },
  { header: '时间 Time', width: 13 },
  { header: '服务活动 Activity', width: 32 },
  { header: '组织方 Organiser', width: 24 },
  { header: '服务地点 Location', width: 24 },
  { header: '服务时长（小时）Hours', width: 14 },
] as const;

const NOTE =
  '本记录依据《志愿服务记录与证明出具办法》出具，仅统计组织方已确认的服务时长。' +
  'Issued under the national rules on volunteer service records; only service time confirmed by the organiser is counted.';

const stars = (level: number) =>
  `${'★'.repeat(level)}${'☆'.repeat(Math.max(0, 5 - level))} (${level})`;

function summaryLines(record: ServiceRecord): [string, string | number][] {
  return [
    ['姓名 Name', record.volunteer.realName],
    ['所在社区 Community', record.volunteer.community],
    ['星级 Star level', stars(record.volunteer.starLevel)],
    ['服务次数 Services', record.rows.length],
    ['累计服务时长（小时）Total hours', record.totalHours],
    ['出具日期 Generated on', record.generatedOn],
  ];
}

// ---------------------------------------------------------------- xlsx

export async function serviceRecordXlsx(record: ServiceRecord): Promise<Buffer> {
  const workbook = newWorkbook(SERVICE_RECORD_TITLE, record.generatedAt);
  const sheet = workbook.addWorksheet('志愿服务记录');
  setColumnWidths(
    sheet,
    COLUMNS.map((c) => c.width),
  );
  addTitle(sheet, SERVICE_RECORD_TITLE, COLUMNS.length);
  for (const [label, value] of summaryLines(record)) {
    const row = sheet.addRow([label, null, value]);
    sheet.mergeCells(row.number, 1, row.number, 2);
    row.getCell(1).font = { bold: true };
    if (typeof value === 'number') row.getCell(3).numFmt = Number.isInteger(value) ? '0' : '0.00';
    row.getCell(3).alignment = { horizontal: 'left' };
  }
  sheet.addRow([]);

  const thin = { style: 'thin' } as const;
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  styleHeaderRow(header, thin);
  freezeRows(sheet, header.number);
  record.rows.forEach((r, i) => {
    const row = sheet.addRow([i + 1, r.date, r.time, r.activity, r.organiser, r.location, r.hours]);
    row.getCell(7).numFmt = '0.00';
    row.eachCell((cell) => (cell.border = { bottom: thin }));
  });
  const total = sheet.addRow(['合计 Total', null, null, null, null, null, record.totalHours]);
  sheet.mergeCells(total.number, 1, total.number, 6);
  total.getCell(7).numFmt = '0.00';
  total.eachCell((cell) => {
    cell.font = { bold: true };
    cell.border = totalBorder();
  });
  sheet.addRow([]);
  addNote(sheet, NOTE, COLUMNS.length, 30);
  return xlsxFile(workbook);
}

// ---------------------------------------------------------------- PDF

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;

/** Noto Sans SC (pdfkit's built-in fonts have no Chinese), read once per process. */
function loadFonts() {
  fonts ??= Promise.all([
    readFile(require.resolve(FONT_FILES.regular)),
    readFile(require.resolve(FONT_FILES.bold)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

/** Column widths in points; they add up to the width between A4's 40 pt margins. */
const PDF_COLUMNS = [
  { header: '序号 No.', width: 34, align: 'center' },
  { header: '日期 Date', width: 62, align: 'left' },
  { header: '时间 Time', width: 62, align: 'left' },
  { header: '服务活动 Activity', width: 121, align: 'left' },
  { header: '组织方 Organiser', width: 95, align: 'left' },
  { header: '服务地点 Location', width: 86, align: 'left' },
  { header: '时长(小时) Hours', width: 55, align: 'right' },
] as const;
const MARGIN = 40;
const PAD = 4;
const FONT_SIZE = 9;

export async function serviceRecordPdf(record: ServiceRecord): Promise<Buffer> {
  const { regular, bold } = await loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: SERVICE_RECORD_TITLE, Author: '共建 Gongjian', Creator: '共建 Gongjian' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc
    .font('bold')
    .fontSize(16)
    .text(SERVICE_RECORD_TITLE, left, MARGIN, { width, align: 'center' });
  doc.moveDown(0.8);
  doc.fontSize(10);
  for (const [label, value] of summaryLines(record)) {
    const text =
      typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(2) : String(value);
    doc.font('bold').text(`${label}：`, { continued: true }).font('regular').text(text);
  }
  doc.moveDown(0.8);

  const cellsOf = (cells: readonly string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(FONT_SIZE);
    const height =
      Math.max(
        ...cells.map((text, i) =>
          doc.heightOfString(text, { width: PDF_COLUMNS[i]!.width - 2 * PAD }),
        ),
      ) +
      2 * PAD;
    return { cells, font, height };
  };
  const drawRow = (row: ReturnType<typeof cellsOf>, shade: boolean) => {
    const y = doc.y;
    if (shade) doc.rect(left, y, width, row.height).fill('#E7EEF7');
    doc.fillColor('black').font(row.font).fontSize(FONT_SIZE);
    let x = left;
    row.cells.forEach((text, i) => {
      const column = PDF_COLUMNS[i]!;
      doc.text(text, x + PAD, y + PAD, { width: column.width - 2 * PAD, align: column.align });
      x += column.width;
    });
    doc
      .moveTo(left, y + row.height)
      .lineTo(left + width, y + row.height)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.x = left;
    doc.y = y + row.height;
  };
  const header = cellsOf(
    PDF_COLUMNS.map((c) => c.header),
    'bold',
  );
  drawRow(header, true);
  record.rows.forEach((r, i) => {
    const row = cellsOf(
      [String(i + 1), r.date, r.time, r.activity, r.organiser, r.location, r.hours.toFixed(2)],
      'regular',
    );
    if (doc.y + row.height > bottom()) {
      doc.addPage();
      drawRow(header, true);
    }
    drawRow(row, false);
  });
  if (record.rows.length === 0) {
    doc
      .font('regular')
      .fontSize(FONT_SIZE)
      .text('暂无已确认的服务记录 No confirmed service yet.', left + PAD, doc.y + PAD);
  }
  const total = cellsOf(['', '', '', '合计 Total', '', '', record.totalHours.toFixed(2)], 'bold');
  if (doc.y + total.height > bottom()) doc.addPage();
  drawRow(total, true);

  doc.moveDown(1.2);
  doc.font('regular').fontSize(8).fillColor('#595959');
  if (doc.y + doc.heightOfString(NOTE, { width }) > bottom()) doc.addPage();
  doc.text(NOTE, left, doc.y, { width });
  doc.text(`出具日期 Generated on ${record.generatedOn}`, { width, align: 'right' });

  // Page numbers, written below the bottom margin (which pdfkit would otherwise treat as full).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#595959')
      .text(
        `${record.volunteer.realName} · ${SERVICE_RECORD_TITLE} · 第 ${i + 1} / ${range.count} 页`,
        left,
        doc.page.height - MARGIN + 12,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return finished;
}
