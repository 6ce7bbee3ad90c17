// Finding shifts: by time, community, activity, skill, those the viewer runs, and those the
// viewer may sign up for (eligibility.ts).
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import type { ConnectionArgs, ConnectionData } from '../../graphql/connections.js';
import { badUserInput } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { paginate } from '../../graphql/paging.js';
import type { ReadRow } from '../../graphql/read-rows.js';
import { eligibleForUser } from './eligibility.js';
import { Shift } from './shift.entity.js';
import { ShiftStatus, type Skill } from './shift.enums.js';
import { managedActivities } from './shifts.policy.js';
import { volunteerOf } from './volunteers.service.js';

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
): Promise<ConnectionData<ReadRow<Shift>>> {
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
  // Shifts the viewer may sign up for (eligibility.ts), in the same statement.
  const page = await paginate(ctx.em, Shift, {
    where: { $and: where },
    keys: ['startsAt', 'id'],
    args,
    sql: eligibleForUser(user.id),
  });
  // Without a volunteer profile nothing is eligible; say why rather than answer an empty page.
  if (page.edges.length === 0 && !(await volunteerOf(ctx.em, user)))
    throw badUserInput('Only volunteers with a profile have eligible shifts.');
  return page;
}
