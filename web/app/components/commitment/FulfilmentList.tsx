// The commitment's fulfilment records: amount, status, date and source, note, review and evidence.
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import type { Fulfilment } from './shared';

export function FulfilmentList({
  fulfilments,
  unit,
}: {
  fulfilments: Fulfilment[];
  /** The unit of the commitment's measure, translated. */
  unit: string;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (
    <>
      <h2>{t('commitment.records')}</h2>
      {fulfilments.length === 0 ? (
        <p className="panel">{t('commitment.noRecords')}</p>
      ) : (
        <ul className="card-list">
          {fulfilments.map((record) => (
            <li key={record.id}>
              <article
                className="shift-card fulfilment-card"
                data-fulfilment-id={record.id}
                data-status={record.status}
              >
                <div className="shift-card-head">
                  <h3>
                    {number.format(record.amount)} {unit}
                  </h3>
                  <span
                    className={`badge ${
                      record.status === 'VERIFIED'
                        ? 'badge-ok'
                        : record.status === 'REJECTED'
                          ? 'badge-warn'
                          : 'badge-info'
                    }`}
                  >
                    {t(`fulfilmentStatus.${record.status}`)}
                  </span>
                </div>
                <p className="muted">
                  {record.date}
                  {record.source === 'ATTENDANCE' && ` · ${t('commitment.attendance')}`}
                </p>
                {record.note && <p className="pre-line">{record.note}</p>}
                {record.reviewNote && (
                  <p className={record.status === 'REJECTED' ? 'review-note warn' : 'review-note'}>
                    {record.status === 'REJECTED'
                      ? t('commitment.rejectReason', { note: record.reviewNote })
                      : t('commitment.reviewNote', { note: record.reviewNote })}
                  </p>
                )}
                {record.evidence && record.evidence.length > 0 && (
                  <p className="evidence">
                    <span className="muted">{t('commitment.evidence')}</span>
                    {record.evidence.map((file) => (
                      <a
                        key={file.id}
                        className="evidence-link"
                        href={`/unit/evidence/${encodeURIComponent(file.id)}`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {file.fileName}
                      </a>
                    ))}
                  </p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
