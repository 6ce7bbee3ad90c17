import { describe, expect, it } from 'vitest';
import { communityStaffing, requiredGridLeaders, requiredWorkers } from './staffing.js';

describe('requiredWorkers (one per 300–400 households, 5–9, +1 per 500 above 3,000)', () => {
  it('never asks for fewer than 5 workers', () => {
    expect(requiredWorkers(0)).toEqual({ min: 5, max: 5 });
    expect(requiredWorkers(1000)).toEqual({ min: 5, max: 5 });
    expect(requiredWorkers(1500)).toEqual({ min: 5, max: 5 });
  });

  it('follows 300–400 households per worker between the bounds', () => {
    expect(requiredWorkers(1501)).toEqual({ min: 5, max: 6 });
    expect(requiredWorkers(2000)).toEqual({ min: 5, max: 7 });
    expect(requiredWorkers(2401)).toEqual({ min: 7, max: 9 });
  });

  it('caps the normal range at 9 up to 3,000 households', () => {
    expect(requiredWorkers(2701)).toEqual({ min: 7, max: 9 });
    expect(requiredWorkers(3000)).toEqual({ min: 8, max: 9 });
  });

  it('adds one worker for each full 500 households above 3,000', () => {
    expect(requiredWorkers(3001)).toEqual({ min: 8, max: 9 });
    expect(requiredWorkers(3499)).toEqual({ min: 9, max: 9 });
    expect(requiredWorkers(3500)).toEqual({ min: 10, max: 10 });
    expect(requiredWorkers(3999)).toEqual({ min: 10, max: 10 });
    expect(requiredWorkers(4000)).toEqual({ min: 11, max: 11 });
    expect(requiredWorkers(5104)).toEqual({ min: 13, max: 13 });
  });
});

describe('requiredGridLeaders (one per 300–400 households)', () => {
  it('rounds up at both ends', () => {
    expect(requiredGridLeaders(0)).toEqual({ min: 0, max: 0 });
    expect(requiredGridLeaders(300)).toEqual({ min: 1, max: 1 });
    expect(requiredGridLeaders(301)).toEqual({ min: 1, max: 2 });
    expect(requiredGridLeaders(4712)).toEqual({ min: 12, max: 16 });
  });
});

describe('communityStaffing', () => {
  it('counts shortfalls, vacant grid-leader posts and overloaded grids', () => {
    const figures = communityStaffing({ households: 4000, fullTimeWorkers: 8 }, [
      { households: 300, hasLeader: true },
      { households: 301, hasLeader: true },
      { households: 400, hasLeader: false },
      { households: 401, hasLeader: true },
      { households: 520, hasLeader: true },
    ]);
    expect(figures).toMatchObject({
      requiredWorkersMin: 11,
      actualWorkers: 8,
      workerShortfall: 3,
      requiredGridLeadersMin: 10,
      actualGridLeaders: 4,
      gridLeaderShortfall: 6,
      gridCount: 5,
      gridsOver300: 4,
      gridsOver400: 2,
    });
  });

  it('reports no shortfall when a community is staffed above the standard', () => {
    expect(communityStaffing({ households: 1000, fullTimeWorkers: 7 }, []).workerShortfall).toBe(0);
  });
});
