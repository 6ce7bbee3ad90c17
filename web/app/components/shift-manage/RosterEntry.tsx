// One volunteer on the roster: status, times, hours, and the check-in/out, no-show, hours forms.
import { Form, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { RosterSignupFragment } from '../../../../schema/generated/graphql';
import { useDateTimeFormat, useNumberFormat } from '../../i18n/format';
import { useActivityErrorText } from '../activities/shared';
import type { ActionResult } from './shared';

export function RosterEntry({
  signup,
  started,
  cancelled,
  result,
}: {
  signup: RosterSignupFragment;
  started: boolean;
  cancelled: boolean;
  result: ActionResult | null;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const dates = useDateTimeFormat();
  const errorText = useActivityErrorText();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formData?.get('signupId') === signup.id;
  const name = signup.volunteer.realName;
  const confirmed = signup.status === 'CONFIRMED';
  const attendance = signup.attendance;
  const errors = result?.errors ?? [];
  const hoursErrors = result?.intent === 'confirmHours' ? errors : [];
  const reasonErrors = hoursErrors.filter((e) => e.field?.[1] === 'reason');
  const minutesErrors = hoursErrors.filter((e) => e.field?.[1] !== 'reason');
  const otherErrors = result?.intent === 'confirmHours' ? [] : errors;
  const hoursId = `hours-${signup.id}`;
  const errorId = `signup-${signup.id}-error`;
  const hidden = (
    <>
      <input type="hidden" name="signupId" value={signup.id} />
      <input type="hidden" name="name" value={name} />
    </>
  );

  return (
    <article
      className="roster-entry"
      data-signup-id={signup.id}
      data-attendance={attendance}
      data-status={signup.status}
      aria-label={name}
    >
      <div className="roster-head">
        <p className="roster-name">
          <strong>{name}</strong> <span className="muted">{signup.volunteer.phone}</span>
        </p>
        <span className="badge-group">
          {confirmed ? (
            <span
              className={
                attendance === 'NO_SHOW'
                  ? 'badge badge-warn'
                  : attendance === 'EXPECTED'
                    ? 'badge badge-neutral'
                    : 'badge badge-ok'
              }
            >
              {t(`activities.attendance.${attendance}`)}
            </span>
          ) : (
            <span className="badge badge-warn">
              {t('activities.manage.waitlisted', {
                n: number.format(signup.waitlistPosition ?? 0),
              })}
            </span>
          )}
        </span>
      </div>
      {(signup.checkedInAt || signup.checkedOutAt || signup.hours !== null) && (
        <p className="muted roster-times">
          {signup.checkedInAt &&
            t('activities.manage.checkedInAt', { time: dates.time(signup.checkedInAt) })}
          {signup.checkedOutAt && (
            <> · {t('activities.manage.checkedOutAt', { time: dates.time(signup.checkedOutAt) })}</>
          )}
          {signup.hours !== null && (
            <>
              {' · '}
              {signup.hoursConfirmed
                ? t('activities.manage.hoursConfirmed', { n: number.format(signup.hours) })
                : t('activities.manage.hours', { n: number.format(signup.hours) })}
            </>
          )}
        </p>
      )}
      {otherErrors.length > 0 && (
        <p className="field-error" id={errorId} role="alert">
          {otherErrors.map(errorText).join(' ')}
        </p>
      )}
      {confirmed && !cancelled && (
        <div
          className="roster-actions"
          role="group"
          aria-label={t('activities.manage.actionsFor', { name })}
        >
          {(attendance === 'EXPECTED' || attendance === 'NO_SHOW') && (
            <Form method="post" className="inline-form">
              {hidden}
              <button
                type="submit"
                name="intent"
                value="checkIn"
                className="button button-primary"
                disabled={busy}
                aria-describedby={otherErrors.length > 0 ? errorId : undefined}
              >
                {t('activities.manage.checkIn')}
              </button>
            </Form>
          )}
          {attendance === 'CHECKED_IN' && (
            <Form method="post" className="inline-form">
              {hidden}
              <button
                type="submit"
                name="intent"
                value="checkOut"
                className="button button-primary"
                disabled={busy}
                aria-describedby={otherErrors.length > 0 ? errorId : undefined}
              >
                {t('activities.manage.checkOut')}
              </button>
            </Form>
          )}
          {attendance === 'EXPECTED' && (
            <Form method="post" className="inline-form">
              {hidden}
              <button
                type="submit"
                name="intent"
                value="noShow"
                className="button button-quiet"
                disabled={busy || !started}
                title={started ? undefined : t('activities.manage.noShowHint')}
                aria-describedby={started ? undefined : `noshow-hint-${signup.id}`}
              >
                {t('activities.manage.noShow')}
              </button>
              {!started && (
                <span className="visually-hidden" id={`noshow-hint-${signup.id}`}>
                  {t('activities.manage.noShowHint')}
                </span>
              )}
            </Form>
          )}
          {attendance === 'CHECKED_OUT' && !signup.hoursConfirmed && (
            <Form method="post" className="confirm-hours">
              {hidden}
              <div className="field">
                <label htmlFor={hoursId}>{t('activities.manage.correctHours')}</label>
                <input
                  id={hoursId}
                  name="hours"
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step={0.25}
                  defaultValue={
                    result?.intent === 'confirmHours' ? result.hours : String(signup.hours ?? '')
                  }
                  aria-invalid={minutesErrors.length > 0 || undefined}
                  aria-describedby={minutesErrors.length > 0 ? `${hoursId}-error` : undefined}
                />
                {minutesErrors.length > 0 && (
                  <p className="field-error" id={`${hoursId}-error`} role="alert">
                    {minutesErrors.map(errorText).join(' ')}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={`${hoursId}-reason`}>{t('activities.manage.hoursReason')}</label>
                <input
                  id={`${hoursId}-reason`}
                  name="reason"
                  maxLength={500}
                  defaultValue={result?.intent === 'confirmHours' ? result.reason : ''}
                  aria-invalid={reasonErrors.length > 0 || undefined}
                  aria-describedby={
                    reasonErrors.length > 0
                      ? `${hoursId}-reason-hint ${hoursId}-reason-error`
                      : `${hoursId}-reason-hint`
                  }
                />
                <p className="muted field-hint" id={`${hoursId}-reason-hint`}>
                  {t('activities.manage.hoursReasonHint')}
                </p>
                {reasonErrors.length > 0 && (
                  <p className="field-error" id={`${hoursId}-reason-error`} role="alert">
                    {reasonErrors.map(errorText).join(' ')}
                  </p>
                )}
              </div>
              <button
                type="submit"
                name="intent"
                value="confirmHours"
                className="button button-primary"
                disabled={busy}
              >
                {t('activities.manage.confirmHours')}
              </button>
            </Form>
          )}
        </div>
      )}
    </article>
  );
}
