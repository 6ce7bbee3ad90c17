// The confirmation before a commitment is withdrawn, with an optional reason (a plain form post).
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

export function WithdrawConfirm({ version, busy }: { version: number; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="panel section confirm-withdraw" aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading" tabIndex={-1}>
        {t('commitment.withdrawHeading')}
      </h2>
      <p>{t('commitment.withdrawIntro')}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="version" value={version} />
        <div className="field">
          <label htmlFor="reason">{t('commitment.withdrawReason')}</label>
          <textarea id="reason" name="reason" rows={3} maxLength={1000} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-danger" disabled={busy}>
            {t('commitment.withdrawConfirm')}
          </button>
          <Link to="." className="button button-quiet">
            {t('commitment.withdrawCancel')}
          </Link>
        </div>
      </Form>
    </section>
  );
}
