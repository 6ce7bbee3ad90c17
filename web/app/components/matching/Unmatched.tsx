// The volunteers the plan leaves out, each with why.
import { useTranslation } from 'react-i18next';
import type { UserErrorFieldsFragment } from '../../../../schema/generated/graphql';
import { useMatchingErrorText } from './error-text';
import type { Plan } from './shared';

export function Unmatched({
  plan,
  lastErrors,
}: {
  plan: Plan;
  lastErrors: Map<string, UserErrorFieldsFragment[]>;
}) {
  const { t } = useTranslation();
  const errorText = useMatchingErrorText();
  if (plan.unmatched.length === 0) return null;
  return (
    <section className="section" aria-labelledby="unmatched-heading">
      <h2 id="unmatched-heading">{t('matching.unmatched.heading')}</h2>
      <p className="muted">{t('matching.unmatched.intro')}</p>
      <ul className="panel unmatched-list">
        {plan.unmatched.map(({ volunteer, reason }) => {
          const errors = lastErrors.get(volunteer.id);
          return (
            <li key={volunteer.id} data-volunteer-id={volunteer.id} data-reason={reason}>
              <strong>{volunteer.realName}</strong>
              <span className="muted">
                {' '}
                {volunteer.skills.length > 0
                  ? t('matching.plan.skills', {
                      skills: volunteer.skills
                        .map((s) => t(`skill.${s}`))
                        .join(t('matching.listSeparator')),
                    })
                  : t('matching.plan.noSkills')}
              </span>
              <p className="unmatched-reason">
                <span className="visually-hidden">{t('matching.unmatched.reason')}: </span>
                {t(`matching.unmatchedReason.${reason}`)}
              </p>
              {errors && (
                <p className="field-error">
                  {t('matching.plan.lastTry', { reason: errors.map(errorText).join(' ') })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
