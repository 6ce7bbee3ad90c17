// The activity page's form to add shifts: one, or the same time weekly for several weeks.
import { Form, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import { fieldOf } from '../../i18n/user-error';
import type { Errors } from './detail';
import { useActivityErrorText } from './shared';

/** The most weeks one post may repeat a shift for. */
export const MAX_WEEKS = 12;

/** The form's fields as posted. */
export interface ShiftValues {
  date: string;
  start: string;
  end: string;
  capacity: string;
  weeks: string;
}

export function AddShiftsForm({
  tomorrow,
  result,
}: {
  tomorrow: string;
  result: {
    values: ShiftValues | null;
    created: string[];
    failed: { day: string; errors: Errors }[];
    errors: Errors;
  } | null;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const errorText = useActivityErrorText();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'addShifts';
  const values = result?.values ?? null;
  const errors = result?.errors ?? [];
  // The API names the instants; the form names the date and the times.
  const fieldFor: Record<string, string> = { startsAt: 'start', endsAt: 'end' };
  const errorsOf = (name: string) =>
    errors.filter((error) => (fieldFor[fieldOf(error)] ?? fieldOf(error)) === name);
  const known = ['date', 'start', 'end', 'capacity', 'weeks'];
  const general = errors.filter(
    (error) => !known.includes(fieldFor[fieldOf(error)] ?? fieldOf(error)),
  );
  const attrs = (name: string, hint?: string) => {
    const describedBy = [hint, errorsOf(name).length > 0 ? `${name}-error` : null]
      .filter(Boolean)
      .join(' ');
    return {
      id: name,
      name,
      ...(errorsOf(name).length > 0 ? { 'aria-invalid': true as const } : {}),
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    };
  };
  const fieldError = (name: string) =>
    errorsOf(name).length > 0 && (
      <p className="field-error" id={`${name}-error`} role="alert">
        {errorsOf(name).map(errorText).join(' ')}
      </p>
    );
  const formKey = result ? `${result.created.join()}|${result.failed.length}` : 'new';

  return (
    <section className="panel add-shifts" aria-labelledby="add-shifts-heading">
      <h2 id="add-shifts-heading" className="panel-heading">
        {t('activities.addShifts.heading')}
      </h2>
      {result && result.created.length > 0 && (
        <p className="notice" role="status">
          {t('activities.addShifts.created', {
            count: result.created.length,
            n: number.format(result.created.length),
          })}
        </p>
      )}
      {result && result.failed.length > 0 && (
        <div className="alert" role="alert">
          <p>
            <strong>
              {result.created.length === 0
                ? t('activities.addShifts.noneCreated')
                : t('activities.addShifts.failed')}
            </strong>
          </p>
          <ul className="failed-shifts">
            {result.failed.map((failure) => (
              <li key={failure.day}>
                {t('activities.addShifts.failedOne', {
                  date: failure.day,
                  error: failure.errors.map(errorText).join(' '),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {general.length > 0 && result?.failed.length === 0 && (
        <div className="alert" role="alert">
          {general.map((error, index) => (
            <p key={index}>{errorText(error)}</p>
          ))}
        </div>
      )}
      <Form method="post" className="stack" noValidate key={formKey}>
        <input type="hidden" name="intent" value="addShifts" />
        <div className="form-row">
          <div className="field">
            <label htmlFor="date">{t('activities.addShifts.date')}</label>
            <input
              type="date"
              required
              min={tomorrow}
              defaultValue={values?.date ?? tomorrow}
              {...attrs('date')}
            />
            {fieldError('date')}
          </div>
          <div className="field">
            <label htmlFor="capacity">{t('activities.addShifts.capacity')}</label>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={10000}
              step={1}
              required
              defaultValue={values?.capacity ?? '10'}
              {...attrs('capacity')}
            />
            {fieldError('capacity')}
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="start">{t('activities.addShifts.start')}</label>
            <input
              type="time"
              required
              step={300}
              defaultValue={values?.start ?? '09:00'}
              {...attrs('start')}
            />
            {fieldError('start')}
          </div>
          <div className="field">
            <label htmlFor="end">{t('activities.addShifts.end')}</label>
            <input
              type="time"
              required
              step={300}
              defaultValue={values?.end ?? '11:00'}
              {...attrs('end')}
            />
            {fieldError('end')}
          </div>
        </div>
        <div className="field">
          <label htmlFor="weeks">{t('activities.addShifts.repeat')}</label>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_WEEKS}
            step={1}
            defaultValue={values?.weeks ?? '1'}
            {...attrs('weeks', 'weeks-hint')}
          />
          <p className="muted field-hint" id="weeks-hint">
            {t('activities.addShifts.repeatHint')}
          </p>
          {fieldError('weeks')}
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('activities.addShifts.submitting') : t('activities.addShifts.submit')}
          </button>
        </div>
      </Form>
    </section>
  );
}
