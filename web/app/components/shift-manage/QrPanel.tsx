// The check-in screen's QR panel: the code volunteers scan, its expiry, a refresh link, the URL.
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/format';
import type { CheckInCode } from './shared';

export function QrPanel({ code, shiftId }: { code: CheckInCode; shiftId: string }) {
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  return (
    <section className="panel qr-panel" aria-labelledby="qr-heading">
      <h2 id="qr-heading" className="panel-heading">
        {t('activities.manage.qrHeading')}
      </h2>
      <p className="muted">{t('activities.manage.qrIntro')}</p>
      <div
        className="qr-code"
        role="img"
        aria-label={t('activities.manage.qrLabel')}
        // The API draws the SVG (the qrcode library) from the signed check-in link.
        dangerouslySetInnerHTML={{ __html: code.qrSvg }}
      />
      <p className="qr-expiry" data-expires-at={code.expiresAt}>
        {t('activities.manage.expires', {
          time: `${dates.day(code.expiresAt)} ${dates.time(code.expiresAt)}`,
        })}
      </p>
      <p className="muted">{t('activities.manage.autoRefresh')}</p>
      <p>
        <a className="button" href={`/shifts/${encodeURIComponent(shiftId)}/manage`}>
          {t('activities.manage.refresh')}
        </a>
      </p>
      <details>
        <summary>{t('activities.manage.link')}</summary>
        <p className="qr-url">
          <a href={code.url}>{code.url}</a>
        </p>
      </details>
    </section>
  );
}
