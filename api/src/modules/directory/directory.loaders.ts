// DataLoaders of the directory: by id, children pages and counts, one query per batch each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findRows, rowLoader, type ReadRow } from '../../graphql/read-rows.js';
import { childConnectionLoader, childCountLoader } from '../../graphql/child-loaders.js';
import { Community } from './community.entity.js';
import { Grid } from './grid.entity.js';
import { Unit } from './unit.entity.js';

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
