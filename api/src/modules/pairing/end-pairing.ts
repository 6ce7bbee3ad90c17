// Ending a pairing (to reassign: end it, then confirm a new one): its social worker, its
// community's staff or the office, with a reason and the day it ended. An ended pairing is
// read-only and stays in the history. Its social worker is told, in the same transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { isIsoDate, shanghaiDate } from '../../graphql/dates.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserError,
  UserErrorCode,
  userErrorsFromZod,
  type Payload,
} from '../../graphql/errors.js';
import { reasonSchema } from '../../graphql/validation.js';
import { authorize } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import type { Pairing } from './pairing.entity.js';
import { PairingStatus } from './pairing.enums.js';
import { lockActivePairing, pairingNamed } from './pairing-lock.js';
import { pairingScope } from './pairing.policy.js';

const endSchema = z.object({
  reason: reasonSchema(500),
  endDate: z.string().trim().refine(isIsoDate, 'Use YYYY-MM-DD.').optional(),
});

export async function endPairing(
  ctx: Context,
  input: { id: string; reason: string; endDate?: string | null },
): Promise<Payload<'pairing', Pairing>> {
  const user = ctx.viewer.requireUser();
  const found = await pairingNamed(ctx.em, input.id);
  if (!found) return refused('pairing', noSuch('pairing', 'id'));
  authorize(ctx.viewer, 'pairing.end', await pairingScope(ctx.em, found));
  const parsed = endSchema.safeParse({
    reason: input.reason,
    endDate: input.endDate?.trim() || undefined,
  });
  if (!parsed.success) return refused('pairing', ...userErrorsFromZod(parsed.error));
  const today = shanghaiDate();
  const endDate = parsed.data.endDate ?? today;
  if (endDate > today) {
    return refused(
      'pairing',
      userError(
        UserErrorCode.DATE_IN_FUTURE,
        'A pairing is ended on a day that has come: the end date is after today.',
        inputField('endDate'),
      ),
    );
  }
  if (endDate < shanghaiDate(found.confirmedAt)) {
    return refused(
      'pairing',
      userError(
        UserErrorCode.BEFORE_PAIRING_START,
        'The end date is before the pairing began.',
        inputField('endDate'),
      ),
    );
  }
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    // Two ends at once: the second waits for the first one's lock, then finds it ended.
    const pairing = await lockActivePairing(
      em,
      found.id,
      userError(UserErrorCode.ALREADY_ENDED, 'This pairing has already ended.'),
    );
    if (pairing instanceof UserError) return refused('pairing', pairing);
    if (endDate < pairing.lastContactDate) {
      return refused(
        'pairing',
        userError(
          UserErrorCode.BEFORE_LAST_SUPERVISION,
          `The end date is before the latest supervision (${pairing.lastContactDate}).`,
          inputField('endDate'),
        ),
      );
    }
    pairing.status = PairingStatus.ENDED;
    pairing.endedAt = new Date();
    pairing.endedBy = em.getReference(User, user.id);
    pairing.endReason = parsed.data.reason;
    pairing.endDate = endDate;
    // Its social worker hears of it (unless they ended it), in this transaction.
    await em.populate(pairing, ['socialWorker.user', 'volunteer']);
    const worker = pairing.socialWorker.user;
    if (worker.id !== user.id) {
      notify(em, [
        {
          userId: worker.id,
          kind: NotificationKind.PAIRING_ENDED,
          data: {
            pairingId: pairing.nodeId,
            volunteerName: pairing.volunteer.realName,
            socialWorkerName: worker.displayName,
            reason: parsed.data.reason,
          },
          link: `/social/pairings/${pairing.nodeId}`,
        },
      ]);
    }
    await em.flush();
    return { pairing, errors: [] };
  });
}
