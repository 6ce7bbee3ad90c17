// Activities and their shifts: organising them, cancelling, and finding shifts to sign up for.
import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Context } from '../../context.js';
import {
  badUserInput,
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { idOf, paginate, type ConnectionArgs, type ConnectionData } from '../../graphql/relay.js';
import { authorize, can } from '../auth/policy.js';
import { Role } from '../auth/user.entity.js';
import { CommitmentCategory } from '../commitments/category.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { commitmentScope } from '../commitments/commitments.policy.js';
import { Measure } from '../commitments/commitment.enums.js';
import { Need } from '../commitments/need.entity.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { notify } from '../notifications/notifications.service.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { OrganiserKind, ShiftStatus, SignupStatus, Skill } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { activityScope, managedActivities } from './shifts.policy.js';
import { volunteerOf } from './volunteers.service.js';

const activitySchema = z.object({
  title: z.string().trim().min(1, 'Title is required.').max(120),
  description: z.string().trim().max(4000).nullish(),
  location: z.string().trim().min(1, 'Where does it take place?').max(200),
  requiredSkills: z.array(z.enum(Skill)).max(8).nullish(),
});

export async function createActivity(
  ctx: Context,
  input: {
    communityId?: string | null;
    organiserUnitId?: string | null;
    categoryId?: string | null;
    commitmentId?: string | null;
    needId?: string | null;
    title: string;
    description?: string | null;
    location: string;
    requiredSkills?: Skill[] | null;
  },
): Promise<Payload<'activity', Activity>> {
  const user = ctx.viewer.requireUser();
  const em = ctx.em;
  let unit: Unit | null = null;
  let community: Community | null = null;
  if (input.organiserUnitId) {
    const id = idOf(input.organiserUnitId, 'Unit');
    unit = id ? await em.findOne(Unit, id, { populate: ['community'] }) : null;
    if (!unit) return refused('activity', noSuch('unit', 'organiserUnitId'));
    community = unit.community;
  } else {
    const id = input.communityId
      ? idOf(input.communityId, 'Community')
      : (user.community?.id ?? null);
    community = id ? await em.findOne(Community, id) : null;
    if (!community)
      return refused(
        'activity',
        userError(UserErrorCode.NOT_FOUND, 'Choose the community.', inputField('communityId')),
      );
  }
  // An activity that counts toward a commitment is organised by the commitment's unit.
  const commitmentDbId = input.commitmentId ? idOf(input.commitmentId, 'Commitment') : null;
  const commitment = commitmentDbId ? await em.findOne(Commitment, commitmentDbId) : null;
  if (!unit && commitment && commitment.community.id === community.id)
    unit = await em.findOneOrFail(Unit, commitment.unit.id);
  authorize(ctx.viewer, 'activity.create', { communityId: community.id, unitId: unit?.id ?? null });
  const parsed = activitySchema.safeParse(input);
  if (!parsed.success) return refused('activity', ...userErrorsFromZod(parsed.error));

  const errors: UserError[] = [];
  let category: CommitmentCategory | null = null;
  if (input.categoryId) {
    const id = idOf(input.categoryId, 'CommitmentCategory');
    category = id ? await em.findOne(CommitmentCategory, { id, active: true }) : null;
    if (!category)
      errors.push(
        userError(UserErrorCode.NOT_FOUND, 'Choose an active category.', inputField('categoryId')),
      );
  }
  if (input.commitmentId) {
    if (!commitment || commitment.community.id !== community.id) {
      errors.push(noSuch('commitment in this community', 'commitmentId'));
    } else if (!unit || commitment.unit.id !== unit.id) {
      // Hours count toward a commitment only at its own unit's activities…
      errors.push(
        userError(
          UserErrorCode.INVALID,
          'An activity counts toward a commitment only when the commitment’s unit organises it.',
          inputField('commitmentId'),
        ),
      );
    } else if (!can(ctx.viewer, 'commitment.write', commitmentScope(commitment))) {
      // …and only those who answer for the commitment may link it.
      errors.push(
        userError(
          UserErrorCode.OUT_OF_SCOPE,
          'Only those who record this commitment’s fulfilment may link an activity to it.',
          inputField('commitmentId'),
        ),
      );
    } else if (commitment.measure !== Measure.VOLUNTEER_HOURS) {
      errors.push(
        userError(
          UserErrorCode.INVALID,
          'Only a volunteer-hours commitment can collect hours.',
          inputField('commitmentId'),
        ),
      );
    }
  }
  let need: Need | null = null;
  if (input.needId) {
    const id = idOf(input.needId, 'Need');
    need = id ? await em.findOne(Need, { id, community: community.id }) : null;
    if (!need) errors.push(noSuch('need in this community', 'needId'));
  }
  if (errors.length) return refused('activity', ...errors);

  const organiserKind = unit
    ? OrganiserKind.UNIT
    : user.role === Role.SOCIAL_WORKER
      ? OrganiserKind.SOCIAL_WORKER
      : OrganiserKind.COMMUNITY;
  const activity = em.create(Activity, {
    community,
    organiserKind,
    organiserUnit: unit,
    createdBy: user,
    category,
    commitment,
    need,
    title: parsed.data.title,
    description: parsed.data.description ?? '',
    location: parsed.data.location,
    requiredSkills: [...new Set(parsed.data.requiredSkills ?? [])].sort(),
  });
  await em.flush();
  return { activity, errors: [] };
}

export const MAX_SHIFT_HOURS = 24;

export async function createShift(
  ctx: Context,
  input: { activityId: string; startsAt: Date; endsAt: Date; capacity: number },
): Promise<Payload<'shift', Shift>> {
  ctx.viewer.requireUser();
  const id = idOf(input.activityId, 'Activity');
  const activity = id ? await ctx.em.findOne(Activity, id) : null;
  if (!activity) return refused('shift', noSuch('activity', 'activityId'));
  authorize(ctx.viewer, 'activity.manage', activityScope(activity));
  const errors: UserError[] = [];
  if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) {
    errors.push(userError(UserErrorCode.INVALID, 'Enter a start time.', inputField('startsAt')));
  } else if (input.startsAt.getTime() <= Date.now()) {
    errors.push(
      userError(
        UserErrorCode.OUT_OF_RANGE,
        'A shift must start in the future.',
        inputField('startsAt'),
      ),
    );
  }
  if (!(input.endsAt > input.startsAt)) {
    errors.push(
      userError(UserErrorCode.INVALID, 'A shift must end after it starts.', inputField('endsAt')),
    );
  } else if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_SHIFT_HOURS * 3_600_000) {
    errors.push(
      userError(
        UserErrorCode.OUT_OF_RANGE,
        `A shift lasts at most ${MAX_SHIFT_HOURS} hours.`,
        inputField('endsAt'),
      ),
    );
  }
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 10_000) {
    errors.push(
      userError(
        UserErrorCode.OUT_OF_RANGE,
        'Capacity is a whole number from 1 to 10,000.',
        inputField('capacity'),
      ),
    );
  }
  if (errors.length) return refused('shift', ...errors);
  const shift = ctx.em.create(Shift, {
    activity,
    community: activity.community,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
  });
  await ctx.em.flush();
  return { shift, errors: [] };
}

