// Cancelling a shift: every place on it goes, and everyone who had one is told why.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  type Payload,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { ShiftStatus, SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { activityScope } from './shifts.policy.js';

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
    // Once it has started, the sign-ups hold attendance and hours: they stay as they are.
    if (shift.hasStarted()) {
      return refused(
        'shift',
        userError(
          UserErrorCode.SHIFT_STARTED,
          'This shift has started: its attendance and hours stay; it can no longer be cancelled.',
        ),
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
        kind: NotificationKind.SHIFT_CANCELLED,
        link: `/shifts/${shift.nodeId}`,
        data: {
          shiftId: shift.nodeId,
          signupId: signup.nodeId,
          activityTitle: activity.title,
          startsAt: shift.startsAt.toISOString(),
          reason: shift.cancelReason,
        },
        dedupeKey: `shift-cancelled:signup:${signup.id}`,
      })),
    );
    return { shift, errors: [] };
  });
}
