// Pieces of the social worker's pages: when the last contact was, and whether it is overdue.
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../i18n/format';

/** Colour and text: overdue, or on time. */
export function OverdueBadge({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? (
    <span className="badge badge-warn social-overdue" data-testid="overdue-badge">
      <span aria-hidden="true">⚠ </span>
      {t('social.overdue')}
    </span>
  ) : (
    <span className="badge badge-ok">{t('social.onTime')}</span>
  );
}

export function DaysSince({ days }: { days: number }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  if (days <= 0) return <>{t('social.today')}</>;
  if (days === 1) return <>{t('social.yesterday')}</>;
  return <>{t('social.daysAgo', { count: days, n: number.format(days) })}</>;
}
