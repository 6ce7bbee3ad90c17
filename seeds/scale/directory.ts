// Communities, their grids and resident units, and the accounts of the office, community staff
// and unit liaisons (admin, staff.c001…, liaison.u00001…).
import type { Cell } from './copy.js';
import type { Directory, GenerationContext } from './context.js';
import { mobile, personName } from './names.js';
import { createRandom, distribute } from './random.js';
import { at } from './time.js';
import {
  PLACE_WORDS,
  STREET_SUFFIXES,
  UNIT_KIND_WEIGHTS,
  UNIT_NAMES,
  type UnitKindName,
} from './vocabulary.js';

export const USER_COLUMNS = [
  'id',
  'created_at',
  'updated_at',
  'username',
  'password_hash',
  'display_name',
  'role',
  'community_id',
  'unit_id',
  'phone',
  'active',
  'email',
] as const;

export const communityCode = (i: number) => `c${String(i + 1).padStart(3, '0')}`;
export const staffUsername = (communityIndex: number, k: number) =>
  `staff.${communityCode(communityIndex)}${k ? `.${k + 1}` : ''}`;
export const liaisonUsername = (unitIndex: number) =>
  `liaison.u${String(unitIndex + 1).padStart(5, '0')}`;

export async function generateDirectory(ctx: GenerationContext): Promise<Directory> {
  const r = createRandom(ctx.seed, 'directory');
  const { preset } = ctx;
  const founded = new Date(at(`${ctx.year - 1}-12-01`, 9 * 60));

  // ---- communities: a place word, then the same word with a direction, all distinct
  const SUFFIXES = [
    ['', ''],
    ['东', ' East'],
    ['西', ' West'],
    ['南', ' South'],
    ['北', ' North'],
    ['新', ' New'],
    ['中', ' Central'],
  ] as const;
  const chosen = SUFFIXES.flatMap((suffix) =>
    r.shuffle(PLACE_WORDS).map((word) => [word, suffix] as const),
  ).slice(0, preset.communities);
  if (chosen.length < preset.communities) throw new Error('too many communities for the names');
  const gridCounts = distribute(r, preset.grids, preset.communities, 0.3, 1);
  const unitCounts = distribute(r, preset.units, preset.communities, 0.35, 1);

  const directory: Directory = { communities: [], units: [], nextUserId: 1 };
  const communityRows: Cell[][] = [];
  const gridRows: Cell[][] = [];
  let gridId = 0;
  chosen.forEach(([[zh, en], [zs, es]], i) => {
    const short = zh + zs;
    const streets = [
      `${zh}${r.pick(STREET_SUFFIXES)}`,
      `${r.pick(PLACE_WORDS)[0]}${r.pick(STREET_SUFFIXES)}`,
      `${zh}${r.pick(['一', '二', '三', '四'])}道街`,
    ];
    const gridIds: number[] = [];
    let households = 0;
    for (let g = 0; g < gridCounts[i]!; g++) {
      const h = r.int(180, 460);
      households += h;
      gridIds.push(++gridId);
      gridRows.push([
        gridId,
        founded,
        founded,
        i + 1,
        `${communityCode(i)}-g${String(g + 1).padStart(2, '0')}`,
        `第${g + 1}网格`,
        h,
        r.chance(0.95) ? personName(r) : null,
        mobile(1, gridId),
      ]);
    }
    const minWorkers = Math.min(9, Math.max(5, Math.ceil(households / 400)));
    communityRows.push([
      i + 1,
      founded,
      founded,
      communityCode(i),
      `${short}社区`,
      `${en}${es} Community`,
      households,
      Math.round(households * r.between(2.3, 2.9)),
      minWorkers + r.int(-1, 2),
      r.int(0, 4),
      r.int(2, 12),
      r.int(60, 400),
      `${streets[0]}${r.int(1, 200)}号`,
    ]);
    directory.communities.push({
      id: i + 1,
      code: communityCode(i),
      name: `${short}社区`,
      short,
      streets,
      staffUserIds: [],
      gridIds,
      unitIndexes: [],
    });
  });
  await ctx.copy(
    'community',
    [
      'id',
      'created_at',
      'updated_at',
      'code',
      'name',
      'name_en',
      'households',
      'residents',
      'full_time_workers',
      'seconded_workers',
      'party_branches',
      'party_members',
      'address',
    ],
    communityRows,
  );
  await ctx.copy(
    'grid',
    [
      'id',
      'created_at',
      'updated_at',
      'community_id',
      'code',
      'name',
      'households',
      'leader_name',
      'leader_phone',
    ],
    gridRows,
  );

  // ---- units: unique names "<place><trade>", numbered when a place repeats a trade
  const unitNames = new Set<string>();
  const unitRows: Cell[][] = [];
  let unitId = 0;
  directory.communities.forEach((community, i) => {
    for (let k = 0; k < unitCounts[i]!; k++) {
      const kind = r.weighted(UNIT_KIND_WEIGHTS) as UnitKindName;
      const [ending, lo, hi] = r.pick(UNIT_NAMES[kind]);
      const place = r.chance(0.5) ? community.short : r.pick(PLACE_WORDS)[0];
      let name = `${place}${ending}`;
      for (let n = 2; unitNames.has(name); n++) name = `${place}第${n}${ending}`;
      unitNames.add(name);
      const staffCount = r.int(lo, hi);
      const index = directory.units.length;
      unitId++;
      directory.units.push({
        id: unitId,
        communityIndex: i,
        name,
        kind,
        staffCount,
        liaisonUserId: 0,
      });
      community.unitIndexes.push(index);
      unitRows.push([
        unitId,
        founded,
        founded,
        community.id,
        r.chance(0.92) ? r.pick(community.gridIds) : null,
        name,
        kind,
        staffCount,
        `${r.pick(community.streets)}${r.int(1, 300)}号`,
        personName(r),
        mobile(2, unitId),
        1,
      ]);
    }
  });
  await ctx.copy(
    'unit',
    [
      'id',
      'created_at',
      'updated_at',
      'community_id',
      'grid_id',
      'name',
      'kind',
      'staff_count',
      'address',
      'liaison_name',
      'liaison_phone',
      'version',
    ],
    unitRows,
  );

  // ---- accounts: the office, community staff, one liaison per unit
  const users: Cell[][] = [];
  const user = (
    username: string,
    displayName: string,
    role: string,
    communityId: number | null,
    unitId: number | null,
    phone: string | null,
  ): number => {
    const id = directory.nextUserId++;
    users.push([
      id,
      founded,
      founded,
      username,
      ctx.passwordHash,
      displayName,
      role,
      communityId,
      unitId,
      phone,
      true,
      null,
    ]);
    return id;
  };
  user('admin', '街道管理员', 'STREET_ADMIN', null, null, mobile(0, 0));
  directory.communities.forEach((community, i) => {
    for (let k = 0; k < preset.staffPerCommunity; k++)
      community.staffUserIds.push(
        user(
          staffUsername(i, k),
          personName(r),
          'COMMUNITY_STAFF',
          community.id,
          null,
          mobile(3, i * 10 + k),
        ),
      );
  });
  directory.units.forEach((unit, i) => {
    const row = unitRows[i]!;
    unit.liaisonUserId = user(
      liaisonUsername(i),
      row[9] as string,
      'UNIT_LIAISON',
      directory.communities[unit.communityIndex]!.id,
      unit.id,
      row[10] as string,
    );
  });
  await ctx.copy('app_user', USER_COLUMNS, users);
  return directory;
}
