// A unit's liaison account on the directory (none / invited until when / active) with the form
// that invites one, and the one-time link just issued, to copy and pass on.
import { Form } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DirectoryPageQuery,
  UserErrorFieldsFragment,
} from '../../../../schema/generated/graphql';
import { useDateTimeFormat } from '../../i18n/format';
import { useUserErrorText } from '../../i18n/user-error';

type UnitRow = DirectoryPageQuery['units']['edges'][number]['node'];

/** What the invite action answers: the link (shown once, never stored) or why there is none. */
export interface InviteResult {
  intent: 'invite';
  unitId: string;
  unitName: string;
  url: string | null;
  expiresAt: string | null;
  username: string | null;
  errors: UserErrorFieldsFragment[];
}

/** The liaison's account: none, invited (until when), or active; and the invite disclosure. */
export function LiaisonAccount({ unit }: { unit: UnitRow }) {
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  const account = unit.liaisonAccount!;
  const expiresAt = account.invitationExpiresAt;
  const expired = expiresAt !== null && Date.parse(expiresAt) <= Date.now();
  const badge =
    account.status === 'ACTIVE'
      ? 'badge-ok'
      : account.status === 'INVITED'
        ? 'badge-info'
        : 'badge-warn';
  return (
    <div className="liaison-account">
      <span className={`badge ${badge}`} data-liaison-status={account.status}>
        {t(`directory.invite.status.${account.status}`)}
      </span>
      {account.status === 'INVITED' && expiresAt && (
        <span className="muted">
          {' '}
          {expired
            ? t('directory.invite.linkExpired')
            : t('directory.invite.linkValidUntil', { date: dates.day(expiresAt) })}
        </span>
      )}
      {account.status !== 'ACTIVE' && (
        <details className="invite-liaison">
          <summary className="button button-quiet">
            {account.status === 'INVITED'
              ? t('directory.invite.again')
              : t('directory.invite.open')}
          </summary>
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <input type="hidden" name="unitId" value={unit.id} />
            <input type="hidden" name="unitName" value={unit.name} />
            <div className="field">
              <label htmlFor={`invite-name-${unit.id}`}>{t('directory.invite.displayName')}</label>
              <input
                id={`invite-name-${unit.id}`}
                name="displayName"
                required
                defaultValue={unit.liaisonName}
              />
            </div>
            <div className="field">
              <label htmlFor={`invite-phone-${unit.id}`}>{t('directory.invite.phone')}</label>
              <input
                id={`invite-phone-${unit.id}`}
                name="phone"
                type="tel"
                inputMode="tel"
                defaultValue={unit.liaisonPhone}
              />
            </div>
            <div>
              <button type="submit" className="button button-primary">
                {t('directory.invite.submit')}
              </button>
            </div>
            {account.status === 'INVITED' && (
              <p className="muted">{t('directory.invite.replaces')}</p>
            )}
          </Form>
        </details>
      )}
    </div>
  );
}

/** The link just issued (once: it is not stored), or why none was. */
export function InviteOutcome({ result }: { result: InviteResult | null }) {
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  const errorText = useUserErrorText();
  const ref = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    setCopied(false);
    ref.current?.focus();
  }, [result]);
  if (!result) return null;
  if (!result.url) {
    return (
      <div className="alert outcome" role="alert" tabIndex={-1} ref={ref}>
        <p>
          <strong>{t('directory.invite.failed', { unit: result.unitName })}</strong>
        </p>
        {result.errors.map((e, index) => (
          <p key={index}>{errorText(e)}</p>
        ))}
      </div>
    );
  }
  const copy = async () => {
    await navigator.clipboard.writeText(result.url!);
    setCopied(true);
  };
  return (
    <div className="notice outcome invite-outcome" role="status" tabIndex={-1} ref={ref}>
      <p>
        <strong>
          {t('directory.invite.issued', {
            unit: result.unitName,
            username: result.username ?? '',
            date: dates.day(result.expiresAt!),
          })}
        </strong>
      </p>
      <p className="invite-link">
        <code data-invite-link>{result.url}</code>
      </p>
      {hydrated && (
        <p className="button-row">
          <button type="button" className="button" onClick={() => void copy()}>
            {t('directory.invite.copy')}
          </button>
          <span aria-live="polite">{copied ? t('directory.invite.copied') : ''}</span>
        </p>
      )}
      <p className="muted">{t('directory.invite.once')}</p>
    </div>
  );
}
