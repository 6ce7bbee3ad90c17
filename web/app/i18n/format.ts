// Number formatting in the language the page is rendered in.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useNumberFormat(): Intl.NumberFormat {
  const { i18n } = useTranslation();
  return useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
}
