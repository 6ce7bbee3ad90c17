// Ending the pairing: a reason and an end date, in a form behind a disclosure (no JavaScript needed).
import { Form, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useUserErrorText } from '../../i18n/user-error';
import { useFieldMessages, type ActionResult } from './shared';

export function EndPairing({
  lastContactDate,
  today,
  actionData,
}: {
  /** The pairing's last contact: the earliest end date. */
  lastContactDate: string;
  /** Today (Shanghai time): the default and latest end date. */
  today: string;
  actionData: ActionResult | undefined;
}) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const mine = actionData?.intent === 'end' ? actionData : null;
  const { describe, message, general } = useFieldMessages(mine?.errors ?? []);
  const busy =
    navigation.state !== 'idle' &&
    navigation.formMethod === 'POST' &&
    navigation.formData?.get('intent') === 'end';

  return (
    <section className="panel social-end" aria-labelledby="end-heading">
      <h2 id="end-heading" className="panel-heading">
        {t('social.endHeading')}
      </h2>
      <p className="muted" id="end-intro">
        {t('social.endIntro')}
      </p>
      {/* Nothing ends without opening this and confirming; a refused end keeps it open. */}
      <details className="cancel-signup social-end-confirm" open={mine ? true : undefined}>
        <summary className="button button-quiet">{t('social.endStart')}</summary>
        {mine && (
          <div className="alert" role="alert">
            <p>
              <strong>{t('social.endFailed')}</strong>
            </p>
            {general.map((error, index) => (
              <p key={index}>{errorText(error)}</p>
            ))}
          </div>
        )}
        <Form method="post" className="stack cancel-confirm" noValidate>
          <input type="hidden" name="intent" value="end" />
          <div className="field">
            <label htmlFor="reason">{t('social.endReason')}</label>
            <textarea
              id="reason"
              name="reason"
              rows={3}
              maxLength={500}
              defaultValue={mine?.values.reason ?? ''}
              {...describe('reason')}
            />
            {message('reason')}
          </div>
          <div className="field">
            <label htmlFor="endDate">{t('social.endDate')}</label>
            <input
              id="endDate"
              name="endDate"
              type="date"
              min={lastContactDate}
              max={today}
              defaultValue={mine?.values.endDate ?? today}
              {...describe('endDate', 'endDate-hint')}
            />
            <p className="muted field-hint" id="endDate-hint">
              {t('social.endDateHint')}
            </p>
            {message('endDate')}
          </div>
          <div className="button-row">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy}
              aria-describedby="end-intro"
            >
              {t('social.endConfirm')}
            </button>
          </div>
        </Form>
      </details>
    </section>
  );
}
