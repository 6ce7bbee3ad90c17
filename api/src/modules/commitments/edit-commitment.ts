// Editing a commitment: a draft changes freely; an active one only its target (target-change.ts).
import type { Context } from '../../context.js';
import {
  inputField,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { authorize } from '../auth/policy.js';
import { fromHundredths, toHundredths } from './amounts.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentStatus, type Measure } from './commitment.enums.js';
import { checkRefs, measureMismatch, periodErrors, targetError } from './commitment-checks.js';
import { inTransaction, lockCommitment } from './commitment-lock.js';
import { commitmentScope } from './commitments.policy.js';
import { descriptionSchema, isoDate, titleSchema } from './commitments.validation.js';
import { recordEvent } from './events.js';
import { Need } from './need.entity.js';
import { changeActiveTarget } from './target-change.js';

export async function updateCommitment(
  ctx: Context,
  input: {
    id: string;
    version: number;
    title?: string | null;
    description?: string | null;
    categoryId?: string | null;
    needId?: string | null;
    measure?: Measure | null;
    targetAmount?: number | null;
    periodStart?: string | null;
    periodEnd?: string | null;
    note?: string | null;
  },
): Promise<Payload<'commitment', Commitment>> {
  const user = ctx.viewer.requireUser();
  return inTransaction(ctx, async (em) => {
    const commitment = await lockCommitment(em, input.id, input.version, (c) =>
      authorize(ctx.viewer, 'commitment.write', commitmentScope(c)),
    );
    if (!(commitment instanceof Commitment)) return refused('commitment', commitment);

    if (commitment.status === CommitmentStatus.ACTIVE) {
      return changeActiveTarget(ctx, em, commitment, input, user);
    }
    if (commitment.status !== CommitmentStatus.DRAFT) {
      return refused(
        'commitment',
        userError(
          UserErrorCode.NOT_EDITABLE,
          `A ${commitment.status.toLowerCase()} commitment cannot be edited.`,
        ),
      );
    }
    const errors: UserError[] = [];
    const changes: string[] = [];
    const set = <
      K extends 'title' | 'description' | 'measure' | 'targetAmount' | 'periodStart' | 'periodEnd',
    >(
      key: K,
      value: Commitment[K],
    ) => {
      if (commitment[key] !== value) {
        changes.push(`${key}: ${commitment[key]} → ${value}`);
        commitment[key] = value;
      }
    };
    if (input.title != null) {
      const r = titleSchema.safeParse(input.title);
      if (r.success) set('title', r.data);
      else
        errors.push(
          ...userErrorsFromZod(r.error).map((e) => ({ ...e, field: inputField('title') })),
        );
    }
    if (input.description != null) {
      const r = descriptionSchema.safeParse(input.description);
      if (r.success) set('description', r.data);
      else
        errors.push(
          userError(UserErrorCode.TOO_LONG, r.error.issues[0]!.message, inputField('description')),
        );
    }
    if (input.measure != null) set('measure', input.measure);
    for (const key of ['periodStart', 'periodEnd'] as const) {
      const value = input[key];
      if (value == null) continue;
      const r = isoDate(key === 'periodStart' ? 'Start date' : 'End date').safeParse(value);
      if (r.success) set(key, r.data);
      else
        errors.push(userError(UserErrorCode.INVALID, r.error.issues[0]!.message, inputField(key)));
    }
    if (input.targetAmount != null) {
      const problem = targetError(input.targetAmount, commitment.measure);
      if (problem) errors.push(problem);
      else set('targetAmount', fromHundredths(toHundredths(input.targetAmount)));
    }
    const refs = await checkRefs(em, input, commitment.community.id, commitment.measure);
    errors.push(...refs.errors, ...periodErrors(commitment.periodStart, commitment.periodEnd));
    // A new measure must still fit the target (whole numbers) and the need it answers.
    const targetProblem = targetError(Number(commitment.targetAmount), commitment.measure);
    if (targetProblem && input.targetAmount == null) errors.push(targetProblem);
    const need =
      refs.need !== undefined
        ? refs.need
        : commitment.need && (await em.findOne(Need, commitment.need.id));
    if (need && need.measure !== commitment.measure) errors.push(measureMismatch(need));
    if (errors.length) {
      em.clear();
      return refused('commitment', ...errors);
    }
    if (refs.category && refs.category.id !== commitment.category.id) {
      changes.push(`category → ${refs.category.code}`);
      commitment.category = refs.category;
    }
    if (refs.need !== undefined && (refs.need?.id ?? null) !== (commitment.need?.id ?? null)) {
      changes.push(`need → ${refs.need?.id ?? 'none'}`);
      commitment.need = refs.need;
    }
    if (changes.length) {
      recordEvent(
        em,
        commitment,
        CommitmentAction.EDIT,
        user,
        commitment.status,
        changes.join('; '),
      );
    }
    return { commitment, errors: [] };
  });
}
