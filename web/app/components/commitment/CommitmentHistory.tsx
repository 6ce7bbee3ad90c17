// The commitment's history, newest first: what was done, by whom (or the system) and when.
import { useTranslation } from 'react-i18next';
import { useTimestampFormat } from '../../i18n/format';
import type { Commitment } from './shared';

export function CommitmentHistory({ history }: { history: Commitment['history'] }) {
  const { t } = useTranslation();
  const dateTime = useTimestampFormat();
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
