// The form to record a supervision contact: day, mode, minutes and notes (emptied after each save).
import { Form, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useUserErrorText } from '../../i18n/user-error';
import { modes, useFieldMessages, type ActionResult, type LogValues } from './shared';

export function LogForm({
  today,
  startDay,
  logTotal,
  actionData,
}: {
  /** Today (Shanghai time): the default and latest day. */
  today: string;
  /** The day the pairing was confirmed: the earliest day. */
  startDay: string;
  logTotal: number;
  actionData: ActionResult | undefined;
}) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const busy =
    navigation.state !== 'idle' &&
    navigation.formMethod === 'POST' &&
    navigation.formData?.get('intent') === 'log';
  const mine = actionData?.intent === 'log' ? actionData : null;
  const values: Partial<LogValues> = mine?.values ?? {};
  const { describe, message, general } = useFieldMessages(mine?.errors ?? []);

  return (
    <section className="panel" aria-labelledby="log-heading">
      <h2 id="log-heading" className="panel-heading">
        {t('social.logHeading')}
      </h2>
      {mine && (
        <div className="alert" role="alert">
          <p>
            <strong>{t('social.failed')}</strong>
          </p>
          {general.map((error, index) => (
            <p key={index}>{errorText(error)}</p>
          ))}
        </div>
      )}
      {/* A new key after each saved log empties the form. */}
      <Form method="post" className="stack social-log-form" noValidate key={logTotal}>
        <input type="hidden" name="intent" value="log" />
        <div className="form-row">
          <div className="field">
            <label htmlFor="date">{t('social.date')}</label>
            <input
              id="date"
              name="date"
              type="date"
              min={startDay}
              max={today}
              defaultValue={values.date ?? today}
              {...describe('date', 'date-hint')}
            />
            <p className="muted field-hint" id="date-hint">
              {t('social.dateHint')}
            </p>
            {message('date')}
          </div>
          <div className="field">
            <label htmlFor="mode">{t('social.mode')}</label>
            <select id="mode" name="mode" defaultValue={values.mode ?? ''} {...describe('mode')}>
              <option value="">{t('social.chooseMode')}</option>
              {modes.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`social.supervisionMode.${mode}`)}
                </option>
              ))}
            </select>
            {message('mode')}
          </div>
        </div>
        <div className="field">
          <label htmlFor="durationMinutes">{t('social.duration')}</label>
          <input
            id="durationMinutes"
            name="durationMinutes"
            type="number"
            inputMode="numeric"
            min={5}
            max={600}
            step={1}
            className="social-duration-input"
            defaultValue={values.durationMinutes ?? ''}
            {...describe('durationMinutes', 'durationMinutes-hint')}
          />
          <p className="muted field-hint" id="durationMinutes-hint">
            {t('social.durationHint')}
          </p>
          {message('durationMinutes')}
        </div>
        <div className="field">
          <label htmlFor="notes">{t('social.notes')}</label>
          <textarea
            id="notes"
            name="notes"
            rows={4}
            maxLength={5000}
            defaultValue={values.notes ?? ''}
            {...describe('notes', 'notes-hint')}
          />
          <p className="muted field-hint" id="notes-hint">
            {t('social.notesHint')}
          </p>
          {message('notes')}
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('social.saving') : t('social.save')}
          </button>
        </div>
      </Form>
    </section>
  );
}
