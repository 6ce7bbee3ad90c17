// The errors of a form and the words for them: which belong to a field, and what to say about
// each — "请填写用户名" for a missing field, "至少 3 个字符" for a short one (the bound is the
// API's, `UserError.limit`), else the code's own translation.
import { useTranslation } from 'react-i18next';
import type { UserError } from '../../../../schema/generated/graphql';
import { fieldOf, useUserErrorText } from '../../i18n/user-error';

export type FormError = Pick<UserError, 'code' | 'field' | 'message'> & { limit?: number | null };

/** The errors of the field called `name` (the last segment of their path). */
export function errorsOf(errors: readonly FormError[], name: string): FormError[] {
  return errors.filter((error) => fieldOf(error) === name);
}

/** A page's own words for some codes (the organiser's codes of the activity pages). */
export type ErrorText = (error: Pick<FormError, 'code' | 'message'>) => string;

/** How a field is filled in: typed (请填写…) or chosen (请选择…). */
export type FieldKind = 'text' | 'choice';

/**
 * `(error, label, kind)` → the sentence shown beside the field and in the error summary.
 * `values` fill the placeholders of some translations (MEASURE_MISMATCH names the measure).
 */
export function useFormErrorText(values?: Record<string, string>, own?: ErrorText) {
  const { t } = useTranslation();
  const shared = useUserErrorText(values);
  const errorText = own ?? shared;
  return (error: FormError, label?: string, kind: FieldKind = 'text'): string => {
    if (error.code === 'REQUIRED' && label) {
      return t(kind === 'choice' ? 'form.choose' : 'form.required', { label });
    }
    if (error.limit != null && error.code === 'TOO_SHORT') {
      return t('form.tooShort', { count: error.limit, n: error.limit });
    }
    if (error.limit != null && error.code === 'TOO_LONG') {
      return t('form.tooLong', { count: error.limit, n: error.limit });
    }
    return errorText(error);
  };
}

/** The ids an input is described by: its hint and its error, those that are shown. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const shown = ids.filter(Boolean);
  return shown.length > 0 ? shown.join(' ') : undefined;
}
