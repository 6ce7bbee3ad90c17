/**
 * Shapes of the Qingshan (青山街道) demo directory. Pure data: the seeder maps these onto
 * ORM entities, so nothing here knows about the database.
 */

/** Kind of a resident unit (驻区单位). */
export type UnitKind =
  | 'ENTERPRISE'
  | 'INSTITUTION'
  | 'SCHOOL'
  | 'HOSPITAL'
  | 'GOVERNMENT_DEPARTMENT'
  | 'SOCIAL_ORGANISATION';

/** A community (社区) of the sub-district. `code` is a stable slug used by grids and units. */
export interface SeedCommunity {
  code: string;
  name: string;
  nameEn: string;
  households: number;
  residents: number;
  /** 社区专职人员 */
  fullTimeWorkers: number;
  /** staff seconded by departments (劳动保障、就业、民政…) */
  secondedWorkers: number;
  partyBranches: number;
  partyMembers: number;
  address: string;
}

/** A grid (网格) of a community, with its grid leader (网格长) if the post is filled. */
export interface SeedGrid {
  communityCode: string;
  code: string;
  name: string;
  households: number;
  leaderName: string | null;
  leaderPhone: string | null;
}

/** A resident unit (驻区单位) and its liaison (联络员). */
export interface SeedUnit {
  communityCode: string;
  name: string;
  kind: UnitKind;
  staffCount: number;
  address: string;
  liaisonName: string;
  liaisonPhone: string;
}
