// Errors beside their form fields: the aria attributes for an input and the message under it.
import type { UserError } from '../../../schema/generated/graphql';
import { useUserErrorText } from '../i18n/user-error';

type Errors = Pick<UserError, 'code' | 'message' | 'field'>[];

/**
 * `errorsOf(name)` says which errors belong to the field called `name`; `values` fill the
 * placeholders of their translations (MEASURE_MISMATCH names the need's measure).
 */
export function useFieldErrors(
  errorsOf: (name: string) => Errors,
  values?: Record<string, string>,
) {
  const errorText = useUserErrorText(values);
  return {
    invalid: (name: string) =>
      errorsOf(name).length > 0
        ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` }
        : {},
    fieldErrors: (name: string) =>
      errorsOf(name).length > 0 && (
        <p className="field-error" id={`${name}-error`}>
          {errorsOf(name)
            .map((error) => errorText(error))
            .join(' ')}
        </p>
      ),
  };
}
