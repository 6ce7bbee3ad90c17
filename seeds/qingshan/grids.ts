import { communities } from './communities.js';
import { createPeople } from './people.js';
import type { SeedGrid } from './types.js';

/**
 * Households per grid (网格), in grid order, for each community. Each list sums exactly to the
 * community's households. Most grids hold 200–350 households; some have grown to 400–500+
 * as new buildings filled up (the report's complaint), mostly in Fukang.
 */
const gridHouseholds: Record<string, readonly number[]> = {
  jianan: [286, 312, 274, 348, 295, 287, 418, 331, 275, 297, 318, 276, 426, 264, 305],
  yangguang: [245, 268, 310, 226, 284, 297, 336, 259, 272, 231, 288, 252],
  fukang: [335, 462, 298, 347, 512, 276, 389, 318, 441, 307, 264, 296, 356, 283, 220],
  tiane: [296, 254, 318, 272, 305, 287, 433, 289, 266, 309, 278, 293, 251],
  liantong: [238, 263, 291, 247, 302, 272, 274, 259, 281, 256],
  guotuziyuan: [308, 276, 352, 294, 265, 413, 287, 261, 271, 261],
};

/** Grids whose leader post (网格长) is vacant — a realistic gap for the staffing report. */
const vacantLeaderGrids = new Set(['jianan-13', 'fukang-15', 'tiane-07', 'liantong-08']);

const people = createPeople(20180515);

export const grids: SeedGrid[] = communities.flatMap((community) => {
  const households = gridHouseholds[community.code];
  if (!households) throw new Error(`no grids defined for community ${community.code}`);
  const shortName = community.name.replace(/社区$/, '');
  return households.map((count, index): SeedGrid => {
    const code = `${community.code}-${String(index + 1).padStart(2, '0')}`;
    const vacant = vacantLeaderGrids.has(code);
    return {
      communityCode: community.code,
      code,
      name: `${shortName}第${index + 1}网格`,
      households: count,
      leaderName: vacant ? null : people.name(),
      leaderPhone: vacant ? null : people.mobile(),
    };
  });
});
