// The commitment's history, newest first: what was done, by whom (or the system) and when.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZone } from '../../i18n/format';
import type { Commitment } from './shared';

function useDateTime() {
  const { i18n } = useTranslation();
  return useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language, {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    [i18n.language],
  );
}

export function CommitmentHistory({ history }: { history: Commitment['history'] }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <>
      <h2>{t('commitment.history')}</h2>
      {history.length === 0 ? (
        <p className="panel">{t('commitment.noHistory')}</p>
      ) : (
        <ol className="history panel">
          {[...history].reverse().map((event) => (
            <li key={event.id}>
              <p className="history-head">
                <strong>{t(`commitmentAction.${event.action}`)}</strong>
                <span className="muted">
                  {event.actor?.displayName ?? t('commitment.system')} ·{' '}
                  <time dateTime={event.at}>{dateTime.format(new Date(event.at))}</time>
                </span>
              </p>
              {event.note && <p className="history-note pre-line">{event.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
