// No-shows: those who run the activity record that a confirmed volunteer did not come.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { noSuch, refused, userError, UserErrorCode } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { lockSignup, manages, placeProblem, type AttendanceResult } from './locked-signup.js';
import { Attendance } from './shift.enums.js';

/** The organiser records that a confirmed volunteer did not come (once the shift has started). */
export async function markNoShow(
  ctx: Context,
  input: { signupId: string },
): Promise<AttendanceResult> {
  ctx.viewer.requireUser();
  const id = idOf(input.signupId, 'Signup');
  if (!id) return refused('signup', noSuch('sign-up', 'signupId'));
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const locked = await lockSignup(em, id, manages(ctx));
    if (!locked) return refused('signup', noSuch('sign-up', 'signupId'));
    const problem = placeProblem(locked);
    if (problem) return refused('signup', problem);
    const { signup, shift } = locked;
    if (Date.now() < shift.startsAt.getTime())
      return refused(
        'signup',
        userError(UserErrorCode.SHIFT_NOT_STARTED, 'The shift has not started yet.'),
      );
    if (signup.attendance === Attendance.CHECKED_IN || signup.attendance === Attendance.CHECKED_OUT)
      return refused(
        'signup',
        userError(UserErrorCode.ALREADY_CHECKED_IN, 'This volunteer has checked in.'),
      );
    if (signup.attendance === Attendance.NO_SHOW)
      return refused(
        'signup',
        userError(UserErrorCode.INVALID_TRANSITION, 'Already marked as a no-show.'),
      );
    signup.attendance = Attendance.NO_SHOW;
    signup.minutes = 0;
    return { signup, errors: [] };
  });
}
