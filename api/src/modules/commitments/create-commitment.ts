// Creating a commitment (as a draft, or submitted straight away) for a unit.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { noSuch, refused, userErrorsFromZod, type Payload } from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { Unit } from '../directory/unit.entity.js';
import { fromHundredths, toHundredths } from './amounts.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentStatus, type Measure } from './commitment.enums.js';
import { checkRefs, periodErrors, targetError } from './commitment-checks.js';
import { tellOfTransition } from './commitment-notices.js';
import { unitCommitmentScope } from './commitments.policy.js';
import { commitmentSchema } from './commitments.validation.js';
import { recordEvent } from './events.js';

export async function createCommitment(
  ctx: Context,
  input: {
    unitId: string;
    categoryId: string;
    needId?: string | null;
    title: string;
    description?: string | null;
    measure: Measure;
    targetAmount: number;
    periodStart: string;
    periodEnd: string;
    submit?: boolean | null;
  },
): Promise<Payload<'commitment', Commitment>> {
  const user = ctx.viewer.requireUser();
  const unitId = idOf(input.unitId, 'Unit');
  const unit = unitId ? await ctx.em.findOne(Unit, unitId) : null;
  if (!unit) return refused('commitment', noSuch('unit', 'unitId'));
  authorize(ctx.viewer, 'commitment.write', unitCommitmentScope(unit));

  const parsed = commitmentSchema.safeParse(input);
  if (!parsed.success) return refused('commitment', ...userErrorsFromZod(parsed.error));
  const data = parsed.data;
  const problem = targetError(data.targetAmount, data.measure);
  if (problem) return refused('commitment', problem);
  const refs = await checkRefs(ctx.em, input, unit.community.id, data.measure);
  const errors = [...refs.errors, ...periodErrors(data.periodStart, data.periodEnd)];
  if (errors.length) return refused('commitment', ...errors);

  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const commitment = em.create(Commitment, {
      unit,
      community: unit.community,
      category: refs.category!,
      need: refs.need ?? null,
      title: data.title,
      description: data.description ?? '',
      measure: data.measure,
      targetAmount: fromHundredths(toHundredths(data.targetAmount)),
      periodStart: data.periodStart,
      periodEnd: data.periodEnd,
      createdBy: user,
    });
    recordEvent(em, commitment, CommitmentAction.CREATE, user, null);
    if (input.submit) {
      commitment.status = CommitmentStatus.SUBMITTED;
      recordEvent(em, commitment, CommitmentAction.SUBMIT, user, CommitmentStatus.DRAFT);
      await em.flush(); // the commitment's id, for the notification
      await tellOfTransition(em, commitment, CommitmentAction.SUBMIT, user, '');
    }
    return { commitment, errors: [] };
  });
}
