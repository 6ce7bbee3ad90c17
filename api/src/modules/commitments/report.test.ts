import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  categoryByCode,
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  Measure,
  Role,
  toGlobalId,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import { csvSafe } from '../../http/exports.js';
import { contentDisposition } from '../../http/responses.js';

const t = useTestApp();

const YEAR = 2025;
const STANDINGS = `query($communityId: ID, $year: Int) {
  unitStandings(communityId: $communityId, year: $year) {
    unit { id name } rank rate pace commitmentCount activeCount completedCount lapsedCount behindCount lagging
    commitments { id title status targetAmount category { code } progress { verified ratio } }
  }
}`;

let community: Community;
let staff: User;
let staffToken: string;

/** Named so that their order by name differs from every ranking. */
const UNITS = {
  best: '甲-全部完成单位',
  close: '乙-基本完成单位',
  behind: '丙-进度滞后单位',
  tied: '丁-有逾期的单位',
  lapsed: '戊-逾期单位',
  idle: '己-没有承诺的单位',
} as const;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  staffToken = await t.login(staff.username);
  const funds = await categoryByCode(t.orm, 'resources');
  const tag = community.code;
  const units = Object.fromEntries(
    await Promise.all(
      Object.entries(UNITS).map(async ([key, name]) => [
        key,
        await makeUnit(t.orm, community, { name: `${name}-${tag}` }),
      ]),
    ),
  );
  const year = { periodStart: `${YEAR}-01-01`, periodEnd: `${YEAR}-12-31` };
  const make = (
    unit: keyof typeof UNITS,
    status: CommitmentStatus,
    targetAmount: string,
    verifiedAmount: string,
    extra: Record<string, unknown> = {},
  ) =>
    makeCommitment(t.orm, units[unit]!, {
      createdBy: staff,
      status,
      targetAmount,
      verifiedAmount,
      ...year,
      ...extra,
    });
  // best: 1 and 1.2 capped to 1 → 100 %, rank 1.
  await make('best', CommitmentStatus.COMPLETED, '100.00', '100.00');
  await make('best', CommitmentStatus.COMPLETED, '10.00', '12.00');
  // Not counted: a draft, and a commitment of another year.
  await make('best', CommitmentStatus.DRAFT, '100.00', '0');
  await make('lapsed', CommitmentStatus.ACTIVE, '100.00', '0', {
    periodStart: `${YEAR - 1}-01-01`,
    periodEnd: `${YEAR - 1}-12-31`,
  });
  // close: (1 + 0.9) / 2 = 95 %, not behind (0.9 ≥ 1 − 0.15), rank 2.
  await make('close', CommitmentStatus.COMPLETED, '1000.50', '1000.50', {
    measure: Measure.FUNDS_YUAN,
    category: funds,
  });
  await make('close', CommitmentStatus.ACTIVE, '100.00', '90.00');
  // behind: (1 + 0.5) / 2 = 75 %, one behind → lagging; tied with `tied` at rank 3.
  await make('behind', CommitmentStatus.COMPLETED, '200.00', '200.00');
  await make('behind', CommitmentStatus.ACTIVE, '80.00', '40.00');
  // tied: (1 + 0.5) / 2 = 75 %, one lapsed → lagging, rank 3.
  await make('tied', CommitmentStatus.COMPLETED, '4.00', '4.00', { measure: Measure.EVENTS });
  await make('tied', CommitmentStatus.LAPSED, '100.00', '50.00');
  // lapsed: 1/3 → rank 5.
  await make('lapsed', CommitmentStatus.LAPSED, '300.00', '100.00');
});

const base = () => t.url.replace(/\/graphql$/, '');

