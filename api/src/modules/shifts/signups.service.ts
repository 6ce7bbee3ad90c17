// Sign-ups: taking a place or a waitlist ticket, cancelling, and promoting from the waitlist.
//
// Every change to a shift's places happens inside a transaction holding that shift's row lock
// (SELECT … FOR UPDATE), so sign-ups and cancellations of one shift queue up, in any number
// of API processes. The database backs the rules up on its own: a check constraint keeps
// confirmed places within the capacity, a partial unique index allows one live sign-up per
// volunteer and shift, and an exclusion constraint refuses overlapping confirmed places.
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { noSuch, refused, userError, UserErrorCode, type UserError } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { canManageActivity, volunteerScope } from './shifts.policy.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { ShiftStatus, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { checkSignUp, promotable, refusalOf } from './eligibility.js';
import { volunteerOf } from './volunteers.service.js';

export interface SignupResult {
  signup: Signup | null;
  errors: UserError[];
}

const EXCLUSION_VIOLATION = '23P01';
const isOverlapViolation = (error: unknown) =>
  (error as { code?: string }).code === EXCLUSION_VIOLATION ||
  (error as { cause?: { code?: string } }).cause?.code === EXCLUSION_VIOLATION;

/**
 * Eligibility (eligibility.ts) is checked first, in one statement, without holding anything; the
 * shift's row lock is then held only for the few statements that take the place or the ticket.
 * A request that slips between the check and the lock (a double click, a parallel sign-up for an
 * overlapping shift) is stopped by the unique index or the exclusion constraint.
 */
export async function signUpForShift(
  ctx: Context,
  input: { shiftId: string },
): Promise<SignupResult> {
  const user = authorize(ctx.viewer, 'shift.signUp');
  const shiftId = idOf(input.shiftId, 'Shift');
  if (!shiftId) return refused('signup', noSuch('shift', 'shiftId'));
  const em = ctx.em;
  const volunteer = await volunteerOf(em, user, { create: true });
  if (!volunteer)
    return refused(
      'signup',
      userError(UserErrorCode.REQUIRED, 'Complete your volunteer profile (community) first.'),
    );
  const verdict = await checkSignUp(em, { shiftId, volunteerId: volunteer.id });
  if (!verdict) return refused('signup', noSuch('shift', 'shiftId'));
  if (verdict.refusal) return refused('signup', verdict.refusal);

  try {
    return await em.transactional(async (tx) => {
      const locked = await tx.findOneOrFail(Shift, shiftId, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        refresh: true,
      });
      // Cancelled since the check: the one change no database guard stops.
      if (locked.status === ShiftStatus.CANCELLED) return refused('signup', refusalOf('open'));
      const signup = tx.create(Signup, {
        shift: locked,
        volunteer,
        status: SignupStatus.CONFIRMED,
        startsAt: locked.startsAt,
        endsAt: locked.endsAt,
      });
      if (locked.confirmedCount < locked.capacity) {
        locked.confirmedCount += 1;
      } else {
        locked.lastWaitlistSeq += 1;
        locked.waitlistCount += 1;
        signup.status = SignupStatus.WAITLISTED;
        signup.waitlistSeq = locked.lastWaitlistSeq;
      }
      return { signup, errors: [] };
    });
  } catch (error) {
    // The database's own guards, for the races the check above could not see. A double
    // click on one shift can trip the overlap guard first: name it for what it is.
    if (error instanceof UniqueConstraintViolationException || isOverlapViolation(error)) {
      const again = await checkSignUp(
        em.fork(),
        { shiftId, volunteerId: volunteer.id },
        { only: ['notSignedUp'] },
      );
      return refused('signup', refusalOf(again?.failed === 'notSignedUp' ? 'notSignedUp' : 'free'));
    }
    throw error;
  }
}

/**
 * Fills free places from the waitlist, first ticket first, with those still eligible
 * (eligibility.ts): a waitlisted volunteer who has meanwhile confirmed another shift at the same
 * time is passed over (they keep their ticket). Runs under the caller's lock on `shift`.
 */
