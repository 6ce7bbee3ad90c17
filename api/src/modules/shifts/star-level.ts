// Star levels for volunteers by confirmed service hours (星级志愿者), thresholds configurable
// (`STAR_LEVEL_HOURS`, default 100 / 300 / 600 / 1,000 / 1,500 hours).

/** Hours at which a volunteer reaches one to five stars. */
export const DEFAULT_STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

/** Stars earned: how many thresholds the confirmed hours have reached (compared in minutes). */
export function starLevel(
  verifiedMinutes: number,
  thresholds: readonly number[] = DEFAULT_STAR_THRESHOLDS,
): number {
  return thresholds.filter((hours) => verifiedMinutes >= hours * 60).length;
}

/** The next star a volunteer can reach and the confirmed hours still missing; null at the top. */
export function nextStar(
  verifiedMinutes: number,
  thresholds: readonly number[] = DEFAULT_STAR_THRESHOLDS,
): { level: number; hoursNeeded: number } | null {
  const level = starLevel(verifiedMinutes, thresholds) + 1;
  const hours = [...thresholds].sort((a, b) => a - b)[level - 1];
  if (hours === undefined) return null;
  return { level, hoursNeeded: Math.round(((hours * 60 - verifiedMinutes) / 60) * 100) / 100 };
}
