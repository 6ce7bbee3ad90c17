import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity, makeGrid, makeUser, Role } from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { Community } from './community.entity.js';

const t = useTestApp();

let community: Community;
let other: Community;
let tokens: Record<'staff' | 'admin' | 'volunteer' | 'social', string>;

beforeAll(async () => {
  // 3,600 households: workers 9 + 1 (one full 500 above 3,000) = 10; 7 recorded → short 3.
  // Grid leaders ⌈3600/400⌉ = 9 … ⌈3600/300⌉ = 12; one leader recorded → short 8.
  community = await makeCommunity(t.orm, {
    households: 3600,
    fullTimeWorkers: 7,
    secondedWorkers: 2,
    name: '=测试社区',
  });
  await makeGrid(t.orm, community, { households: 450, name: '一网格' });
  await makeGrid(t.orm, community, {
    households: 350,
    name: '二网格',
    leaderName: null,
    leaderPhone: null,
  });
  other = await makeCommunity(t.orm, { households: 1000, fullTimeWorkers: 5 });
  tokens = {
    staff: await t.login(
      (await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community })).username,
    ),
    admin: await t.login((await makeUser(t.orm, { role: Role.STREET_ADMIN })).username),
    volunteer: await t.login((await makeUser(t.orm, { role: Role.VOLUNTEER, community })).username),
    social: await t.login(
      (await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community })).username,
    ),
  };
});

const base = () => t.url.replace(/\/graphql$/, '');

function download(params: Record<string, string>, token?: string | null) {
  return fetch(`${base()}/reports/staffing?${new URLSearchParams(params)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

async function workbook(response: Response): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  return book;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) =>
  (sheet.getRow(n).values as unknown[]).slice(1);

describe('GET /reports/staffing', () => {
  it('gives staff their own community in xlsx with the standard’s figures', async () => {
    const res = await download({ format: 'xlsx' }, tokens.staff);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="staffing-report-\d{4}-\d\d-\d\d\.xlsx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain(
      '社区工作者配备情况-=测试社区-',
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const book = await workbook(res);
    const sheet = book.getWorksheet('社区配备')!;
    expect(String(sheet.getCell(1, 1).value)).toMatch(/^=测试社区社区工作者配备情况/);
    expect(rowValues(sheet, 3)[0]).toBe('社区');
    expect(rowValues(sheet, 4)).toEqual(['=测试社区', 3600, '10', 7, 2, 3, '9–12', 1, 8, 2, 2, 1]);
    expect(rowValues(sheet, 5).slice(0, 2)).toEqual(['合计', 3600]);
    const grids = book.getWorksheet('网格')!;
    const gridRows = [4, 5].map((n) => rowValues(grids, n));
    expect(gridRows).toEqual(
      expect.arrayContaining([
        ['=测试社区', '一网格', 450, '是', '是'],
        ['=测试社区', '二网格', 350, '否', '否'],
      ]),
    );
  });

  it('writes CSV with a BOM, escaped text and English labels', async () => {
    const res = await download({ format: 'csv', lang: 'en' }, tokens.staff);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8').slice(1)) as string[][];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([
      'Community',
      'Households',
      'Workers required',
      'Full-time workers',
      'Seconded staff',
      'Worker shortfall',
      'Grid leaders required',
      'Grid leaders',
      'Grid leader shortfall',
      'Grids',
      'Grids over 300',
      'Grids over 400',
    ]);
    // The English name is used; a name starting with "=" would be escaped.
    expect(rows[1]![0]).toBe(community.nameEn);
    expect(rows[1]!.slice(1, 6)).toEqual(['3600', '10', '7', '2', '3']);
    expect(rows[2]![0]).toBe('Total');
    // (Response.text() drops the BOM.)
    const zh = parse(await (await download({ format: 'csv' }, tokens.staff)).text()) as string[][];
    expect(zh[0]!.slice(0, 3)).toEqual(['社区', '户数', '应配社区工作者']);
    expect(zh[0]!.join()).not.toMatch(/[A-Za-z]/);
    expect(zh[1]![0]).toBe("'=测试社区");
  });

  it('gives the office every community, or one', async () => {
    const all = await download({ format: 'csv' }, tokens.admin);
    expect(all.status).toBe(200);
    const rows = parse((await all.text()).slice(1)) as string[][];
    const names = rows.map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(["'=测试社区", other.name, '合计']));
    const one = await download({ communityId: other.nodeId, format: 'xlsx' }, tokens.admin);
    expect(one.status).toBe(200);
    const sheet = (await workbook(one)).getWorksheet('社区配备')!;
    expect(rowValues(sheet, 4).slice(0, 4)).toEqual([other.name, 1000, '5', 5]);
  });

  it('refuses strangers, other communities, other roles and bad parameters in the GraphQL shape', async () => {
    const anonymous = await download({ format: 'xlsx', lang: 'fr' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toEqual({
      errors: [{ message: 'You must be signed in.', extensions: { code: 'UNAUTHENTICATED' } }],
    });

    const elsewhere = await download({ communityId: other.nodeId }, tokens.staff);
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toMatchObject({
      errors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
    for (const token of [tokens.volunteer, tokens.social]) {
      const refused = await download({}, token);
      expect(refused.status).toBe(403);
    }

    const badFormat = await download({ format: 'pdf' }, tokens.staff);
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toEqual({
      errors: [
        { message: '"format" must be xlsx or csv.', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
    const badLang = await download({ lang: 'fr' }, tokens.staff);
    expect(badLang.status).toBe(400);
    const unknown = await download({ communityId: 'nonsense' }, tokens.admin);
    expect(unknown.status).toBe(404);
  });
});
