// What the review page's parts share: the kinds of decision, a refused decision as the action
// returns it, and how amounts and categories are shown.
import { useTranslation } from 'react-i18next';
import type {
  Measure,
  ReviewPageQuery,
  UserErrorFieldsFragment,
} from '../../../../schema/generated/graphql';
import { useNumberFormat } from '../../i18n/format';

export type Kind = 'commitment' | 'target' | 'fulfilment';
export const KINDS: readonly Kind[] = ['commitment', 'target', 'fulfilment'];

export type QueueRecord = ReviewPageQuery['fulfilments']['edges'][number]['node'];

/** A refused decision: which item, the reason typed, and the API's errors. */
export interface ActionResult {
  kind: Kind;
  id: string;
  reason: string;
  errors: UserErrorFieldsFragment[];
}

/** Errors meaning "someone else got there first": the item changed or was decided meanwhile. */
export const STALE = new Set(['CONFLICT', 'INVALID_TRANSITION', 'NOT_FOUND']);
/** The API's name of the reason field for each kind of decision. */
export const REASON_FIELDS = new Set(['reason', 'note']);

/** The anchor of an item of the queue: a decision's form posts back to it. */
export const itemAnchor = (id: string) => `review-item-${id}`;
/** The anchor of the notice saying what was just decided (shown where the item was). */
export const OUTCOME_ANCHOR = 'review-outcome';

export function useAmount() {
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (amount: number, measure: Measure) =>
    t('review.amountValue', { amount: number.format(amount), unit: t(`measureUnit.${measure}`) });
}

export function CategoryName({ category }: { category: { name: string; nameEn: string } }) {
  const { i18n } = useTranslation();
  return <>{i18n.language === 'en' ? category.nameEn : category.name}</>;
}
