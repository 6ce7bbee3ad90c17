// How a proposal's score is made, with the weights the API applies.
import { useTranslation } from 'react-i18next';
import type { Weights } from './shared';

export function Legend({ weights }: { weights: Weights }) {
  const { t } = useTranslation();
  return (
    <section className="panel section matching-legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading" className="panel-heading">
        {t('matching.legend.heading')}
      </h2>
      <p>{t('matching.legend.intro')}</p>
      <ul>
        <li>
          {t('matching.legend.skillFit', {
            count: weights.specialtyMatch,
            points: weights.specialtyMatch,
          })}
        </li>
        <li>
          {t('matching.legend.sameGrid', { count: weights.sameGrid, points: weights.sameGrid })}
        </li>
        <li>
          {t('matching.legend.availability', {
            perHour: t('matching.legend.points', {
              count: weights.overlapPerHour,
              n: weights.overlapPerHour,
            }),
            cap: t('matching.legend.hours', {
              count: weights.overlapCapHours,
              n: weights.overlapCapHours,
            }),
            penalty: t('matching.legend.points', {
              count: Math.abs(weights.noOverlapPenalty),
              n: Math.abs(weights.noOverlapPenalty),
            }),
          })}
        </li>
        <li>
          {t('matching.legend.capacity', {
            points: t('matching.legend.points', {
              count: weights.perFreePlace,
              n: weights.perFreePlace,
            }),
            cap: t('matching.legend.places', {
              count: weights.capacityCapPlaces,
              n: weights.capacityCapPlaces,
            }),
          })}
        </li>
      </ul>
    </section>
  );
}
