// The dashboard's scope picker: the community (the office only) and the year, as a plain GET form.
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Community } from './shared';
import { yearsShown } from './years';

/** Years offered by the picker: this one and the four before. */

export function ScopePicker({
  communities,
  communityId,
  year,
  currentYear,
}: {
  communities: Community[] | null;
  communityId: string;
  year: number;
  currentYear: number;
}) {
  const { t, i18n } = useTranslation();
  const years = yearsShown(currentYear);
  return (
    <Form method="get" className="dashboard-picker" aria-label={t('dashboard.picker.legend')}>
      {communities && (
        <div className="field">
          <label htmlFor="dashboard-community">{t('dashboard.picker.community')}</label>
          <select id="dashboard-community" name="community" defaultValue={communityId}>
            <option value="">{t('dashboard.picker.all')}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {i18n.language === 'en' ? c.nameEn : c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="dashboard-year">{t('dashboard.picker.year')}</label>
        <select id="dashboard-year" name="year" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t('dashboard.picker.show')}
      </button>
    </Form>
  );
}
