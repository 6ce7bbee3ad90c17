// Who hears of a commitment's steps and what they are told: the community's staff of work that
// waits for their review, the unit's liaisons of staff's decisions. Each is queued in the step's
// own transaction (written with its flush); the recipients come from the policy's scopes.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { User } from '../auth/user.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notifyWho } from '../notifications/notifications.service.js';
import { CommitmentAction } from './commitment.enums.js';
import type { Commitment } from './commitment.entity.js';
import { reviewersToTell, unitToTell } from './commitments.policy.js';
import type { Fulfilment } from './fulfilment.entity.js';

/** The staff's review queue, at the section where the work waits. */
const REVIEW_QUEUE = {
  commitments: '/staff/review#review-commitments',
  targets: '/staff/review#review-targets',
  records: '/staff/review#review-records',
};

/** The unit's page of the commitment. */
const commitmentPage = (commitment: Commitment) => `/unit/commitments/${commitment.nodeId}`;

const facts = (commitment: Commitment) => ({
  commitmentId: commitment.nodeId,
  commitmentTitle: commitment.title,
});

async function unitName(em: EntityManager, commitment: Commitment): Promise<string> {
  return (await em.findOneOrFail(Unit, commitment.unit.id)).name;
}

/** After a lifecycle step: a submission goes to the staff, a decision to the unit. */
export async function tellOfTransition(
  em: EntityManager,
  commitment: Commitment,
  action: CommitmentAction,
  actor: User,
  note: string,
): Promise<void> {
  if (action === CommitmentAction.SUBMIT) {
    await notifyWho(em, reviewersToTell(commitment), actor, {
      kind: NotificationKind.COMMITMENT_SUBMITTED,
      data: { ...facts(commitment), unitName: await unitName(em, commitment) },
      link: REVIEW_QUEUE.commitments,
    });
  } else if (action === CommitmentAction.ACCEPT) {
    await notifyWho(em, unitToTell(commitment), actor, {
      kind: NotificationKind.COMMITMENT_ACCEPTED,
      data: facts(commitment),
      link: commitmentPage(commitment),
    });
  } else if (action === CommitmentAction.REJECT) {
    await notifyWho(em, unitToTell(commitment), actor, {
      kind: NotificationKind.COMMITMENT_REJECTED,
      data: { ...facts(commitment), reason: note },
      link: commitmentPage(commitment),
    });
  }
}

/** The unit asked for a new target: the staff decide. */
export async function tellOfTargetRequest(
  em: EntityManager,
  commitment: Commitment,
  actor: User,
): Promise<void> {
  await notifyWho(em, reviewersToTell(commitment), actor, {
    kind: NotificationKind.TARGET_CHANGE_REQUESTED,
    data: {
      ...facts(commitment),
      unitName: await unitName(em, commitment),
      measure: commitment.measure,
      targetAmount: commitment.targetAmount,
      proposedTargetAmount: commitment.proposedTargetAmount ?? '',
    },
    link: REVIEW_QUEUE.targets,
  });
}

/** Staff decided the unit's request for a new target (`proposed`); declined with `reason`. */
export async function tellOfTargetDecision(
  em: EntityManager,
  commitment: Commitment,
  actor: User,
  proposed: string,
  declinedFor: string | null,
): Promise<void> {
  await notifyWho(
    em,
    unitToTell(commitment),
    actor,
    declinedFor === null
      ? {
          kind: NotificationKind.TARGET_CHANGE_APPROVED,
          data: {
            ...facts(commitment),
            measure: commitment.measure,
            targetAmount: commitment.targetAmount,
          },
          link: commitmentPage(commitment),
        }
      : {
          kind: NotificationKind.TARGET_CHANGE_DECLINED,
          data: {
            ...facts(commitment),
            measure: commitment.measure,
            targetAmount: commitment.targetAmount,
            proposedTargetAmount: proposed,
            reason: declinedFor,
          },
          link: commitmentPage(commitment),
        },
  );
}

const recordFacts = (commitment: Commitment, fulfilment: Fulfilment) => ({
  ...facts(commitment),
  fulfilmentId: fulfilment.nodeId,
  measure: commitment.measure,
  amount: fulfilment.amount,
  fulfilmentDate: fulfilment.date,
});

/** A fulfilment record (with its evidence) waits for the staff to verify it. */
export async function tellOfRecord(
  em: EntityManager,
  commitment: Commitment,
  fulfilment: Fulfilment,
  evidenceCount: number,
  actor: User,
): Promise<void> {
  await notifyWho(em, reviewersToTell(commitment), actor, {
    kind: NotificationKind.FULFILMENT_RECORDED,
    data: {
      ...recordFacts(commitment, fulfilment),
      unitName: await unitName(em, commitment),
      evidenceCount,
    },
    link: REVIEW_QUEUE.records,
  });
}

/** Staff verified or rejected a fulfilment record. */
export async function tellOfRecordReview(
  em: EntityManager,
  commitment: Commitment,
  fulfilment: Fulfilment,
  actor: User,
  rejectedFor: string | null,
): Promise<void> {
  await notifyWho(
    em,
    unitToTell(commitment),
    actor,
    rejectedFor === null
      ? {
          kind: NotificationKind.FULFILMENT_VERIFIED,
          data: recordFacts(commitment, fulfilment),
          link: commitmentPage(commitment),
        }
      : {
          kind: NotificationKind.FULFILMENT_REJECTED,
          data: { ...recordFacts(commitment, fulfilment), reason: rejectedFor },
          link: commitmentPage(commitment),
        },
  );
}
