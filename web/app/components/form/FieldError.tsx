// The message under a field that was refused, its id the one the input is described by.
import {
  errorsOf,
  useFormErrorText,
  type ErrorText,
  type FieldKind,
  type FormError,
} from './errors';

export function FieldError({
  id,
  name,
  errors,
  label,
  kind,
  values,
  errorText,
}: {
  /** The input's id; the message is `${id}-error`. */
  id: string;
  /** The field's name in the API's error paths. */
  name: string;
  errors: readonly FormError[];
  label?: string;
  kind?: FieldKind;
  values?: Record<string, string>;
  /** The page's own words for some codes. */
  errorText?: ErrorText;
}) {
  const text = useFormErrorText(values, errorText);
  const own = errorsOf(errors, name);
  if (own.length === 0) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {own.map((error) => text(error, label, kind)).join(' ')}
    </p>
  );
}

/** The attributes that tie an input to its hint and its error. */
export function fieldAria(
  id: string,
  invalid: boolean,
  hint: boolean,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const ids = [hint && `${id}-hint`, invalid && `${id}-error`].filter(Boolean);
  return {
    ...(invalid ? { 'aria-invalid': true as const } : {}),
    ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}),
  };
}
