// The authorisation matrix's world: two communities, A (where every caller belongs) and B (where
// nothing of theirs is), the callers signed in once, the objects that reads look at, and fixture
// builders for the objects that writes consume (a fresh one per case). Written straight through
// the ORM or SQL (tests/support/factories.ts where it has the builder), never through the API,
// so that a fixture never depends on an operation under test.
import { randomBytes } from 'node:crypto';
import { newToken, tokenHash } from '../../api/src/modules/auth/password.js';
import { Session } from '../../api/src/modules/auth/session.entity.js';
import type { User } from '../../api/src/modules/auth/user.entity.js';
import type { Commitment } from '../../api/src/modules/commitments/commitment.entity.js';
import { FulfilmentStatus } from '../../api/src/modules/commitments/commitment.enums.js';
import { Fulfilment } from '../../api/src/modules/commitments/fulfilment.entity.js';
import { Need } from '../../api/src/modules/commitments/need.entity.js';
import type { Community } from '../../api/src/modules/directory/community.entity.js';
import type { Grid } from '../../api/src/modules/directory/grid.entity.js';
import type { Unit } from '../../api/src/modules/directory/unit.entity.js';
import { Pairing } from '../../api/src/modules/pairing/pairing.entity.js';
import { SocialWorker } from '../../api/src/modules/pairing/social-worker.entity.js';
import type { Activity } from '../../api/src/modules/shifts/activity.entity.js';
import { Attendance, SignupStatus } from '../../api/src/modules/shifts/shift.enums.js';
import type { Shift } from '../../api/src/modules/shifts/shift.entity.js';
import { Signup } from '../../api/src/modules/shifts/signup.entity.js';
import type { Volunteer } from '../../api/src/modules/shifts/volunteer.entity.js';
import {
  Affiliation,
  categoryByCode,
  CommitmentStatus,
  makeActivity,
  makeCommitment,
  makeCommunity,
  makeGrid,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
  Measure,
  Role,
} from '../support/factories.js';
import type { AnyData, GraphQLResponse, TestApp } from '../support/test-app.js';

/** Who calls: nobody, or the A-side user of each role. */
export const ROLES = [
  'anonymous',
  'STREET_ADMIN',
  'COMMUNITY_STAFF',
  'UNIT_LIAISON',
  'SOCIAL_WORKER',
  'VOLUNTEER',
] as const;
export type RoleName = (typeof ROLES)[number];

/**
 * in: community A, unit A, the caller's own. out: community B (its unit, its people).
 * near: community A again, but another unit of A, another social worker of A, another volunteer
 * of A — out of scope for those whose scope is narrower than the community (the liaison, the
 * social worker, the volunteer), in scope for the community's staff.
 */
export type ScopeName = 'in' | 'out' | 'near';

/** The global ID of a database row (base64url of `Type:id`, as api/src/graphql/ids.ts makes it). */
export const gid = (type: string, id: number): string =>
  Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

export const unique = (): string => randomBytes(4).toString('hex');

const HOUR = 3_600_000;

/** One side of the district: a community with its people and the objects reads look at. */
export interface Side {
  community: Community;
  grid: Grid;
  unit: Unit;
  staff: User;
  liaison: User;
  socialWorkerUser: User;
  socialWorker: SocialWorker;
  volunteerUser: User;
  volunteer: Volunteer;
  /** Another account of the unit: the target of `node(User)` (never a caller). */
  member: User;
  /** Organised by the unit, created by the side's social worker, in the community. */
  activity: Activity;
  shift: Shift;
  /** The side's volunteer, confirmed on `shift`. */
  signup: Signup;
  /** A draft: only the unit, its community's staff and the office may read it. */
  draft: Commitment;
  /** Accepted (public): fulfilment may be recorded against it. */
  active: Commitment;
  /** A record against `draft`, so that reading it is not public. */
  fulfilment: Fulfilment;
  need: Need;
  /** The side's social worker with the side's volunteer. */
  pairing: Pairing;
}

export interface World {
  t: TestApp;
  /** http://127.0.0.1:<port> */
  base: string;
  admin: User;
  A: Side;
  B: Side;
  /** Community A again, with another unit and other people (the `near` scope). */
  A2: Side;
  /** The caller of each role (null for anonymous). */
  callers: Record<RoleName, User | null>;
  tokens: Record<RoleName, string | null>;
}

