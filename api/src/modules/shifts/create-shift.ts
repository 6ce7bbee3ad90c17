// Adding a shift to an activity: when it starts and ends, and how many places it has.
import type { Context } from '../../context.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { activityScope } from './shifts.policy.js';

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
      userError(
        UserErrorCode.ENDS_BEFORE_START,
        'A shift must end after it starts.',
        inputField('endsAt'),
      ),
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
