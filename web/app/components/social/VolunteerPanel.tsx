// The pairing's facts: the volunteer (name, phone, skills, grid), its social worker, status, start,
// last contact and when the next is due (or, once ended, when and why it ended).
import { useTranslation } from 'react-i18next';
import { shanghaiDay, useDayFormat } from '../../i18n/format';
import { DaysSince } from '../Supervision';
import type { Pairing } from './shared';
import { VolunteerContact } from './VolunteerContact';

export function VolunteerPanel({
  pairing,
  startDay,
}: {
  pairing: Pairing;
  /** The day the pairing was confirmed (Shanghai time). */
  startDay: string;
}) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const { volunteer } = pairing;
  const active = pairing.status === 'ACTIVE';
  return (
    <section className="panel" aria-labelledby="volunteer-heading">
      <h2 id="volunteer-heading" className="panel-heading">
        {t('social.volunteer')}
      </h2>
      <dl className="facts social-pairing-facts">
        <div>
          <dt>{t('social.name')}</dt>
          <dd>{volunteer.realName}</dd>
        </div>
        <VolunteerContact volunteer={volunteer} />
        <div>
          <dt>{t('social.grid')}</dt>
          <dd>{volunteer.grid?.name ?? t('social.noGrid')}</dd>
        </div>
        <div>
          <dt>{t('social.socialWorker')}</dt>
          <dd>{pairing.socialWorker.user.displayName}</dd>
        </div>
        <div>
          <dt>{t('social.status')}</dt>
          <dd>{t(`social.pairingStatus.${pairing.status}`)}</dd>
        </div>
        <div>
          <dt>{t('social.confirmedAt')}</dt>
          <dd>
            <time dateTime={startDay}>{day(startDay)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('social.lastContact')}</dt>
          <dd data-testid="last-contact" data-date={pairing.lastContactDate}>
            <time dateTime={pairing.lastContactDate}>{day(pairing.lastContactDate)}</time>{' '}
            <span className="muted">
              (<DaysSince days={pairing.daysSinceContact} />)
            </span>
          </dd>
        </div>
        {active ? (
          <div>
            <dt>{t('social.due')}</dt>
            <dd>
              <time dateTime={pairing.nextContactDue}>{day(pairing.nextContactDue)}</time>
            </dd>
          </div>
        ) : (
          <>
            {(pairing.endDate || pairing.endedAt) && (
              <div>
                <dt>{t('social.endedAt')}</dt>
                <dd data-testid="end-date">
                  <EndDay endDate={pairing.endDate} endedAt={pairing.endedAt} />
                </dd>
              </div>
            )}
            {pairing.endReason && (
              <div className="facts-wide">
                <dt>{t('social.endReasonLabel')}</dt>
                <dd className="pre-line">{pairing.endReason}</dd>
              </div>
            )}
          </>
        )}
      </dl>
    </section>
  );
}

/** The day it ended: the one given when it was ended, else (ended before days were given) when. */
function EndDay({ endDate, endedAt }: { endDate: string | null; endedAt: string | null }) {
  const day = useDayFormat();
  const date = endDate ?? (endedAt ? shanghaiDay(new Date(endedAt)) : '');
  return <time dateTime={date}>{day(date)}</time>;
}
