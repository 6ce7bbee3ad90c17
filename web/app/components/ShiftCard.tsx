// One shift as a card: activity, community, time (Asia/Shanghai), place, places left and waitlist;
// the action (sign up, cancel…) is passed in as children.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftCardFragment } from '../../../schema/generated/graphql';
import { useDateTimeFormat, useNumberFormat } from '../i18n/format';

export function ShiftCard({
  shift,
  status,
  children,
}: {
  shift: ShiftCardFragment;
  /** A badge for the viewer's own place (signed up, waitlisted…). */
  status?: ReactNode;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const dates = useDateTimeFormat();
  const community =
    i18n.language === 'en' ? shift.activity.community.nameEn : shift.activity.community.name;
  const skills = shift.activity.requiredSkills.map((skill) => t(`skill.${skill}`));
  const titleId = `shift-${shift.id}-title`;
  return (
    <article className="shift-card" aria-labelledby={titleId} data-shift-id={shift.id}>
      <header className="shift-card-head">
        <h3 id={titleId}>{shift.activity.title}</h3>
        {status}
      </header>
      <p className="shift-community muted">{community}</p>
      <dl className="shift-facts">
        <div>
          <dt>{t('shifts.when')}</dt>
          <dd>
            <time dateTime={shift.startsAt}>{dates.range(shift.startsAt, shift.endsAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('shifts.where')}</dt>
          <dd>{shift.activity.location}</dd>
        </div>
        <div>
          <dt>{t('shifts.places')}</dt>
          <dd className="shift-places">
            {shift.spotsRemaining > 0 ? (
              <span className="spots-left" data-spots={shift.spotsRemaining}>
                {t('shifts.placesLeft', {
                  count: shift.spotsRemaining,
                  n: number.format(shift.spotsRemaining),
                })}
              </span>
            ) : (
              <span className="badge badge-warn" data-spots={0}>
                {t('shifts.full')}
              </span>
            )}
            <span className="muted">
              {' '}
              · {t('shifts.capacity', { n: number.format(shift.capacity) })}
            </span>
            {shift.waitlistCount > 0 && (
              <span className="muted">
                {' '}
                · {t('shifts.waitlist', { n: number.format(shift.waitlistCount) })}
              </span>
            )}
          </dd>
        </div>
      </dl>
      {skills.length > 0 && (
        <p className="shift-skills muted">
          {t('shifts.requires', { skills: skills.join(i18n.language === 'en' ? ', ' : '、') })}
        </p>
      )}
      {children && <div className="shift-actions">{children}</div>}
    </article>
  );
}

/** The viewer's own place on a shift, as a badge. */
export function SignupBadge({
  signup,
}: {
  signup: { status: string; waitlistPosition?: number | null } | null | undefined;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  if (!signup) return null;
  if (signup.status === 'WAITLISTED') {
    return (
      <span className="badge badge-warn">
        {t('shifts.waitlisted', { n: number.format(signup.waitlistPosition ?? 0) })}
      </span>
    );
  }
  if (signup.status === 'CONFIRMED') {
    return <span className="badge badge-ok">{t('shifts.signedUp')}</span>;
  }
  if (signup.status === 'EXPIRED') {
    return <span className="badge">{t('shifts.waitlistClosed')}</span>;
  }
  return <span className="badge">{t('shifts.cancelled')}</span>;
}
