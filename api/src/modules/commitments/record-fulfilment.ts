// Recording fulfilment of an accepted commitment, with the evidence files the recorder uploaded;
// the record waits for staff review (review-fulfilment.ts).
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { isIsoDate, shanghaiDate } from '../../graphql/dates.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { addAmounts, amountProblem, fromHundredths, toHundredths } from './amounts.js';
import { Commitment } from './commitment.entity.js';
import { tellOfRecord } from './commitment-notices.js';
import { attachableEvidence, commitmentScope } from './commitments.policy.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OPEN_FOR_RECORDS } from './lifecycle.js';

export const MAX_EVIDENCE_PER_RECORD = 10;

export async function recordFulfilment(
  ctx: Context,
  input: {
    commitmentId: string;
    amount: number;
    date: string;
    note?: string | null;
    evidenceIds?: string[] | null;
  },
): Promise<Payload<'fulfilment', Fulfilment>> {
  const user = ctx.viewer.requireUser();
  return ctx.em.transactional(async (tx) => {
    const em = tx as EntityManager;
    const id = idOf(input.commitmentId, 'Commitment');
    // The row lock keeps pendingAmount exact when records and reviews happen at once.
    const commitment = id
      ? await em.findOne(Commitment, id, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!commitment) return refused('fulfilment', noSuch('commitment', 'commitmentId'));
    authorize(ctx.viewer, 'commitment.write', commitmentScope(commitment));
    if (!OPEN_FOR_RECORDS.has(commitment.status)) {
      return refused(
        'fulfilment',
        userError(
          UserErrorCode.INVALID_TRANSITION,
          `Fulfilment can be recorded only for an accepted commitment not yet completed; this one is ${commitment.status.toLowerCase()}.`,
        ),
      );
    }
    const errors: UserError[] = [];
    const problem = amountProblem(input.amount, commitment.measure);
    if (problem) errors.push(userError(UserErrorCode.INVALID, problem, inputField('amount')));
    const date = input.date.trim();
    if (!isIsoDate(date)) {
      errors.push(
        userError(UserErrorCode.INVALID, 'Enter a date like 2026-03-31.', inputField('date')),
      );
    } else if (date < commitment.periodStart || date > commitment.periodEnd) {
      errors.push(
        userError(
          UserErrorCode.OUTSIDE_PERIOD,
          `The date must fall within the commitment's period, ${commitment.periodStart} to ${commitment.periodEnd}.`,
          inputField('date'),
        ),
      );
    } else if (date > shanghaiDate()) {
      errors.push(
        userError(
          UserErrorCode.OUT_OF_RANGE,
          'Record what was delivered, not what is planned: the date is in the future.',
          inputField('date'),
        ),
      );
    }
    const note = (input.note ?? '').trim();
    if (note.length > 2000)
      errors.push(
        userError(UserErrorCode.TOO_LONG, 'At most 2,000 characters.', inputField('note')),
      );

    const evidenceIds = [...new Set(input.evidenceIds ?? [])];
    if (evidenceIds.length > MAX_EVIDENCE_PER_RECORD) {
      errors.push(
        userError(
          UserErrorCode.OUT_OF_RANGE,
          `Attach at most ${MAX_EVIDENCE_PER_RECORD} files.`,
          inputField('evidenceIds'),
        ),
      );
    }
    const ids = evidenceIds.map((g) => idOf(g, 'EvidenceFile'));
    const files =
      ids.every((x) => x !== null) && ids.length
        ? // Locked, so the cleanup of unattached files cannot delete one while it is attached.
          await em.find(
            EvidenceFile,
            { $and: [{ id: { $in: ids as number[] } }, attachableEvidence(user)] },
            { lockMode: LockMode.PESSIMISTIC_WRITE },
          )
        : [];
    if (files.length !== evidenceIds.length) {
      errors.push(
        userError(
          UserErrorCode.NOT_FOUND,
          'Attach only files you uploaded and have not attached elsewhere.',
          inputField('evidenceIds'),
        ),
      );
    }
    if (errors.length) return refused('fulfilment', ...errors);

    const fulfilment = em.create(Fulfilment, {
      commitment,
      amount: fromHundredths(toHundredths(input.amount)),
      date,
      note,
      recordedBy: user,
    });
    for (const file of files) file.fulfilment = fulfilment;
    commitment.pendingAmount = addAmounts(commitment.pendingAmount, fulfilment.amount);
    await em.flush(); // the record's id, for the notification
    await tellOfRecord(em, commitment, fulfilment, files.length, user);
    return { fulfilment, errors: [] };
  });
}
