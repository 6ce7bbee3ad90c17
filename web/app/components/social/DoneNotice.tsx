// The notice after a supervision was logged or the pairing ended; it takes the focus.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function DoneNotice({ done }: { done: 'logged' | 'ended' }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [done]);
  return (
    <div className="notice outcome" role="status" tabIndex={-1} ref={ref}>
      <p>
        <strong>{done === 'logged' ? t('social.logged') : t('social.ended')}</strong>
      </p>
    </div>
  );
}
