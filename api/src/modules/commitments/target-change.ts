// Changing the target of an active commitment: staff change it, the unit asks and staff decide.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import {
  inputField,
  refused,
  userError,
  UserErrorCode,
  type Payload,
} from '../../graphql/errors.js';
import { authorize, can } from '../auth/policy.js';
import type { User } from '../auth/user.entity.js';
import { fromHundredths, toHundredths } from './amounts.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentDecision } from './commitment.enums.js';
import { targetError } from './commitment-checks.js';
import { inTransaction, lockCommitment } from './commitment-lock.js';
import { tellOfTargetDecision, tellOfTargetRequest } from './commitment-notices.js';
import { commitmentScope } from './commitments.policy.js';
import { completeIfReached } from './complete.js';
import { recordEvent } from './events.js';

/** Sets a target staff approved, ends any request, and completes the commitment if now met. */
async function approveTarget(
  em: EntityManager,
  commitment: Commitment,
  target: string,
  user: User,
  note: string,
): Promise<void> {
  const from = commitment.targetAmount;
  commitment.targetAmount = target;
  commitment.proposedTargetAmount = null;
  recordEvent(
    em,
    commitment,
    CommitmentAction.APPROVE_TARGET_CHANGE,
    user,
    commitment.status,
    `target ${from} → ${target}${note ? `: ${note}` : ''}`,
  );
  await completeIfReached(em, commitment);
}

/** On an active commitment only the target may change: staff change it, the unit asks. */
export async function changeActiveTarget(
  ctx: Context,
  em: EntityManager,
  commitment: Commitment,
  input: { targetAmount?: number | null; note?: string | null } & Record<string, unknown>,
  user: User,
): Promise<Payload<'commitment', Commitment>> {
  const others = [
    'title',
    'description',
    'categoryId',
    'needId',
    'measure',
    'periodStart',
    'periodEnd',
  ].filter((key) => input[key] != null);
  if (others.length || input.targetAmount == null) {
    return refused(
      'commitment',
      userError(
        UserErrorCode.NOT_EDITABLE,
        'Once accepted, only the target of a commitment can change, and only with staff approval.',
        inputField(others[0] ?? 'targetAmount'),
      ),
    );
  }
  const problem = targetError(input.targetAmount, commitment.measure);
  if (problem) return refused('commitment', problem);
  const target = fromHundredths(toHundredths(input.targetAmount));
  const note = input.note?.trim().slice(0, 1000) ?? '';
  if (can(ctx.viewer, 'commitment.review', commitmentScope(commitment))) {
    await approveTarget(em, commitment, target, user, note);
  } else {
    commitment.proposedTargetAmount = target;
    recordEvent(
      em,
      commitment,
      CommitmentAction.REQUEST_TARGET_CHANGE,
      user,
      commitment.status,
      `target ${commitment.targetAmount} → ${target}${note ? `: ${note}` : ''}`,
    );
    await tellOfTargetRequest(em, commitment, user);
  }
  return { commitment, errors: [] };
}

export async function reviewTargetChange(
  ctx: Context,
  input: { id: string; decision: CommitmentDecision; note?: string | null },
): Promise<Payload<'commitment', Commitment>> {
  const user = ctx.viewer.requireUser();
  return inTransaction(ctx, async (em) => {
    const commitment = await lockCommitment(em, input.id, null, (c) =>
      authorize(ctx.viewer, 'commitment.review', commitmentScope(c)),
    );
    if (!(commitment instanceof Commitment)) return refused('commitment', commitment);
    if (commitment.proposedTargetAmount === null) {
      return refused(
        'commitment',
        userError(UserErrorCode.INVALID_TRANSITION, 'No target change is waiting for review.'),
      );
    }
    const proposed = commitment.proposedTargetAmount;
    const note = input.note?.trim() ?? '';
    if (input.decision === CommitmentDecision.ACCEPT) {
      await approveTarget(em, commitment, proposed, user, note);
      await tellOfTargetDecision(em, commitment, user, proposed, null);
    } else {
      if (!note)
        return refused(
          'commitment',
          userError(UserErrorCode.REQUIRED, 'Give a reason.', inputField('note')),
        );
      // Only now: a refused decline leaves the request waiting.
      commitment.proposedTargetAmount = null;
      recordEvent(
        em,
        commitment,
        CommitmentAction.DECLINE_TARGET_CHANGE,
        user,
        commitment.status,
        `target stays ${commitment.targetAmount} (asked ${proposed}): ${note}`,
      );
      await tellOfTargetDecision(em, commitment, user, proposed, note);
    }
    return { commitment, errors: [] };
  });
}
