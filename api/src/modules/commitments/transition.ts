// Taking one step of the lifecycle (lifecycle.ts) on behalf of a person: the one way submit,
// accept, reject and withdraw change a commitment's status.
import type { Context } from '../../context.js';
import { refused, userError, UserErrorCode, type Payload } from '../../graphql/errors.js';
import { authorize } from '../auth/policy.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentStatus } from './commitment.enums.js';
import { inTransaction, lockCommitment } from './commitment-lock.js';
import { tellOfTransition } from './commitment-notices.js';
import { commitmentScope, transitionRule } from './commitments.policy.js';
import { completeIfReached } from './complete.js';
import { recordEvent } from './events.js';
import { nextStatus, type TransitionAction } from './lifecycle.js';

const pastTense: Record<TransitionAction, string> = {
  SUBMIT: 'submitted',
  ACCEPT: 'accepted',
  REJECT: 'rejected',
  WITHDRAW: 'withdrawn',
  COMPLETE: 'completed',
  LAPSE: 'lapsed',
};

/** Takes one lifecycle step as `user`, or explains why it cannot be taken now. */
export async function transition(
  ctx: Context,
  input: { id: string; version?: number | null },
  action: TransitionAction,
  note: string,
): Promise<Payload<'commitment', Commitment>> {
  const user = ctx.viewer.requireUser();
  return inTransaction(ctx, async (em) => {
    const commitment = await lockCommitment(em, input.id, input.version, (c) =>
      authorize(ctx.viewer, transitionRule(action), commitmentScope(c)),
    );
    if (!(commitment instanceof Commitment)) return refused('commitment', commitment);
    const to = nextStatus(commitment.status, action);
    if (!to) {
      return refused(
        'commitment',
        userError(
          UserErrorCode.INVALID_TRANSITION,
          `A ${commitment.status.toLowerCase()} commitment cannot be ${pastTense[action]}.`,
        ),
      );
    }
    const from = commitment.status;
    commitment.status = to;
    if (action === CommitmentAction.WITHDRAW) commitment.proposedTargetAmount = null;
    recordEvent(em, commitment, action, user, from, note);
    if (to === CommitmentStatus.ACTIVE) await completeIfReached(em, commitment);
    await tellOfTransition(em, commitment, action, user, note);
    return { commitment, errors: [] };
  });
}
