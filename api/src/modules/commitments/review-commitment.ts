// Staff's decision on a submitted commitment: accept it, or reject it with a reason.
import type { Context } from '../../context.js';
import {
  inputField,
  refused,
  userError,
  UserErrorCode,
  type Payload,
} from '../../graphql/errors.js';
import { reasonSchema } from '../../graphql/validation.js';
import type { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentDecision } from './commitment.enums.js';
import { transition } from './transition.js';

const rejectionReason = reasonSchema(1000);

export async function reviewCommitment(
  ctx: Context,
  input: {
    id: string;
    version?: number | null;
    decision: CommitmentDecision;
    reason?: string | null;
  },
): Promise<Payload<'commitment', Commitment>> {
  if (input.decision === CommitmentDecision.ACCEPT) {
    return transition(ctx, input, CommitmentAction.ACCEPT, input.reason?.trim() ?? '');
  }
  ctx.viewer.requireUser();
  const reason = rejectionReason.safeParse(input.reason ?? '');
  if (!reason.success)
    return refused(
      'commitment',
      userError(
        UserErrorCode.REQUIRED,
        'Say why the commitment is rejected.',
        inputField('reason'),
      ),
    );
  return transition(ctx, input, CommitmentAction.REJECT, reason.data);
}
