// Volunteer hours confirmed at an activity linked to a commitment, credited as fulfilment.
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../auth/user.entity.js';
import { addAmounts } from './amounts.js';
import { Commitment } from './commitment.entity.js';
import { FulfilmentSource, FulfilmentStatus } from './commitment.enums.js';
import { Fulfilment } from './fulfilment.entity.js';
import { RECORDABLE_STATUSES } from './lifecycle.js';

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
