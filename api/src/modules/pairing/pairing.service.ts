// The rules of social worker – volunteer pairing: profiles, the optimal plan, confirming,
// ending, supervision, and the community's load view.
import { LockMode, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { availabilitySchema } from '../shifts/availability.js';
import type { Context } from '../../context.js';
import { daysBetween, isIsoDate, shanghaiDate } from '../../graphql/dates.js';
import {
  forbidden,
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { reasonSchema } from '../../graphql/validation.js';
import { idOf, paginate, type ConnectionArgs, type ConnectionData } from '../../graphql/relay.js';
import { authorize, can } from '../auth/policy.js';
import { supervisedPairings } from './pairing.policy.js';
import { Role, User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { Grid } from '../directory/grid.entity.js';
import type { AvailabilitySlot } from '../shifts/volunteer.entity.js';
import { Volunteer } from '../shifts/volunteer.entity.js';
import { Pairing } from './pairing.entity.js';
import {
  PairingStatus,
  Qualification,
  Specialty,
  SupervisionMode,
  type UnmatchedReason,
} from './pairing.enums.js';
import { scorePair, type ScoreComponents } from './scoring.js';
import { SocialWorker } from './social-worker.entity.js';
import { solveAssignment } from './solver.js';
import { SupervisionLog } from './supervision-log.entity.js';

// ---------------------------------------------------------------- profiles

/** The social worker profile of a user, made on first use for a SOCIAL_WORKER with a community. */
export async function socialWorkerOf(
  em: EntityManager,
  user: User,
  options: { create?: boolean } = {},
): Promise<SocialWorker | null> {
  const existing = await em.findOne(SocialWorker, { user: user.id });
  if (existing || !options.create) return existing;
  if (user.role !== Role.SOCIAL_WORKER || !user.community) return null;
  const worker = em.create(SocialWorker, { user, community: user.community });
  await em.flush();
  return worker;
}

const profileSchema = z.object({
  specialties: z
    .array(z.enum(Specialty))
    .max(Object.keys(Specialty).length)
    .refine((list) => new Set(list).size === list.length, 'List each specialty once.')
    .optional(),
  qualification: z.enum(Qualification).optional(),
  caseloadCap: z.number().int().min(0).max(200, 'At most 200.').optional(),
  availability: availabilitySchema.optional(),
});

export interface UpdateSocialWorkerProfileInput {
  /** Whose profile (a User ID); default: the viewer's own. */
  userId?: string | null;
  version?: number | null;
  specialties?: Specialty[] | null;
  qualification?: Qualification | null;
  caseloadCap?: number | null;
  availability?: AvailabilitySlot[] | null;
  /** Empty string clears it. */
  gridId?: string | null;
}

type ProfileResult = Payload<'socialWorker', SocialWorker>;

export async function updateSocialWorkerProfile(
  ctx: Context,
  input: UpdateSocialWorkerProfileInput,
): Promise<ProfileResult> {
  const viewer = ctx.viewer.requireUser();
  let target: User | null = viewer;
  if (input.userId) {
    const userId = idOf(input.userId, 'User');
    target = userId ? await ctx.em.findOne(User, userId) : null;
    if (!target) return refused('socialWorker', noSuch('user', 'userId'));
  }
  authorize(ctx.viewer, 'socialWorker.update', {
    userId: target.id,
    communityId: target.community?.id ?? null,
  });
  if (target.role !== Role.SOCIAL_WORKER || !target.community) {
    return refused(
      'socialWorker',
      userError(
        UserErrorCode.INVALID,
        'Only a social worker with a community has a social worker profile.',
        input.userId ? inputField('userId') : undefined,
      ),
    );
  }
  const parsed = profileSchema.safeParse({
    specialties: input.specialties ?? undefined,
    qualification: input.qualification ?? undefined,
    caseloadCap: input.caseloadCap ?? undefined,
    availability: input.availability ?? undefined,
  });
  if (!parsed.success) return refused('socialWorker', ...userErrorsFromZod(parsed.error));
  const worker = await socialWorkerOf(ctx.em, target, { create: true });
  if (!worker)
    return refused('socialWorker', userError(UserErrorCode.INVALID, 'No social worker profile.'));

  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const locked = await em.findOneOrFail(SocialWorker, worker.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (input.version != null && input.version !== locked.version) {
      return refused(
        'socialWorker',
        userError(
          UserErrorCode.CONFLICT,
          'The profile changed since you loaded it.',
          inputField('version'),
        ),
      );
    }
    const data = parsed.data;
    if (data.caseloadCap !== undefined) {
      const active = await em.count(Pairing, {
        socialWorker: locked.id,
        status: PairingStatus.ACTIVE,
      });
      if (data.caseloadCap < active) {
        return refused(
          'socialWorker',
          userError(
            UserErrorCode.OUT_OF_RANGE,
            `This social worker has ${active} active pairings; end some before lowering the cap.`,
            inputField('caseloadCap'),
          ),
        );
      }
      locked.caseloadCap = data.caseloadCap;
    }
    if (input.gridId === '') locked.grid = null;
    else if (input.gridId) {
      const gridId = idOf(input.gridId, 'Grid');
      const grid = gridId
        ? await em.findOne(Grid, { id: gridId, community: locked.community.id })
        : null;
      if (!grid) {
        return refused('socialWorker', noSuch('grid in this community', 'gridId'));
      }
      locked.grid = grid;
    }
    if (data.specialties) locked.specialties = data.specialties;
    if (data.qualification) locked.qualification = data.qualification;
    if (data.availability) locked.availability = data.availability;
    await em.flush();
    return { socialWorker: locked, errors: [] };
  });
}

// ---------------------------------------------------------------- the plan

export interface PairingProposal {
  socialWorker: SocialWorker;
  volunteer: Volunteer;
  score: ScoreComponents;
}

export interface UnmatchedVolunteer {
  volunteer: Volunteer;
  reason: UnmatchedReason;
}

export interface PairingPlan {
  proposals: PairingProposal[];
  unmatched: UnmatchedVolunteer[];
  totalScore: number;
}

/** The community asked for; without one, the viewer's own (staff, social workers). */
async function communityOrNull(
  ctx: Context,
  globalId: string | null | undefined,
): Promise<Community | null> {
  const id = globalId ? idOf(globalId, 'Community') : (ctx.viewer.user?.community?.id ?? null);
  return id ? ctx.loaders.directory.community.load(id) : null;
}

/** Active pairings per social worker of a community. */
async function activeCounts(em: EntityManager, workerIds: number[]): Promise<Map<number, number>> {
  if (workerIds.length === 0) return new Map();
  const rows = await em.getConnection().execute<{ social_worker_id: number; count: string }[]>(
    `select social_worker_id, count(*) as count from pairing
        where status = 'ACTIVE' and social_worker_id in (${workerIds.map(() => '?').join(', ')})
        group by social_worker_id`,
    workerIds,
    'all',
    em.getTransactionContext(),
  );
  return new Map(rows.map((r) => [Number(r.social_worker_id), Number(r.count)]));
}

const workerFacts = (worker: SocialWorker, freePlaces: number) => ({
  specialties: worker.specialties,
  gridId: worker.grid?.id ?? null,
  availability: worker.availability,
  freePlaces,
});

const volunteerFacts = (volunteer: Volunteer) => ({
  skills: volunteer.skills,
  gridId: volunteer.grid?.id ?? null,
  availability: volunteer.availability,
});

/** Social workers of a community whose account is active, by id. */
function activeWorkers(em: EntityManager, communityId: number) {
  return em.find(
    SocialWorker,
    { community: communityId, user: { active: true } },
    { orderBy: { id: 'asc' } },
  );
}

/**
 * The best plan for the community's unpaired volunteers: maximal total score, then most
 * volunteers paired; no worker above cap − active pairings. Pure read: nothing is written.
 */
export async function pairingSuggestions(
  ctx: Context,
  communityId: string | null,
): Promise<PairingPlan> {
  ctx.viewer.requireUser();
  const community = await communityOrNull(ctx, communityId);
  if (!community) throw forbidden();
  authorize(ctx.viewer, 'pairing.manage', { communityId: community.id });
  const em = ctx.em;
  const workers = await activeWorkers(em, community.id);
  const paired = await em
    .getConnection()
    .execute<{ volunteer_id: number }[]>(
      `select volunteer_id from pairing where status = 'ACTIVE' and community_id = ?`,
      [community.id],
    );
  const pairedIds = new Set(paired.map((r) => Number(r.volunteer_id)));
  const volunteers = (
    await em.find(
      Volunteer,
      { community: community.id, user: { active: true } },
      { orderBy: { id: 'asc' } },
    )
  ).filter((v) => !pairedIds.has(v.id));
  const counts = await activeCounts(
    em,
    workers.map((w) => w.id),
  );
  const free = workers.map((w) => Math.max(0, w.caseloadCap - (counts.get(w.id) ?? 0)));

  // Every worker of the community is admissible for every unpaired volunteer of it.
  const arcStart = new Int32Array(volunteers.length + 1);
  const arcWorker = new Int32Array(volunteers.length * workers.length);
  const arcScore = new Float64Array(volunteers.length * workers.length);
  const components: ScoreComponents[] = [];
  volunteers.forEach((volunteer, v) => {
    arcStart[v] = v * workers.length;
    const facts = volunteerFacts(volunteer);
    workers.forEach((worker, w) => {
      const score = scorePair(workerFacts(worker, free[w]!), facts);
      const arc = v * workers.length + w;
      arcWorker[arc] = w;
      arcScore[arc] = score.total;
      components.push(score);
    });
  });
  arcStart[volunteers.length] = volunteers.length * workers.length;
  const result = solveAssignment({
    volunteerCount: volunteers.length,
    capacities: free,
    arcStart,
    arcWorker,
    arcScore,
  });
  const proposals: PairingProposal[] = [];
  const unmatched: UnmatchedVolunteer[] = [];
  volunteers.forEach((volunteer, v) => {
    const w = result.assignment[v]!;
    if (w >= 0) {
      proposals.push({
        socialWorker: workers[w]!,
        volunteer,
        score: components[result.assignmentArc[v]!]!,
      });
    } else {
      unmatched.push({ volunteer, reason: result.reasons[v]! as UnmatchedReason });
    }
  });
  proposals.sort(
    (a, b) => a.socialWorker.id - b.socialWorker.id || a.volunteer.id - b.volunteer.id,
  );
  return { proposals, unmatched, totalScore: result.totalScore };
}

// ---------------------------------------------------------------- confirming

export interface ConfirmPairingsInput {
  communityId: string;
  proposals: { socialWorkerId: string; volunteerId: string }[];
}

export const MAX_PROPOSALS_PER_CONFIRMATION = 500;

/**
 * Confirms proposals in one transaction. Malformed input (unknown or out-of-community IDs, a
 * volunteer twice) changes nothing. Otherwise each proposal is taken in order while its social
 * worker has room and the volunteer is unpaired; the rest are refused one by one (CASELOAD_FULL,
 * ALREADY_PAIRED) with `field` ["input", "proposals", "<index>"]. The social workers' rows, then
 * the volunteers' rows, are locked in id order, so concurrent confirmations queue up and can
 * never overfill a worker or pair a volunteer twice (the partial unique index backs this up).
 */
export async function confirmPairings(
  ctx: Context,
  input: ConfirmPairingsInput,
): Promise<{ pairings: Pairing[]; errors: UserError[] }> {
  const user = ctx.viewer.requireUser();
  const community = await communityOrNull(ctx, input.communityId);
  if (!community) {
    return refused({ pairings: [] }, noSuch('community', 'communityId'));
  }
  authorize(ctx.viewer, 'pairing.manage', { communityId: community.id });
  if (input.proposals.length === 0 || input.proposals.length > MAX_PROPOSALS_PER_CONFIRMATION) {
    return refused(
      { pairings: [] },
      userError(
        UserErrorCode.OUT_OF_RANGE,
        `Confirm between 1 and ${MAX_PROPOSALS_PER_CONFIRMATION} proposals at once.`,
        inputField('proposals'),
      ),
    );
  }
  const wanted = input.proposals.map((p) => ({
    workerId: idOf(p.socialWorkerId, 'SocialWorker'),
    volunteerId: idOf(p.volunteerId, 'Volunteer'),
  }));

  try {
    return await ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const workerIds = [...new Set(wanted.map((p) => p.workerId).filter((id) => id !== null))];
      const volunteerIds = [
        ...new Set(wanted.map((p) => p.volunteerId).filter((id) => id !== null)),
      ];
      const workers = new Map(
        (
          await em.find(
            SocialWorker,
            { id: { $in: workerIds }, community: community.id },
            { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
          )
        ).map((w) => [w.id, w]),
      );
      // Their accounts, read without a lock (only the social workers' rows are serialised).
      await em.find(User, { id: { $in: [...workers.values()].map((w) => w.user.id) } });
      const volunteers = new Map(
        (
          await em.find(
            Volunteer,
            { id: { $in: volunteerIds }, community: community.id },
            { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
          )
        ).map((v) => [v.id, v]),
      );

      const errors: UserError[] = [];
      const seen = new Set<number>();
      wanted.forEach((p, i) => {
        const at = inputField('proposals', String(i));
        const worker = p.workerId === null ? undefined : workers.get(p.workerId);
        if (!worker || !worker.user.active) {
          errors.push(
            userError(UserErrorCode.NOT_FOUND, 'No such social worker in this community.', [
              ...at,
              'socialWorkerId',
            ]),
          );
        }
        if (p.volunteerId === null || !volunteers.has(p.volunteerId)) {
          errors.push(
            userError(UserErrorCode.NOT_FOUND, 'No such volunteer in this community.', [
              ...at,
              'volunteerId',
            ]),
          );
        } else if (seen.has(p.volunteerId)) {
          errors.push(
            userError(UserErrorCode.CONFLICT, 'This volunteer is proposed twice.', [
              ...at,
              'volunteerId',
            ]),
          );
        } else seen.add(p.volunteerId);
      });
      if (errors.length) return refused({ pairings: [] }, ...errors);

      const counts = await activeCounts(em, [...workers.keys()]);
      const alreadyPaired = new Set(
        (
          await em.find(Pairing, { volunteer: { $in: volunteerIds }, status: PairingStatus.ACTIVE })
        ).map((p) => p.volunteer.id),
      );
      const freeBefore = new Map(
        [...workers.values()].map((w) => [
          w.id,
          Math.max(0, w.caseloadCap - (counts.get(w.id) ?? 0)),
        ]),
      );
      const taken = new Map<number, number>();
      const today = shanghaiDate();
      const now = new Date();
      const pairings: Pairing[] = [];
      wanted.forEach((p, i) => {
        const worker = workers.get(p.workerId!)!;
        const volunteer = volunteers.get(p.volunteerId!)!;
        const at = inputField('proposals', String(i));
        if (alreadyPaired.has(volunteer.id)) {
          errors.push(
            userError(UserErrorCode.ALREADY_PAIRED, 'This volunteer is already paired.', at),
          );
          return;
        }
        const used = taken.get(worker.id) ?? 0;
        if (used >= freeBefore.get(worker.id)!) {
          errors.push(
            userError(UserErrorCode.CASELOAD_FULL, 'This social worker’s caseload is full.', at),
          );
          return;
        }
        taken.set(worker.id, used + 1);
        const score = scorePair(
          workerFacts(worker, freeBefore.get(worker.id)!),
          volunteerFacts(volunteer),
        );
        pairings.push(
          em.create(Pairing, {
            socialWorker: worker,
            volunteer,
            // `community` is a read-only row (loaders read rows): the ORM gets a reference.
            community: em.getReference(Community, community.id),
            confirmedBy: em.getReference(User, user.id),
            confirmedAt: now,
            score: score.total,
            components: score,
            lastContactDate: today,
          }),
        );
      });
      await em.flush();
      return { pairings, errors };
    });
  } catch (error) {
    // Only reachable if a volunteer was paired outside these locks: refuse, change nothing.
    if (error instanceof UniqueConstraintViolationException) {
      return refused(
        { pairings: [] },
        userError(UserErrorCode.CONFLICT, 'Pairings changed meanwhile; ask for a new plan.'),
      );
    }
    throw error;
  }
}

// ---------------------------------------------------------------- ending, supervision

type PairingResult = Payload<'pairing', Pairing>;

const endReason = reasonSchema(500);

export async function endPairing(
  ctx: Context,
  input: { id: string; reason: string },
): Promise<PairingResult> {
  const user = ctx.viewer.requireUser();
  const id = idOf(input.id, 'Pairing');
  const found = id ? await ctx.em.findOne(Pairing, id) : null;
  if (!found) return refused('pairing', noSuch('pairing', 'id'));
  authorize(ctx.viewer, 'pairing.manage', { communityId: found.community.id });
  const reason = endReason.safeParse(input.reason);
  if (!reason.success) {
    return refused('pairing', ...userErrorsFromZod(reason.error).map(under('reason')));
  }
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const pairing = await em.findOneOrFail(Pairing, found.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (pairing.status !== PairingStatus.ACTIVE) {
      return refused(
        'pairing',
        userError(UserErrorCode.INVALID_TRANSITION, 'This pairing has already ended.'),
      );
    }
    pairing.status = PairingStatus.ENDED;
    pairing.endedAt = new Date();
    pairing.endedBy = em.getReference(User, user.id);
    pairing.endReason = reason.data;
    await em.flush();
    return { pairing, errors: [] };
  });
}

const under =
  (name: string) =>
  (error: UserError): UserError => ({ ...error, field: inputField(name) });

const supervisionSchema = z.object({
  date: z.string().refine(isIsoDate, 'Use YYYY-MM-DD.'),
  mode: z.enum(SupervisionMode),
  notes: z.string().trim().max(5000).optional(),
});

/** Whose the pairing is, for the policy. */
async function pairingScope(em: EntityManager, pairing: Pairing) {
  const worker = await em.findOneOrFail(SocialWorker, pairing.socialWorker.id);
  return { communityId: pairing.community.id, userId: worker.user.id };
}

export async function logSupervision(
  ctx: Context,
  input: { pairingId: string; date: string; mode: SupervisionMode; notes?: string | null },
): Promise<{
  supervisionLog: SupervisionLog | null;
  pairing: Pairing | null;
  errors: UserError[];
}> {
  const user = ctx.viewer.requireUser();
  const id = idOf(input.pairingId, 'Pairing');
  const found = id ? await ctx.em.findOne(Pairing, id) : null;
  if (!found) {
    return refused(['supervisionLog', 'pairing'], noSuch('pairing', 'pairingId'));
  }
  authorize(ctx.viewer, 'supervision.log', await pairingScope(ctx.em, found));
  const parsed = supervisionSchema.safeParse({
    date: input.date,
    mode: input.mode,
    notes: input.notes ?? undefined,
  });
  if (!parsed.success) {
    return refused(['supervisionLog', 'pairing'], ...userErrorsFromZod(parsed.error));
  }
  const { date, mode, notes } = parsed.data;
  const today = shanghaiDate();
  if (date > today) {
    return refused(
      ['supervisionLog', 'pairing'],
      userError(UserErrorCode.OUT_OF_RANGE, 'The date is in the future.', inputField('date')),
    );
  }
  if (date < shanghaiDate(found.confirmedAt)) {
    return refused(
      ['supervisionLog', 'pairing'],
      userError(
        UserErrorCode.OUT_OF_RANGE,
        'The date is before the pairing began.',
        inputField('date'),
      ),
    );
  }
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const pairing = await em.findOneOrFail(Pairing, found.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (pairing.status !== PairingStatus.ACTIVE) {
      return refused(
        ['supervisionLog', 'pairing'],
        userError(UserErrorCode.INVALID_TRANSITION, 'This pairing has ended.'),
      );
    }
    const log = em.create(SupervisionLog, {
      pairing,
      author: em.getReference(User, user.id),
      date,
      mode,
      notes: notes ?? '',
    });
    if (date > pairing.lastContactDate) pairing.lastContactDate = date;
    await em.flush();
    return { supervisionLog: log, pairing, errors: [] };
  });
}

