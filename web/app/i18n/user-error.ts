// UserError messages from the API are English; show our own translation when we know the code.
import { useTranslation } from 'react-i18next';
import type { UserError } from '../../../schema/generated/graphql';
import { zhCN } from './zh-CN';

type KnownCode = keyof typeof zhCN.errorCode;

function isKnownCode(code: string): code is KnownCode {
  return Object.hasOwn(zhCN.errorCode, code);
}

/** `values` fill the placeholders some translations have (MEASURE_MISMATCH: `measure`). */
export function useUserErrorText(
  values: Record<string, string> = {},
): (error: Pick<UserError, 'code' | 'message'>) => string {
  const { t } = useTranslation();
  return (error) =>
    isKnownCode(error.code)
      ? t(`errorCode.${error.code}`, { measure: '—', ...values })
      : error.message;
}

/** The last segment of a UserError's field path (`["input", "title"]` → `title`). */
export function fieldOf(error: Pick<UserError, 'field'>): string {
  return error.field?.at(-1) ?? '';
}
