// DataLoaders of the directory: by id, children pages and counts, one query per batch each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findRows, rowLoader, type ReadRow } from '../../graphql/read-rows.js';
import { childConnectionLoader, childCountLoader } from '../../graphql/child-loaders.js';
import { Community } from './community.entity.js';
import { Grid } from './grid.entity.js';
import { Unit } from './unit.entity.js';
import { LiaisonAccountStatus, type UnitLiaisonAccount } from '../auth/invitation.types.js';

export function createDirectoryLoaders(em: EntityManager) {
  const gridCount = childCountLoader(em, Grid, 'community');
  const unitCount = childCountLoader(em, Unit, 'community');
  return {
    community: rowLoader(em, Community),
    grid: rowLoader(em, Grid),
    unit: rowLoader(em, Unit),
    gridCount,
    unitCount,
    gridsOfCommunity: childConnectionLoader(em, Grid, 'community', ['code', 'id'], gridCount),
    unitsOfCommunity: childConnectionLoader(em, Unit, 'community', ['name', 'id'], unitCount),
    unitsOfGrid: childConnectionLoader(em, Unit, 'grid', ['name', 'id']),
    /** Whether someone can sign in for each unit, or is invited to: one statement per batch. */
    liaisonAccount: new DataLoader<number, UnitLiaisonAccount>(async (unitIds) => {
      const rows = await em
        .getConnection()
        .execute<{ unit_id: number; can_sign_in: boolean; expires_at: Date | string | null }[]>(
          `select u.unit_id, bool_or(u.password_hash is not null) as can_sign_in, max(i.expires_at) as expires_at
           from app_user u
           left join liaison_invitation i
             on i.liaison_id = u.id and i.accepted_at is null and i.revoked_at is null
          where u.unit_id in (${unitIds.map(() => '?').join(', ')})
            and u.role = 'UNIT_LIAISON' and u.active
          group by u.unit_id`,
          [...unitIds],
          'all',
          em.getTransactionContext(),
        );
      const byUnit = new Map(rows.map((row) => [Number(row.unit_id), row]));
      return unitIds.map((id): UnitLiaisonAccount => {
        const row = byUnit.get(id);
        if (!row) return { status: LiaisonAccountStatus.NONE, invitationExpiresAt: null };
        if (row.can_sign_in)
          return { status: LiaisonAccountStatus.ACTIVE, invitationExpiresAt: null };
        return {
          status: LiaisonAccountStatus.INVITED,
          invitationExpiresAt: row.expires_at === null ? null : new Date(row.expires_at),
        };
      });
    }),
    /** Every grid of each community, for the staffing figures. */
    allGridsOfCommunity: new DataLoader<number, ReadRow<Grid>[]>(async (communityIds) => {
      const grids = await findRows(
        em,
        Grid,
        { community: { $in: [...communityIds] } },
        { code: 'asc', id: 'asc' },
      );
      return communityIds.map((id) => grids.filter((g) => g.community.id === id));
    }),
  };
}
