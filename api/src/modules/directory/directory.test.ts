import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeCommunity,
  makeGrid,
  makeUnit,
  makeUser,
  Role,
} from '../../../../tests/support/factories.js';
import {
  useTestApp,
  type AnyData,
  type GraphQLResponse,
} from '../../../../tests/support/test-app.js';
import type { Community } from './community.entity.js';
import { Grid } from './grid.entity.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-units.js';
import { Unit } from './unit.entity.js';

const t = useTestApp();

const LIST = `query($first: Int!) {
  communities(first: 10) {
    totalCount
    edges { node {
      id name gridCount unitCount
      staffing { workerShortfall gridsOver400 }
      grids(first: $first) {
        totalCount
        edges { node { id name households leaderPhone community { name }
          units(first: $first) { totalCount edges { node { id name liaisonPhone liaisonAccount { status } grid { name } community { code } } } }
        } }
      }
      units(first: $first) { edges { node { id name } } }
    } }
  }
}`;

let communities: Community[];

beforeAll(async () => {
  communities = [];
  for (let c = 0; c < 6; c++) {
    const community = await makeCommunity(t.orm);
    communities.push(community);
    for (let g = 0; g < 4; g++) {
      const grid = await makeGrid(t.orm, community, { households: 250 + g * 80 });
      for (let u = 0; u < 3; u++) await makeUnit(t.orm, community, { grid });
    }
  }
});

