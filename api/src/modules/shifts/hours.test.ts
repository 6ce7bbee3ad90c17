import { describe, expect, it } from 'vitest';
import {
  checkInWindow,
  hoursAmount,
  minutesToHours,
  roundMinutes,
  servedMinutes,
  serviceMinutes,
  shiftMinutes,
} from './hours.js';
import { DEFAULT_STAR_THRESHOLDS, starLevel } from './star-level.js';

const at = (hhmm: string, seconds = 0) =>
  new Date(`2026-03-14T${hhmm}:${String(seconds).padStart(2, '0')}+08:00`);
const shift = { startsAt: at('09:00'), endsAt: at('12:00') };
const every15 = (mode: 'down' | 'nearest' | 'up') => ({ minutes: 15, mode });

describe('served minutes are clipped to the shift', () => {
  it('counts the time between check-in and check-out inside the window', () => {
    expect(servedMinutes(at('09:10'), at('11:40'), shift)).toBe(150);
  });

  it('does not count arriving early or staying late', () => {
    expect(servedMinutes(at('08:05'), at('12:45'), shift)).toBe(180);
    expect(servedMinutes(at('08:30'), at('10:00'), shift)).toBe(60);
    expect(servedMinutes(at('11:00'), at('13:00'), shift)).toBe(60);
  });

  it('is zero when the attendance lies wholly outside, or check-out is not after check-in', () => {
    expect(servedMinutes(at('08:00'), at('08:59'), shift)).toBe(0);
    expect(servedMinutes(at('12:00'), at('12:30'), shift)).toBe(0);
    expect(servedMinutes(at('10:00'), at('10:00'), shift)).toBe(0);
  });

  it('drops leftover seconds', () => {
    expect(servedMinutes(at('09:00'), at('09:44', 59), shift)).toBe(44);
  });

  it('knows the length of the shift and when check-in opens', () => {
    expect(shiftMinutes(shift)).toBe(180);
    expect(checkInWindow(shift)).toEqual({ opensAt: at('08:00'), closesAt: at('12:00') });
  });
});

describe('rounding at its boundaries (15-minute steps)', () => {
  it('down (the default): 44 → 30, 45 → 45, 46 → 45', () => {
    expect([44, 45, 46].map((m) => roundMinutes(m, 15, 'down'))).toEqual([30, 45, 45]);
  });

  it('nearest: 44 → 45, 45 → 45, 46 → 45, 52 → 45, 53 → 60 (halves round up)', () => {
    expect([44, 45, 46, 52, 53].map((m) => roundMinutes(m, 15, 'nearest'))).toEqual([
      45, 45, 45, 45, 60,
    ]);
    expect([14, 15].map((m) => roundMinutes(m, 30, 'nearest'))).toEqual([0, 30]);
  });

  it('up: 44 → 45, 45 → 45, 46 → 60, 0 → 0', () => {
    expect([44, 45, 46, 0].map((m) => roundMinutes(m, 15, 'up'))).toEqual([45, 45, 60, 0]);
  });

  it('7h59m: 465 down, 480 to the nearest and up', () => {
    const long = { startsAt: at('08:00'), endsAt: at('17:00') };
    const out = at('15:59');
    expect(serviceMinutes(at('08:00'), out, long, every15('down'))).toBe(465);
    expect(serviceMinutes(at('08:00'), out, long, every15('nearest'))).toBe(480);
    expect(serviceMinutes(at('08:00'), out, long, every15('up'))).toBe(480);
  });

  it('a one-minute step keeps whole minutes', () => {
    expect(roundMinutes(479, 1, 'down')).toBe(479);
    expect(roundMinutes(479, 1, 'up')).toBe(479);
  });

  it('rounding up never credits more than the shift lasts', () => {
    const fifty = { startsAt: at('09:00'), endsAt: at('09:50') };
    expect(serviceMinutes(at('08:30'), at('10:30'), fifty, every15('up'))).toBe(50);
    expect(serviceMinutes(at('08:30'), at('10:30'), fifty, every15('down'))).toBe(45);
  });

  it('refuses a step that is not a positive whole number', () => {
    expect(() => roundMinutes(10, 0, 'down')).toThrow(RangeError);
  });
});

describe('hours', () => {
  it('as a float with two decimals and as an exact amount', () => {
    expect(minutesToHours(50)).toBe(0.83);
    expect(minutesToHours(180)).toBe(3);
    expect(hoursAmount(180)).toBe('3.00');
    expect(hoursAmount(90)).toBe('1.50');
    expect(hoursAmount(1)).toBe('0.02');
    expect(hoursAmount(465)).toBe('7.75');
  });
});

describe('star levels', () => {
  const stars = (hours: number, thresholds?: readonly number[]) =>
    starLevel(hours * 60, thresholds);

  it('at 100 / 300 / 600 / 1,000 / 1,500 hours by default', () => {
    expect(DEFAULT_STAR_THRESHOLDS).toEqual([100, 300, 600, 1000, 1500]);
    expect(
      [0, 99.99, 100, 299.99, 300, 599.99, 600, 999.99, 1000, 1499.99, 1500, 5000].map((h) =>
        stars(h),
      ),
    ).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('counts whole minutes: 5,999 minutes is below 100 hours, 6,000 is not', () => {
    expect(starLevel(5999)).toBe(0);
    expect(starLevel(6000)).toBe(1);
  });

  it('with custom thresholds', () => {
    const custom = [10, 50, 200];
    expect([9.99, 10, 49.99, 50, 199.99, 200, 1500].map((h) => stars(h, custom))).toEqual([
      0, 1, 1, 2, 2, 3, 3,
    ]);
    expect(stars(1.5, [0.5, 1, 2, 4, 8])).toBe(2);
  });
});
