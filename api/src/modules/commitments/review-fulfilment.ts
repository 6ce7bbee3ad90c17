// Staff verify or reject a fulfilment record; a verified one counts toward the commitment.
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
import { addAmounts, subtractAmounts } from './amounts.js';
import { Commitment } from './commitment.entity.js';
import { FulfilmentStatus, ReviewDecision } from './commitment.enums.js';
import { tellOfRecordReview } from './commitment-notices.js';
import { commitmentScope, isOwnRecord } from './commitments.policy.js';
import { completeIfReached } from './complete.js';
import { Fulfilment } from './fulfilment.entity.js';
import { RECORDABLE_STATUSES } from './lifecycle.js';

export async function reviewFulfilment(
  ctx: Context,
  input: { id: string; decision: ReviewDecision; reason?: string | null },
): Promise<Payload<'fulfilment', Fulfilment>> {
  const user = ctx.viewer.requireUser();
  const reason = (input.reason ?? '').trim();
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const id = idOf(input.id, 'Fulfilment');
    const found = id ? await em.findOne(Fulfilment, id) : null;
    if (!found) return refused('fulfilment', noSuch('fulfilment record', 'id'));
    // Rights first, on an unlocked read: an outsider neither waits on the lock nor learns more.
    authorize(
      ctx.viewer,
      'commitment.review',
      commitmentScope(await em.findOneOrFail(Commitment, found.commitment.id)),
    );
    // Lock the commitment first, then re-read the record: all reviews of one commitment queue here.
    const commitment = await em.findOneOrFail(Commitment, found.commitment.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    const fulfilment = await em.findOneOrFail(Fulfilment, found.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    if (!RECORDABLE_STATUSES.has(commitment.status)) {
      return refused(
        'fulfilment',
        userError(
          UserErrorCode.INVALID_TRANSITION,
          `The commitment was ${commitment.status.toLowerCase()}; its records no longer count.`,
        ),
      );
    }
    // A verified record is verified by someone other than the person who made it.
    if (isOwnRecord(user, fulfilment)) {
      return refused(
        'fulfilment',
        userError(
          UserErrorCode.OWN_RECORD,
          'You made this record yourself; another reviewer must verify it.',
        ),
      );
    }
    if (fulfilment.status !== FulfilmentStatus.PENDING) {
      return refused(
        'fulfilment',
        userError(
          UserErrorCode.INVALID_TRANSITION,
          `This record was already ${fulfilment.status.toLowerCase()}.`,
        ),
      );
    }
    if (input.decision === ReviewDecision.REJECT && !reason) {
      return refused(
        'fulfilment',
        userError(UserErrorCode.REQUIRED, 'Say why the record is rejected.', inputField('reason')),
      );
    }
    if (reason.length > 1000)
      return refused(
        'fulfilment',
        userError(UserErrorCode.TOO_LONG, 'At most 1,000 characters.', inputField('reason')),
      );
    fulfilment.status =
      input.decision === ReviewDecision.VERIFY
        ? FulfilmentStatus.VERIFIED
        : FulfilmentStatus.REJECTED;
    fulfilment.reviewedBy = user;
    fulfilment.reviewedAt = new Date();
    fulfilment.reviewNote = reason;
    commitment.pendingAmount = subtractAmounts(commitment.pendingAmount, fulfilment.amount);
    if (fulfilment.status === FulfilmentStatus.VERIFIED) {
      commitment.verifiedAmount = addAmounts(commitment.verifiedAmount, fulfilment.amount);
      await completeIfReached(em, commitment);
    }
    await tellOfRecordReview(
      em,
      commitment,
      fulfilment,
      user,
      fulfilment.status === FulfilmentStatus.REJECTED ? reason : null,
    );
    return { fulfilment, errors: [] };
  });
}
