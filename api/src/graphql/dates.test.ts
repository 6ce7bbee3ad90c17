import { describe, expect, it } from 'vitest';
import { daysBetween, shanghaiDate } from './dates.js';

describe('shanghaiDate', () => {
  it('changes day at midnight in Asia/Shanghai, going forwards and back (the day is cached)', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-03-02T15:59:59.999Z'))).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('follows the summer time China kept from 1986 to 1991', () => {
    // 1988-07-01 15:30 UTC was 00:30 on 2 July in Beijing summer time (UTC+9).
    expect(shanghaiDate(new Date('1988-07-01T15:30:00Z'))).toBe('1988-07-02');
  });
});

describe('daysBetween', () => {
  it('counts whole days across years and leap days, either way, the same when asked again', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-05-05', '2026-05-05')).toBe(0);
    expect(daysBetween('2026-13-01', '2026-05-05')).toBeNaN();
  });
});
