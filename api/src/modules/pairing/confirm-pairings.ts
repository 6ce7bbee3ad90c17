// Confirming proposals of the plan: in one transaction, each taken while its social worker has
// room and its volunteer is unpaired.
import {
  LockMode,
  UniqueConstraintViolationException,
  type EntityClass,
  type FilterQuery,
  type OrderDefinition,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { Volunteer } from '../shifts/volunteer.entity.js';
import { countActivePairings, freePlaces } from './caseload.js';
import { Pairing } from './pairing.entity.js';
import { PairingStatus } from './pairing.enums.js';
import { communityOrNull } from './requested-community.js';
import { scorePair, volunteerFacts, workerFacts } from './scoring.js';
import { SocialWorker } from './social-worker.entity.js';

const distinct = (ids: (number | null)[]) => [...new Set(ids.filter((id) => id !== null))];

/**
 * The rows of `ids` that belong to the community, by id, locked in id order: concurrent
 * confirmations queue up on them instead of deadlocking.
 */
async function lockInCommunity<T extends SocialWorker | Volunteer>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: number[],
  communityId: number,
): Promise<Map<number, T>> {
  const rows = await em.find(
    entity,
    { id: { $in: ids }, community: communityId } as FilterQuery<T>,
    {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      orderBy: { id: 'asc' } as OrderDefinition<T>,
    },
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export interface ConfirmPairingsInput {
  communityId: string;
  proposals: { socialWorkerId: string; volunteerId: string }[];
}

export const MAX_PROPOSALS_PER_CONFIRMATION = 500;

/**
 * Confirms proposals in one transaction. Malformed input (unknown or out-of-community IDs, a
 * volunteer twice) changes nothing. Otherwise each proposal is taken in order while its social
 * worker has room and the volunteer is unpaired; the rest are refused one by one (CASELOAD_FULL,
 * ALREADY_PAIRED) with `field` ["input", "proposals", "<index>"]. The social workers' rows, then
 * the volunteers' rows, are locked in id order, so concurrent confirmations queue up and can
 * never overfill a worker or pair a volunteer twice (the partial unique index backs this up).
 */
export async function confirmPairings(
  ctx: Context,
  input: ConfirmPairingsInput,
): Promise<{ pairings: Pairing[]; errors: UserError[] }> {
  const user = ctx.viewer.requireUser();
  const community = await communityOrNull(ctx, input.communityId);
  if (!community) {
    return refused({ pairings: [] }, noSuch('community', 'communityId'));
  }
  authorize(ctx.viewer, 'pairing.manage', { communityId: community.id });
  if (input.proposals.length === 0 || input.proposals.length > MAX_PROPOSALS_PER_CONFIRMATION) {
    return refused(
      { pairings: [] },
      userError(
        UserErrorCode.OUT_OF_RANGE,
        `Confirm between 1 and ${MAX_PROPOSALS_PER_CONFIRMATION} proposals at once.`,
        inputField('proposals'),
      ),
    );
  }
  const wanted = input.proposals.map((p) => ({
    workerId: idOf(p.socialWorkerId, 'SocialWorker'),
    volunteerId: idOf(p.volunteerId, 'Volunteer'),
  }));

  try {
    return await ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const volunteerIds = distinct(wanted.map((p) => p.volunteerId));
      const workers = await lockInCommunity(
        em,
        SocialWorker,
        distinct(wanted.map((p) => p.workerId)),
        community.id,
      );
      // Their accounts, read without a lock (only the social workers' rows are serialised).
      await em.find(User, { id: { $in: [...workers.values()].map((w) => w.user.id) } });
      const volunteers = await lockInCommunity(em, Volunteer, volunteerIds, community.id);

      const errors: UserError[] = [];
      const seen = new Set<number>();
      wanted.forEach((p, i) => {
        const at = (field: string) => ['proposals', String(i), field];
        const worker = p.workerId === null ? undefined : workers.get(p.workerId);
        if (!worker || !worker.user.active) {
          errors.push(noSuch('social worker in this community', ...at('socialWorkerId')));
        }
        if (p.volunteerId === null || !volunteers.has(p.volunteerId)) {
          errors.push(noSuch('volunteer in this community', ...at('volunteerId')));
        } else if (seen.has(p.volunteerId)) {
          errors.push(
            userError(
              UserErrorCode.CONFLICT,
              'This volunteer is proposed twice.',
              inputField(...at('volunteerId')),
            ),
          );
        } else seen.add(p.volunteerId);
      });
      if (errors.length) return refused({ pairings: [] }, ...errors);

      const counts = await countActivePairings(em, [...workers.keys()]);
      const alreadyPaired = new Set(
        (
          await em.find(Pairing, { volunteer: { $in: volunteerIds }, status: PairingStatus.ACTIVE })
        ).map((p) => p.volunteer.id),
      );
      const freeBefore = new Map(
        [...workers.values()].map((w) => [w.id, freePlaces(w, counts.get(w.id) ?? 0)]),
      );
      const taken = new Map<number, number>();
      const today = shanghaiDate();
      const now = new Date();
      const pairings: Pairing[] = [];
      wanted.forEach((p, i) => {
        const worker = workers.get(p.workerId!)!;
        const volunteer = volunteers.get(p.volunteerId!)!;
        const at = inputField('proposals', String(i));
        if (alreadyPaired.has(volunteer.id)) {
          errors.push(
            userError(UserErrorCode.ALREADY_PAIRED, 'This volunteer is already paired.', at),
          );
          return;
        }
        const used = taken.get(worker.id) ?? 0;
        if (used >= freeBefore.get(worker.id)!) {
          errors.push(
            userError(UserErrorCode.CASELOAD_FULL, 'This social worker’s caseload is full.', at),
          );
          return;
        }
        taken.set(worker.id, used + 1);
        const score = scorePair(
          workerFacts(worker, freeBefore.get(worker.id)!),
          volunteerFacts(volunteer),
        );
        pairings.push(
          em.create(Pairing, {
            socialWorker: worker,
            volunteer,
            // `community` is a read-only row (loaders read rows): the ORM gets a reference.
            community: em.getReference(Community, community.id),
            confirmedBy: em.getReference(User, user.id),
            confirmedAt: now,
            score: score.total,
            components: score,
            lastContactDate: today,
          }),
        );
      });
      await em.flush();
      // Each pairing's two people hear of it, in this transaction (written with its flush).
      notify(
        em,
        pairings.flatMap((pairing) => {
          const facts = {
            pairingId: pairing.nodeId,
            volunteerName: pairing.volunteer.realName,
            socialWorkerName: pairing.socialWorker.user.displayName,
          };
          return [
            {
              userId: pairing.socialWorker.user.id,
              kind: NotificationKind.PAIRING_CONFIRMED as const,
              data: facts,
              link: `/social/pairings/${pairing.nodeId}`,
            },
            {
              userId: pairing.volunteer.user.id,
              kind: NotificationKind.SOCIAL_WORKER_ASSIGNED as const,
              data: facts,
            },
          ].filter((n) => n.userId !== user.id);
        }),
      );
      return { pairings, errors };
    });
  } catch (error) {
    // Only reachable if a volunteer was paired outside these locks: refuse, change nothing.
    if (error instanceof UniqueConstraintViolationException) {
      return refused(
        { pairings: [] },
        userError(UserErrorCode.CONFLICT, 'Pairings changed meanwhile; ask for a new plan.'),
      );
    }
    throw error;
  }
}