/** Cancels a shift and every place on it, and tells everyone who had one. */
export async function cancelShift(
  ctx: Context,
  input: { id: string; reason: string },
): Promise<Payload<'shift', Shift>> {
  ctx.viewer.requireUser();
  const id = idOf(input.id, 'Shift');
  const reason = input.reason.trim();
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const found = id ? await em.findOne(Shift, id) : null;
    if (!found) return refused('shift', noSuch('shift', 'id'));
    // Rights first, on an unlocked read; then the lock, and a fresh read of the shift.
    const activity = await em.findOneOrFail(Activity, found.activity.id);
    authorize(ctx.viewer, 'activity.manage', activityScope(activity));
    const shift = await em.findOneOrFail(Shift, found.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    if (!reason)
      return refused(
        'shift',
        userError(UserErrorCode.REQUIRED, 'Tell the volunteers why.', inputField('reason')),
      );
    if (shift.status === ShiftStatus.CANCELLED) {
      return refused(
        'shift',
        userError(UserErrorCode.INVALID_TRANSITION, 'This shift is already cancelled.'),
      );
    }
    const live = await em.find(
      Signup,
      { shift: shift.id, status: { $ne: SignupStatus.CANCELLED } },
      { populate: ['volunteer'] },
    );
    const now = new Date();
    for (const signup of live) {
      signup.status = SignupStatus.CANCELLED;
      signup.cancelledAt = now;
    }
    shift.status = ShiftStatus.CANCELLED;
    shift.cancelReason = reason.slice(0, 1000);
    shift.confirmedCount = 0;
    shift.waitlistCount = 0;
    notify(
      em,
      live.map((signup) => ({
        userId: signup.volunteer.user.id,
        kind: 'SHIFT_CANCELLED',
        title: `班次取消：${activity.title}`,
        body: reason,
        link: `/shifts/${shift.nodeId}`,
        data: { shiftId: shift.nodeId, startsAt: shift.startsAt.toISOString() },
        dedupeKey: `shift-cancelled:signup:${signup.id}`,
      })),
    );
    return { shift, errors: [] };
  });
}

