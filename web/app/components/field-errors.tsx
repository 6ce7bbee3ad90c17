// Errors beside their form fields: the aria attributes for an input and the message under it.
// Pages whose fields are not (yet) TextField / SelectField (components/form) use these directly.
import { useFormErrorText, type FormError } from './form/errors';
import { fieldAria } from './form/FieldError';

type Errors = FormError[];

/**
 * `errorsOf(name)` says which errors belong to the field called `name`; `values` fill the
 * placeholders of their translations (MEASURE_MISMATCH names the need's measure).
 */
export function useFieldErrors(
  errorsOf: (name: string) => Errors,
  values?: Record<string, string>,
) {
  const errorText = useFormErrorText(values);
  return {
    invalid: (name: string) => fieldAria(name, errorsOf(name).length > 0, false),
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
