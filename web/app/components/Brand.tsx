// The product name as it appears in every header: 共建 Gongjian, and the sub-district it serves.
import { useTranslation } from 'react-i18next';

export function Brand() {
  const { t } = useTranslation();
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">
        共
      </span>
      <span className="brand-text">
        <span className="brand-name">
          <span lang="zh-CN">共建</span> <span lang="en">Gongjian</span>
        </span>
        <span className="brand-district">{t('app.district')}</span>
      </span>
    </span>
  );
}
