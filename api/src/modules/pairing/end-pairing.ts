// Ending a pairing (to reassign: end it, then confirm a new one): its community's staff or the office.
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Context } from '../../context.js';
import {
  noSuch,
  refused,
  UserError,
  userErrorsFromZod,
  type Payload,
} from '../../graphql/errors.js';
import { reasonSchema } from '../../graphql/validation.js';
import { authorize } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import type { Pairing } from './pairing.entity.js';
import { PairingStatus } from './pairing.enums.js';
import { lockActivePairing, pairingNamed } from './pairing-lock.js';

const endSchema = z.object({ reason: reasonSchema(500) });

export async function endPairing(
  ctx: Context,
  input: { id: string; reason: string },
): Promise<Payload<'pairing', Pairing>> {
  const user = ctx.viewer.requireUser();
  const found = await pairingNamed(ctx.em, input.id);
  if (!found) return refused('pairing', noSuch('pairing', 'id'));
  authorize(ctx.viewer, 'pairing.manage', { communityId: found.community.id });
  const parsed = endSchema.safeParse({ reason: input.reason });
  if (!parsed.success) return refused('pairing', ...userErrorsFromZod(parsed.error));
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const pairing = await lockActivePairing(em, found.id, 'This pairing has already ended.');
    if (pairing instanceof UserError) return refused('pairing', pairing);
    pairing.status = PairingStatus.ENDED;
    pairing.endedAt = new Date();
    pairing.endedBy = em.getReference(User, user.id);
    pairing.endReason = parsed.data.reason;
    await em.flush();
    return { pairing, errors: [] };
  });
}
