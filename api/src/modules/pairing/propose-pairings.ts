// The best plan for a community's unpaired volunteers and its social workers: proposals only,
// nothing is written until confirm-pairings.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { Volunteer } from '../shifts/volunteer.entity.js';
import { countActivePairings, freePlaces } from './caseload.js';
import type { UnmatchedReason } from './pairing.enums.js';
import { authorizedCommunity } from './requested-community.js';
import { scorePair, volunteerFacts, workerFacts, type ScoreComponents } from './scoring.js';
import { SocialWorker } from './social-worker.entity.js';
import { solveAssignment } from './solver.js';

export interface PairingProposal {
  socialWorker: SocialWorker;
  volunteer: Volunteer;
  score: ScoreComponents;
}

export interface UnmatchedVolunteer {
  volunteer: Volunteer;
  reason: UnmatchedReason;
}

export interface PairingPlan {
  proposals: PairingProposal[];
  unmatched: UnmatchedVolunteer[];
  totalScore: number;
}

/** Social workers of a community whose account is active, by id. */
function activeWorkers(em: EntityManager, communityId: number) {
  return em.find(
    SocialWorker,
    { community: communityId, user: { active: true } },
    { orderBy: { id: 'asc' } },
  );
}

/**
 * The best plan for the community's unpaired volunteers: maximal total score, then most
 * volunteers paired; no worker above cap − active pairings. Pure read: nothing is written.
 */
export async function pairingSuggestions(
  ctx: Context,
  communityId: string | null,
): Promise<PairingPlan> {
  const community = await authorizedCommunity(ctx, communityId, 'pairing.manage');
  const em = ctx.em;
  const workers = await activeWorkers(em, community.id);
  const paired = await em
    .getConnection()
    .execute<{ volunteer_id: number }[]>(
      `select volunteer_id from pairing where status = 'ACTIVE' and community_id = ?`,
      [community.id],
    );
  const pairedIds = new Set(paired.map((r) => Number(r.volunteer_id)));
  const volunteers = (
    await em.find(
      Volunteer,
      { community: community.id, user: { active: true } },
      { orderBy: { id: 'asc' } },
    )
  ).filter((v) => !pairedIds.has(v.id));
  const counts = await countActivePairings(
    em,
    workers.map((w) => w.id),
  );
  const free = workers.map((w) => freePlaces(w, counts.get(w.id) ?? 0));

  // Every worker of the community is admissible for every unpaired volunteer of it.
  const arcStart = new Int32Array(volunteers.length + 1);
  const arcWorker = new Int32Array(volunteers.length * workers.length);
  const arcScore = new Float64Array(volunteers.length * workers.length);
  const components: ScoreComponents[] = [];
  volunteers.forEach((volunteer, v) => {
    arcStart[v] = v * workers.length;
    const facts = volunteerFacts(volunteer);
    workers.forEach((worker, w) => {
      const score = scorePair(workerFacts(worker, free[w]!), facts);
      const arc = v * workers.length + w;
      arcWorker[arc] = w;
      arcScore[arc] = score.total;
      components.push(score);
    });
  });
  arcStart[volunteers.length] = volunteers.length * workers.length;
  const result = solveAssignment({
    volunteerCount: volunteers.length,
    capacities: free,
    arcStart,
    arcWorker,
    arcScore,
  });
  const proposals: PairingProposal[] = [];
  const unmatched: UnmatchedVolunteer[] = [];
  volunteers.forEach((volunteer, v) => {
    const w = result.assignment[v]!;
    if (w >= 0) {
      proposals.push({
        socialWorker: workers[w]!,
        volunteer,
        score: components[result.assignmentArc[v]!]!,
      });
    } else {
      unmatched.push({ volunteer, reason: result.reasons[v]! as UnmatchedReason });
    }
  });
  proposals.sort(
    (a, b) => a.socialWorker.id - b.socialWorker.id || a.volunteer.id - b.volunteer.id,
  );
  return { proposals, unmatched, totalScore: result.totalScore };
}
