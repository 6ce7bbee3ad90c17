// 中文 / English: a plain form post, so it works without JavaScript and the next page renders
// on the server in the chosen language.
import { useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/i18n';

const choices: { language: Language; labelKey: 'language.zh' | 'language.en' }[] = [
  { language: 'zh-CN', labelKey: 'language.zh' },
  { language: 'en', labelKey: 'language.en' },
];

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <form method="post" action="/language" className="language-switcher">
      <fieldset>
        <legend className="visually-hidden">{t('language.label')}</legend>
        <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
        {choices.map(({ language, labelKey }) => (
          <button
            key={language}
            type="submit"
            name="lng"
            value={language}
            lang={language}
            aria-pressed={i18n.language === language}
          >
            {t(labelKey)}
          </button>
        ))}
      </fieldset>
    </form>
  );
}
