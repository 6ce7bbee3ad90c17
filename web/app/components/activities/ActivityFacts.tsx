// The activity page's facts: place, creator, skills, category, commitment and description.
import { useTranslation } from 'react-i18next';
import type { ActivityNode } from './detail';

export function ActivityFacts({ activity }: { activity: ActivityNode }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const skills = activity.requiredSkills.map((skill) => t(`skill.${skill}`));
  return (
    <section className="panel">
      <dl className="facts">
        <div>
          <dt>{t('activities.detail.location')}</dt>
          <dd>{activity.location}</dd>
        </div>
        <div>
          <dt>{t('activities.detail.createdBy')}</dt>
          <dd>
            {activity.createdBy.displayName} ·{' '}
            {en ? activity.community.nameEn : activity.community.name}
          </dd>
        </div>
        <div>
          <dt>{t('activities.detail.skills')}</dt>
          <dd>{skills.length ? skills.join(en ? ', ' : '、') : t('activities.detail.noSkills')}</dd>
        </div>
        {activity.category && (
          <div>
            <dt>{t('activities.detail.category')}</dt>
            <dd>{en ? activity.category.nameEn : activity.category.name}</dd>
          </div>
        )}
        {activity.commitment && (
          <div className="facts-wide">
            <dt>{t('activities.detail.commitment')}</dt>
            <dd>
              {t('activities.new.commitmentOption', {
                unit: activity.commitment.unit.name,
                title: activity.commitment.title,
              })}
            </dd>
          </div>
        )}
      </dl>
      {activity.description && (
        <>
          <h2 className="panel-heading">{t('activities.detail.description')}</h2>
          <p className="pre-line">{activity.description}</p>
        </>
      )}
    </section>
  );
}
