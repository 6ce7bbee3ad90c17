// Logging a supervision contact (with its duration, 5–600 minutes) on an active pairing: its social worker, its community's staff or
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
import { PairingStatus, SupervisionMode } from './pairing.enums.js';
import { lockActivePairing, pairingNamed } from './pairing-lock.js';
import { pairingScope } from './pairing.policy.js';
import { SupervisionLog } from './supervision-log.entity.js';

/** Whole minutes a supervision may take (the CHECK `supervision_log_duration_range` agrees). */
export const SUPERVISION_MINUTES = { min: 5, max: 600 } as const;

const supervisionSchema = z.object({
  date: z.string().refine(isIsoDate, 'Use YYYY-MM-DD.'),
  mode: z.enum(SupervisionMode),
  durationMinutes: z
    .number()
    .refine(
      (n) => Number.isInteger(n) && n >= SUPERVISION_MINUTES.min && n <= SUPERVISION_MINUTES.max,
      {
        message: `A supervision takes ${SUPERVISION_MINUTES.min} to ${SUPERVISION_MINUTES.max} whole minutes.`,
        params: { code: UserErrorCode.DURATION_OUT_OF_RANGE },
      },
    ),
  notes: z.string().trim().max(5000).optional(),
});

const REFUSED = ['supervisionLog', 'pairing'] as const;

const pairingEnded = () =>
  userError(
    UserErrorCode.PAIRING_ENDED,
    'This pairing has ended: it is read-only and takes no more supervision.',
  );

export async function logSupervision(
  ctx: Context,
  input: {
    pairingId: string;
    date: string;
    mode: SupervisionMode;
    durationMinutes: number;
    notes?: string | null;
  },
): Promise<{
  supervisionLog: SupervisionLog | null;
  pairing: Pairing | null;
  errors: UserError[];
}> {
  const user = ctx.viewer.requireUser();
  const found = await pairingNamed(ctx.em, input.pairingId);
  if (!found) return refused(REFUSED, noSuch('pairing', 'pairingId'));
  authorize(ctx.viewer, 'supervision.log', await pairingScope(ctx.em, found));
  if (found.status !== PairingStatus.ACTIVE) return refused(REFUSED, pairingEnded());
  const parsed = supervisionSchema.safeParse({
    date: input.date,
    mode: input.mode,
    durationMinutes: input.durationMinutes,
    notes: input.notes ?? undefined,
  });
  if (!parsed.success) return refused(REFUSED, ...userErrorsFromZod(parsed.error));
  const { date, mode, durationMinutes, notes } = parsed.data;
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
    return refused(
      REFUSED,
      userError(
        UserErrorCode.BEFORE_PAIRING_START,
        'The date is before the pairing began.',
        inputField('date'),
      ),
    );
  }
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const pairing = await lockActivePairing(em, found.id, pairingEnded());
    if (pairing instanceof UserError) return refused(REFUSED, pairing);
    const log = em.create(SupervisionLog, {
      pairing,
      author: em.getReference(User, user.id),
      date,
      mode,
      durationMinutes,
      notes: notes ?? '',
    });
    if (date > pairing.lastContactDate) pairing.lastContactDate = date;
    await em.flush();
    return { supervisionLog: log, pairing, errors: [] };
  });
}
