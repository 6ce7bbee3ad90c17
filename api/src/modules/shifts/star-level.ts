// Star levels for volunteers by confirmed service hours (星级志愿者), thresholds configurable.

/** Hours at which a volunteer reaches one to five stars. */
export const DEFAULT_STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

export function starLevel(
  verifiedMinutes: number,
  thresholds: readonly number[] = DEFAULT_STAR_THRESHOLDS,
): number {
  const hours = verifiedMinutes / 60;
  return thresholds.filter((t) => hours >= t).length;
}
