// The unit's steps: submitting a draft for review, and withdrawing a commitment.
import type { Context } from '../../context.js';
import type { Payload } from '../../graphql/errors.js';
import type { Commitment } from './commitment.entity.js';
import { CommitmentAction } from './commitment.enums.js';
import { transition } from './transition.js';

export function submitCommitment(
  ctx: Context,
  input: { id: string; version?: number | null },
): Promise<Payload<'commitment', Commitment>> {
  return transition(ctx, input, CommitmentAction.SUBMIT, '');
}

export function withdrawCommitment(
  ctx: Context,
  input: { id: string; version?: number | null; reason?: string | null },
): Promise<Payload<'commitment', Commitment>> {
  return transition(
    ctx,
    input,
    CommitmentAction.WITHDRAW,
    input.reason?.trim().slice(0, 1000) ?? '',
  );
}
