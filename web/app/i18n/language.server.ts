// Which language a request is rendered in: the `lng` cookie, else Accept-Language, else zh-CN.
import { defaultLanguage, toLanguage, type Language } from './i18n';

export const languageCookieName = 'lng';
const oneYearInSeconds = 60 * 60 * 24 * 365;

function readCookie(header: string | null, name: string): string | null {
  for (const pair of header?.split(';') ?? []) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      return decodeURIComponent(pair.slice(separator + 1).trim());
    }
  }
  return null;
}

/** The first zh or en tag by preference (q) decides; Chinese wins unless English is preferred. */
export function languageFromAcceptLanguage(header: string | null): Language | null {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';').map((piece) => piece.trim());
      const qParam = params.find((param) => param.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ tag, q }) => tag !== '' && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const language = toLanguage(tag);
    if (language) return language;
  }
  return null;
}

export function languageFromRequest(request: Request): Language {
  return (
    toLanguage(readCookie(request.headers.get('Cookie'), languageCookieName)) ??
    languageFromAcceptLanguage(request.headers.get('Accept-Language')) ??
    defaultLanguage
  );
}

/** A Set-Cookie value remembering the chosen language for a year. */
export function serializeLanguageCookie(language: Language): string {
  return `${languageCookieName}=${language}; Path=/; Max-Age=${oneYearInSeconds}; SameSite=Lax`;
}
