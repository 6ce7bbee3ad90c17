// The supported languages, their bundled messages, and one i18next instance per render.
import { createInstance, type i18n } from 'i18next';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

export const messages: Record<Language, Messages> = { 'zh-CN': zhCN, en };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/** Maps a cookie value or language tag ('zh', 'zh-Hans-CN', 'en-GB', …) to a supported language. */
export function toLanguage(value: unknown): Language | null {
  if (typeof value !== 'string') return null;
  const tag = value.trim().toLowerCase();
  if (tag.startsWith('zh')) return 'zh-CN';
  if (tag.startsWith('en')) return 'en';
  return null;
}

/** Resources are bundled, so initialisation is synchronous: the server renders in `lng` at once. */
export function createI18n(lng: Language): i18n {
  const instance = createInstance();
  void instance.init({
    lng,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    showSupportNotice: false,
  });
  return instance;
}
