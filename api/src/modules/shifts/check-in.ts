// Check-in and check-out: recorded by those who run the activity (at a given time or now), or by
// the volunteer themselves, now, with the QR code shown at the venue (check-in-code.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { verifyCheckInCode } from './check-in-code.js';
import { checkInWindow, serviceMinutes } from './hours.js';
import {
  lockSignup,
  manages,
  placeProblem,
  type AttendanceResult,
  type Locked,
  type Place,
} from './locked-signup.js';
import type { Shift } from './shift.entity.js';
import { Attendance, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { volunteerOf } from './volunteers.service.js';

/** `at` when given (not in the future), else now. */
function timeOf(at: Date | null | undefined, now: Date): Date | UserError {
  if (at === null || at === undefined) return now;
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    return userError(UserErrorCode.INVALID, 'Enter a time.', inputField('at'));
  if (at.getTime() > now.getTime())
    return userError(
      UserErrorCode.OUT_OF_RANGE,
      'The time cannot be in the future.',
      inputField('at'),
    );
  return at;
}

/** Why the sign-up cannot be checked in at `at`, or null. */
function checkInProblem(place: Place, at: Date, atField?: string[]): UserError | null {
  const problem = placeProblem(place);
  if (problem) return problem;
  const { signup, shift } = place;
  const { opensAt, closesAt } = checkInWindow(shift);
  if (at.getTime() < opensAt.getTime()) {
    return userError(
      UserErrorCode.TOO_EARLY,
      'Check-in opens 60 minutes before the shift starts.',
      atField,
    );
  }
  if (at.getTime() > closesAt.getTime())
    return userError(UserErrorCode.SHIFT_ENDED, 'The shift has ended.', atField);
  if (signup.attendance === Attendance.CHECKED_IN || signup.attendance === Attendance.CHECKED_OUT)
    return userError(UserErrorCode.ALREADY_CHECKED_IN, 'Already checked in.');
  return null;
}

function applyCheckIn(locked: Locked, at: Date, atField?: string[]): UserError | null {
  const problem = checkInProblem(locked, at, atField);
  if (problem) return problem;
  const { signup } = locked;
  // From EXPECTED, or from NO_SHOW when someone marked too soon turns up after all.
  signup.attendance = Attendance.CHECKED_IN;
  signup.checkedInAt = at;
  signup.checkedOutAt = null;
  signup.minutes = null;
  signup.servedMinutes = null;
  return null;
}

/** Why the sign-up cannot be checked out at `at`, or null. */
function checkOutProblem(place: Place, at: Date, atField?: string[]): UserError | null {
  const problem = placeProblem(place);
  if (problem) return problem;
  const { signup } = place;
  if (signup.attendance === Attendance.CHECKED_OUT)
    return userError(UserErrorCode.ALREADY_CHECKED_OUT, 'Already checked out.');
  if (signup.attendance !== Attendance.CHECKED_IN || !signup.checkedInAt)
    return userError(UserErrorCode.NOT_CHECKED_IN, 'Check in first.');
  if (at.getTime() < signup.checkedInAt.getTime()) {
    return userError(
      UserErrorCode.OUT_OF_RANGE,
      'Check-out cannot be earlier than check-in.',
      atField,
    );
  }
  return null;
}

function applyCheckOut(
  locked: Locked,
  at: Date,
  rounding: Context['app']['config']['shifts'],
  atField?: string[],
): UserError | null {
  const problem = checkOutProblem(locked, at, atField);
  if (problem) return problem;
  const { signup, shift } = locked;
  signup.attendance = Attendance.CHECKED_OUT;
  signup.checkedOutAt = at;
  signup.minutes = serviceMinutes(signup.checkedInAt!, at, shift, {
    minutes: rounding.hoursRoundingMinutes,
    mode: rounding.hoursRoundingMode,
  });
  signup.servedMinutes = signup.minutes;
  return null;
}

export type Step = 'in' | 'out';

/** The organiser (or staff) records a check-in or check-out, at `at` or now. */
async function recordByOrganiser(
  ctx: Context,
  step: Step,
  input: { signupId: string; at?: Date | null },
): Promise<AttendanceResult> {
  ctx.viewer.requireUser();
  const id = idOf(input.signupId, 'Signup');
  if (!id) return refused('signup', noSuch('sign-up', 'signupId'));
  const now = new Date();
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const locked = await lockSignup(em, id, manages(ctx));
    if (!locked) return refused('signup', noSuch('sign-up', 'signupId'));
    const at = timeOf(input.at, now);
    if (!(at instanceof Date)) return refused('signup', at);
    const atField = input.at ? inputField('at') : undefined;
    const problem =
      step === 'in'
        ? applyCheckIn(locked, at, atField)
        : applyCheckOut(locked, at, ctx.app.config.shifts, atField);
    if (problem) return refused('signup', problem);
    return { signup: locked.signup, errors: [] };
  });
}