// ---------------------------------------------------------------- lists and the load view

/**
 * A community's pairings: everything for its staff and the office; a social worker of the
 * community sees only their own.
 */
export async function listPairings(
  ctx: Context,
  communityId: string | null,
  status: PairingStatus | null,
  args: ConnectionArgs,
): Promise<ConnectionData<Pairing>> {
  const user = ctx.viewer.requireUser();
  const community = await communityOrNull(ctx, communityId);
  if (!community) throw forbidden();
  if (!can(ctx.viewer, 'pairing.manage', { communityId: community.id }))
    authorize(ctx.viewer, 'pairing.overview', { communityId: community.id });
  const where: FilterQuery<Pairing>[] = [supervisedPairings(user, community.id)];
  if (status) where.push({ status });
  return paginate(ctx.em, Pairing, { where: { $and: where }, keys: ['id'], args });
}

/**
 * A social worker's own pairings (`SocialWorker.pairings`), most overdue first; readable by whoever
 * may read those pairings: the worker, their community's staff, the office.
 */
export function pairingsOfSocialWorker(
  ctx: Context,
  worker: SocialWorker,
  status: PairingStatus | null,
  args: ConnectionArgs,
): Promise<ConnectionData<Pairing>> {
  ctx.viewer.requireUser();
  authorize(ctx.viewer, 'supervision.log', {
    communityId: worker.community.id,
    userId: worker.user.id,
  });
  return ctx.loaders.pairing.pairingsOfWorker.load({
    parentId: worker.id,
    filter: status ?? null,
    args,
  });
}

