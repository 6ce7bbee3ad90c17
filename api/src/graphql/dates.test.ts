import { describe, expect, it } from 'vitest';
import { shanghaiDate } from './dates.js';

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
