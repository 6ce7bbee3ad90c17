// Test data written straight through the ORM; every name is unique so tests never collide.
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { hashPassword } from '../../api/src/modules/auth/password.js';
import { Role, User } from '../../api/src/modules/auth/user.entity.js';
import { Community } from '../../api/src/modules/directory/community.entity.js';
import { Grid } from '../../api/src/modules/directory/grid.entity.js';
import { Unit, UnitKind } from '../../api/src/modules/directory/unit.entity.js';
import { toGlobalId } from '../../api/src/graphql/relay.js';
import { CommitmentCategory } from '../../api/src/modules/commitments/category.entity.js';
import { Commitment } from '../../api/src/modules/commitments/commitment.entity.js';
import { CommitmentStatus, Measure } from '../../api/src/modules/commitments/commitment.enums.js';
import { TEST_PASSWORD } from './test-app.js';

const suffix = () => randomBytes(4).toString('hex');
let passwordHash: Promise<string> | undefined;

export { toGlobalId };

export async function makeCommunity(
  orm: MikroORM,
  data: Partial<Community> = {},
): Promise<Community> {
  const em = orm.em.fork();
  const code = `c-${suffix()}`;
  const community = em.create(Community, {
    code,
    name: `测试社区${code}`,
    nameEn: `Community ${code}`,
    households: 3000,
    residents: 7000,
    fullTimeWorkers: 6,
    secondedWorkers: 2,
    ...data,
  });
  await em.flush();
  return community;
}

export async function makeGrid(
  orm: MikroORM,
  community: Community,
  data: Partial<Grid> = {},
): Promise<Grid> {
  const em = orm.em.fork();
  const code = `g-${suffix()}`;
  const grid = em.create(Grid, {
    community: em.getReference(Community, community.id),
    code,
    name: `网格${code}`,
    households: 300,
    leaderName: '王建华',
    leaderPhone: '13900000001',
    ...data,
  });
  await em.flush();
  return grid;
}

export async function makeUnit(
  orm: MikroORM,
  community: Community,
  data: Partial<Omit<Unit, 'grid'>> & { grid?: Grid | null } = {},
): Promise<Unit> {
  const em = orm.em.fork();
  const unit = em.create(Unit, {
    name: `测试单位${suffix()}`,
    kind: UnitKind.ENTERPRISE,
    staffCount: 50,
    liaisonName: '李红梅',
    liaisonPhone: '13812345678',
    ...data,
    community: em.getReference(Community, community.id),
    grid: data.grid ? em.getReference(Grid, data.grid.id) : null,
  });
  await em.flush();
  return unit;
}

export async function makeUser(
  orm: MikroORM,
  data: {
    role: Role;
    community?: Community | null;
    unit?: Unit | null;
    username?: string;
    phone?: string;
  },
): Promise<User> {
  const em = orm.em.fork();
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = em.create(User, {
    username: data.username ?? `${data.role.toLowerCase().replace('_', '-')}-${suffix()}`,
    passwordHash: await passwordHash,
    displayName: `测试${data.role}`,
    role: data.role,
    phone: data.phone ?? '13700000000',
    community: data.community ? em.getReference(Community, data.community.id) : null,
    unit: data.unit ? em.getReference(Unit, data.unit.id) : null,
  });
  await em.flush();
  return user;
}

export { Role, UnitKind };

// ---------------------------------------------------------------- co-building

export async function categoryByCode(
  orm: MikroORM,
  code = 'activities',
): Promise<CommitmentCategory> {
  return orm.em.fork().findOneOrFail(CommitmentCategory, { code });
}

/** A commitment written straight to the database in any status (history is not written). */
export async function makeCommitment(
  orm: MikroORM,
  unit: Unit,
  data: Partial<
    Pick<
      Commitment,
      | 'title'
      | 'measure'
      | 'targetAmount'
      | 'verifiedAmount'
      | 'pendingAmount'
      | 'periodStart'
      | 'periodEnd'
      | 'status'
    >
  > & {
    createdBy: User;
    category?: CommitmentCategory;
  },
): Promise<Commitment> {
  const em = orm.em.fork();
  const { createdBy, category, ...rest } = data;
  const commitment = em.create(Commitment, {
    unit: em.getReference(Unit, unit.id),
    community: em.getReference(Community, unit.community.id),
    category: em.getReference(CommitmentCategory, (category ?? (await categoryByCode(orm))).id),
    title: `测试承诺${suffix()}`,
    measure: Measure.VOLUNTEER_HOURS,
    targetAmount: '100.00',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    ...rest,
    createdBy: em.getReference(User, createdBy.id),
  });
  await em.flush();
  return commitment;
}

export { CommitmentStatus, Measure };