export interface ShiftFilter {
  from?: Date | null;
  to?: Date | null;
  communityId?: string | null;
  activityId?: string | null;
  skill?: Skill | null;
  eligibleForMe?: boolean | null;
  includeCancelled?: boolean | null;
  mine?: boolean | null;
}

/** Shifts by start time (upcoming by default); `eligibleForMe` keeps those the viewer can take. */
export async function listShifts(
  ctx: Context,
  filter: ShiftFilter,
  args: ConnectionArgs,
): Promise<ConnectionData<Shift>> {
  const user = ctx.viewer.requireUser();
  const where: FilterQuery<Shift>[] = [{ startsAt: { $gte: filter.from ?? new Date() } }];
  if (filter.to) where.push({ startsAt: { $lt: filter.to } });
  if (!filter.includeCancelled) where.push({ status: ShiftStatus.OPEN });
  if (filter.communityId) where.push({ community: idOf(filter.communityId, 'Community') ?? 0 });
  if (filter.activityId) where.push({ activity: idOf(filter.activityId, 'Activity') ?? 0 });
  if (filter.skill) where.push({ activity: { requiredSkills: { $contains: [filter.skill] } } });
  if (filter.mine) {
    const managed = managedActivities(user);
    if (managed) where.push({ activity: managed });
  }
  if (!filter.eligibleForMe)
    return paginate(ctx.em, Shift, { where: { $and: where }, keys: ['startsAt', 'id'], args });
  // Open shifts whose skills the viewer has, not already signed up for, and not overlapping a
  // shift they are confirmed on: one statement, the viewer's profile and sign-ups as subqueries.
  where.push({ status: ShiftStatus.OPEN });
  const now = new Date();
  const page = await paginate(ctx.em, Shift, {
    where: { $and: where },
    keys: ['startsAt', 'id'],
    args,
    sql: {
      where: `(select a.required_skills from activity a where a.id = t.activity_id)
                <@ (select v.skills from volunteer v where v.user_id = ?)
              and not exists (
                select 1 from signup g join volunteer v on v.id = g.volunteer_id
                 where v.user_id = ? and g.status <> ? and g.ends_at > ?
                   and (g.shift_id = t.id
                        or (g.status = ? and g.starts_at < t.ends_at and t.starts_at < g.ends_at)))`,
      params: [user.id, user.id, SignupStatus.CANCELLED, now, SignupStatus.CONFIRMED],
    },
  });
  // Without a volunteer profile nothing is eligible; say why rather than answer an empty page.
  if (page.edges.length === 0 && !(await volunteerOf(ctx.em, user)))
    throw badUserInput('Only volunteers with a profile have eligible shifts.');
  return page;
}

/** Activities, newest first; `mine` keeps those the viewer runs. */
export function listActivities(
  ctx: Context,
  filter: { communityId?: string | null; mine?: boolean | null },
  args: ConnectionArgs,
): Promise<ConnectionData<Activity>> {
  const user = ctx.viewer.requireUser();
  const where: FilterQuery<Activity>[] = [];
  if (filter.communityId) where.push({ community: idOf(filter.communityId, 'Community') ?? 0 });
  if (filter.mine) {
    const managed = managedActivities(user);
    if (managed) where.push(managed);
  }
  return paginate(ctx.em, Activity, {
    where: where.length ? { $and: where } : {},
    keys: ['id'],
    args,
    direction: 'desc',
  });
}
