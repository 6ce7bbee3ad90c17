// The form to record fulfilment: amount, date, note and an evidence file, as a multipart post.
import { Form } from '@remix-run/react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserErrorFieldsFragment } from '../../../../schema/generated/graphql';
import { fieldOf, useUserErrorText } from '../../i18n/user-error';
import { useFieldErrors } from '../field-errors';

const recordFields = ['amount', 'date', 'note', 'file'];

export function RecordForm({
  unit,
  periodStart,
  maxDate,
  defaultDate,
  errors,
  busy,
  noticeRef,
}: {
  /** The unit of the commitment's measure, translated. */
  unit: string;
  /** The first day of the commitment's period: the earliest date. */
  periodStart: string;
  maxDate: string;
  defaultDate: string;
  /** The errors of a refused record. */
  errors: UserErrorFieldsFragment[];
  busy: boolean;
  /** The page's notice, focused when it appears: here, the refusal. */
  noticeRef: RefObject<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const errorsOf = (name: string) =>
    errors.filter(
      (error) => fieldOf(error) === name || (name === 'file' && fieldOf(error) === 'evidenceIds'),
    );
  const general = errors.filter(
    (error) => !recordFields.includes(fieldOf(error)) && fieldOf(error) !== 'evidenceIds',
  );
  const { invalid, fieldErrors } = useFieldErrors(errorsOf);

  return (
    <section className="panel section" aria-labelledby="record-heading">
      <h2 id="record-heading">{t('commitment.record')}</h2>
      <p className="muted">{t('commitment.recordIntro')}</p>
      {errors.length > 0 && (
        <div className="alert outcome" role="alert" tabIndex={-1} ref={noticeRef}>
          <p>
            <strong>{t('commitment.failed')}</strong>
          </p>
          {general.map((error, index) => (
            <p key={index}>{errorText(error)}</p>
          ))}
        </div>
      )}
      <Form method="post" encType="multipart/form-data" className="stack record-form" noValidate>
        <div className="form-row">
          <div className="field">
            <label htmlFor="amount">{t('commitment.amount', { unit })}</label>
            <input
              id="amount"
              name="amount"
              type="number"
              inputMode="decimal"
              min="0"
              step="0.01"
              required
              {...invalid('amount')}
            />
            {fieldErrors('amount')}
          </div>
          <div className="field">
            <label htmlFor="date">{t('commitment.date')}</label>
            <input
              id="date"
              name="date"
              type="date"
              min={periodStart}
              max={maxDate}
              defaultValue={defaultDate}
              required
              {...invalid('date')}
            />
            {fieldErrors('date')}
          </div>
        </div>
        <div className="field">
          <label htmlFor="note">{t('commitment.note')}</label>
          <textarea id="note" name="note" rows={3} {...invalid('note')} />
          {fieldErrors('note')}
        </div>
        <div className="field">
          <label htmlFor="file">{t('commitment.file')}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf"
            {...invalid('file')}
          />
          {fieldErrors('file')}
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('newCommitment.submitting') : t('commitment.recordSubmit')}
          </button>
        </div>
      </Form>
    </section>
  );
}
