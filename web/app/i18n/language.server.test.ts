import { describe, expect, it } from 'vitest';
import { languageFromAcceptLanguage, languageFromRequest } from './language.server';

function request(headers: Record<string, string>) {
  return new Request('http://localhost/', { headers });
}

describe('languageFromAcceptLanguage', () => {
  it.each([
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en;q=0.5,zh;q=0.8', 'zh-CN'],
    ['fr-FR,en;q=0.7,zh;q=0.6', 'en'],
    ['de-DE', null],
    ['', null],
  ])('%j → %j', (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('languageFromRequest', () => {
  it('prefers the lng cookie over the header', () => {
    expect(languageFromRequest(request({ Cookie: 'a=1; lng=en', 'Accept-Language': 'zh' }))).toBe(
      'en',
    );
  });

  it('uses the header when the cookie is absent or unknown', () => {
    expect(languageFromRequest(request({ Cookie: 'lng=fr', 'Accept-Language': 'en' }))).toBe('en');
  });

  it('defaults to zh-CN', () => {
    expect(languageFromRequest(request({}))).toBe('zh-CN');
  });
});
