// Pieces of the unit liaison pages: a commitment's status badge and its progress bar (verified
// against the target, with a marker at the share of the period already elapsed).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CommitmentProgressFieldsFragment,
  CommitmentStatus,
  Measure,
} from '../../../schema/generated/graphql';
import { useNumberFormat } from '../i18n/format';

export function usePercentFormat(): Intl.NumberFormat {
  const { i18n } = useTranslation();
  return useMemo(
    () => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }),
    [i18n.language],
  );
}

const statusTone: Record<CommitmentStatus, string> = {
  DRAFT: 'badge-neutral',
  SUBMITTED: 'badge-info',
  ACTIVE: 'badge-ok',
  COMPLETED: 'badge-ok',
  LAPSED: 'badge-warn',
  REJECTED: 'badge-warn',
  WITHDRAWN: 'badge-neutral',
};

export function CommitmentStatusBadge({ status }: { status: CommitmentStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${statusTone[status]}`} data-status={status}>
      {t(`commitmentStatus.${status}`)}
    </span>
  );
}

export function CommitmentProgressBar({
  progress,
  measure,
}: {
  progress: CommitmentProgressFieldsFragment;
  measure: Measure;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const percent = usePercentFormat();
  const filled = Math.min(1, Math.max(0, progress.ratio));
  const expected = Math.min(1, Math.max(0, progress.expectedRatio));
  const unit = t(`measureUnit.${measure}`);
  return (
    <div className="progress" data-verified={progress.verified}>
      <p className="progress-text">
        {t('unit.progress', {
          verified: number.format(progress.verified),
          target: number.format(progress.target),
          unit,
          percent: percent.format(progress.ratio),
        })}
      </p>
      <div className={progress.behind ? 'progress-track progress-behind' : 'progress-track'}>
        <div className="progress-fill" style={{ width: `${filled * 100}%` }} />
        <div
          className="progress-marker"
          style={{ left: `${expected * 100}%` }}
          title={t('unit.expected', { percent: percent.format(expected) })}
        />
      </div>
      <p className="progress-meta muted">
        <span>{t('unit.expected', { percent: percent.format(expected) })}</span>
        {progress.pending > 0 && (
          <span className="progress-pending">
            {t('unit.pending', { amount: number.format(progress.pending), unit })}
          </span>
        )}
      </p>
    </div>
  );
}
