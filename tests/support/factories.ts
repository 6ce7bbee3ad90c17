// Test data written straight through the ORM; every name is unique so tests never collide.
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { hashPassword, newToken, tokenHash } from '../../api/src/modules/auth/password.js';
import { Session } from '../../api/src/modules/auth/session.entity.js';
import { Role, User } from '../../api/src/modules/auth/user.entity.js';
import { Community } from '../../api/src/modules/directory/community.entity.js';
import { Grid } from '../../api/src/modules/directory/grid.entity.js';
import { Unit, UnitKind } from '../../api/src/modules/directory/unit.entity.js';
import { toGlobalId } from '../../api/src/graphql/ids.js';
import { CommitmentCategory } from '../../api/src/modules/commitments/category.entity.js';
import { Commitment } from '../../api/src/modules/commitments/commitment.entity.js';
import { CommitmentStatus, Measure } from '../../api/src/modules/commitments/commitment.enums.js';
import { Activity } from '../../api/src/modules/shifts/activity.entity.js';
import { Shift } from '../../api/src/modules/shifts/shift.entity.js';
import { Affiliation, OrganiserKind, Skill } from '../../api/src/modules/shifts/shift.enums.js';
import { Volunteer } from '../../api/src/modules/shifts/volunteer.entity.js';
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

// ---------------------------------------------------------------- volunteer service

export async function makeVolunteer(
  orm: MikroORM,
  community: Community,
  data: { skills?: Skill[]; username?: string; unit?: Unit | null; affiliation?: Affiliation } = {},
): Promise<{ user: User; volunteer: Volunteer }> {
  const user = await makeUser(orm, { role: Role.VOLUNTEER, community, username: data.username });
  const em = orm.em.fork();
  const volunteer = em.create(Volunteer, {
    user: em.getReference(User, user.id),
    realName: user.displayName,
    phone: '13600000000',
    community: em.getReference(Community, community.id),
    skills: data.skills ?? [],
    unit: data.unit ? em.getReference(Unit, data.unit.id) : null,
    affiliation: data.affiliation ?? (data.unit ? Affiliation.CONFIRMED : Affiliation.NONE),
  });
  await em.flush();
  return { user, volunteer };
}

export async function makeActivity(
  orm: MikroORM,
  community: Community,
  data: {
    createdBy: User;
    requiredSkills?: Skill[];
    organiserUnit?: Unit;
    commitment?: Commitment;
  },
): Promise<Activity> {
  const em = orm.em.fork();
  const activity = em.create(Activity, {
    community: em.getReference(Community, community.id),
    organiserKind: data.organiserUnit ? OrganiserKind.UNIT : OrganiserKind.COMMUNITY,
    organiserUnit: data.organiserUnit ? em.getReference(Unit, data.organiserUnit.id) : null,
    createdBy: em.getReference(User, data.createdBy.id),
    commitment: data.commitment ? em.getReference(Commitment, data.commitment.id) : null,
    title: `测试活动${suffix()}`,
    location: '社区服务中心',
    requiredSkills: data.requiredSkills ?? [],
  });
  await em.flush();
  return activity;
}

const HOUR = 3_600_000;

/** A shift starting `startsInHours` from now, lasting `hours`. */
export async function makeShift(
  orm: MikroORM,
  activity: Activity,
  data: { capacity?: number; startsInHours?: number; hours?: number } = {},
): Promise<Shift> {
  const em = orm.em.fork();
  const startsAt = new Date(Date.now() + (data.startsInHours ?? 48) * HOUR);
  const shift = em.create(Shift, {
    activity: em.getReference(Activity, activity.id),
    community: em.getReference(Community, activity.community.id),
    startsAt,
    endsAt: new Date(startsAt.getTime() + (data.hours ?? 3) * HOUR),
    capacity: data.capacity ?? 10,
  });
  await em.flush();
  return shift;
}

export { Affiliation, Skill };

/** Many volunteers at once, each with a live bearer token (written directly, no argon2 per user). */
export async function makeVolunteersWithTokens(
  orm: MikroORM,
  community: Community,
  count: number,
  skills: Skill[] = [],
): Promise<{ volunteer: Volunteer; token: string }[]> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const em = orm.em.fork();
  const batch = suffix();
  const rows = Array.from({ length: count }, (_, i) => {
    const user = em.create(User, {
      username: `v${batch}-${i}`,
      passwordHash: hash,
      displayName: `志愿者${i}`,
      role: Role.VOLUNTEER,
      community: em.getReference(Community, community.id),
    });
    const volunteer = em.create(Volunteer, {
      user,
      realName: user.displayName,
      phone: '13600000000',
      community: em.getReference(Community, community.id),
      skills,
    });
    const token = newToken();
    em.create(Session, {
      user,
      tokenHash: tokenHash(token),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    return { volunteer, token };
  });
  await em.flush();
  return rows;
}