export async function promoteFromWaitlist(em: EntityManager, shift: Shift): Promise<Signup[]> {
  const ids = await promotable(em, shift.id, shift.capacity - shift.confirmedCount);
  const promoted = ids.length
    ? await em.find(
        Signup,
        { id: { $in: ids } },
        { orderBy: { waitlistSeq: 'asc' }, populate: ['volunteer'] },
      )
    : [];
  for (const signup of promoted) {
    signup.status = SignupStatus.CONFIRMED;
    signup.promotedAt = new Date();
    shift.confirmedCount += 1;
    shift.waitlistCount -= 1;
  }
  const activity = promoted.length ? await em.findOneOrFail(Activity, shift.activity.id) : null;
  notify(
    em,
    promoted.map((signup) => ({
      userId: signup.volunteer.user.id,
      kind: NotificationKind.WAITLIST_PROMOTED,
      link: `/shifts/${shift.nodeId}`,
      data: {
        shiftId: shift.nodeId,
        signupId: signup.nodeId,
        activityTitle: activity!.title,
        startsAt: shift.startsAt.toISOString(),
      },
      dedupeKey: `promoted:signup:${signup.id}`,
    })),
  );
  return promoted;
}

export interface CancelResult {
  signup: Signup | null;
  /** Who got the freed place: only for those who run the activity (policy `activity.manage`). */
  promoted: Signup[] | null;
  errors: UserError[];
}

/** A volunteer gives up their place (before the cut-off), or an organiser removes someone. */
export async function cancelSignup(
  ctx: Context,
  input: { signupId: string },
): Promise<CancelResult> {
  ctx.viewer.requireUser();
  const signupId = idOf(input.signupId, 'Signup');
  if (!signupId) return refused(['signup', 'promoted'], noSuch('sign-up', 'signupId'));
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.em.transactional(async (tx) => {
        const em = tx as EntityManager;
        const found = await em.findOne(Signup, signupId, {
          populate: ['volunteer', 'shift.activity'],
        });
        if (!found) return refused(['signup', 'promoted'], noSuch('sign-up', 'signupId'));
        // Rights first, from what never changes (whose sign-up, whose activity); then the lock.
        // Those who run the activity remove anyone, any time; a volunteer gives up their own.
        const organiser = canManageActivity(ctx.viewer, found.shift.activity);
        if (!organiser) authorize(ctx.viewer, 'volunteer.own', volunteerScope(found.volunteer));
        const shift = await em.findOneOrFail(Shift, found.shift.id, {
          lockMode: LockMode.PESSIMISTIC_WRITE,
          refresh: true,
        });
        const signup = await em.findOneOrFail(Signup, found.id, { refresh: true });
        if (signup.status === SignupStatus.CANCELLED) {
          return refused(
            ['signup', 'promoted'],
            userError(UserErrorCode.INVALID_TRANSITION, 'This sign-up is already cancelled.'),
          );
        }
        const cutoff =
          shift.startsAt.getTime() - ctx.app.config.shifts.cancelCutoffMinutes * 60_000;
        if (!organiser && Date.now() > cutoff) {
          return refused(
            ['signup', 'promoted'],
            userError(
              UserErrorCode.PAST_CUTOFF,
              `Places can be given up until ${ctx.app.config.shifts.cancelCutoffMinutes} minutes before the start; please tell the organiser instead.`,
            ),
          );
        }
        // The waitlist closed when the shift ended: nothing is left to give up.
        if (signup.status === SignupStatus.EXPIRED) {
          return refused(
            ['signup', 'promoted'],
            userError(
              UserErrorCode.INVALID_TRANSITION,
              'The shift has ended; this waitlist place was closed.',
            ),
          );
        }
        const wasConfirmed = signup.status === SignupStatus.CONFIRMED;
        signup.status = SignupStatus.CANCELLED;
        signup.cancelledAt = new Date();
        if (wasConfirmed) shift.confirmedCount -= 1;
        else shift.waitlistCount -= 1;
        const promoted = wasConfirmed ? await promoteFromWaitlist(em, shift) : [];
        await em.flush();
        // A volunteer giving up their own place learns nothing about who is next in line.
        return { signup, promoted: organiser ? promoted : null, errors: [] };
      });
    } catch (error) {
      // A promoted volunteer confirmed an overlapping shift at this very moment: try again,
      // and they will be passed over.
      if (isOverlapViolation(error) && attempt < 3) continue;
      throw error;
    }
  }
}

/** The viewer's live sign-ups: upcoming soonest first, or with the past newest first (≤ 200). */
export async function mySignups(ctx: Context, includePast: boolean): Promise<Signup[]> {
  const volunteer = await volunteerOf(ctx.em, ctx.viewer.requireUser());
  if (!volunteer) return [];
  return ctx.em.find(
    Signup,
    {
      volunteer: volunteer.id,
      status: { $ne: SignupStatus.CANCELLED },
      ...(includePast ? {} : { endsAt: { $gt: new Date() } }),
    },
    { orderBy: { startsAt: includePast ? 'desc' : 'asc' }, limit: 200 },
  );
}
