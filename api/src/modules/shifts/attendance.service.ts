// Attendance and hours: check-in and check-out (by the organiser, or by the volunteer with the
// shift's QR code), no-shows, and the organiser's confirmation of hours, which adds them to the
// volunteer's total and credits a linked volunteer-hours commitment of the volunteer's unit.
//
// Every write locks the sign-up row (SELECT … FOR UPDATE) in a transaction and re-reads it, so
// two check-ins, or two confirmations, of one sign-up queue up and the second sees the first.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import QRCode from 'qrcode';
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/relay.js';
import { authorize } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { Measure } from '../commitments/commitment.enums.js';
import { creditHoursFulfilment } from '../commitments/fulfilments.service.js';
import { Activity } from './activity.entity.js';
import { checkInWindow, hoursAmount, serviceMinutes, shiftMinutes } from './hours.js';
import { Shift } from './shift.entity.js';
import { Affiliation, Attendance, ShiftStatus, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { activityScope } from './shifts.policy.js';
import { Volunteer } from './volunteer.entity.js';
import { volunteerOf } from './volunteers.service.js';

export interface AttendanceResult {
  signup: Signup | null;
  errors: UserError[];
}

// ---------------------------------------------------------------- QR codes

const CODE_PURPOSE = 'shift-check-in';
const CODE_PATTERN = /^([1-9]\d{0,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const codeSignature = (secret: string, shiftId: number, expSeconds: number) =>
  createHmac('sha256', secret)
    .update(`${CODE_PURPOSE}:${shiftId}:${expSeconds}`)
    .digest('base64url');

/**
 * A check-in code for a shift, valid until `expiresAt` (whole seconds):
 * `<shift id>.<expiry, unix seconds>.<HMAC-SHA256 of both, base64url>`.
 */
export function signCheckInCode(secret: string, shiftId: number, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${shiftId}.${exp}.${codeSignature(secret, shiftId, exp)}`;
}

export type CodeCheck =
  | { ok: true; shiftId: number; expiresAt: Date }
  | { ok: false; code: typeof UserErrorCode.INVALID_CODE | typeof UserErrorCode.CODE_EXPIRED };

/**
 * The shift a code is for, once its signature (constant-time) and its expiry hold. A code that
 * claims to stay valid for longer than `ttlSeconds` from now was not issued by us (or was issued
 * under a longer TTL): refused, whoever signed it.
 */
export function verifyCheckInCode(
  secret: string,
  code: string,
  ttlSeconds: number,
  now = new Date(),
): CodeCheck {
  /** Allowance for the clocks of the API processes that issue and check codes. */
  const clockSkewSeconds = 10;
  const match = CODE_PATTERN.exec(code.trim());
  if (!match) return { ok: false, code: UserErrorCode.INVALID_CODE };
  const shiftId = Number(match[1]);
  const exp = Number(match[2]);
  const expected = Buffer.from(codeSignature(secret, shiftId, exp));
  const given = Buffer.from(match[3]!);
  // Compared as canonical text, so a differently padded spelling of the same bytes fails too.
  if (
    !Number.isSafeInteger(shiftId) ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    return { ok: false, code: UserErrorCode.INVALID_CODE };
  }
  if (exp * 1000 > now.getTime() + (ttlSeconds + clockSkewSeconds) * 1000) {
    return { ok: false, code: UserErrorCode.INVALID_CODE };
  }
  if (now.getTime() > exp * 1000) return { ok: false, code: UserErrorCode.CODE_EXPIRED };
  return { ok: true, shiftId, expiresAt: new Date(exp * 1000) };
}

export interface CheckInCode {
  code: string;
  expiresAt: Date;
  /** What the QR code holds: the web app's check-in page with the code. */
  url: string;
  qrSvg: string;
}

/** A fresh QR code for the shift's venue, for those who run the activity; null if no such shift. */
export async function shiftCheckInCode(
  ctx: Context,
  shiftGlobalId: string,
): Promise<CheckInCode | null> {
  ctx.viewer.requireUser();
  const id = idOf(shiftGlobalId, 'Shift');
  const shift = id ? await ctx.em.findOne(Shift, id) : null;
  if (!shift) return null;
  const activity = await ctx.em.findOneOrFail(Activity, shift.activity.id);
  authorize(ctx.viewer, 'activity.manage', activityScope(activity));
  if (shift.status === ShiftStatus.CANCELLED) return null;
  const { appSecret, publicWebUrl, shifts } = ctx.app.config;
  const expiresAt = new Date((Math.floor(Date.now() / 1000) + shifts.qrCodeTtlSeconds) * 1000);
  const code = signCheckInCode(appSecret, shift.id, expiresAt);
  const url = `${publicWebUrl.replace(/\/+$/, '')}/check-in?code=${encodeURIComponent(code)}`;
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { code, expiresAt, url, qrSvg };
}

// ---------------------------------------------------------------- the rules

interface Locked {
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
async function lockSignup(
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

/** Attendance is taken only for confirmed places on shifts that still take place. */
function placeProblem({ signup, shift }: Locked): UserError | null {
  if (shift.status === ShiftStatus.CANCELLED)
    return userError(UserErrorCode.SHIFT_CANCELLED, 'This shift was cancelled.');
  if (signup.status !== SignupStatus.CONFIRMED) {
    return userError(
      UserErrorCode.NOT_CONFIRMED,
      signup.status === SignupStatus.WAITLISTED
        ? 'This volunteer is on the waitlist, not confirmed for the shift.'
        : 'This sign-up was cancelled.',
    );
  }
  return null;
}

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

function applyCheckIn(locked: Locked, at: Date, atField?: string[]): UserError | null {
  const problem = placeProblem(locked);
  if (problem) return problem;
  const { signup, shift } = locked;
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
  // From EXPECTED, or from NO_SHOW when someone marked too soon turns up after all.
  signup.attendance = Attendance.CHECKED_IN;
  signup.checkedInAt = at;
  signup.checkedOutAt = null;
  signup.minutes = null;
  signup.servedMinutes = null;
  return null;
}

function applyCheckOut(
  locked: Locked,
  at: Date,
  rounding: Context['app']['config']['shifts'],
  atField?: string[],
): UserError | null {
  const problem = placeProblem(locked);
  if (problem) return problem;
  const { signup, shift } = locked;
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
  signup.attendance = Attendance.CHECKED_OUT;
  signup.checkedOutAt = at;
  signup.minutes = serviceMinutes(signup.checkedInAt, at, shift, {
    minutes: rounding.hoursRoundingMinutes,
    mode: rounding.hoursRoundingMode,
  });
  signup.servedMinutes = signup.minutes;
  return null;
}

type Step = 'in' | 'out';

/** The check for writes by those who run the activity. */
const manages = (ctx: Context) => (activity: Activity) =>
  authorize(ctx.viewer, 'activity.manage', activityScope(activity));

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
  if (!checked.ok) {
    return checked.code === UserErrorCode.CODE_EXPIRED
      ? refused(
          'signup',
          userError(
            checked.code,
            'This code has expired; scan the code on the screen again.',
            inputField('code'),
          ),
        )
      : refused(
          'signup',
          userError(checked.code, 'This is not a valid check-in code.', inputField('code')),
        );
  }
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
    if (!locked || locked.signup.status !== SignupStatus.CONFIRMED) {
      return refused(
        'signup',
        userError(
          UserErrorCode.NOT_SIGNED_UP,
          locked?.signup.status === SignupStatus.WAITLISTED
            ? 'You are on the waitlist for this shift, not confirmed.'
            : 'You have no place on this shift.',
        ),
      );
    }
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
    if (volunteer.user.id === user.id)
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
