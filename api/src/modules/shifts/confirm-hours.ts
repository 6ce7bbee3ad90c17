// Confirming hours: those who run the activity confirm (or correct) a checked-out volunteer's
// minutes, which adds them to the volunteer's total and credits a linked volunteer-hours
// commitment of the unit the volunteer is confirmed to work for.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { inputField, noSuch, refused, userError, UserErrorCode } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { User } from '../auth/user.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { Measure } from '../commitments/commitment.enums.js';
import { creditHoursFulfilment } from '../commitments/credit-hours.js';
import { hoursAmount, shiftMinutes } from './hours.js';
import {
  lockSignup,
  manages,
  placeProblem,
  type AttendanceResult,
  type Locked,
} from './locked-signup.js';
import { Affiliation, Attendance } from './shift.enums.js';
import { isOwnVolunteer } from './shifts.policy.js';
import { Volunteer } from './volunteer.entity.js';

/**
 * The organiser confirms a checked-out volunteer's minutes (optionally corrected, within the
 * shift's length; more than were served needs a reason, which is kept). In one transaction under
 * the sign-up's lock: the minutes are added to the volunteer's total, and — when the activity
 * counts toward a volunteer-hours commitment of the unit the volunteer is confirmed to work for
 * — recorded against that commitment for the community's staff to verify.
 */
export async function confirmHours(
  ctx: Context,
  input: { signupId: string; minutes?: number | null; reason?: string | null },
): Promise<AttendanceResult> {
  const user = ctx.viewer.requireUser();
  const id = idOf(input.signupId, 'Signup');
  if (!id) return refused('signup', noSuch('sign-up', 'signupId'));
  const reason = (input.reason ?? '').trim();
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const locked = await lockSignup(em, id, manages(ctx));
    if (!locked) return refused('signup', noSuch('sign-up', 'signupId'));
    const { signup, shift } = locked;
    if (signup.hoursConfirmedAt)
      return refused(
        'signup',
        userError(UserErrorCode.ALREADY_CONFIRMED, 'These hours are already confirmed.'),
      );
    const problem = placeProblem(locked);
    if (problem) return refused('signup', problem);
    if (signup.attendance !== Attendance.CHECKED_OUT || signup.minutes === null)
      return refused(
        'signup',
        userError(UserErrorCode.NOT_CHECKED_OUT, 'Hours are confirmed after check-out.'),
      );
    const volunteer = await em.findOneOrFail(Volunteer, signup.volunteer.id);
    if (isOwnVolunteer(ctx.viewer, volunteer))
      return refused(
        'signup',
        userError(UserErrorCode.OWN_RECORD, 'Your own hours are confirmed by someone else.'),
      );
    const served = signup.servedMinutes ?? signup.minutes;
    const longest = shiftMinutes(shift);
    if (input.minutes !== null && input.minutes !== undefined) {
      if (!Number.isInteger(input.minutes) || input.minutes < 0 || input.minutes > longest) {
        return refused(
          'signup',
          userError(
            UserErrorCode.OUT_OF_RANGE,
            `Minutes are a whole number from 0 to ${longest}, the length of the shift.`,
            inputField('minutes'),
          ),
        );
      }
      if (input.minutes > served && !reason) {
        return refused(
          'signup',
          userError(
            UserErrorCode.REQUIRED,
            `Check-in and check-out measured ${served} minutes; say why more are confirmed.`,
            inputField('reason'),
          ),
        );
      }
      signup.minutes = input.minutes;
    }
    if (reason.length > 500)
      return refused(
        'signup',
        userError(UserErrorCode.TOO_LONG, 'At most 500 characters.', inputField('reason')),
      );
    const minutes = signup.minutes;
    signup.minutesReason = minutes > served ? reason : '';
    signup.hoursConfirmedAt = new Date();
    signup.hoursConfirmedBy = em.getReference(User, user.id);
    await em.flush();

    // An atomic increment: confirmations of this volunteer's other sign-ups may run at once, and
    // the profile's version (for the volunteer's own edits) is left alone.
    if (minutes > 0) {
      await em
        .getConnection()
        .execute(
          'update "volunteer" set "verified_minutes" = "verified_minutes" + ? where "id" = ?',
          [minutes, signup.volunteer.id],
          'run',
          em.getTransactionContext(),
        );
    }
    await em.refresh(volunteer);
    if (minutes > 0) {
      await creditCommitment(em, locked, volunteer, {
        served,
        confirmed: minutes,
        reason: signup.minutesReason,
        by: user.id,
      });
    }
    return { signup, errors: [] };
  });
}

/**
 * Records confirmed hours against the activity's commitment, for staff review, when the
 * volunteer is confirmed to work for the commitment's unit.
 */
async function creditCommitment(
  em: EntityManager,
  { signup, shift, activity }: Locked,
  volunteer: Volunteer,
  hours: { served: number; confirmed: number; reason: string; by: number },
): Promise<void> {
  if (!activity.commitment || !volunteer.unit) return;
  if (volunteer.affiliation !== Affiliation.CONFIRMED) return;
  const commitment = await em.findOne(Commitment, activity.commitment.id);
  if (!commitment || commitment.measure !== Measure.VOLUNTEER_HOURS) return;
  if (commitment.unit.id !== volunteer.unit.id) return;
  // The note is public with an accepted commitment: the activity, never the volunteer's name.
  await creditHoursFulfilment(em, {
    commitmentId: commitment.id,
    amount: hoursAmount(hours.confirmed),
    date: shanghaiDate(shift.startsAt),
    note: `志愿服务：${activity.title}`,
    sourceKey: `signup:${signup.id}`,
    recordedBy: hours.by,
    servedMinutes: hours.served,
    confirmedMinutes: hours.confirmed,
    reason: hours.reason,
  });
}
