// One shift on the activity page: time, places filled, check-in link, cancel with a reason.
import { Form, Link, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/format';
import type { ActivityShift, Errors } from './detail';
import { FilledBadge, useActivityErrorText } from './shared';

export function ShiftRow({
  shift,
  now,
  manage,
  cancelResult,
}: {
  shift: ActivityShift;
  now: string;
  manage: boolean;
  cancelResult: { reason: string; errors: Errors } | null;
}) {
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  const errorText = useActivityErrorText();
  const navigation = useNavigation();
  const over = shift.endsAt <= now;
  const open = shift.status === 'OPEN';
  const busy =
    navigation.state !== 'idle' &&
    navigation.formData?.get('intent') === 'cancel' &&
    navigation.formData.get('shiftId') === shift.id;
  const reasonId = `reason-${shift.id}`;
  const reasonErrors = cancelResult?.errors ?? [];
  return (
    <article
      className={open ? 'shift-card shift-row' : 'shift-card shift-row is-cancelled'}
      data-shift-id={shift.id}
    >
      <div className="shift-card-head">
        <h3>
          <time dateTime={shift.startsAt}>{dates.range(shift.startsAt, shift.endsAt)}</time>
        </h3>
        <span className="badge-group">
          <FilledBadge shift={shift} />
          {over && open && (
            <span className="badge badge-neutral">{t('activities.detail.past')}</span>
          )}
        </span>
      </div>
      {!open && shift.cancelReason && (
        <p className="muted">
          {t('activities.detail.cancelReason', { reason: shift.cancelReason })}
        </p>
      )}
      {manage && open && (
        <div className="shift-actions">
          <Link className="button" to={`/shifts/${encodeURIComponent(shift.id)}/manage`}>
            {t('activities.detail.manage')}
          </Link>
          {shift.cancellable && (
            <details className="cancel-shift" open={reasonErrors.length > 0 || undefined}>
              <summary>{t('activities.cancel.summary')}</summary>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="shiftId" value={shift.id} />
                <div className="field">
                  <label htmlFor={reasonId}>{t('activities.cancel.reason')}</label>
                  <textarea
                    id={reasonId}
                    name="reason"
                    rows={2}
                    maxLength={1000}
                    required
                    defaultValue={cancelResult?.reason ?? ''}
                    aria-invalid={reasonErrors.length > 0 || undefined}
                    aria-describedby={reasonErrors.length > 0 ? `${reasonId}-error` : undefined}
                  />
                  {reasonErrors.length > 0 && (
                    <p className="field-error" id={`${reasonId}-error`} role="alert">
                      {reasonErrors.map(errorText).join(' ')}
                    </p>
                  )}
                </div>
                <button type="submit" className="button button-danger" disabled={busy}>
                  {busy ? t('activities.cancel.submitting') : t('activities.cancel.submit')}
                </button>
              </Form>
            </details>
          )}
        </div>
      )}
    </article>
  );
}
