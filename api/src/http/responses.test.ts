import { describe, expect, it } from 'vitest';
import { contentDisposition, redactSecrets } from './responses.js';

describe('redactSecrets', () => {
  it('keeps calendar tokens out of logged URLs', () => {
    expect(redactSecrets('/volunteer/calendar/gJ4k-9_xYz.ics')).toBe(
      '/volunteer/calendar/[redacted]',
    );
    expect(redactSecrets('/volunteer/calendar/abc?x=1')).toBe('/volunteer/calendar/[redacted]?x=1');
    expect(redactSecrets('/graphql')).toBe('/graphql');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('共建年度报告(2026).xlsx', 'report.xlsx')).toBe(
      `attachment; filename="report.xlsx"; filename*=UTF-8''%E5%85%B1%E5%BB%BA%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A%282026%29.xlsx`,
    );
  });
});
