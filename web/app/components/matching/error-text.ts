// A confirmation error in words, for every part of the matching page.
import { useTranslation } from 'react-i18next';
import type { UserErrorFieldsFragment } from '../../../../schema/generated/graphql';
import { matchingZh } from '../../i18n/features/matching';
import { useUserErrorText } from '../../i18n/user-error';

type ErrorCode = keyof typeof matchingZh.error;
const isMatchingCode = (code: string): code is ErrorCode => Object.hasOwn(matchingZh.error, code);

/** A confirmation error in words: this page's wording when it has one, else the common one. */
export function useMatchingErrorText() {
  const { t } = useTranslation();
  const common = useUserErrorText();
  return (error: Pick<UserErrorFieldsFragment, 'code' | 'message'>) =>
    isMatchingCode(error.code) ? t(`matching.error.${error.code}`) : common(error);
}
