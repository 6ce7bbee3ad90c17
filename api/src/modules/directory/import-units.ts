// Bulk import of resident units from the spreadsheets communities keep (xlsx or CSV):
// every row is checked, and either all rows are written in one transaction or none. Headers may
// be Chinese or English (the template comes in the page's language); a row whose first cell
// starts with "#" is a comment (the template's example row) and is skipped.
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import {
  inputField,
  refused,
  userError,
  UserErrorCode,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize, can } from '../auth/policy.js';
import { communityOfQuery } from '../auth/roles.js';
import { Community } from './community.entity.js';
import { Grid } from './grid.entity.js';
import { Unit, UnitKind } from './unit.entity.js';
import { unitSchema } from './directory.validation.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export interface RowError {
  row: number;
  column: string | null;
  field: Column | null;
  code: string;
  message: string;
  value: string | null;
  allowed: string[];
  limit: number | null;
  otherRow: number | null;
}

export interface ImportResult {
  importedCount: number;
  validCount: number;
  rowErrors: RowError[];
  errors: UserError[];
}

export type Column =
  | 'name'
  | 'kind'
  | 'community'
  | 'grid'
  | 'staffCount'
  | 'address'
  | 'liaisonName'
  | 'liaisonPhone';

/**
 * Header spellings accepted for each column (compared without spaces, case-insensitively): the
 * template's Chinese header first, its English one ("Unit name", "Kind of unit", "Community",
 * "Grid", "Staff count", "Address", "Liaison name", "Liaison phone"), then other usual spellings.
 */
const HEADERS: Record<Column, string[]> = {
  name: ['单位名称', 'unitname', '名称', '单位', 'name', 'unit'],
  kind: ['单位类型', 'kindofunit', '类型', '性质', 'kind', 'type', 'unitkind'],
  community: ['所属社区', 'community', '社区'],
  grid: ['所属网格', 'grid', '网格'],
  staffCount: ['职工人数', 'staffcount', '人数', '在职人数', 'staff'],
  address: ['地址', 'address', '单位地址'],
  liaisonName: ['联络员', 'liaisonname', '联系人', 'liaison', 'contact'],
  liaisonPhone: ['联系电话', 'liaisonphone', '联络员电话', '电话', '手机', 'phone'],
};

/** A row that is not a unit: empty, or a comment (its first cell starts with "#"). */
const skipped = (cells: string[]) =>
  cells.every((cell) => cell.trim() === '') || (cells[0] ?? '').trim().startsWith('#');
const REQUIRED: Column[] = ['name', 'kind', 'staffCount', 'liaisonName', 'liaisonPhone'];

/** Kind labels as communities write them. */
const KIND_LABELS: [RegExp, UnitKind][] = [
  [/^(企业|公司|民营企业|国有企业|私营企业)$/, UnitKind.ENTERPRISE],
  [/^(事业单位|事业)$/, UnitKind.INSTITUTION],
  [/^(学校|幼儿园)$/, UnitKind.SCHOOL],
  [/^(医院|医疗机构|卫生机构|诊所)$/, UnitKind.HOSPITAL],
  [/^(政府部门|机关|党政机关|行政机关|政府机关)$/, UnitKind.GOVERNMENT_DEPARTMENT],
  [/^(社会组织|社团|民办非企业)$/, UnitKind.SOCIAL_ORGANISATION],
  [/^public\s*institution$/i, UnitKind.INSTITUTION],
];

function parseKind(value: string): UnitKind | null {
  const upper = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if ((Object.values(UnitKind) as string[]).includes(upper)) return upper as UnitKind;
  if (upper === 'SOCIAL_ORGANIZATION') return UnitKind.SOCIAL_ORGANISATION;
  return KIND_LABELS.find(([pattern]) => pattern.test(value.trim()))?.[1] ?? null;
}

interface SheetRow {
  row: number;
  cells: string[];
}

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // Excel in a Chinese locale saves CSV as GB18030 (GBK).
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/**
 * The first sheet's non-empty rows, read as a stream that stops after `maxRows`: a small xlsx
 * can hold hundreds of thousands of rows, and none past the limit is ever built.
 */
async function readSheet(
  fileName: string,
  buffer: Buffer,
  maxRows: number,
): Promise<{ rows: SheetRow[]; tooMany: boolean }> {
  const rows: SheetRow[] = [];
  const isZip = buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (isZip || /\.xlsx$/i.test(fileName)) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!row.hasValues) continue;
        const cells: string[] = [];
        for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text.trim());
        rows.push({ row: row.number, cells });
        if (rows.length > maxRows) return { rows, tooMany: true };
      }
      break; // the first sheet only
    }
    return { rows, tooMany: false };
  }
  const parser = Readable.from([decodeText(buffer)]).pipe(
    parseCsv({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    rows.push({ row: info.lines, cells: record });
    if (rows.length > maxRows) {
      parser.destroy();
      return { rows, tooMany: true };
    }
  }
  return { rows, tooMany: false };
}

function columnMap(header: string[]): Map<Column, number> {
  const normalised = header.map((h) => h.replace(/\s+/g, '').toLowerCase());
  const map = new Map<Column, number>();
  for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) {
    const index = normalised.findIndex((h) => names.includes(h));
    if (index >= 0) map.set(column, index);
  }
  return map;
}

