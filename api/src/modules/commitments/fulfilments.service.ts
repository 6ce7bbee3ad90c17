// The rules of fulfilment records: recording with evidence, review by staff, and credits.
import { LockMode, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { isIsoDate, shanghaiDate } from '../../graphql/dates.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  type UserError,
} from '../../graphql/errors.js';
import { idOf, paginate, type ConnectionArgs, type ConnectionData } from '../../graphql/relay.js';
import { authorize } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import {
  addAmounts,
  amountProblem,
  fromHundredths,
  subtractAmounts,
  toHundredths,
} from './amounts.js';
import { Commitment } from './commitment.entity.js';
import { FulfilmentSource, FulfilmentStatus, ReviewDecision } from './commitment.enums.js';
import { commitmentScope, followedFulfilments } from './commitments.policy.js';
import { completeIfReached } from './commitments.service.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { RECORDABLE_STATUSES } from './lifecycle.js';

export interface FulfilmentResult {
  fulfilment: Fulfilment | null;
  errors: UserError[];
}

export const MAX_EVIDENCE_PER_RECORD = 10;

/**
 * The review queue: fulfilment records the viewer's role answers for — all for the office, the
 * community's for its staff, the unit's for its liaison, nothing for anyone else — oldest
 * recorded first, so what has waited longest is reviewed first.
 */
export function listFulfilments(
  ctx: Context,
  filter: {
    communityId?: string | null;
    unitId?: string | null;
    statuses?: FulfilmentStatus[] | null;
  },
  args: ConnectionArgs,
): Promise<ConnectionData<Fulfilment>> {
  const user = ctx.viewer.requireUser();
  const where: FilterQuery<Fulfilment>[] = [followedFulfilments(user)];
  if (filter.communityId)
    where.push({ commitment: { community: idOf(filter.communityId, 'Community') ?? 0 } });
  if (filter.unitId) where.push({ commitment: { unit: idOf(filter.unitId, 'Unit') ?? 0 } });
  if (filter.statuses?.length) where.push({ status: { $in: filter.statuses } });
  return paginate(ctx.em, Fulfilment, {
    where: where.length ? { $and: where } : {},
    // Oldest recorded first (the id breaks ties and keeps the cursor unique).
    keys: ['createdAt', 'id'],
    args,
  });
}

export async function recordFulfilment(
  ctx: Context,
  input: {
    commitmentId: string;
    amount: number;
    date: string;
    note?: string | null;
    evidenceIds?: string[] | null;
  },
): Promise<FulfilmentResult> {
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
    if (!RECORDABLE_STATUSES.has(commitment.status)) {
      return refused(
        'fulfilment',
        userError(
          UserErrorCode.INVALID_TRANSITION,
          `Fulfilment can be recorded only once a commitment is accepted; this one is ${commitment.status.toLowerCase()}.`,
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
        ? await em.find(EvidenceFile, {
            id: { $in: ids as number[] },
            uploadedBy: user.id,
            fulfilment: null,
          })
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
    return { fulfilment, errors: [] };
  });
}

export async function reviewFulfilment(
  ctx: Context,
  input: { id: string; decision: ReviewDecision; reason?: string | null },
): Promise<FulfilmentResult> {
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
    if (fulfilment.recordedBy?.id === user.id) {
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
    return { fulfilment, errors: [] };
  });
}

/**
 * Records confirmed volunteer hours (at an activity linked to the commitment) as a fulfilment
 * record that waits for staff review like any other: the organiser who confirmed the hours is
 * its recorder, so it is never verified by the unit's own people nor by whoever confirmed it.
 * The minutes served and confirmed, and the reason when more were confirmed, go with it for the
 * reviewer. `sourceKey` names what was credited, so a repeated credit is ignored. Runs inside
 * the caller's transaction.
 */
export async function creditHoursFulfilment(
  em: EntityManager,
  input: {
    commitmentId: number;
    amount: string;
    date: string;
    note: string;
    sourceKey: string;
    recordedBy: number;
    servedMinutes: number | null;
    confirmedMinutes: number;
    reason: string;
  },
): Promise<Fulfilment | null> {
  const commitment = await em.findOne(Commitment, input.commitmentId, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
  });
  if (!commitment || !RECORDABLE_STATUSES.has(commitment.status)) return null;
  if (input.date < commitment.periodStart || input.date > commitment.periodEnd) return null;
  if (await em.count(Fulfilment, { sourceKey: input.sourceKey })) return null;
  const fulfilment = em.create(Fulfilment, {
    commitment,
    amount: input.amount,
    date: input.date,
    note: input.note,
    source: FulfilmentSource.ATTENDANCE,
    sourceKey: input.sourceKey,
    status: FulfilmentStatus.PENDING,
    recordedBy: em.getReference(User, input.recordedBy),
    servedMinutes: input.servedMinutes,
    confirmedMinutes: input.confirmedMinutes,
    hoursReason: input.reason,
  });
  commitment.pendingAmount = addAmounts(commitment.pendingAmount, input.amount);
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return null;
    throw error;
  }
  return fulfilment;
}
