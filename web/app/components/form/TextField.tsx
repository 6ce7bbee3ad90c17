// A labelled text input (or textarea) with its hint and its error: the block every form repeats.
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { errorsOf, type ErrorText, type FormError } from './errors';
import { FieldError, fieldAria } from './FieldError';

type Common = {
  /** The form field's name, also the field's name in the API's error paths. */
  name: string;
  label: ReactNode;
  /** The label as text, for "请填写…" (defaults to `label` when that is a string). */
  labelText?: string;
  hint?: ReactNode;
  errors?: readonly FormError[];
  /** The input's id, when it differs from `name`. */
  id?: string;
  /** Placeholders of the error translations. */
  errorValues?: Record<string, string>;
  /** The page's own words for some codes. */
  errorText?: ErrorText;
  className?: string;
};

type Props =
  | (Common & { multiline?: false } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>)
  | (Common & { multiline: true } & Omit<
        TextareaHTMLAttributes<HTMLTextAreaElement>,
        'name' | 'id'
      >);

export function TextField(props: Props) {
  const {
    name,
    label,
    labelText,
    hint,
    errors = [],
    id = name,
    errorValues,
    errorText,
    className,
    multiline,
    ...rest
  } = props;
  const invalid = errorsOf(errors, name).length > 0;
  const aria = fieldAria(id, invalid, Boolean(hint));
  const text = labelText ?? (typeof label === 'string' ? label : undefined);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          name={name}
          {...(rest as TextareaHTMLAttributes<HTMLTextAreaElement>)}
          {...aria}
        />
      ) : (
        <input id={id} name={name} {...(rest as InputHTMLAttributes<HTMLInputElement>)} {...aria} />
      )}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError
        id={id}
        name={name}
        errors={errors}
        label={text}
        values={errorValues}
        errorText={errorText}
      />
    </div>
  );
}
