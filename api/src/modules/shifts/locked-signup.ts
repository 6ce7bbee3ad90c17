// The sign-up that an attendance or hours write changes, under its row lock.
//
// Every such write locks the sign-up row (SELECT … FOR UPDATE) in a transaction and re-reads it,
// so two check-ins, or two confirmations, of one sign-up queue up and the second sees the first.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/errors.js';
import { authorize } from '../auth/policy.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { ShiftStatus, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { activityScope } from './shifts.policy.js';

export interface AttendanceResult {
  signup: Signup | null;
  errors: UserError[];
}

export interface Locked {
  signup: Signup;
  shift: Shift;
  activity: Activity;
}

/**
 * The sign-up, locked and freshly read, with its shift and activity. `check` (an authorize call)
 * runs first, on an unlocked read: rights come before the lock, so an outsider neither waits on
 * it nor learns the sign-up's state. The shift is read again under the lock (a cancellation
 * locks the sign-ups it cancels, so it has either finished or waits for us).
 */
export async function lockSignup(
  em: EntityManager,
  signupId: number,
  check?: (activity: Activity) => void,
): Promise<Locked | null> {
  const found = await em.findOne(Signup, signupId, { populate: ['shift.activity'] });
  if (!found) return null;
  check?.(found.shift.activity);
  const signup = await em.findOneOrFail(Signup, signupId, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  const shift = await em.findOneOrFail(Shift, signup.shift.id, { refresh: true });
  const activity = await em.findOneOrFail(Activity, shift.activity.id);
  return { signup, shift, activity };
}

/** A sign-up with its shift, locked or not. */
export type Place = Pick<Locked, 'signup' | 'shift'>;

/** Attendance is taken only for confirmed places on shifts that still take place. */
export function placeProblem({ signup, shift }: Place): UserError | null {
  if (shift.status === ShiftStatus.CANCELLED)
    return userError(UserErrorCode.SHIFT_CANCELLED, 'This shift was cancelled.');
  if (signup.status !== SignupStatus.CONFIRMED) {
    return userError(
      UserErrorCode.NOT_CONFIRMED,
      signup.status === SignupStatus.WAITLISTED
        ? 'This volunteer is on the waitlist, not confirmed for the shift.'
        : signup.status === SignupStatus.EXPIRED
          ? 'This volunteer was still on the waitlist when the shift ended.'
          : 'This sign-up was cancelled.',
    );
  }
  return null;
}

/** The check for writes by those who run the activity. */
export const manages = (ctx: Context) => (activity: Activity) =>
  authorize(ctx.viewer, 'activity.manage', activityScope(activity));
