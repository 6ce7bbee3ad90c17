import { describe, expect, it } from 'vitest';
import { Skill } from '../shifts/shift.enums.js';
import { Specialty } from './pairing.enums.js';
import { overlapMinutes, PAIRING_WEIGHTS, scorePair, SKILL_SPECIALTIES } from './scoring.js';

describe('scoring', () => {
  it('measures weekly overlap, merging overlapping slots first', () => {
    expect(
      overlapMinutes(
        [
          { day: 1, start: '09:00', end: '12:00' },
          { day: 1, start: '11:00', end: '13:00' },
          { day: 3, start: '14:00', end: '16:00' },
        ],
        [
          { day: 1, start: '10:00', end: '18:00' },
          { day: 3, start: '15:30', end: '20:00' },
          { day: 7, start: '09:00', end: '10:00' },
        ],
      ),
    ).toBe(180 + 30);
    expect(overlapMinutes([], [{ day: 1, start: '09:00', end: '10:00' }])).toBe(0);
  });

  it('reports each component and sums them', () => {
    const score = scorePair(
      {
        specialties: [Specialty.ELDERLY, Specialty.DISABILITY, Specialty.FAMILY],
        gridId: 7,
        availability: [{ day: 2, start: '08:00', end: '20:00' }],
        freePlaces: 3,
      },
      {
        skills: [Skill.ELDER_CARE, Skill.SIGN_LANGUAGE],
        gridId: 7,
        availability: [{ day: 2, start: '09:00', end: '11:30' }],
      },
    );
    expect(score).toEqual({
      skillFit: 2 * PAIRING_WEIGHTS.specialtyMatch,
      matchedSpecialties: [Specialty.ELDERLY, Specialty.DISABILITY],
      sameGrid: PAIRING_WEIGHTS.sameGrid,
      availability: Math.floor(2.5 * PAIRING_WEIGHTS.overlapPerHour),
      overlapMinutesPerWeek: 150,
      capacity: 3 * PAIRING_WEIGHTS.perFreePlace,
      total: 80 + 20 + 12 + 6,
    });
  });

  it('penalises pairs who never meet, caps overlap and capacity', () => {
    const never = scorePair(
      {
        specialties: [],
        gridId: null,
        availability: [{ day: 1, start: '09:00', end: '10:00' }],
        freePlaces: 50,
      },
      { skills: [], gridId: null, availability: [{ day: 2, start: '09:00', end: '10:00' }] },
    );
    expect(never.availability).toBe(PAIRING_WEIGHTS.noOverlapPenalty);
    expect(never.capacity).toBe(PAIRING_WEIGHTS.perFreePlace * PAIRING_WEIGHTS.capacityCapPlaces);
    expect(never.total).toBeLessThan(0);
    const always = scorePair(
      {
        specialties: [],
        gridId: null,
        availability: [{ day: 1, start: '00:00', end: '23:59' }],
        freePlaces: 0,
      },
      { skills: [], gridId: null, availability: [{ day: 1, start: '00:00', end: '23:59' }] },
    );
    expect(always.availability).toBe(
      PAIRING_WEIGHTS.overlapCapHours * PAIRING_WEIGHTS.overlapPerHour,
    );
  });

  it('maps every skill', () => {
    expect(Object.keys(SKILL_SPECIALTIES).sort()).toEqual(Object.values(Skill).sort());
  });
});
