// Logging a supervision contact on an active pairing: its social worker, its community's staff or
// the office. The contact moves the pairing's last contact date (see supervision.ts for overdue).
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
} from '../../graphql/errors.js';
import { authorize } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import type { Pairing } from './pairing.entity.js';
import { SupervisionMode } from './pairing.enums.js';
import { lockActivePairing, pairingNamed } from './pairing-lock.js';
import { pairingScope } from './pairing.policy.js';
import { SupervisionLog } from './supervision-log.entity.js';

const supervisionSchema = z.object({
  date: z.string().refine(isIsoDate, 'Use YYYY-MM-DD.'),
  mode: z.enum(SupervisionMode),
  notes: z.string().trim().max(5000).optional(),
});

const REFUSED = ['supervisionLog', 'pairing'] as const;

const outOfRange = (message: string) =>
  refused(REFUSED, userError(UserErrorCode.OUT_OF_RANGE, message, inputField('date')));

export async function logSupervision(
  ctx: Context,
  input: { pairingId: string; date: string; mode: SupervisionMode; notes?: string | null },
): Promise<{
  supervisionLog: SupervisionLog | null;
  pairing: Pairing | null;
  errors: UserError[];
}> {
  const user = ctx.viewer.requireUser();
  const found = await pairingNamed(ctx.em, input.pairingId);
  if (!found) return refused(REFUSED, noSuch('pairing', 'pairingId'));
  authorize(ctx.viewer, 'supervision.log', await pairingScope(ctx.em, found));
  const parsed = supervisionSchema.safeParse({
    date: input.date,
    mode: input.mode,
    notes: input.notes ?? undefined,
  });
  if (!parsed.success) return refused(REFUSED, ...userErrorsFromZod(parsed.error));
  const { date, mode, notes } = parsed.data;
  if (date > shanghaiDate()) {
    return refused(
      REFUSED,
      userError(
        UserErrorCode.DATE_IN_FUTURE,
        'Supervision is logged once it has happened: the date is after today.',
        inputField('date'),
      ),
    );
  }
  if (date < shanghaiDate(found.confirmedAt)) {
    return outOfRange('The date is before the pairing began.');
  }
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const pairing = await lockActivePairing(em, found.id, 'This pairing has ended.');
    if (pairing instanceof UserError) return refused(REFUSED, pairing);
    const log = em.create(SupervisionLog, {
      pairing,
      author: em.getReference(User, user.id),
      date,
      mode,
      notes: notes ?? '',
    });
    if (date > pairing.lastContactDate) pairing.lastContactDate = date;
    await em.flush();
    return { supervisionLog: log, pairing, errors: [] };
  });
}
