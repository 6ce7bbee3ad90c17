export type { SeedCommunity, SeedGrid, SeedUnit, UnitKind } from './types.js';
export { communities } from './communities.js';
export { grids } from './grids.js';
export { units } from './units.js';

/** Sub-district totals from the inspection report; the demo data sums exactly to them. */
export const totals = { households: 22606, residents: 54425, units: 288 } as const;
