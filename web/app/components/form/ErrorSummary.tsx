// The list of what to fix, at the top of a refused form (GOV.UK's error summary): a heading and
// one link per problem to its field. It takes the focus when it appears — `autoFocus` for a page
// loaded without JavaScript, an effect after a submit handled in the browser — so a screen
// reader hears it and a keyboard continues from it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldOf } from '../../i18n/user-error';
import { useFormErrorText, type ErrorText, type FieldKind, type FormError } from './errors';

export type SummaryField = { label: string; kind?: FieldKind; id?: string };

export function ErrorSummary({
  errors,
  fields,
  title,
  values,
  errorText,
}: {
  errors: readonly FormError[];
  /** The form's fields by name: their labels, and the input id when it is not the name. */
  fields: Record<string, SummaryField>;
  /** The heading; "请先修正以下问题" by default. */
  title?: string;
  values?: Record<string, string>;
  /** The page's own words for some codes. */
  errorText?: ErrorText;
}) {
  const { t } = useTranslation();
  const text = useFormErrorText(values, errorText);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div
      className="error-summary"
      ref={ref}
      tabIndex={-1}
      autoFocus
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{title ?? t('form.summaryTitle')}</h2>
      <ul>
        {errors.map((error, index) => {
          const name = fieldOf(error);
          const field = name ? fields[name] : undefined;
          const message = text(error, field?.label, field?.kind);
          return (
            <li key={index}>{field ? <a href={`#${field.id ?? name}`}>{message}</a> : message}</li>
          );
        })}
      </ul>
    </div>
  );
}
