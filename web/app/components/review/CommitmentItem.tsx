// A commitment awaiting review (its submission, or a change of its target) with its decision.
import { useTranslation } from 'react-i18next';
import type { ReviewCommitmentFieldsFragment } from '../../../../schema/generated/graphql';
import { DecisionForm, type Place } from './DecisionForm';
import { CategoryName, itemAnchor, useAmount, type ActionResult } from './shared';

export function CommitmentItem({
  kind,
  commitment: c,
  place,
  actionData,
}: {
  kind: 'commitment' | 'target';
  commitment: ReviewCommitmentFieldsFragment;
  place: Place;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const amount = useAmount();
  const request =
    kind === 'target'
      ? [...c.history].reverse().find((e) => e.action === 'REQUEST_TARGET_CHANGE')
      : undefined;
  return (
    <article
      className="shift-card review-item"
      id={itemAnchor(c.id)}
      data-review-kind={kind}
      data-id={c.id}
    >
      <div className="shift-card-head">
        <h3>{c.title}</h3>
      </div>
      <dl className="facts review-facts">
        <div>
          <dt>{t('review.unit')}</dt>
          <dd>{c.unit.name}</dd>
        </div>
        <div>
          <dt>{t('review.category')}</dt>
          <dd>
            <CategoryName category={c.category} />
          </dd>
        </div>
        {kind === 'target' ? (
          <>
            <div>
              <dt>{t('review.currentTarget')}</dt>
              <dd>{amount(c.targetAmount, c.measure)}</dd>
            </div>
            <div>
              <dt>{t('review.proposedTarget')}</dt>
              <dd className="review-proposed">{amount(c.proposedTargetAmount ?? 0, c.measure)}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>{t('review.target')}</dt>
            <dd>{amount(c.targetAmount, c.measure)}</dd>
          </div>
        )}
        <div>
          <dt>{t('review.period')}</dt>
          <dd>{t('review.periodValue', { start: c.periodStart, end: c.periodEnd })}</dd>
        </div>
        <div className="facts-wide">
          <dt>{kind === 'target' ? t('review.requestNote') : t('review.description')}</dt>
          <dd className="pre-line">
            {(kind === 'target' ? request?.note : c.description) || t('review.noNote')}
          </dd>
        </div>
      </dl>
      <DecisionForm
        kind={kind}
        id={c.id}
        version={kind === 'commitment' ? c.version : null}
        place={place}
        actionData={actionData}
      />
    </article>
  );
}
