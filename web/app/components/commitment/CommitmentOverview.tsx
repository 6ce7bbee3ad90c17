// The commitment at a glance: progress, its facts and what the viewer may do (submit, edit, withdraw).
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import { CommitmentProgressBar } from '../CommitmentProgress';
import type { Commitment } from './shared';

export function CommitmentOverview({
  commitment,
  unit,
  confirmWithdraw,
  busy,
}: {
  commitment: Commitment;
  /** The unit of its measure, translated. */
  unit: string;
  /** Whether the withdrawal's confirmation is open (then its link is not shown). */
  confirmWithdraw: boolean;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const en = i18n.language === 'en';
  return (
    <section className="panel section-first">
      <CommitmentProgressBar progress={commitment.progress} measure={commitment.measure} />
      <dl className="facts">
        <div>
          <dt>{t('commitment.category')}</dt>
          <dd>{en ? commitment.category.nameEn : commitment.category.name}</dd>
        </div>
        <div>
          <dt>{t('commitment.measure')}</dt>
          <dd>{t(`measure.${commitment.measure}`)}</dd>
        </div>
        <div>
          <dt>{t('commitment.target')}</dt>
          <dd>
            {number.format(commitment.targetAmount)} {unit}
          </dd>
        </div>
        <div>
          <dt>{t('commitment.period')}</dt>
          <dd>
            {t('commitment.periodValue', {
              start: commitment.periodStart,
              end: commitment.periodEnd,
            })}
          </dd>
        </div>
        {commitment.need && (
          <div className="facts-wide">
            <dt>{t('commitment.need')}</dt>
            <dd>{commitment.need.title}</dd>
          </div>
        )}
        {commitment.description && (
          <div className="facts-wide">
            <dt>{t('commitment.description')}</dt>
            <dd className="pre-line">{commitment.description}</dd>
          </div>
        )}
      </dl>
      {commitment.proposedTargetAmount !== null && (
        <p className="muted">
          {t('unit.proposedTarget', {
            amount: number.format(commitment.proposedTargetAmount),
          })}
        </p>
      )}
      <div className="button-row">
        {commitment.viewerCan.submit && (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="submit" />
            <input type="hidden" name="version" value={commitment.version} />
            <button type="submit" className="button" disabled={busy}>
              {t('commitment.submit')}
            </button>
          </Form>
        )}
        {commitment.viewerCan.edit && (
          <Link to="edit" className="button button-quiet">
            {commitment.viewerCan.editDetails ? t('commitment.edit') : t('commitment.changeTarget')}
          </Link>
        )}
        {commitment.viewerCan.withdraw && !confirmWithdraw && (
          <Link
            to="?withdraw=confirm#withdraw-heading"
            className="button button-quiet"
            preventScrollReset
          >
            {t('commitment.withdraw')}
          </Link>
        )}
      </div>
    </section>
  );
}
