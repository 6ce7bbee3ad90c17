// A decision on one item of the queue: a reason (required to reject; the API says so beside the
// field) and approve / reject, as a plain form post. The form posts back to the item's anchor, so a
// refused decision shows its errors where the worker was; a taken one says where it was taken
// (the item before it), so the page comes back at the next one.
import { Form, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { fieldOf, useUserErrorText } from '../../i18n/user-error';
import { itemAnchor, REASON_FIELDS, STALE, type ActionResult, type Kind } from './shared';

/** Where an item is: the page's query (community, cursors) and the item listed before it. */
export interface Place {
  /** "?…" of the page the item is on, without the last decision's notice. */
  query: string;
  /** The ID of the item before it in its list, if any. */
  prev: string | null;
}

export function DecisionForm({
  kind,
  id,
  version,
  place,
  actionData,
}: {
  kind: Kind;
  id: string;
  version: number | null;
  place: Place;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const navigation = useNavigation();
  const mine = actionData && actionData.kind === kind && actionData.id === id ? actionData : null;
  const reasonErrors = (mine?.errors ?? []).filter((e) => REASON_FIELDS.has(fieldOf(e)));
  const otherErrors = (mine?.errors ?? []).filter((e) => !REASON_FIELDS.has(fieldOf(e)));
  const busy =
    navigation.state !== 'idle' &&
    navigation.formMethod === 'POST' &&
    navigation.formData?.get('id') === id;
  const fieldId = `reason-${id}`;
  const errorId = `${fieldId}-error`;
  return (
    <Form
      method="post"
      action={`${place.query}#${itemAnchor(id)}`}
      className="review-decision"
      noValidate
    >
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      {version !== null && <input type="hidden" name="version" value={version} />}
      {place.prev && <input type="hidden" name="prev" value={place.prev} />}
      {otherErrors.length > 0 && (
        <div className="alert" role="alert">
          <p>
            <strong>{t('review.failed')}</strong>
          </p>
          {otherErrors.some((e) => STALE.has(e.code)) && <p>{t('review.conflict')}</p>}
          {otherErrors
            .filter((e) => !STALE.has(e.code))
            .map((e, index) => (
              <p key={index}>{errorText(e)}</p>
            ))}
        </div>
      )}
      <div className="field">
        <label htmlFor={fieldId}>{t('review.reason')}</label>
        <textarea
          id={fieldId}
          name="reason"
          rows={2}
          maxLength={1000}
          defaultValue={mine?.reason ?? ''}
          {...(reasonErrors.length > 0
            ? { 'aria-invalid': true as const, 'aria-describedby': errorId }
            : {})}
        />
        {reasonErrors.length > 0 && (
          <p className="field-error" id={errorId} role="alert">
            {reasonErrors.map(errorText).join(' ')}
          </p>
        )}
      </div>
      <div className="button-row">
        <button
          type="submit"
          name="decision"
          value="approve"
          className="button button-primary"
          disabled={busy}
        >
          {busy && navigation.formData?.get('decision') === 'approve'
            ? t('review.working')
            : kind === 'target'
              ? t('review.approveTarget')
              : kind === 'fulfilment'
                ? t('review.verify')
                : t('review.approve')}
        </button>
        <button
          type="submit"
          name="decision"
          value="reject"
          className="button review-reject"
          disabled={busy}
        >
          {busy && navigation.formData?.get('decision') === 'reject'
            ? t('review.working')
            : kind === 'target'
              ? t('review.declineTarget')
              : t('review.reject')}
        </button>
      </div>
    </Form>
  );
}
