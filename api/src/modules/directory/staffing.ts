// The provincial staffing standard quoted by the inspection report, as pure functions.
//
// 《关于加强社区工作者队伍专业化建设的意见》: one community worker per 300–400 households,
// normally 5–9 per community; a community above 3,000 households may add one worker for
// each further (full) 500 households. Grid leaders: one per 300–400 households. A grid
// should hold 200–300 households; the report finds some at 400–500.

export const STAFFING_STANDARD = {
  householdsPerWorkerLow: 300,
  householdsPerWorkerHigh: 400,
  normalMinWorkers: 5,
  normalMaxWorkers: 9,
  extraWorkersAbove: 3000,
  householdsPerExtraWorker: 500,
  householdsPerGridLeaderLow: 300,
  householdsPerGridLeaderHigh: 400,
  gridStandardHouseholds: 300,
  gridOverloadedHouseholds: 400,
} as const;

export interface Range {
  min: number;
  max: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Workers the standard requires for a community of `households`:
 * between ⌈h/400⌉ and ⌈h/300⌉, held within 5–9, plus one per full 500 households above 3,000.
 */
export function requiredWorkers(households: number): Range {
  const s = STAFFING_STANDARD;
  const extra =
    households > s.extraWorkersAbove
      ? Math.floor((households - s.extraWorkersAbove) / s.householdsPerExtraWorker)
      : 0;
  const min = clamp(
    Math.ceil(households / s.householdsPerWorkerHigh),
    s.normalMinWorkers,
    s.normalMaxWorkers,
  );
  const max = clamp(
    Math.ceil(households / s.householdsPerWorkerLow),
    s.normalMinWorkers,
    s.normalMaxWorkers,
  );
  return { min: min + extra, max: max + extra };
}

/** Grid leaders the standard requires: one per 300–400 households. */
export function requiredGridLeaders(households: number): Range {
  const s = STAFFING_STANDARD;
  return {
    min: Math.ceil(households / s.householdsPerGridLeaderHigh),
    max: Math.ceil(households / s.householdsPerGridLeaderLow),
  };
}

export interface GridFigures {
  households: number;
  hasLeader: boolean;
}

export interface StaffingFigures {
  households: number;
  requiredWorkersMin: number;
  requiredWorkersMax: number;
  actualWorkers: number;
  workerShortfall: number;
  requiredGridLeadersMin: number;
  requiredGridLeadersMax: number;
  actualGridLeaders: number;
  gridLeaderShortfall: number;
  gridCount: number;
  gridsOver300: number;
  gridsOver400: number;
}

/** A community's figures; `fullTimeWorkers` are the workers the standard counts. */
export function communityStaffing(
  community: { households: number; fullTimeWorkers: number },
  grids: readonly GridFigures[],
): StaffingFigures {
  const workers = requiredWorkers(community.households);
  const leaders = requiredGridLeaders(community.households);
  const actualGridLeaders = grids.filter((g) => g.hasLeader).length;
  return {
    households: community.households,
    requiredWorkersMin: workers.min,
    requiredWorkersMax: workers.max,
    actualWorkers: community.fullTimeWorkers,
    workerShortfall: Math.max(0, workers.min - community.fullTimeWorkers),
    requiredGridLeadersMin: leaders.min,
    requiredGridLeadersMax: leaders.max,
    actualGridLeaders,
    gridLeaderShortfall: Math.max(0, leaders.min - actualGridLeaders),
    gridCount: grids.length,
    gridsOver300: grids.filter((g) => g.households > STAFFING_STANDARD.gridStandardHouseholds)
      .length,
    gridsOver400: grids.filter((g) => g.households > STAFFING_STANDARD.gridOverloadedHouseholds)
      .length,
  };
}

/** Sums per-community figures; shortfalls are summed per community, not recomputed. */
export function totalStaffing(rows: readonly StaffingFigures[]): StaffingFigures {
  const sum = (key: keyof StaffingFigures) => rows.reduce((total, row) => total + row[key], 0);
  return {
    households: sum('households'),
    requiredWorkersMin: sum('requiredWorkersMin'),
    requiredWorkersMax: sum('requiredWorkersMax'),
    actualWorkers: sum('actualWorkers'),
    workerShortfall: sum('workerShortfall'),
    requiredGridLeadersMin: sum('requiredGridLeadersMin'),
    requiredGridLeadersMax: sum('requiredGridLeadersMax'),
    actualGridLeaders: sum('actualGridLeaders'),
    gridLeaderShortfall: sum('gridLeaderShortfall'),
    gridCount: sum('gridCount'),
    gridsOver300: sum('gridsOver300'),
    gridsOver400: sum('gridsOver400'),
  };
}