/** What a row error says beside its code, when it says nothing more. */
const NO_DETAILS: Pick<RowError, 'value' | 'allowed' | 'limit' | 'otherRow'> = {
  value: null,
  allowed: [],
  limit: null,
  otherRow: null,
};

/** What a refused import reports beside its errors: nothing checked, nothing written. */
const NOTHING_IMPORTED = { importedCount: 0, validCount: 0, rowErrors: [] };

export async function importUnits(
  ctx: Context,
  input: {
    fileName: string;
    contentBase64: string;
    communityId?: string | null;
    dryRun?: boolean | null;
  },
): Promise<ImportResult> {
  const user = ctx.viewer.requireUser();
  const defaultCommunityId = input.communityId ? (idOf(input.communityId, 'Community') ?? 0) : null;
  // Staff import into their own community; the office into any.
  authorize(ctx.viewer, 'directory.manage', {
    communityId: communityOfQuery(user, defaultCommunityId),
  });

  const buffer = Buffer.from(input.contentBase64, 'base64');
  if (buffer.length === 0) {
    return refused(
      NOTHING_IMPORTED,
      userError(UserErrorCode.REQUIRED, 'The file is empty.', inputField('contentBase64')),
    );
  }
  if (buffer.length > MAX_IMPORT_BYTES) {
    return refused(
      NOTHING_IMPORTED,
      userError(
        UserErrorCode.TOO_LONG,
        'The file is larger than 5 MB.',
        inputField('contentBase64'),
      ),
    );
  }
  if (!/\.(xlsx|csv)$/i.test(input.fileName)) {
    return refused(
      NOTHING_IMPORTED,
      userError(
        UserErrorCode.UNSUPPORTED_FILE,
        'Upload an .xlsx or .csv file.',
        inputField('fileName'),
      ),
    );
  }
  let sheet: { rows: SheetRow[]; tooMany: boolean };
  try {
    // The header row, the most rows an import takes, and one more to tell there are too many.
    sheet = await readSheet(input.fileName, buffer, MAX_IMPORT_ROWS + 1);
  } catch {
    return refused(
      NOTHING_IMPORTED,
      userError(
        UserErrorCode.UNSUPPORTED_FILE,
        'The file could not be read as a spreadsheet.',
        inputField('contentBase64'),
      ),
    );
  }
  const [header, ...all] = sheet.rows;
  const rows = all.filter((r) => !skipped(r.cells));
  if (!header || rows.length === 0) {
    return refused(
      NOTHING_IMPORTED,
      userError(
        UserErrorCode.REQUIRED,
        'The sheet has no data rows below its header row.',
        inputField('contentBase64'),
      ),
    );
  }
  if (sheet.tooMany || rows.length > MAX_IMPORT_ROWS) {
    return refused(
      NOTHING_IMPORTED,
      userError(
        UserErrorCode.TOO_LONG,
        `At most ${MAX_IMPORT_ROWS} rows can be imported at once.`,
        inputField('contentBase64'),
      ),
    );
  }
  const columns = columnMap(header.cells);
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (!columns.has('community') && defaultCommunityId === null) missing.push('community');
  if (missing.length) {
    return {
      importedCount: 0,
      validCount: 0,
      errors: [],
      rowErrors: missing.map((c) => ({
        ...NO_DETAILS,
        row: header.row,
        column: HEADERS[c][0]!,
        field: c,
        code: 'MISSING_COLUMN',
        message: `The header row has no "${HEADERS[c][0]}" (${c}) column.`,
      })),
    };
  }

  // Everything rows can refer to, loaded once.
  const communities = await ctx.em.find(Community, {});
  const grids = await ctx.em.find(Grid, {});
  const names = rows.map((r) => r.cells[columns.get('name')!]?.trim() ?? '').filter(Boolean);
  const existing = new Set(
    (await ctx.em.find(Unit, { name: { $in: names } }, { fields: ['name'] })).map((u) => u.name),
  );
  /** The communities rows may name: those the viewer manages. */
  const usable = communities.filter((c) =>
    can(ctx.viewer, 'directory.manage', { communityId: c.id }),
  );
  const findCommunity = (value: string) =>
    communities.find(
      (c) =>
        c.name === value ||
        c.code === value.toLowerCase() ||
        c.nameEn === value ||
        c.name === `${value}社区`,
    );

  const rowErrors: RowError[] = [];
  const seen = new Map<string, number>();
  const valid: {
    data: ReturnType<typeof unitSchema.parse>;
    community: Community;
    grid: Grid | null;
  }[] = [];
  for (const { row, cells } of rows) {
    const cell = (c: Column) => (columns.has(c) ? (cells[columns.get(c)!] ?? '').trim() : '');
    const errorsBefore = rowErrors.length;
    const problem = (
      column: Column,
      code: string,
      message: string,
      details: Partial<typeof NO_DETAILS> = {},
    ) =>
      rowErrors.push({
        row,
        column: header.cells[columns.get(column) ?? -1] ?? HEADERS[column][0]!,
        field: column,
        code,
        message,
        ...NO_DETAILS,
        value: cell(column) || null,
        ...details,
      });

    const communityText = cell('community');
    const community = communityText
      ? findCommunity(communityText)
      : communities.find((c) => c.id === defaultCommunityId);
    if (!community) {
      problem('community', UserErrorCode.NOT_FOUND, `No community named "${communityText}".`, {
        allowed: usable.map((c) => c.name),
      });
    } else if (!can(ctx.viewer, 'directory.manage', { communityId: community.id })) {
      problem(
        'community',
        UserErrorCode.OUT_OF_SCOPE,
        `You cannot add units to ${community.name}.`,
      );
    }
    const kind = parseKind(cell('kind'));
    if (!kind && cell('kind')) {
      problem('kind', 'NOT_A_CHOICE', `Unknown kind of unit "${cell('kind')}".`, {
        allowed: Object.values(UnitKind),
      });
    }
    const staffText = cell('staffCount').replace(/[,，\s人]/g, '');
    const staffCount = /^\d+$/.test(staffText) ? Number(staffText) : NaN;

    const parsed = unitSchema.safeParse({
      name: cell('name'),
      kind: kind ?? undefined,
      staffCount: Number.isNaN(staffCount) ? undefined : staffCount,
      address: cell('address') || null,
      liaisonName: cell('liaisonName'),
      liaisonPhone: cell('liaisonPhone').replace(/[\s-]/g, ''),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = issue.path[0] as Column;
        if (column === 'kind' && cell('kind')) continue; // already reported with the value
        if (!cell(column)) {
          problem(column, UserErrorCode.REQUIRED, `"${HEADERS[column][0]}" is required.`);
        } else if (column === 'staffCount' && Number.isNaN(staffCount)) {
          problem(
            column,
            'NOT_A_WHOLE_NUMBER',
            `Staff count "${cell(column)}" is not a whole number.`,
          );
        } else if (issue.code === 'too_big') {
          problem(column, column === 'staffCount' ? 'TOO_LARGE' : 'TOO_LONG', issue.message, {
            limit: Number(issue.maximum),
          });
        } else if (column === 'liaisonPhone') {
          problem(column, 'INVALID_PHONE', issue.message);
        } else {
          problem(column, UserErrorCode.INVALID, issue.message);
        }
      }
    }
    const name = cell('name');
    if (name && seen.has(name)) {
      problem('name', 'DUPLICATE_ROW', `"${name}" is also in row ${seen.get(name)}.`, {
        otherRow: seen.get(name) ?? null,
      });
    } else if (name) {
      seen.set(name, row);
    }
    if (existing.has(name))
      problem('name', UserErrorCode.TAKEN, `A unit named "${name}" already exists.`);

    let grid: Grid | null = null;
    const gridText = cell('grid');
    if (gridText && community) {
      grid =
        grids.find(
          (g) =>
            g.community.id === community.id &&
            (g.name === gridText || g.code === gridText.toLowerCase()),
        ) ?? null;
      if (!grid) {
        problem('grid', UserErrorCode.NOT_FOUND, `No grid "${gridText}" in ${community.name}.`, {
          allowed: grids.filter((g) => g.community.id === community.id).map((g) => g.name),
        });
      }
    }
    if (rowErrors.length === errorsBefore && parsed.success && community) {
      valid.push({ data: parsed.data, community, grid });
    }
  }

  if (rowErrors.length > 0 || input.dryRun) {
    return { importedCount: 0, validCount: valid.length, rowErrors, errors: [] };
  }
  try {
    await ctx.em.transactional(async (em) => {
      for (const { data, community, grid } of valid) {
        em.create(Unit, { ...data, address: data.address ?? '', community, grid });
      }
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      ctx.em.clear();
      return refused(
        NOTHING_IMPORTED,
        userError(
          UserErrorCode.CONFLICT,
          'Some of these units were added by someone else meanwhile. Check the sheet and import again.',
        ),
      );
    }
    throw error;
  }
  return { importedCount: valid.length, validCount: valid.length, rowErrors: [], errors: [] };
}
