// What a confirmation did, row by row: created, refused (with why) or not done.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserErrorFieldsFragment } from '../../../../schema/generated/graphql';
import { useNumberFormat } from '../../i18n/format';
import { useMatchingErrorText } from './error-text';
import type { ConfirmResult } from './shared';

export function Outcome({
  outcome,
}: {
  outcome: { created: number; results: ConfirmResult[]; general: UserErrorFieldsFragment[] };
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const errorText = useMatchingErrorText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [outcome]);
  const refused = outcome.results.filter((r) => r.status !== 'created').length;
  const failed = refused > 0 || outcome.general.length > 0;
  return (
    <div
      className={failed ? 'alert outcome matching-outcome' : 'notice outcome matching-outcome'}
      role={failed ? 'alert' : 'status'}
      tabIndex={-1}
      ref={ref}
      data-testid="outcome"
      data-created={outcome.created}
      data-refused={refused}
    >
      <p>
        <strong>
          {outcome.created > 0
            ? t('matching.outcome.created', {
                count: outcome.created,
                n: number.format(outcome.created),
              })
            : t('matching.outcome.noneCreated')}
        </strong>
        {refused > 0 && <> {t('matching.outcome.refused', { n: number.format(refused) })}</>}
      </p>
      {outcome.general.map((error, index) => (
        <p key={index}>{errorText(error)}</p>
      ))}
      <div className="table-wrap">
        <table className="data-table outcome-table">
          <caption className="visually-hidden">{t('matching.outcome.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matching.plan.volunteer')}</th>
              <th scope="col">{t('matching.plan.socialWorker')}</th>
              <th scope="col">{t('matching.outcome.result')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.results.map((result) => (
              <tr
                key={result.volunteerId}
                data-volunteer-id={result.volunteerId}
                data-status={result.status}
              >
                <th scope="row">{result.volunteerName}</th>
                <td data-label={t('matching.plan.socialWorker')}>{result.workerName}</td>
                <td data-label={t('matching.outcome.result')}>
                  {result.status === 'created' ? (
                    <span className="badge badge-ok">{t('matching.outcome.ok')}</span>
                  ) : result.status === 'refused' ? (
                    <span className="row-error">{result.errors.map(errorText).join(' ')}</span>
                  ) : (
                    <span className="muted">{t('matching.outcome.notDone')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