export const checkIn = (ctx: Context, input: { signupId: string; at?: Date | null }) =>
  recordByOrganiser(ctx, 'in', input);

export const checkOut = (ctx: Context, input: { signupId: string; at?: Date | null }) =>
  recordByOrganiser(ctx, 'out', input);

/** A volunteer checks themselves in and out only on a confirmed place of their own. */
const isConfirmed = (signup: Signup | null): signup is Signup =>
  signup?.status === SignupStatus.CONFIRMED;

/** Why a volunteer whose sign-up is not confirmed (or who has none) cannot check in. */
function noPlace(signup: Signup | null): UserError {
  return userError(
    UserErrorCode.NOT_SIGNED_UP,
    signup?.status === SignupStatus.WAITLISTED
      ? 'You are on the waitlist for this shift, not confirmed.'
      : 'You have no place on this shift.',
  );
}

export type SelfStep = { step: Step; problem: null } | { step: null; problem: UserError };

/**
 * The one step a volunteer can take now with the venue's code — check in, check out — or none
 * and why (the refusal checkInWithCode / checkOutWithCode would give). `signup` is their live
 * sign-up on `shift`, if any. The same checks as the writes, so what the page offers is what
 * the write accepts.
 */
export function selfCheckInStep(
  place: { signup: Signup | null; shift: Shift },
  now: Date,
): SelfStep {
  const { signup, shift } = place;
  if (!isConfirmed(signup)) return { step: null, problem: noPlace(signup) };
  const problem =
    signup.attendance === Attendance.CHECKED_IN || signup.attendance === Attendance.CHECKED_OUT
      ? checkOutProblem({ signup, shift }, now)
      : checkInProblem({ signup, shift }, now);
  if (problem) return { step: null, problem };
  return { step: signup.attendance === Attendance.CHECKED_IN ? 'out' : 'in', problem: null };
}

/** The code's refusal as a user error on the `code` field. */
export function codeProblem(
  code: typeof UserErrorCode.INVALID_CODE | typeof UserErrorCode.CODE_EXPIRED,
): UserError {
  return code === UserErrorCode.CODE_EXPIRED
    ? userError(
        code,
        'This code has expired; scan the code on the screen again.',
        inputField('code'),
      )
    : userError(code, 'This is not a valid check-in code.', inputField('code'));
}

/** The volunteer checks in or out now, with the code shown at the venue. */
async function recordWithCode(
  ctx: Context,
  step: Step,
  input: { code: string },
): Promise<AttendanceResult> {
  const user = authorize(ctx.viewer, 'attendance.selfCheckIn');
  const now = new Date();
  const { appSecret, shifts } = ctx.app.config;
  const checked = verifyCheckInCode(appSecret, input.code, shifts.qrCodeTtlSeconds, now);
  if (!checked.ok) return refused('signup', codeProblem(checked.code));
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const volunteer = await volunteerOf(em, user);
    const found = volunteer
      ? await em.findOne(Signup, {
          shift: checked.shiftId,
          volunteer: volunteer.id,
          status: { $ne: SignupStatus.CANCELLED },
        })
      : null;
    const locked = found ? await lockSignup(em, found.id) : null;
    if (!locked || !isConfirmed(locked.signup))
      return refused('signup', noPlace(locked?.signup ?? null));
    const problem =
      step === 'in' ? applyCheckIn(locked, now) : applyCheckOut(locked, now, ctx.app.config.shifts);
    if (problem) return refused('signup', problem);
    return { signup: locked.signup, errors: [] };
  });
}

export const checkInWithCode = (ctx: Context, input: { code: string }) =>
  recordWithCode(ctx, 'in', input);

export const checkOutWithCode = (ctx: Context, input: { code: string }) =>
  recordWithCode(ctx, 'out', input);
