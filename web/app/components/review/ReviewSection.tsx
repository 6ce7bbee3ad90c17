// One section of the review queue: its heading with the count, one page of its items (oldest
// first), the notice of the decision just taken where the decided item was, and the links to the
// next page and back to the first (plain links to the section's anchor).
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/format';

export interface SectionPaging {
  /** Back to the first page of this section, when not on it. */
  firstHref: string | null;
  /** The page after this one, when there is one. */
  nextHref: string | null;
}

export function ReviewSection<T extends { id: string }>({
  id,
  title,
  total,
  empty,
  intro,
  items,
  render,
  notice,
  paging,
}: {
  id: string;
  title: string;
  total: number;
  empty: string;
  intro?: string;
  items: T[];
  /** An item, given the ID of the one listed before it. */
  render: (item: T, prev: string | null) => ReactNode;
  /** What was just decided in this section, shown after `after` (or first when not listed). */
  notice: { after: string | null; node: ReactNode } | null;
  paging: SectionPaging;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const noticeAt =
    notice && notice.after && items.some((item) => item.id === notice.after) ? notice.after : null;
  return (
    <section id={id} className="review-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {title}{' '}
        <span className="muted review-count">
          {t('review.count', { count: total, n: number.format(total) })}
        </span>
      </h2>
      {intro && <p className="muted">{intro}</p>}
      {notice && !noticeAt && notice.node}
      {items.length === 0 ? (
        <p className="panel">{empty}</p>
      ) : (
        <ul className="card-list">
          {items.map((item, index) => (
            <li key={item.id}>
              {render(item, items[index - 1]?.id ?? null)}
              {noticeAt === item.id && notice?.node}
            </li>
          ))}
        </ul>
      )}
      {(paging.firstHref || paging.nextHref) && (
        <p className="button-row review-paging">
          {paging.firstHref && (
            <Link className="button button-quiet" to={paging.firstHref}>
              {t('review.first')}
            </Link>
          )}
          {paging.nextHref && (
            <Link className="button" to={paging.nextHref}>
              {t('review.more')}
            </Link>
          )}
        </p>
      )}
    </section>
  );
}
