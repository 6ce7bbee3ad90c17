// Loads the Qingshan demo (six communities, their grids, 288 units, demo accounts, and a year of
// co-building: needs, commitments, fulfilment records) into an empty database, in one transaction.
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
import { communities, grids, units } from './qingshan/index.js';

export interface SeedCounts {
  communities: number;
  grids: number;
  units: number;
  users: number;
  commitments: number;
  fulfilments: number;
}

/** Seeds when the database holds no community yet; returns what was written (or null). */
export async function seedDemoIfEmpty(orm: MikroORM, logger?: Logger): Promise<SeedCounts | null> {
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
    for (const g of grids) {
      const { communityCode, ...rest } = g;
      const grid = tx.create(Grid, { ...rest, community: communityByCode.get(communityCode)! });
      gridsByCommunity.set(communityCode, [...(gridsByCommunity.get(communityCode) ?? []), grid]);
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
    }
    // A year of co-building; staff accounts act for units without a demo liaison.
    const coBuilding = insertCoBuilding(tx, planCoBuilding(units), {
      units: unitEntities,
      communityByCode,
      categoryByCode: new Map(categories.map((c) => [c.code, c])),
      staffByCommunity,
      liaisonByUnitIndex,
    });
    return {
      communities: communities.length,
      grids: grids.length,
      units: units.length,
      users: demoAccounts.length,
      commitments: coBuilding.commitments,
      fulfilments: coBuilding.fulfilments,
    };
  });
  logger?.info(counts, 'Qingshan demo data seeded');
  return counts;
}
