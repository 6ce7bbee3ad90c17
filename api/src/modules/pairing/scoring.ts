// How well a social worker and a volunteer fit: integer points from separate, documented parts.
//
// Admissible pair: same community, the worker's account active, the volunteer not already in an
// active pairing (only unpaired volunteers are planned). Everything else is scored, not banned.
//
//   skillFit        = specialtyMatch × (number of the worker's specialties that at least one of
//                     the volunteer's skills serves, see SKILL_SPECIALTIES)
//   sameGrid        = sameGrid when both have a grid and it is the same one
//   availability    = overlapPerHour × (hours per week both are free, at most overlapCapHours),
//                     rounded down; or noOverlapPenalty (< 0) when both gave their hours and
//                     they never meet — with no skill fit such a pair is not worth making
//   capacity        = perFreePlace × (the worker's free places before the plan, at most
//                     capacityCapPlaces): a constant per worker, so the objective stays linear
//                     and, all else equal, work goes to the less loaded worker
//   total           = the sum (an integer; the solver maximises the sum of totals)
import { Skill } from '../shifts/shift.enums.js';
import type { AvailabilitySlot, Volunteer } from '../shifts/volunteer.entity.js';
import { Specialty } from './pairing.enums.js';
import type { SocialWorker } from './social-worker.entity.js';

/** Every weight of the score, in one place. */
export const PAIRING_WEIGHTS = {
  specialtyMatch: 40,
  sameGrid: 20,
  overlapPerHour: 5,
  overlapCapHours: 10,
  noOverlapPenalty: -30,
  perFreePlace: 2,
  capacityCapPlaces: 10,
} as const;

export type PairingWeights = { readonly [K in keyof typeof PAIRING_WEIGHTS]: number };

/** Which specialties each volunteer skill serves. */
export const SKILL_SPECIALTIES: Readonly<Record<Skill, readonly Specialty[]>> = {
  [Skill.ELDER_CARE]: [Specialty.ELDERLY],
  [Skill.CHILD_TUTORING]: [Specialty.CHILDREN, Specialty.YOUTH],
  [Skill.MEDICAL]: [Specialty.MEDICAL, Specialty.ELDERLY],
  [Skill.FIRST_AID]: [Specialty.MEDICAL],
  [Skill.LEGAL]: [Specialty.CORRECTIONS, Specialty.FAMILY],
  [Skill.PSYCHOLOGICAL_SUPPORT]: [Specialty.MENTAL_HEALTH, Specialty.ADDICTION],
  [Skill.IT]: [Specialty.COMMUNITY_DEVELOPMENT],
  [Skill.DRIVING]: [Specialty.ELDERLY, Specialty.DISABILITY],
  [Skill.COOKING]: [Specialty.ELDERLY, Specialty.POVERTY_RELIEF],
  [Skill.PATROL]: [Specialty.COMMUNITY_DEVELOPMENT],
  [Skill.CLEANING]: [],
  [Skill.CULTURE_ARTS]: [Specialty.COMMUNITY_DEVELOPMENT, Specialty.CHILDREN],
  [Skill.TRANSLATION]: [Specialty.MIGRANTS],
  [Skill.SIGN_LANGUAGE]: [Specialty.DISABILITY],
  [Skill.DISABILITY_SUPPORT]: [Specialty.DISABILITY],
  [Skill.EVENT_SUPPORT]: [Specialty.COMMUNITY_DEVELOPMENT],
};

export interface ScoreComponents {
  skillFit: number;
  /** The worker's specialties the volunteer's skills serve. */
  matchedSpecialties: Specialty[];
  sameGrid: number;
  availability: number;
  overlapMinutesPerWeek: number;
  capacity: number;
  total: number;
}

export interface WorkerFacts {
  specialties: readonly Specialty[];
  gridId: number | null;
  availability: readonly AvailabilitySlot[];
  /** cap − active pairings, before the plan. */
  freePlaces: number;
}

export interface VolunteerFacts {
  skills: readonly Skill[];
  gridId: number | null;
  availability: readonly AvailabilitySlot[];
}

/** What the score knows of a social worker with `freePlaces` places left before the plan. */
export const workerFacts = (worker: SocialWorker, freePlaces: number): WorkerFacts => ({
  specialties: worker.specialties,
  gridId: worker.grid?.id ?? null,
  availability: worker.availability,
  freePlaces,
});

/** What the score knows of a volunteer. */
export const volunteerFacts = (volunteer: Volunteer): VolunteerFacts => ({
  skills: volunteer.skills,
  gridId: volunteer.grid?.id ?? null,
  availability: volunteer.availability,
});

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Weekly slots as merged [start, end) minute intervals from Monday 00:00. */
export function weeklyIntervals(slots: readonly AvailabilitySlot[]): [number, number][] {
  const raw = slots
    .map((s): [number, number] => [
      (s.day - 1) * 1440 + minutes(s.start),
      (s.day - 1) * 1440 + minutes(s.end),
    ])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const [a, b] of raw) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Minutes per week both are free. */
export function overlapMinutes(
  a: readonly AvailabilitySlot[],
  b: readonly AvailabilitySlot[],
): number {
  const x = weeklyIntervals(a);
  const y = weeklyIntervals(b);
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < x.length && j < y.length) {
    const lo = Math.max(x[i]![0], y[j]![0]);
    const hi = Math.min(x[i]![1], y[j]![1]);
    if (hi > lo) total += hi - lo;
    if (x[i]![1] < y[j]![1]) i++;
    else j++;
  }
  return total;
}

export function scorePair(
  worker: WorkerFacts,
  volunteer: VolunteerFacts,
  weights: PairingWeights = PAIRING_WEIGHTS,
): ScoreComponents {
  const served = new Set(volunteer.skills.flatMap((skill) => SKILL_SPECIALTIES[skill] ?? []));
  const matchedSpecialties = worker.specialties.filter((s) => served.has(s));
  const skillFit = weights.specialtyMatch * matchedSpecialties.length;
  const sameGrid =
    worker.gridId !== null && worker.gridId === volunteer.gridId ? weights.sameGrid : 0;
  const overlap = overlapMinutes(worker.availability, volunteer.availability);
  const availability =
    overlap === 0
      ? worker.availability.length > 0 && volunteer.availability.length > 0
        ? weights.noOverlapPenalty
        : 0
      : Math.floor((Math.min(overlap, weights.overlapCapHours * 60) * weights.overlapPerHour) / 60);
  const capacity =
    weights.perFreePlace * Math.min(Math.max(worker.freePlaces, 0), weights.capacityCapPlaces);
  return {
    skillFit,
    matchedSpecialties,
    sameGrid,
    availability,
    overlapMinutesPerWeek: overlap,
    capacity,
    total: skillFit + sameGrid + availability + capacity,
  };
}
