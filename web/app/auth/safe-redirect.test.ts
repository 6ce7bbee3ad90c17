import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it('keeps local paths with their query', () => {
    expect(safeRedirect('/communities?page=2', '/')).toBe('/communities?page=2');
  });

  it.each([
    null,
    undefined,
    '',
    'communities',
    'https://evil.example',
    '//evil.example',
    '/\\evil',
  ])('falls back for %j', (to) => {
    expect(safeRedirect(to, '/communities')).toBe('/communities');
  });
});
