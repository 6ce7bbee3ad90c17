// The score that proposed the pair, part by part (skills, grid, availability, capacity).
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';
import type { Pairing } from './shared';

export function ScorePanel({ components }: { components: Pairing['components'] }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (
    <section className="panel" aria-labelledby="score-heading">
      <h2 id="score-heading" className="panel-heading">
        {t('social.score')}
      </h2>
      {!components ? (
        <p className="muted">{t('social.noScore')}</p>
      ) : (
        <dl className="facts social-score">
          <div>
            <dt>{t('social.scoreTotal')}</dt>
            <dd>
              <strong>
                {t('social.points', {
                  count: components.total,
                  n: number.format(components.total),
                })}
              </strong>
            </dd>
          </div>
          <div>
            <dt>{t('social.scoreSkillFit')}</dt>
            <dd>
              {t('social.points', {
                count: components.skillFit,
                n: number.format(components.skillFit),
              })}
              {components.matchedSpecialties.length > 0 && (
                <span className="muted">
                  {' '}
                  · {t('social.scoreMatched')}:{' '}
                  {components.matchedSpecialties
                    .map((specialty) => t(`specialty.${specialty}`))
                    .join('、')}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('social.scoreSameGrid')}</dt>
            <dd>
              {t('social.points', {
                count: components.sameGrid,
                n: number.format(components.sameGrid),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('social.scoreAvailability')}</dt>
            <dd>
              {t('social.points', {
                count: components.availability,
                n: number.format(components.availability),
              })}
              <span className="muted">
                {' '}
                ·{' '}
                {t('social.scoreOverlap', {
                  count: components.overlapHoursPerWeek,
                  hours: number.format(components.overlapHoursPerWeek),
                })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('social.scoreCapacity')}</dt>
            <dd>
              {t('social.points', {
                count: components.capacity,
                n: number.format(components.capacity),
              })}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