async function download(params: Record<string, string>, token?: string | null) {
  const response = await fetch(`${base()}/reports/co-building?${new URLSearchParams(params)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return response;
}

async function standings(): Promise<AnyData[]> {
  const res = await t.gql(STANDINGS, { communityId: community.nodeId, year: YEAR }, staffToken);
  expect(res.errors).toBeUndefined();
  return res.data!.unitStandings;
}

const cellValue = (cell: ExcelJS.Cell) => (cell.value === undefined ? null : cell.value);

function sheetRows(sheet: ExcelJS.Worksheet, headerRow: number) {
  const header = (sheet.getRow(headerRow).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(header.map((h, i) => [h, cellValue(row.getCell(i + 1))])));
  }
  return { header, rows };
}

const ZH_CSV_HEADER = [
  '名次',
  '单位',
  '社区',
  '类型',
  '单位履约率',
  '进度达成率',
  '后进',
  '类别',
  '承诺事项',
  '计量',
  '目标',
  '已核实',
  '完成比例',
  '状态',
  '进度滞后',
  '开始',
  '结束',
];

describe('co-building report', () => {
  it('has, in xlsx, exactly the ranks, rates and counts of unitStandings, and their totals', async () => {
    const query = await standings();
    // A past year: every period has fully elapsed, so pace = rate. The unit without commitments
    // is not yet rated: last, unranked, not lagging.
    expect(
      query.map((s) => [s.unit.name.split('-')[0], s.rank, s.rate, s.pace, s.lagging]),
    ).toEqual([
      ['戊', 5, 1 / 3, 1 / 3, true],
      ['丙', 3, 0.75, 0.75, true],
      ['丁', 3, 0.75, 0.75, true],
      ['乙', 2, 0.95, 0.95, false],
      ['甲', 1, 1, 1, false],
      ['己', null, null, null, false],
    ]);

    const res = await download(
      { communityId: community.nodeId, year: String(YEAR), format: 'xlsx' },
      staffToken,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(
      /^attachment; filename="co-building-report-2025\.xlsx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      `共建年度报告-${community.name}-${YEAR}.xlsx`,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['单位排名', '承诺明细']);

    const ranking = workbook.getWorksheet('单位排名')!;
    expect(ranking.getCell('A1').value).toBe(
      `${community.name}共驻共建联席会年度报告（${YEAR} 年）`,
    );
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const { header, rows } = sheetRows(ranking, 3);
    expect(header).toEqual([
      '名次',
      '单位',
      '类型',
      '承诺数',
      '履行中',
      '已完成',
      '已逾期',
      '进度滞后',
      '履约率',
      '进度达成率',
      '后进',
    ]);
    query.forEach((s, i) => {
      expect(rows[i]).toEqual({
        名次: s.rank,
        单位: s.unit.name,
        类型: '企业',
        承诺数: s.commitmentCount,
        履行中: s.activeCount,
        已完成: s.completedCount,
        已逾期: s.lapsedCount,
        进度滞后: s.behindCount,
        履约率: s.rate,
        进度达成率: s.pace,
        后进: s.pace === null ? '未评定' : s.lagging ? '是' : '否',
      });
    });
    expect(ranking.getRow(5).getCell(9).numFmt).toBe('0.0%');
    expect(ranking.getRow(4 + query.length).getCell(9).numFmt).toBe('0.0%');

    const sum = (key: string) => query.reduce((total, s) => total + s[key], 0);
    const total = rows[query.length]!;
    const commitments = sum('commitmentCount');
    expect(total).toMatchObject({
      名次: '合计',
      单位: `${query.length} 个单位`,
      承诺数: commitments,
      履行中: sum('activeCount'),
      已完成: sum('completedCount'),
      已逾期: sum('lapsedCount'),
      进度滞后: sum('behindCount'),
      后进: query.filter((s) => s.lagging).length,
    });
    expect(commitments).toBe(9);
    const weighted = query.reduce((t, s) => t + (s.rate ?? 0) * s.commitmentCount, 0) / commitments;
    expect(total['履约率']).toBeCloseTo(weighted, 12);
    // The same as the mean over every commitment of its capped ratio.
    const ratios = query.flatMap((s) =>
      s.commitments.map((c: AnyData) => Math.min(1, c.progress.ratio)),
    );
    expect(total['履约率']).toBeCloseTo(
      ratios.reduce((a: number, b: number) => a + b, 0) / ratios.length,
      12,
    );

    const details = sheetRows(workbook.getWorksheet('承诺明细')!, 3);
    const expected = query.flatMap((s) => s.commitments.map((c: AnyData) => ({ s, c })));
    expect(details.rows).toHaveLength(expected.length);
    expected.forEach(({ s, c }, i) => {
      expect(details.rows[i]).toMatchObject({
        名次: s.rank,
        单位: s.unit.name,
        承诺事项: c.title,
        目标: c.targetAmount,
        已核实: c.progress.verified,
        完成比例: c.progress.ratio,
        状态: { ACTIVE: '履行中', COMPLETED: '已完成', LAPSED: '已逾期' }[c.status as string],
        开始: `${YEAR}-01-01`,
        结束: `${YEAR}-12-31`,
      });
    });
    // Categories by name in the file's language, never by code.
    expect(details.header).not.toContain('类别代码');
    expect(details.rows.find((r) => r['类别'] === '资源共享')).toMatchObject({
      计量: '资金（元）',
      目标: 1000.5,
    });
  });

  it('has, in CSV with a BOM, one row per commitment with its unit’s rank and rate', async () => {
    const query = await standings();
    const res = await download(
      { communityId: community.nodeId, year: String(YEAR), format: 'csv', categoryId: '' },
      staffToken,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      `共建年度报告-${community.name}-${YEAR}.csv`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    // Headers in Chinese only (the page's language), categories by their Chinese name.
    expect(Object.keys(records[0]!)).toEqual(ZH_CSV_HEADER);
    expect(records.map((r) => r['类别'])).toContain('资源共享');
    expect(bytes.toString('utf8')).not.toMatch(/resources|Rank|Unit/);

    const expected = query.flatMap((s) =>
      s.commitments.length ? s.commitments.map((c: AnyData) => ({ s, c })) : [{ s, c: null }],
    );
    expect(records).toHaveLength(expected.length);
    expected.forEach(({ s, c }, i) => {
      const r = records[i]!;
      expect(r['单位']).toBe(s.unit.name);
      expect(r['社区']).toBe(community.name);
      expect(r['名次']).toBe(s.rank === null ? '' : String(s.rank));
      expect(r['单位履约率'] === '' ? null : Number(r['单位履约率'])).toBe(s.rate);
      expect(r['进度达成率'] === '' ? null : Number(r['进度达成率'])).toBe(s.pace);
      expect(r['后进']).toBe(s.pace === null ? '未评定' : s.lagging ? '是' : '否');
      if (c) {
        expect(r['承诺事项']).toBe(c.title);
        expect(Number(r['目标'])).toBe(c.targetAmount);
        expect(Number(r['已核实'])).toBe(c.progress.verified);
        expect(Number(r['完成比例'])).toBe(c.progress.ratio);
      } else {
        expect(r['承诺事项']).toBe('');
      }
    });
  });

  it('writes CSV headers and categories in English when the page is in English', async () => {
    const res = await download(
      { communityId: community.nodeId, year: String(YEAR), format: 'csv', lang: 'en' },
      staffToken,
    );
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([
      'Rank',
      'Unit',
      'Community',
      'Kind',
      'Unit rate',
      'Pace',
      'Lagging',
      'Category',
      'Commitment',
      'Measure',
      'Target',
      'Verified',
      'Ratio',
      'Status',
      'Behind',
      'Start',
      'End',
    ]);
    expect(bytes.toString('utf8')).not.toMatch(/名次|单位履约率|后进/);
    expect(records.map((r) => r.Category)).toContain('Shared resources');
    const idle = records.find((r) => r.Unit!.startsWith(UNITS.idle))!;
    expect(idle).toMatchObject({ Rank: '', Pace: '', Lagging: 'Not yet rated' });
  });

  it('filters by category and speaks English when asked', async () => {
    const category = await categoryByCode(t.orm, 'resources');
    const res = await download(
      {
        communityId: community.nodeId,
        year: String(YEAR),
        format: 'xlsx',
        categoryId: category.nodeId,
        lang: 'en',
      },
      staffToken,
    );
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      `co-building-report-${community.nameEn}-${YEAR}-resources.xlsx`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const { rows } = sheetRows(workbook.getWorksheet('Ranking')!, 3);
    const close = rows.find((r) => String(r['Unit']).startsWith(UNITS.close))!;
    expect(close).toMatchObject({
      Rank: 1,
      'Fulfilment rate': 1,
      Lagging: 'No',
    });
    const details = sheetRows(workbook.getWorksheet('Commitments')!, 3).rows;
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({
      Category: 'Shared resources',
      Status: 'Completed',
    });
  });

  it('answers 401 without a token, 403 outside the community, 400 for bad parameters', async () => {
    const params = { communityId: community.nodeId, year: String(YEAR) };
    const anonymous = await download(params);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toEqual({
      errors: [{ message: 'You must be signed in.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect((await download(params, 'gj_not-a-token')).status).toBe(401);

    const elsewhere = await makeCommunity(t.orm);
    const volunteer = await makeUser(t.orm, { role: Role.VOLUNTEER, community: elsewhere });
    const outsider = await download(params, await t.login(volunteer.username));
    expect(outsider.status).toBe(403);
    expect(((await outsider.json()) as AnyData).errors[0].extensions.code).toBe('FORBIDDEN');

    for (const bad of [{ year: '1999' }, { year: 'last' }, { format: 'pdf' }] as Record<
      string,
      string
    >[]) {
      const res = await download({ ...params, ...bad }, staffToken);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as AnyData).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('lets the office download the whole sub-district, with a community column', async () => {
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(admin.username);
    const unknown = await download(
      { communityId: toGlobalId('Community', 9_999_999), year: String(YEAR) },
      token,
    );
    expect(unknown.status).toBe(404);

    const res = await download({ year: String(YEAR), format: 'xlsx' }, token);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const { header, rows } = sheetRows(workbook.getWorksheet('单位排名')!, 3);
    expect(header[2]).toBe('社区');
    const best = rows.find((r) => String(r['单位']).startsWith(UNITS.best))!;
    expect(best['社区']).toBe(community.name);
  });
});

describe('report helpers', () => {
  it('defuses spreadsheet formulas in CSV text', () => {
    expect(csvSafe('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvSafe('+86 热线')).toBe(`'+86 热线`);
    expect(csvSafe('青山社区')).toBe('青山社区');
  });

  it('encodes the file name for Content-Disposition', () => {
    expect(contentDisposition("共建(1)'.csv", 'r.csv')).toBe(
      `attachment; filename="r.csv"; filename*=UTF-8''%E5%85%B1%E5%BB%BA%281%29%27.csv`,
    );
  });
});
