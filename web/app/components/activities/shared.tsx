// Pieces shared by the activities pages: error texts for organisers, places filled, organiser.
import { useTranslation } from 'react-i18next';
import type { UserError } from '../../../../schema/generated/graphql';
import { activitiesZh } from '../../i18n/features/activities';
import { useNumberFormat } from '../../i18n/format';
import { useUserErrorText } from '../../i18n/user-error';

type OrganiserCode = keyof typeof activitiesZh.errorCode;

const isOrganiserCode = (code: string): code is OrganiserCode =>
  Object.hasOwn(activitiesZh.errorCode, code);

/** API errors as an organiser reads them; the shared texts otherwise. */
export function useActivityErrorText(): (error: Pick<UserError, 'code' | 'message'>) => string {
  const { t } = useTranslation();
  const shared = useUserErrorText();
  return (error) =>
    isOrganiserCode(error.code) ? t(`activities.errorCode.${error.code}`) : shared(error);
}

export interface SlotCounts {
  status: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
}

/** "3/10 signed up", full, waiting, or cancelled. */
export function FilledBadge({ shift }: { shift: SlotCounts }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  if (shift.status === 'CANCELLED')
    return <span className="badge badge-neutral">{t('activities.shiftCancelled')}</span>;
  const full = shift.confirmedCount >= shift.capacity;
  return (
    <span className="filled" data-filled={shift.confirmedCount} data-capacity={shift.capacity}>
      <span className={full ? 'badge badge-warn' : 'badge badge-info'}>
        {t('activities.filled', {
          filled: number.format(shift.confirmedCount),
          capacity: number.format(shift.capacity),
        })}
      </span>
      {shift.waitlistCount > 0 && (
        <span className="badge badge-neutral">
          {t('activities.waitlist', { n: number.format(shift.waitlistCount) })}
        </span>
      )}
    </span>
  );
}

/** Community, social worker or unit (with the unit's name). */
export function OrganiserBadge({
  kind,
  unitName,
}: {
  kind: 'COMMUNITY' | 'SOCIAL_WORKER' | 'UNIT';
  unitName?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <span className="badge badge-neutral">
      {t(`activities.organiser.${kind}`)}
      {kind === 'UNIT' && unitName ? ` · ${unitName}` : ''}
    </span>
  );
}
