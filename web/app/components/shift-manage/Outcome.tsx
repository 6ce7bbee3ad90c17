// The check-in screen's notice of the roster action just taken, focused so it is read out.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionResult } from './shared';

export function Outcome({ result }: { result: ActionResult }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), [result]);
  if (!result.ok) return null;
  const name = result.name;
  const text =
    result.intent === 'checkIn'
      ? t('activities.manage.didCheckIn', { name })
      : result.intent === 'checkOut'
        ? t('activities.manage.didCheckOut', { name })
        : result.intent === 'noShow'
          ? t('activities.manage.didNoShow', { name })
          : t('activities.manage.didConfirm', { name });
  return (
    <p className="notice outcome" role="status" tabIndex={-1} ref={ref}>
      {text}
    </p>
  );
}
