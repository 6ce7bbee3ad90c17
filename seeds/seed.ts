// Loads the Qingshan demo (six communities, their grids, 288 units, demo accounts, a year of
// co-building: needs, commitments, fulfilment records; volunteer service: volunteers,
// activities, four weeks of shifts either side of now with sign-ups and attendance; and
// social worker – volunteer pairing: social workers, pairings, supervision logs) into an empty
// database, in one transaction.
import type { MikroORM } from '@mikro-orm/postgresql';
import { hashPassword } from '../api/src/modules/auth/password.js';
import { Role, User } from '../api/src/modules/auth/user.entity.js';
import { Community } from '../api/src/modules/directory/community.entity.js';
import { Grid } from '../api/src/modules/directory/grid.entity.js';
import { Unit, UnitKind } from '../api/src/modules/directory/unit.entity.js';
import { CommitmentCategory } from '../api/src/modules/commitments/category.entity.js';
import type { Logger } from '../api/src/logger.js';
import { insertCoBuilding, planCoBuilding } from './commitments.js';
import { DEMO_PASSWORD, demoAccounts, demoUnitOf } from './demo-accounts.js';
import { insertPairings, planPairings } from './pairing.js';
import { communities, grids, units } from './qingshan/index.js';
import { insertVolunteerService, planVolunteerService } from './shifts.js';

export interface SeedCounts {
  communities: number;
  grids: number;
  units: number;
  users: number;
  commitments: number;
  fulfilments: number;
  volunteers: number;
  activities: number;
  shifts: number;
  signups: number;
  socialWorkers: number;
  pairings: number;
  activePairings: number;
  supervisionLogs: number;
}

/**
 * Seeds when the database holds no community yet; returns what was written (or null).
 * Shifts are laid out around `now` (default: the real current time).
 */
export async function seedDemoIfEmpty(
  orm: MikroORM,
  logger?: Logger,
  options: { now?: Date } = {},
): Promise<SeedCounts | null> {
  const em = orm.em.fork();
  if ((await em.count(Community, {})) > 0) {
    logger?.info('database already has data; demo seed skipped');
    return null;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counts = await em.transactional(async (tx) => {
    // Read before anything is created, so the one flush at the end writes everything.
    const categories = await tx.find(CommitmentCategory, {});
    const communityByCode = new Map<string, Community>();
    for (const c of communities) {
      communityByCode.set(c.code, tx.create(Community, c));
    }
    const gridsByCommunity = new Map<string, Grid[]>();
    const gridByCode = new Map<string, Grid>();
    for (const g of grids) {
      const { communityCode, ...rest } = g;
      const grid = tx.create(Grid, { ...rest, community: communityByCode.get(communityCode)! });
      gridsByCommunity.set(communityCode, [...(gridsByCommunity.get(communityCode) ?? []), grid]);
      gridByCode.set(g.code, grid);
    }
    const unitByName = new Map<string, Unit>();
    const unitEntities: Unit[] = [];
    units.forEach((u, index) => {
      const { communityCode, kind, ...rest } = u;
      const communityGrids = gridsByCommunity.get(communityCode) ?? [];
      const unit = tx.create(Unit, {
        ...rest,
        kind: UnitKind[kind],
        community: communityByCode.get(communityCode)!,
        // Units are spread over their community's grids in a fixed order.
        grid: communityGrids[index % Math.max(1, communityGrids.length)] ?? null,
      });
      unitByName.set(u.name, unit);
      unitEntities.push(unit);
    });
    const staffByCommunity = new Map<string, User>();
    const liaisonByUnitIndex = new Map<number, User>();
    const demoUsers = new Map<string, User>();
    for (const account of demoAccounts) {
      const seedUnit = demoUnitOf(account, units);
      const user = tx.create(User, {
        username: account.username,
        displayName: account.displayName,
        passwordHash,
        role: Role[account.role],
        phone: account.phone,
        community: account.communityCode ? communityByCode.get(account.communityCode)! : null,
        unit: seedUnit ? unitByName.get(seedUnit.name)! : null,
      });
      if (account.role === 'COMMUNITY_STAFF' && account.communityCode) {
        staffByCommunity.set(account.communityCode, user);
      }
      if (seedUnit) liaisonByUnitIndex.set(units.indexOf(seedUnit), user);
      demoUsers.set(account.username, user);
    }
    // A year of co-building; staff accounts act for units without a demo liaison.
    const categoryByCode = new Map(categories.map((c) => [c.code, c]));
    const coBuildingPlan = planCoBuilding(units);
    const coBuilding = insertCoBuilding(tx, coBuildingPlan, {
      units: unitEntities,
      communityByCode,
      categoryByCode,
      staffByCommunity,
      liaisonByUnitIndex,
    });
    // Volunteers, activities and shifts around now; some activities serve the commitments above.
    const now = options.now ?? new Date();
    const servicePlan = planVolunteerService(
      {
        communities,
        grids,
        units,
        coBuilding: coBuildingPlan,
        liaisonUnitIndexes: [...liaisonByUnitIndex.keys()],
        socialWorker: 'social.jianan',
      },
      now,
    );
    const service = insertVolunteerService(tx, servicePlan, coBuildingPlan, {
      units: unitEntities,
      communityByCode,
      gridByCode,
      categoryByCode,
      staffByCommunity,
      liaisonByUnitIndex,
      demoUsers,
      passwordHash,
    });
    // Social workers, and months of pairings made by the pairing plan, with supervision.
    const pairing = insertPairings(
      tx,
      planPairings({ communities, grids, volunteers: servicePlan.volunteers }, now),
      servicePlan.volunteers,
      { communityByCode, gridByCode, staffByCommunity, demoUsers, passwordHash },
    );
    return {
      communities: communities.length,
      grids: grids.length,
      units: units.length,
      users: demoAccounts.length + service.users + pairing.users,
      commitments: coBuilding.commitments,
      fulfilments: coBuilding.fulfilments,
      volunteers: service.volunteers,
      activities: service.activities,
      shifts: service.shifts,
      signups: service.signups,
      socialWorkers: pairing.socialWorkers,
      pairings: pairing.pairings,
      activePairings: pairing.activePairings,
      supervisionLogs: pairing.supervisionLogs,
    };
  });
  logger?.info(counts, 'Qingshan demo data seeded');
  return counts;
}
