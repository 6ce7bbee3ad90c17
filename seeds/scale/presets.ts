// Sizes of the synthetic city: `tiny` for tests and CI, up to `city` for benchmarks.

export interface ScalePreset {
  name: PresetName;
  communities: number;
  grids: number;
  units: number;
  /** Community staff accounts per community (the first is `staff.cNNN`). */
  staffPerCommunity: number;
  commitments: number;
  fulfilments: number;
  volunteers: number;
  socialWorkers: number;
  /** Service activities per community (shifts are spread over them). */
  activitiesPerCommunity: number;
  shifts: number;
  signups: number;
  /** Needs each community published. */
  needsPerCommunity: number;
}

export const PRESET_NAMES = ['tiny', 'small', 'district', 'city'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const PRESETS: Record<PresetName, ScalePreset> = {
  tiny: {
    name: 'tiny',
    communities: 2,
    grids: 12,
    units: 24,
    staffPerCommunity: 2,
    commitments: 80,
    fulfilments: 600,
    volunteers: 240,
    socialWorkers: 6,
    activitiesPerCommunity: 6,
    shifts: 300,
    signups: 2_400,
    needsPerCommunity: 4,
  },
  small: {
    name: 'small',
    communities: 4,
    grids: 36,
    units: 150,
    staffPerCommunity: 2,
    commitments: 1_000,
    fulfilments: 10_000,
    volunteers: 2_000,
    socialWorkers: 16,
    activitiesPerCommunity: 12,
    shifts: 4_000,
    signups: 40_000,
    needsPerCommunity: 6,
  },
  // About Qingshan: six communities, their grids, ~300 units.
  district: {
    name: 'district',
    communities: 6,
    grids: 60,
    units: 300,
    staffPerCommunity: 3,
    commitments: 2_000,
    fulfilments: 20_000,
    volunteers: 5_000,
    socialWorkers: 50,
    activitiesPerCommunity: 16,
    shifts: 10_000,
    signups: 100_000,
    needsPerCommunity: 8,
  },
  city: {
    name: 'city',
    communities: 60,
    grids: 600,
    units: 3_000,
    staffPerCommunity: 3,
    commitments: 20_000,
    fulfilments: 200_000,
    volunteers: 50_000,
    socialWorkers: 500,
    activitiesPerCommunity: 20,
    shifts: 100_000,
    signups: 1_000_000,
    needsPerCommunity: 8,
  },
};
