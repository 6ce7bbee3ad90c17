// A paired volunteer's phone (a tel: link unless the API masked it) and skills, as two facts of a
// <dl>: the same on the social worker's list and on the pairing page.
import { useTranslation } from 'react-i18next';
import type { Skill } from '../../../../schema/generated/graphql';

export function VolunteerContact({
  volunteer,
}: {
  volunteer: { phone: string; phoneMasked: boolean; skills: readonly Skill[] };
}) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <dt>{t('social.phone')}</dt>
        <dd>
          {volunteer.phoneMasked ? (
            volunteer.phone
          ) : (
            <a href={`tel:${volunteer.phone}`}>{volunteer.phone}</a>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('social.skills')}</dt>
        <dd>
          {volunteer.skills.length === 0
            ? t('social.noSkills')
            : volunteer.skills.map((skill) => t(`skill.${skill}`)).join('、')}
        </dd>
      </div>
    </>
  );
}