/** A live bearer token for `user`, written directly (no argon2, no login throttle). */
export async function sessionFor(t: TestApp, user: User): Promise<string> {
  const em = t.orm.em.fork();
  const token = newToken();
  em.create(Session, {
    user: user.id,
    tokenHash: tokenHash(token),
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  await em.flush();
  return token;
}

async function makeSide(t: TestApp, admin: User, inCommunity?: Community): Promise<Side> {
  const community = inCommunity ?? (await makeCommunity(t.orm));
  const grid = await makeGrid(t.orm, community);
  const unit = await makeUnit(t.orm, community, { grid });
  const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  const member = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  const socialWorkerUser = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community });
  const socialWorker = await makeSocialWorker(t, socialWorkerUser, community);
  // The volunteer claims to work for the unit, and the unit confirmed it.
  const { user: volunteerUser, volunteer } = await makeVolunteer(t.orm, community, {
    unit,
    affiliation: Affiliation.CONFIRMED,
  });
  const activity = await makeActivity(t.orm, community, {
    createdBy: socialWorkerUser,
    organiserUnit: unit,
  });
  const shift = await makeShift(t.orm, activity, { startsInHours: 48 });
  const signup = await makeSignup(t, shift, volunteer);
  const draft = await makeCommitment(t.orm, unit, {
    createdBy: liaison,
    status: CommitmentStatus.DRAFT,
  });
  const active = await makeCommitment(t.orm, unit, {
    createdBy: liaison,
    status: CommitmentStatus.ACTIVE,
    targetAmount: '100000.00',
    periodStart: '2000-01-01',
    periodEnd: '2099-12-31',
  });
  const fulfilment = await makeFulfilment(t, draft, liaison);
  const need = await makeNeed(t, community, admin);
  const pairing = await makePairing(t, socialWorker, volunteer, admin);
  return {
    community,
    grid,
    unit,
    staff,
    liaison,
    member,
    socialWorkerUser,
    socialWorker,
    volunteerUser,
    volunteer,
    activity,
    shift,
    signup,
    draft,
    active,
    fulfilment,
    need,
    pairing,
  };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
  const A = await makeSide(t, admin);
  const B = await makeSide(t, admin);
  const A2 = await makeSide(t, admin, A.community);
  const callers: Record<RoleName, User | null> = {
    anonymous: null,
    STREET_ADMIN: admin,
    COMMUNITY_STAFF: A.staff,
    UNIT_LIAISON: A.liaison,
    SOCIAL_WORKER: A.socialWorkerUser,
    VOLUNTEER: A.volunteerUser,
  };
  const tokens = {} as Record<RoleName, string | null>;
  for (const role of ROLES) {
    const user = callers[role];
    tokens[role] = user ? await sessionFor(t, user) : null;
  }
  return { t, base: t.url.replace(/\/graphql$/, ''), admin, A, B, A2, callers, tokens };
}

// ---------------------------------------------------------------- fixture builders

export async function makeSocialWorker(
  t: TestApp,
  user: User,
  community: Community,
): Promise<SocialWorker> {
  const em = t.orm.em.fork();
  const worker = em.create(SocialWorker, {
    user: user.id,
    community: community.id,
    caseloadCap: 200,
  });
  await em.flush();
  return worker;
}

/** A confirmed place (the shift's counter follows), or `status` with its waitlist ticket. */
export async function makeSignup(
  t: TestApp,
  shift: Shift,
  volunteer: Volunteer,
  data: { attendance?: Attendance; checkedInAt?: Date; checkedOutAt?: Date; minutes?: number } = {},
): Promise<Signup> {
  const em = t.orm.em.fork();
  const signup = em.create(Signup, {
    shift: shift.id,
    volunteer: volunteer.id,
    status: SignupStatus.CONFIRMED,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    attendance: data.attendance ?? Attendance.EXPECTED,
    checkedInAt: data.checkedInAt ?? null,
    checkedOutAt: data.checkedOutAt ?? null,
    minutes: data.minutes ?? null,
    servedMinutes: data.minutes ?? null,
  });
  await em.flush();
  await em
    .getConnection()
    .execute('update shift set confirmed_count = confirmed_count + 1 where id = ?', [shift.id]);
  return signup;
}

export async function makeFulfilment(
  t: TestApp,
  commitment: Commitment,
  recordedBy: User,
  status: FulfilmentStatus = FulfilmentStatus.PENDING,
): Promise<Fulfilment> {
  const em = t.orm.em.fork();
  const fulfilment = em.create(Fulfilment, {
    commitment: commitment.id,
    amount: '1.00',
    date: '2026-06-01',
    recordedBy: recordedBy.id,
    status,
  });
  await em.flush();
  if (status === FulfilmentStatus.PENDING)
    await em
      .getConnection()
      .execute('update commitment set pending_amount = pending_amount + 1 where id = ?', [
        commitment.id,
      ]);
  return fulfilment;
}

export async function makeNeed(t: TestApp, community: Community, createdBy: User): Promise<Need> {
  const em = t.orm.em.fork();
  const category = await categoryByCode(t.orm);
  const need = em.create(Need, {
    community: community.id,
    category: category.id,
    title: `需求${unique()}`,
    measure: Measure.EVENTS,
    amount: '10.00',
    createdBy: createdBy.id,
  });
  await em.flush();
  return need;
}

