// The pairing's supervision log: the count and total hours, one page of contacts (newest first,
// each with its minutes) and the links to older contacts and back to the newest.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useDayFormat, useNumberFormat } from '../../i18n/format';
import { useHoursText } from '../Supervision';
import type { SupervisionLog } from './shared';

export function SupervisionLogs({
  here,
  logs,
  logTotal,
  supervisionMinutes,
  olderCursor,
  paged,
}: {
  /** The pairing's page, without a cursor. */
  here: string;
  logs: SupervisionLog[];
  logTotal: number;
  supervisionMinutes: number;
  /** The cursor of the next, older page, when there is one. */
  olderCursor: string | null;
  /** Whether this is an older page (not the newest). */
  paged: boolean;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const number = useNumberFormat();
  const hours = useHoursText();
  return (
    <section className="section" aria-labelledby="logs-heading">
      <div className="section-head">
        <h2 id="logs-heading">{t('social.logs')}</h2>
        <span className="result-count">
          {t('social.logsCount', { n: number.format(logTotal) })}
        </span>
      </div>
      <dl className="stats social-stats">
        <div>
          <dt>{t('social.totalHours')}</dt>
          <dd className="stat-value" data-testid="total-hours" data-minutes={supervisionMinutes}>
            {hours(supervisionMinutes)}
          </dd>
        </div>
      </dl>
      {logs.length === 0 ? (
        <p className="panel">{t('social.noLogs')}</p>
      ) : (
        <ol className="history social-logs">
          {logs.map((log) => (
            <li key={log.id} data-log-id={log.id}>
              <p className="history-head">
                <strong>
                  <time dateTime={log.date}>{day(log.date)}</time>
                </strong>
                <span className="badge badge-neutral">
                  {t(`social.supervisionMode.${log.mode}`)}
                </span>
                <span className="social-duration" data-testid="log-duration">
                  {log.durationMinutes == null ? (
                    <span className="muted">{t('social.noDuration')}</span>
                  ) : (
                    t('social.minutes', {
                      count: log.durationMinutes,
                      n: number.format(log.durationMinutes),
                    })
                  )}
                </span>
              </p>
              {log.notes && <p className="history-note pre-line">{log.notes}</p>}
              <p className="muted">{t('social.logBy', { name: log.author.displayName })}</p>
            </li>
          ))}
        </ol>
      )}
      {(olderCursor || paged) && (
        <p className="button-row">
          {paged && (
            <Link className="button button-quiet" to={here}>
              {t('social.newestLogs')}
            </Link>
          )}
          {olderCursor && (
            <Link className="button" to={`${here}?${new URLSearchParams({ after: olderCursor })}`}>
              {t('social.olderLogs')}
            </Link>
          )}
        </p>
      )}
    </section>
  );
}