export async function listSocialWorkers(
  ctx: Context,
  communityId: string | null,
  args: ConnectionArgs,
): Promise<ConnectionData<SocialWorker>> {
  ctx.viewer.requireUser();
  const community = await communityOrNull(ctx, communityId);
  if (!community) throw forbidden();
  authorize(ctx.viewer, 'pairing.overview', { communityId: community.id });
  return paginate(ctx.em, SocialWorker, { where: { community: community.id }, keys: ['id'], args });
}

export interface PairingCoverage {
  volunteers: number;
  paired: number;
  ratio: number;
}

/** Volunteers (active accounts) in an active pairing / all volunteers of the community. */
export async function pairingCoverage(
  ctx: Context,
  communityId: string | null,
): Promise<PairingCoverage> {
  ctx.viewer.requireUser();
  const community = await communityOrNull(ctx, communityId);
  if (!community) throw forbidden();
  authorize(ctx.viewer, 'pairing.overview', { communityId: community.id });
  return coverageCounts(ctx.em, community.id);
}

/**
 * Active volunteers and those of them in an active pairing, in one statement: of one community,
 * or (`null`) of the whole sub-district. The caller has checked who may see it.
 */
export async function coverageCounts(
  em: EntityManager,
  communityId: number | null,
): Promise<PairingCoverage> {
  const [row] = await em.getConnection().execute<{ volunteers: string; paired: string }[]>(
    `select count(*) as volunteers,
            count(*) filter (where exists (
              select 1 from pairing p where p.volunteer_id = v.id and p.status = 'ACTIVE')) as paired
       from volunteer v join app_user u on u.id = v.user_id
      where u.active${communityId === null ? '' : ' and v.community_id = ?'}`,
    communityId === null ? [] : [communityId],
  );
  const volunteers = Number(row?.volunteers ?? 0);
  const paired = Number(row?.paired ?? 0);
  return { volunteers, paired, ratio: volunteers === 0 ? 0 : paired / volunteers };
}

/** A pairing by id for `node(id:)`: null unless the viewer may read it. */
export async function findPairing(ctx: Context, id: number): Promise<Pairing | null> {
  if (!ctx.viewer.user) return null;
  const pairing = await ctx.loaders.pairing.pairing.load(id);
  if (!pairing) return null;
  return can(ctx.viewer, 'supervision.log', await pairingScope(ctx.em, pairing)) ? pairing : null;
}

export async function findSocialWorker(ctx: Context, id: number): Promise<SocialWorker | null> {
  if (!ctx.viewer.user) return null;
  const worker = await ctx.loaders.pairing.socialWorker.load(id);
  if (!worker) return null;
  return can(ctx.viewer, 'pairing.overview', { communityId: worker.community.id }) ||
    worker.user.id === ctx.viewer.user.id
    ? worker
    : null;
}

/** Whole days since the pairing's last contact (Asia/Shanghai). */
export const daysSinceContact = (pairing: Pairing, today = shanghaiDate()) =>
  daysBetween(pairing.lastContactDate, today);
