// A labelled select with its hint and its error.
import { forwardRef, type ReactNode, type SelectHTMLAttributes } from 'react';
import { errorsOf, type ErrorText, type FormError } from './errors';
import { FieldError, fieldAria } from './FieldError';

type Props = {
  name: string;
  label: ReactNode;
  labelText?: string;
  hint?: ReactNode;
  errors?: readonly FormError[];
  id?: string;
  errorValues?: Record<string, string>;
  /** The page's own words for some codes. */
  errorText?: ErrorText;
  className?: string;
  /** Shown under the hint, inside the field (e.g. a button that applies the choice). */
  after?: ReactNode;
  children: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id' | 'children'>;

export const SelectField = forwardRef<HTMLSelectElement, Props>(function SelectField(
  {
    name,
    label,
    labelText,
    hint,
    errors = [],
    id = name,
    errorValues,
    errorText,
    className,
    after,
    children,
    ...rest
  },
  ref,
) {
  const invalid = errorsOf(errors, name).length > 0;
  const text = labelText ?? (typeof label === 'string' ? label : undefined);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} ref={ref} {...rest} {...fieldAria(id, invalid, Boolean(hint))}>
        {children}
      </select>
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
        kind="choice"
        values={errorValues}
        errorText={errorText}
      />
      {after}
    </div>
  );
});