export async function makePairing(
  t: TestApp,
  worker: SocialWorker,
  volunteer: Volunteer,
  confirmedBy: User,
): Promise<Pairing> {
  const em = t.orm.em.fork();
  const pairing = em.create(Pairing, {
    socialWorker: worker.id,
    volunteer: volunteer.id,
    community: volunteer.community.id,
    confirmedBy: confirmedBy.id,
    confirmedAt: new Date(),
    lastContactDate: '2026-01-01',
  });
  await em.flush();
  return pairing;
}

let slot = 0;
/** A fresh shift of `activity` whose time no other fresh shift shares (volunteers never overlap). */
export function freshShift(
  t: TestApp,
  activity: Activity,
  data: { startsInHours?: number; hours?: number } = {},
): Promise<Shift> {
  slot += 1;
  return makeShift(t.orm, activity, {
    startsInHours: data.startsInHours ?? 1000 + slot * 5,
    hours: data.hours ?? 3,
  });
}

/** A fresh volunteer of the side's community (with a confirmed claim to the side's unit). */
export async function freshVolunteer(
  t: TestApp,
  side: Side,
  affiliation: Affiliation = Affiliation.CONFIRMED,
): Promise<Volunteer> {
  return (await makeVolunteer(t.orm, side.community, { unit: side.unit, affiliation })).volunteer;
}

/**
 * A commitment of the side's unit in `status`: accepted ones run over the whole century (so a
 * record dated today is inside the period), the others over 2026 (so editing them is valid).
 */
export function freshCommitment(
  t: TestApp,
  side: Side,
  status: CommitmentStatus,
): Promise<Commitment> {
  const accepted = status === CommitmentStatus.ACTIVE;
  return makeCommitment(t.orm, side.unit, {
    createdBy: side.liaison,
    status,
    targetAmount: '100000.00',
    periodStart: accepted ? '2000-01-01' : '2026-01-01',
    periodEnd: accepted ? '2099-12-31' : '2026-12-31',
  });
}

/**
 * A notification for `user`, by SQL: only the columns every version of the table has (the
 * notification is being reworded from title/body to kind/data), other required text columns
 * filled with ''.
 */
export async function makeNotification(t: TestApp, user: User): Promise<number> {
  const connection = t.orm.em.getConnection();
  const required = await connection.execute<{ column_name: string }[]>(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = 'notification' and is_nullable = 'NO'
        and column_default is null and data_type in ('text', 'character varying')
        and column_name not in ('kind')`,
  );
  const extra = required.map((c) => c.column_name);
  const columns = ['user_id', 'kind', 'data', ...extra].map((c) => `"${c}"`).join(', ');
  const values = ['?', `'SHIFT_CANCELLED'`, `'{}'::jsonb`, ...extra.map(() => `''`)].join(', ');
  const [row] = await connection.execute<{ id: number }[]>(
    `insert into notification (${columns}) values (${values}) returning id`,
    [user.id],
  );
  return row!.id;
}

// ---------------------------------------------------------------- the database's fingerprint

/**
 * Tables whose changes are not the application's data:
 * - login_throttle: rate-limiter-flexible's counters. A refused or failed login is meant to
 *   count (that is the throttle), and a success resets them; they hold no application data.
 * Nothing else is excluded. There is no "last seen" column on auth_session (a request only reads
 * its session), and pg-boss's schema `pgboss` is not in the test database at all (the test
 * harness starts no job workers); only the `public` schema is fingerprinted, and
 * `applicationSchemas` below fails the test if another schema appears.
 */
export const FINGERPRINT_EXCLUDED = new Set(['login_throttle']);

export async function applicationSchemas(t: TestApp): Promise<string[]> {
  const rows = await t.orm.em
    .getConnection()
    .execute<{ nspname: string }[]>(
      `select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema' order by 1`,
    );
  return rows.map((r) => r.nspname);
}

let fingerprintSql: string | undefined;

/** One md5 per application table (rows sorted by their text), in one statement. */
export async function fingerprint(t: TestApp): Promise<Record<string, string>> {
  const connection = t.orm.em.getConnection();
  if (!fingerprintSql) {
    const tables = await connection.execute<{ tablename: string }[]>(
      `select tablename from pg_tables where schemaname = 'public' order by 1`,
    );
    fingerprintSql = tables
      .map((r) => r.tablename)
      .filter((name) => !FINGERPRINT_EXCLUDED.has(name))
      .map(
        (name) =>
          `select '${name}' as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash from "${name}" as x`,
      )
      .join(' union all ');
  }
  const rows = await connection.execute<{ name: string; hash: string }[]>(fingerprintSql);
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}

// ---------------------------------------------------------------- requests

export function gqlAs(
  w: World,
  role: RoleName,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<AnyData>> {
  return w.t.gql(query, variables, w.tokens[role]);
}

export async function httpAs(
  w: World,
  role: RoleName,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const token = w.tokens[role];
  return fetch(`${w.base}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
  });
}

export { Affiliation, CommitmentStatus, FulfilmentStatus, HOUR };
