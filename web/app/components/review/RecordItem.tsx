// A fulfilment record awaiting verification, with its evidence and its decision.
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat, useNumberFormat } from '../../i18n/format';
import { DecisionForm, type Place } from './DecisionForm';
import { CategoryName, itemAnchor, useAmount, type ActionResult, type QueueRecord } from './shared';

export function RecordItem({
  record,
  place,
  actionData,
}: {
  record: QueueRecord;
  place: Place;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const dates = useDateTimeFormat();
  const amount = useAmount();
  const c = record.commitment;
  return (
    <article
      className="shift-card review-item"
      id={itemAnchor(record.id)}
      data-review-kind="fulfilment"
      data-id={record.id}
    >
      <div className="shift-card-head">
        <h3>
          {c.unit.name} · {c.title}
        </h3>
      </div>
      <dl className="facts review-facts">
        <div>
          <dt>{t('review.recordAmount')}</dt>
          <dd className="review-amount">{amount(record.amount, c.measure)}</dd>
        </div>
        <div>
          <dt>{t('review.recordDate')}</dt>
          <dd>{record.date}</dd>
        </div>
        <div>
          <dt>{t('review.category')}</dt>
          <dd>
            <CategoryName category={c.category} />
          </dd>
        </div>
        <div>
          <dt>{t('review.period')}</dt>
          <dd>{t('review.periodValue', { start: c.periodStart, end: c.periodEnd })}</dd>
        </div>
        <div>
          <dt>{t('review.recordedAt')}</dt>
          <dd>
            <time dateTime={record.recordedAt}>
              {dates.day(record.recordedAt)} {dates.time(record.recordedAt)}
            </time>
          </dd>
        </div>
        {record.recordedBy && (
          <div>
            <dt>{t('review.recordedBy')}</dt>
            <dd>{record.recordedBy.displayName}</dd>
          </div>
        )}
        {record.hoursClaim && (
          <div className="facts-wide">
            <dt>{t('review.hoursClaim')}</dt>
            <dd>
              {record.hoursClaim.servedMinutes === null
                ? t('review.hoursConfirmed', {
                    count: record.hoursClaim.confirmedMinutes,
                    confirmed: number.format(record.hoursClaim.confirmedMinutes),
                  })
                : t('review.hoursServedConfirmed', {
                    count: record.hoursClaim.servedMinutes,
                    served: number.format(record.hoursClaim.servedMinutes),
                    confirmed: number.format(record.hoursClaim.confirmedMinutes),
                  })}
              {record.hoursClaim.reason && (
                <>
                  <br />
                  <strong>{t('review.hoursReason')}</strong> {record.hoursClaim.reason}
                </>
              )}
            </dd>
          </div>
        )}
        <div className="facts-wide">
          <dt>{t('review.note')}</dt>
          <dd className="pre-line">{record.note || t('review.noNote')}</dd>
        </div>
      </dl>
      <p className="muted">
        {t('review.progress', {
          verified: number.format(c.progress.verified),
          target: number.format(c.progress.target),
          pending: number.format(c.progress.pending),
          unit: t(`measureUnit.${c.measure}`),
        })}
      </p>
      <div className="review-evidence">
        <p className="muted">{t('review.evidence')}</p>
        {!record.evidence?.length ? (
          <p>{t('review.noEvidence')}</p>
        ) : (
          <ul className="evidence-list">
            {record.evidence.map((file) => {
              const url = `/unit/evidence/${encodeURIComponent(file.id)}`;
              const showable = /^image\/(jpeg|png|webp|gif)$/.test(file.mimeType);
              return (
                <li key={file.id}>
                  <a href={url} target="_blank" rel="noreferrer" className="evidence-link">
                    {showable ? (
                      <img
                        className="evidence-thumb"
                        src={url}
                        alt={t('review.evidenceImage', { name: file.fileName })}
                        loading="lazy"
                        width={120}
                        height={120}
                      />
                    ) : file.mimeType === 'application/pdf' ? (
                      t('review.openPdf', { name: file.fileName })
                    ) : (
                      t('review.openFile', { name: file.fileName })
                    )}
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {record.viewerCanReview ? (
        <DecisionForm
          kind="fulfilment"
          id={record.id}
          version={null}
          place={place}
          actionData={actionData}
        />
      ) : (
        // The API's four-eyes rule: the author of a record does not verify it.
        <p className="muted own-record">{t('errorCode.OWN_RECORD')}</p>
      )}
    </article>
  );
}
