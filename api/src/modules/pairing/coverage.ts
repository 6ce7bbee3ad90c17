// Pairing coverage: how many of a community's (or the sub-district's) volunteers are paired.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { authorizedCommunity } from './requested-community.js';

export interface PairingCoverage {
  volunteers: number;
  paired: number;
  ratio: number;
}

/** Volunteers (active accounts) in an active pairing / all volunteers of the community. */
export async function pairingCoverage(
  ctx: Context,
  communityId: string | null,
): Promise<PairingCoverage> {
  const community = await authorizedCommunity(ctx, communityId, 'pairing.overview');
  return coverageCounts(ctx.em, community.id);
}

/**
 * Active volunteers and those of them in an active pairing, in one statement: of one community,
 * or (`null`) of the whole sub-district. The caller has checked who may see it.
 */
export async function coverageCounts(
  em: EntityManager,
  communityId: number | null,
): Promise<PairingCoverage> {
  const [row] = await em.getConnection().execute<{ volunteers: string; paired: string }[]>(
    `select count(*) as volunteers,
            count(*) filter (where exists (
              select 1 from pairing p where p.volunteer_id = v.id and p.status = 'ACTIVE')) as paired
       from volunteer v join app_user u on u.id = v.user_id
      where u.active${communityId === null ? '' : ' and v.community_id = ?'}`,
    communityId === null ? [] : [communityId],
  );
  const volunteers = Number(row?.volunteers ?? 0);
  const paired = Number(row?.paired ?? 0);
  return { volunteers, paired, ratio: volunteers === 0 ? 0 : paired / volunteers };
}