describe('communities → grids → units', () => {
  it('runs in a constant number of SQL statements whatever the page size', async () => {
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(admin.username);
    const counts: number[] = [];
    for (const first of [1, 2, 5, 10]) {
      let body: GraphQLResponse | undefined;
      counts.push(
        await t.countStatements(async () => (body = await t.gql(LIST, { first }, token))),
      );
      expect(body!.errors).toBeUndefined();
      const edges = body!.data!.communities.edges;
      expect(edges).toHaveLength(6);
      expect(edges[0].node.grids.edges).toHaveLength(Math.min(first, 4));
      expect(edges[0].node.grids.edges[0].node.units.edges).toHaveLength(Math.min(first, 3));
      expect(edges[0].node.grids.edges[0].node.units.totalCount).toBe(3);
    }
    // session, communities page, its count, grid counts, unit counts, grids page, units-of-
    // community page, staffing grids, units-of-grid page, their counts, the units' liaison
    // accounts. Parents already loaded (grid.community, unit.grid) come from the request's
    // identity map.
    expect(counts, t.statements.join('\n')).toEqual([11, 11, 11, 11]);
  });

  it('pages with opaque cursors and refuses pages above the maximum', async () => {
    const first = await t.gql(
      '{ communities(first: 4) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    const page1 = first.data!.communities;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql(
      'query($after: String) { communities(first: 4, after: $after) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }',
      { after: page1.pageInfo.endCursor },
    );
    const ids = [...page1.edges, ...second.data!.communities.edges].map(
      (e: { node: { id: string } }) => e.node.id,
    );
    expect(new Set(ids).size).toBe(6);
    expect(second.data!.communities.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
    });

    const tooMany = await t.gql('{ communities(first: 101) { edges { node { id } } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await t.gql(
      '{ communities(first: 1, after: "bm9wZQ") { edges { node { id } } } }',
    );
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('fetches any of them again through node(id)', async () => {
    const unit = await makeUnit(t.orm, communities[0]!);
    const res = await t.gql(`{ node(id: "${unit.nodeId}") { id ... on Unit { name kind } } }`);
    expect(res.data!.node).toEqual({ id: unit.nodeId, name: unit.name, kind: 'ENTERPRISE' });
    expect((await t.gql('{ node(id: "bm9wZQ") { id } }')).data!.node).toBeNull();
  });
});

describe('unit liaison contact (PIPL)', () => {
  it('a liaison sees their own unit contact but not another unit’s, and cannot change it', async () => {
    const community = communities[1]!;
    const own = await makeUnit(t.orm, community, {
      liaisonName: '赵国强',
      liaisonPhone: '13811112222',
    });
    const foreign = await makeUnit(t.orm, community, {
      liaisonName: '钱秀英',
      liaisonPhone: '13933334444',
    });
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit: own, community });
    const token = await t.login(liaison.username);
    const read = (unit: Unit) =>
      t.gql(
        `{ node(id: "${unit.nodeId}") { ... on Unit { liaisonName liaisonPhone } } }`,
        {},
        token,
      );

    expect((await read(own)).data!.node).toEqual({
      liaisonName: '赵国强',
      liaisonPhone: '13811112222',
    });
    expect((await read(foreign)).data!.node).toEqual({
      liaisonName: '钱**',
      liaisonPhone: '139****4444',
    });

    const UPDATE = `mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { unit { liaisonPhone } errors { code field } } }`;
    const changeForeign = await t.gql(
      UPDATE,
      { input: { id: foreign.nodeId, liaisonPhone: '13000000000' } },
      token,
    );
    expect(changeForeign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.orm.em.fork().findOneOrFail(Unit, foreign.id)).liaisonPhone).toBe(
      '13933334444',
    );

    const changeOwn = await t.gql(
      UPDATE,
      { input: { id: own.nodeId, liaisonPhone: '13055556666' } },
      token,
    );
    expect(changeOwn.data!.updateUnit).toEqual({
      unit: { liaisonPhone: '13055556666' },
      errors: [],
    });

    const rename = await t.gql(UPDATE, { input: { id: own.nodeId, name: '改名' } }, token);
    expect(rename.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('anonymous readers see contacts masked', async () => {
    const unit = await makeUnit(t.orm, communities[1]!, { liaisonPhone: '13877778888' });
    const res = await t.gql(`{ node(id: "${unit.nodeId}") { ... on Unit { liaisonPhone } } }`);
    expect(res.data!.node.liaisonPhone).toBe('138****8888');
  });
});

describe('directory writes', () => {
  const CREATE_UNIT = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { unit { id name community { id } } errors { code field message } } }`;

  it('staff add units to their own community only', async () => {
    const [own, foreign] = [communities[2]!, communities[3]!];
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: own });
    const token = await t.login(staff.username);
    const input = {
      kind: 'SCHOOL',
      staffCount: 80,
      liaisonName: '孙丽',
      liaisonPhone: '13512345678',
    };
    const ok = await t.gql(
      CREATE_UNIT,
      { input: { ...input, name: '青山第九小学', communityId: own.nodeId } },
      token,
    );
    expect(ok.data!.createUnit.errors).toEqual([]);
    const refused = await t.gql(
      CREATE_UNIT,
      { input: { ...input, name: '别处小学', communityId: foreign.nodeId } },
      token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const duplicate = await t.gql(
      CREATE_UNIT,
      { input: { ...input, name: '青山第九小学', communityId: own.nodeId } },
      token,
    );
    expect(duplicate.data!.createUnit.errors).toEqual([
      expect.objectContaining({ code: 'TAKEN', field: ['input', 'name'] }),
    ]);
    const invalid = await t.gql(
      CREATE_UNIT,
      {
        input: {
          ...input,
          name: ' ',
          staffCount: -1,
          liaisonPhone: '123',
          communityId: own.nodeId,
        },
      },
      token,
    );
    expect(
      invalid.data!.createUnit.errors.map((e: { field: string[] }) => e.field[1]).sort(),
    ).toEqual(['liaisonPhone', 'name', 'staffCount']);
  });

  it('detects a concurrent edit by version instead of losing it', async () => {
    const community = communities[2]!;
    const unit = await makeUnit(t.orm, community);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const token = await t.login(staff.username);
    const UPDATE = `mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { unit { staffCount version } errors { code } } }`;
    const first = await t.gql(
      UPDATE,
      { input: { id: unit.nodeId, version: 1, staffCount: 60 } },
      token,
    );
    expect(first.data!.updateUnit).toEqual({ unit: { staffCount: 60, version: 2 }, errors: [] });
    const stale = await t.gql(
      UPDATE,
      { input: { id: unit.nodeId, version: 1, staffCount: 70 } },
      token,
    );
    expect(stale.data!.updateUnit.errors[0].code).toBe('CONFLICT');
    expect((await t.orm.em.fork().findOneOrFail(Unit, unit.id)).staffCount).toBe(60);
  });
});

describe('staffingReport', () => {
  it('gives staff their own community and refuses volunteers', async () => {
    const community = await makeCommunity(t.orm, { households: 3600, fullTimeWorkers: 7 });
    await makeGrid(t.orm, community, { households: 450 });
    await makeGrid(t.orm, community, { households: 350, leaderName: null, leaderPhone: null });
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const res = await t.gql(
      `{ staffingReport { communities { community { id } requiredWorkersMin requiredWorkersMax actualWorkers workerShortfall actualGridLeaders gridsOver300 gridsOver400 grids { households hasLeader over400 } } totals { workerShortfall } } }`,
      {},
      await t.login(staff.username),
    );
    expect(res.data!.staffingReport.communities).toEqual([
      {
        community: { id: community.nodeId },
        requiredWorkersMin: 10,
        requiredWorkersMax: 10,
        actualWorkers: 7,
        workerShortfall: 3,
        actualGridLeaders: 1,
        gridsOver300: 2,
        gridsOver400: 1,
        grids: expect.arrayContaining([
          { households: 450, hasLeader: true, over400: true },
          { households: 350, hasLeader: false, over400: false },
        ]),
      },
    ]);
    expect(res.data!.staffingReport.totals.workerShortfall).toBe(3);

    const other = await t.gql(
      `{ staffingReport(communityId: "${communities[0]!.nodeId}") { totals { households } } }`,
      {},
      await t.login(staff.username),
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const volunteer = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const refused = await t.gql(
      '{ staffingReport { totals { households } } }',
      {},
      await t.login(volunteer.username),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('importUnits', () => {
  const IMPORT = `mutation($input: ImportUnitsInput!) {
    importUnits(input: $input) {
      importedCount validCount
      rowErrors { row column field code message value allowed limit otherRow }
      errors { code message }
    }
  }`;

  async function xlsx(rows: (string | number)[][]): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('驻区单位');
    rows.forEach((row) => sheet.addRow(row));
    return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
  }
  const header = ['单位名称', '类型', '所属社区', '网格', '职工人数', '地址', '联络员', '联系电话'];

  it('imports nothing from a sheet with one bad row, and names the row', async () => {
    const community = communities[4]!;
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(admin.username);
    const before = await t.orm.em.fork().count(Unit, {});
    const content = await xlsx([
      header,
      ['青山第一储蓄所', '企业', community.name, '', 12, '建安街1号', '周海波', '13600001111'],
      ['青山实验幼儿园', '学校', community.name, '', '三十', '建安街2号', '吴玉梅', '13600002222'],
      ['青山口腔诊所', '医院', community.name, '', 9, '建安街3号', '郑立新', '13600003333'],
    ]);
    const res = await t.gql(
      IMPORT,
      { input: { fileName: '单位.xlsx', contentBase64: content } },
      token,
    );
    expect(res.data!.importUnits).toMatchObject({
      importedCount: 0,
      validCount: 2,
      rowErrors: [
        {
          row: 3,
          column: '职工人数',
          field: 'staffCount',
          code: 'NOT_A_WHOLE_NUMBER',
          value: '三十',
          allowed: [],
        },
      ],
    });
    expect(res.data!.importUnits.rowErrors[0].message).toContain('三十');
    expect(await t.orm.em.fork().count(Unit, {})).toBe(before);
  });

  it('stops reading a small xlsx of 150,000 rows at the limit, refusing it without building them all', async () => {
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(admin.username);
    // Written as a stream with shared strings: a file of under 5 MB holding 150,000 rows.
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true });
    const sheet = writer.addWorksheet('驻区单位');
    sheet.addRow(header).commit();
    for (let i = 0; i < 150_000; i++)
      sheet
        .addRow([`单位${i % 50}`, '企业', communities[0]!.name, '', 1, '', '张三', '13600001111'])
        .commit();
    sheet.commit();
    await writer.commit();
    const file = Buffer.concat(chunks);
    expect(file.length).toBeLessThan(MAX_IMPORT_BYTES);

    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 5);
    const res = await t.gql(
      IMPORT,
      { input: { fileName: 'big.xlsx', contentBase64: file.toString('base64') } },
      token,
    );
    clearInterval(sampler);
    expect(res.data!.importUnits).toMatchObject({
      importedCount: 0,
      errors: [
        { code: 'TOO_LONG', message: `At most ${MAX_IMPORT_ROWS} rows can be imported at once.` },
      ],
    });
    // Reading the whole sheet built every row (about 700 MB for 240,000); reading up to the
    // limit builds 5,001. A bound far above that, far below the whole sheet.
    expect(heapPeak - heapBefore).toBeLessThan(250 * 1024 * 1024);
  });

  it('imports every row of a good CSV (GB18030, as Excel saves it) in one go', async () => {
    const community = communities[4]!;
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const token = await t.login(staff.username);
    const csv = [
      'name,kind,staff count,liaison,phone',
      '青山邮政支局,企业,45,冯桂兰,13700001111',
      '青山税务所,政府部门,30,陈志明,13700002222',
    ].join('\r\n');
    const encoded = Buffer.from(encodeGb18030(csv));
    expect(encoded.equals(Buffer.from(csv, 'utf8'))).toBe(false);
    const res = await t.gql(
      IMPORT,
      {
        input: {
          fileName: 'units.csv',
          contentBase64: encoded.toString('base64'),
          communityId: community.nodeId,
        },
      },
      token,
    );
    expect(res.data!.importUnits).toEqual({
      importedCount: 2,
      validCount: 2,
      rowErrors: [],
      errors: [],
    });
    const saved = await t.orm.em
      .fork()
      .find(Unit, { name: { $in: ['青山邮政支局', '青山税务所'] } }, { orderBy: { name: 'asc' } });
    expect(saved.map((u) => [u.kind, u.community.id])).toEqual([
      ['GOVERNMENT_DEPARTMENT', community.id],
      ['ENTERPRISE', community.id],
    ]);
  });

  it('reports duplicates, unknown kinds, missing columns and out-of-scope communities', async () => {
    const community = communities[5]!;
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const token = await t.login(staff.username);
    const content = await xlsx([
      header,
      ['同名单位', '企业', community.name, '', 10, '', '甲', '13600000001'],
      ['同名单位', '企业', community.name, '', 10, '', '乙', '13600000002'],
      ['怪单位', '外星机构', community.name, '', 10, '', '丙', '13600000003'],
      ['别处单位', '企业', communities[0]!.name, '', 10, '', '丁', '13600000004'],
    ]);
    const res = await t.gql(
      IMPORT,
      { input: { fileName: 'a.xlsx', contentBase64: content } },
      token,
    );
    expect(
      res.data!.importUnits.rowErrors.map((e: { row: number; code: string }) => [e.row, e.code]),
    ).toEqual([
      [3, 'DUPLICATE_ROW'],
      [4, 'NOT_A_CHOICE'],
      [5, 'OUT_OF_SCOPE'],
    ]);
    const [duplicate, kind, scope] = res.data!.importUnits.rowErrors;
    expect(duplicate).toMatchObject({ column: '单位名称', field: 'name', otherRow: 2 });
    expect(kind).toMatchObject({
      column: '类型',
      field: 'kind',
      value: '外星机构',
      allowed: [
        'ENTERPRISE',
        'INSTITUTION',
        'SCHOOL',
        'HOSPITAL',
        'GOVERNMENT_DEPARTMENT',
        'SOCIAL_ORGANISATION',
      ],
    });
    expect(scope).toMatchObject({ column: '所属社区', field: 'community' });
    const noPhone = await xlsx([
      ['单位名称', '类型', '职工人数', '联络员'],
      ['x', '企业', 1, '甲'],
    ]);
    const missing = await t.gql(
      IMPORT,
      { input: { fileName: 'b.xlsx', contentBase64: noPhone, communityId: community.nodeId } },
      token,
    );
    expect(missing.data!.importUnits.rowErrors).toEqual([
      expect.objectContaining({
        row: 1,
        code: 'MISSING_COLUMN',
        column: '联系电话',
        field: 'liaisonPhone',
      }),
    ]);
  });

  it('says what is wrong with each cell: empty, too long, not a phone, no such grid', async () => {
    const community = communities[5]!;
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const token = await t.login(staff.username);
    const content = await xlsx([
      header,
      ['空类型单位', '', community.name, '', 10, '', '甲', '13600000001'],
      ['长'.repeat(121), '企业', community.name, '', 10, '', '乙', '13600000002'],
      ['错电话单位', '企业', community.name, '', 10, '', '丙', '12345'],
      ['错网格单位', '企业', community.name, '没有的网格', 10, '', '丁', '13600000004'],
      ['人太多单位', '企业', community.name, '', 2_000_000, '', '戊', '13600000005'],
    ]);
    const res = await t.gql(
      IMPORT,
      { input: { fileName: 'c.xlsx', contentBase64: content } },
      token,
    );
    const errors = res.data!.importUnits.rowErrors;
    expect(
      errors.map((e: AnyData) => [e.row, e.column, e.field, e.code, e.value, e.limit]),
    ).toEqual([
      [2, '类型', 'kind', 'REQUIRED', null, null],
      [3, '单位名称', 'name', 'TOO_LONG', '长'.repeat(121), 120],
      [4, '联系电话', 'liaisonPhone', 'INVALID_PHONE', '12345', null],
      [5, '网格', 'grid', 'NOT_FOUND', '没有的网格', null],
      [6, '职工人数', 'staffCount', 'TOO_LARGE', '2000000', 1_000_000],
    ]);
    // The grids of the row's community are what a grid cell may name.
    const grids = await t.orm.em.fork().find(Grid, { community: community.id });
    expect(grids.length).toBeGreaterThan(0);
    expect([...errors[3].allowed].sort()).toEqual(grids.map((g) => g.name).sort());
  });

  it('takes English headers (the template in English) and skips "#" rows such as its example', async () => {
    const community = communities[4]!;
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const token = await t.login(staff.username);
    const csv = [
      'Unit name,Kind of unit,Community,Grid,Staff count,Address,Liaison name,Liaison phone',
      '# Example: Sunshine Tech Ltd,Enterprise,,,120,8 Happiness Road,Wang Fang,13900001111',
      '青山英文表头单位,Public institution,,,45,,冯桂兰,13700001111',
      '青山英文表头学校,School,,,30,,陈志明,13700002222',
      ',,,,,,,',
    ].join('\r\n');
    const res = await t.gql(
      IMPORT,
      {
        input: {
          fileName: 'units.csv',
          contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
          communityId: community.nodeId,
        },
      },
      token,
    );
    expect(res.data!.importUnits).toMatchObject({
      importedCount: 2,
      validCount: 2,
      rowErrors: [],
      errors: [],
    });
    const saved = await t.orm.em
      .fork()
      .find(Unit, { name: { $like: '青山英文表头%' } }, { orderBy: { name: 'asc' } });
    expect(saved.map((u) => u.kind).sort()).toEqual(['INSTITUTION', 'SCHOOL']);
    expect(await t.orm.em.fork().count(Unit, { name: { $like: '%Sunshine%' } })).toBe(0);
  });

  it('refuses files that are not spreadsheets', async () => {
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const res = await t.gql(
      IMPORT,
      { input: { fileName: 'photo.png', contentBase64: 'iVBORw0KGgo=' } },
      await t.login(admin.username),
    );
    expect(res.data!.importUnits.errors[0].code).toBe('UNSUPPORTED_FILE');
  });
});

/** GB18030 bytes of `text`, found by searching the decoder (Node ships no encoder for it). */
function encodeGb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else
      bytes.push(
        ...(table.get(ch) ??
          (() => {
            throw new Error(`no GB18030 code for ${ch}`);
          })()),
      );
  }
  return new Uint8Array(bytes);
}
