// The fuzz run's data: one community with an object of every kind the schema lists (so that
// nested connections and real IDs have rows behind them) and a caller of every role, signed in
// with a session written directly (no argon2, no login throttle).
import { newToken, tokenHash } from '../../api/src/modules/auth/password.js';
import { Session } from '../../api/src/modules/auth/session.entity.js';
import type { User } from '../../api/src/modules/auth/user.entity.js';
import { FulfilmentStatus } from '../../api/src/modules/commitments/commitment.enums.js';
import { Fulfilment } from '../../api/src/modules/commitments/fulfilment.entity.js';
import { Need } from '../../api/src/modules/commitments/need.entity.js';
import { Pairing } from '../../api/src/modules/pairing/pairing.entity.js';
import { SocialWorker } from '../../api/src/modules/pairing/social-worker.entity.js';
import { Attendance, SignupStatus } from '../../api/src/modules/shifts/shift.enums.js';
import { Signup } from '../../api/src/modules/shifts/signup.entity.js';
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
  toGlobalId,
} from '../support/factories.js';
import type { TestApp } from '../support/test-app.js';

export const ROLES = [
  'anonymous',
  'STREET_ADMIN',
  'COMMUNITY_STAFF',
  'UNIT_LIAISON',
  'SOCIAL_WORKER',
  'VOLUNTEER',
] as const;
export type RoleName = (typeof ROLES)[number];

export interface FuzzWorld {
  /** http://127.0.0.1:<port> */
  origin: string;
  tokens: Record<RoleName, string | null>;
  /** Real global IDs by GraphQL type name. */
  ids: Record<string, string[]>;
}

async function sessionFor(t: TestApp, user: User): Promise<string> {
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

export async function buildFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
  const community = await makeCommunity(t.orm);
  const other = await makeCommunity(t.orm);
  const grid = await makeGrid(t.orm, community);
  const unit = await makeUnit(t.orm, community, { grid });
  const otherUnit = await makeUnit(t.orm, other);
  const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  const socialWorkerUser = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community });
  const { user: volunteerUser, volunteer } = await makeVolunteer(t.orm, community, {
    unit,
    affiliation: Affiliation.CONFIRMED,
  });
  const { volunteer: volunteer2 } = await makeVolunteer(t.orm, community);

  const em = t.orm.em.fork();
  const socialWorker = em.create(SocialWorker, {
    user: socialWorkerUser.id,
    community: community.id,
    caseloadCap: 200,
  });
  await em.flush();

  const activity = await makeActivity(t.orm, community, {
    createdBy: socialWorkerUser,
    organiserUnit: unit,
  });
  const shift = await makeShift(t.orm, activity, { startsInHours: 48 });
  const pastShift = await makeShift(t.orm, activity, { startsInHours: -5, hours: 2 });
  const signup = em.create(Signup, {
    shift: shift.id,
    volunteer: volunteer.id,
    status: SignupStatus.CONFIRMED,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    attendance: Attendance.EXPECTED,
  });
  await em.flush();
  await em
    .getConnection()
    .execute('update shift set confirmed_count = confirmed_count + 1 where id = ?', [shift.id]);

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
  const submitted = await makeCommitment(t.orm, unit, {
    createdBy: liaison,
    status: CommitmentStatus.SUBMITTED,
  });
  const fulfilment = em.create(Fulfilment, {
    commitment: active.id,
    amount: '1.00',
    date: '2026-06-01',
    recordedBy: liaison.id,
    status: FulfilmentStatus.PENDING,
  });
  const category = await categoryByCode(t.orm);
  const need = em.create(Need, {
    community: community.id,
    category: category.id,
    title: '需求 fuzz',
    measure: Measure.EVENTS,
    amount: '10.00',
    createdBy: admin.id,
  });
  const pairing = em.create(Pairing, {
    socialWorker: socialWorker.id,
    volunteer: volunteer.id,
    community: community.id,
    confirmedBy: admin.id,
    confirmedAt: new Date(),
    lastContactDate: '2026-01-01',
  });
  await em.flush();
  // The pending record counts in its commitment's pending amount, as recording it would.
  await em
    .getConnection()
    .execute('update commitment set pending_amount = pending_amount + 1 where id = ?', [active.id]);

  const callers: Record<RoleName, User | null> = {
    anonymous: null,
    STREET_ADMIN: admin,
    COMMUNITY_STAFF: staff,
    UNIT_LIAISON: liaison,
    SOCIAL_WORKER: socialWorkerUser,
    VOLUNTEER: volunteerUser,
  };
  const tokens = {} as Record<RoleName, string | null>;
  for (const role of ROLES) {
    const user = callers[role];
    tokens[role] = user ? await sessionFor(t, user) : null;
  }

  const ids: Record<string, string[]> = {
    Community: [community.id, other.id].map((id) => toGlobalId('Community', id)),
    Grid: [toGlobalId('Grid', grid.id)],
    Unit: [unit.id, otherUnit.id].map((id) => toGlobalId('Unit', id)),
    User: [admin, staff, liaison, socialWorkerUser, volunteerUser].map((u) =>
      toGlobalId('User', u.id),
    ),
    Volunteer: [volunteer.id, volunteer2.id].map((id) => toGlobalId('Volunteer', id)),
    SocialWorker: [toGlobalId('SocialWorker', socialWorker.id)],
    Activity: [toGlobalId('Activity', activity.id)],
    Shift: [shift.id, pastShift.id].map((id) => toGlobalId('Shift', id)),
    Signup: [toGlobalId('Signup', signup.id)],
    Commitment: [draft.id, active.id, submitted.id].map((id) => toGlobalId('Commitment', id)),
    CommitmentCategory: [toGlobalId('CommitmentCategory', category.id)],
    Fulfilment: [toGlobalId('Fulfilment', fulfilment.id)],
    Need: [toGlobalId('Need', need.id)],
    Pairing: [toGlobalId('Pairing', pairing.id)],
  };
  return { origin: new URL(t.url).origin, tokens, ids };
}
