// Pieces of the social worker's pages: when the last contact was, whether it is overdue, and how
// many hours of supervision a pairing has had.
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

/** Minutes of supervision as hours to one decimal: 90 → "1.5 小时" / "1.5 hours". */
export function useHoursText(): (minutes: number) => string {
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (minutes) => {
    const hours = Math.round((minutes / 60) * 10) / 10;
    return t('social.hours', { count: hours, hours: number.format(hours) });
  };
}
