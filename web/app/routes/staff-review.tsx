// /staff/review: the staff review queue — commitments submitted for review, target change
// requests, and fulfilment records with their evidence — each with approve / reject (a reason is
// required to reject; the API says so beside the field). A section nav at the top says how many
// wait in each; each list is paged by its own cursor (?cAfter=, ?tAfter=, ?after=). Decisions are
// plain form posts; after one the item leaves the queue and the page comes back where it was (a
// #fragment on the redirect), with a notice of what was decided in the decided item's place and
// the next item after it. The office picks a community with ?community= (all when empty).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import {
  Form,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ReviewCommitmentDocument,
  ReviewFulfilmentDocument,
  ReviewPageDocument,
  ReviewTargetChangeDocument,
  type ReviewPageQuery,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { getRole } from '../auth/session.server';
import { CommitmentItem } from '../components/review/CommitmentItem';
import { RecordItem } from '../components/review/RecordItem';
import { ReviewSection } from '../components/review/ReviewSection';
import {
  itemAnchor,
  KINDS,
  OUTCOME_ANCHOR,
  STALE,
  type ActionResult,
  type Kind,
} from '../components/review/shared';
import {
  gqlRequest,
  GraphQLRequestError,
  signedInRequest,
  type SignedIn,
} from '../graphql/client.server';
import { useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/review.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.review.title) },
];

/**
 * Reload the queue after every decision, refused ones included: a refusal often means someone
 * else decided first, and the list must show that (Remix skips reloading after a 4xx by default).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  defaultShouldRevalidate,
}) => (formMethod?.toUpperCase() === 'POST' ? true : defaultShouldRevalidate);

type Done =
  | 'commitmentAccepted'
  | 'commitmentRejected'
  | 'targetApproved'
  | 'targetDeclined'
  | 'fulfilmentVerified'
  | 'fulfilmentRejected';
const DONE: readonly Done[] = [
  'commitmentAccepted',
  'commitmentRejected',
  'targetApproved',
  'targetDeclined',
  'fulfilmentVerified',
  'fulfilmentRejected',
];

/** Items per page of each list. */
const PAGE_SIZE = 20;

/** Each list's cursor parameter; a page link changes its own and keeps the others. */
const CURSOR: Record<Kind, string> = {
  commitment: 'cAfter',
  target: 'tAfter',
  fulfilment: 'after',
};
const SECTION: Record<Kind, string> = {
  commitment: 'review-commitments',
  target: 'review-targets',
  fulfilment: 'review-records',
};
/** The parameters saying where the page is (kept across decisions and page links). */
const PLACE_PARAMS = ['community', ...Object.values(CURSOR)];

/** The page's own query: the community and the cursors, nothing of the last decision. */
function placeQuery(url: URL, change: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  for (const name of PLACE_PARAMS) {
    const value = name in change ? change[name] : url.searchParams.get(name);
    if (value) params.set(name, value.slice(0, 200));
  }
  const query = params.toString();
  return query ? `?${query}` : '?';
}

const cursorOf = (url: URL, kind: Kind) =>
  (url.searchParams.get(CURSOR[kind]) ?? '').slice(0, 200) || null;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const communityId = url.searchParams.get('community') || null;
  // The office picks a community; staff review their own (the API scopes every list).
  const withCommunities = (await getRole(request)) !== 'COMMUNITY_STAFF';
  let result: SignedIn<ReviewPageQuery>;
  try {
    result = await signedInRequest(request, ReviewPageDocument, {
      communityId,
      withCommunities,
      pageSize: PAGE_SIZE,
      submissionsAfter: cursorOf(url, 'commitment'),
      targetChangesAfter: cursorOf(url, 'target'),
      after: cursorOf(url, 'fulfilment'),
    });
  } catch (error) {
    // A stale or hand-edited page cursor: start every list from its first page.
    const paged = KINDS.some((kind) => cursorOf(url, kind));
    if (paged && error instanceof GraphQLRequestError && error.codes.includes('BAD_USER_INPUT')) {
      for (const kind of KINDS) url.searchParams.delete(CURSOR[kind]);
      throw redirect(`${url.pathname}${url.search}`);
    }
    throw error;
  }
  const role = result.viewer.role;
  if (role !== 'COMMUNITY_STAFF' && role !== 'STREET_ADMIN') {
    throw new Response(null, { status: 403, statusText: 'Forbidden' });
  }
  const paging = (kind: Kind, pageInfo: { hasNextPage: boolean; endCursor?: string | null }) => ({
    firstHref: cursorOf(url, kind)
      ? `${placeQuery(url, { [CURSOR[kind]]: null })}#${SECTION[kind]}`
      : null,
    nextHref:
      pageInfo.hasNextPage && pageInfo.endCursor
        ? `${placeQuery(url, { [CURSOR[kind]]: pageInfo.endCursor })}#${SECTION[kind]}`
        : null,
  });
  const done = url.searchParams.get('done') as Done | null;
  const decidedIn = url.searchParams.get('in') as Kind | null;
  return {
    viewer: result.viewer,
    isAdmin: role === 'STREET_ADMIN',
    communityId,
    query: placeQuery(url),
    communities: (result.communities?.edges ?? []).map((edge) => edge.node),
    submitted: result.submissions.edges.map((edge) => edge.node),
    submittedCount: result.submissions.totalCount,
    submittedPaging: paging('commitment', result.submissions.pageInfo),
    targetChanges: result.targetChanges.edges.map((edge) => edge.node),
    targetChangeCount: result.targetChanges.totalCount,
    targetChangePaging: paging('target', result.targetChanges.pageInfo),
    records: result.fulfilments.edges.map((edge) => edge.node),
    recordCount: result.fulfilments.totalCount,
    recordPaging: paging('fulfilment', result.fulfilments.pageInfo),
    done: done && DONE.includes(done) ? done : null,
    subject: (url.searchParams.get('subject') ?? '').slice(0, 200),
    /** Where the decided item was: its list, and the item before it (none: it was first). */
    decided: decidedIn && KINDS.includes(decidedIn) ? decidedIn : null,
    decidedAfter: (url.searchParams.get('prev') ?? '').slice(0, 200) || null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const form = await request.formData();
  const kind = String(form.get('kind') ?? '') as Kind;
  const id = String(form.get('id') ?? '');
  const approve = form.get('decision') === 'approve';
  const reason = String(form.get('reason') ?? '').trim();
  const version = Number(form.get('version'));
  const prev = String(form.get('prev') ?? '').slice(0, 200);

  let errors: UserErrorFieldsFragment[];
  let subject = '';
  let done: Done;
  if (kind === 'commitment') {
    const { reviewCommitment: payload } = await gqlRequest(request, ReviewCommitmentDocument, {
      input: {
        id,
        ...(Number.isInteger(version) && version > 0 ? { version } : {}),
        decision: approve ? 'ACCEPT' : 'REJECT',
        reason: reason || null,
      },
    });
    errors = payload.errors;
    if (payload.commitment)
      subject = `${payload.commitment.unit.name} · ${payload.commitment.title}`;
    done = approve ? 'commitmentAccepted' : 'commitmentRejected';
  } else if (kind === 'target') {
    const { reviewTargetChange: payload } = await gqlRequest(request, ReviewTargetChangeDocument, {
      input: { id, decision: approve ? 'ACCEPT' : 'REJECT', note: reason || null },
    });
    errors = payload.errors;
    if (payload.commitment)
      subject = `${payload.commitment.unit.name} · ${payload.commitment.title}`;
    done = approve ? 'targetApproved' : 'targetDeclined';
  } else if (kind === 'fulfilment') {
    const { reviewFulfilment: payload } = await gqlRequest(request, ReviewFulfilmentDocument, {
      input: { id, decision: approve ? 'VERIFY' : 'REJECT', reason: reason || null },
    });
    errors = payload.errors;
    const commitment = payload.fulfilment?.commitment;
    if (commitment) subject = `${commitment.unit.name} · ${commitment.title}`;
    done = approve ? 'fulfilmentVerified' : 'fulfilmentRejected';
  } else {
    throw new Response(null, { status: 400, statusText: 'Bad Request' });
  }
  if (errors.length > 0) {
    const result: ActionResult = { kind, id, reason, errors };
    return data(result, { status: 400 });
  }
  // Back to the same page of each list, at the decided item's place: the next item follows.
  const next = new URLSearchParams(placeQuery(url));
  next.set('done', done);
  next.set('subject', subject);
  next.set('in', kind);
  if (prev) next.set('prev', prev);
  return redirect(`/staff/review?${next}#${OUTCOME_ANCHOR}`);
}

export default function ReviewPage() {
  const loaded = useLoaderData<typeof loader>();
  const { isAdmin, communityId, communities, submitted, targetChanges, records } = loaded;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const number = useNumberFormat();
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => noticeRef.current?.focus(), [loaded.done, actionData]);

  const stillThere =
    actionData &&
    (actionData.kind === 'fulfilment'
      ? records.some((r) => r.id === actionData.id)
      : [...submitted, ...targetChanges].some((c) => c.id === actionData.id));

  const doneNotice = loaded.done && !actionData && (
    <div className="notice outcome" id={OUTCOME_ANCHOR} role="status" tabIndex={-1} ref={noticeRef}>
      <p>
        <strong>{t(`review.done.${loaded.done}`, { subject: loaded.subject })}</strong>
      </p>
    </div>
  );
  // The decided item is gone (someone else decided it first): say so where it was — the form
  // posted to its anchor, so the page comes back here.
  const goneAlert = actionData && !stillThere && (
    <div
      className="alert outcome"
      id={itemAnchor(actionData.id)}
      role="alert"
      tabIndex={-1}
      ref={noticeRef}
    >
      <p>
        <strong>{t('review.failed')}</strong>
      </p>
      <p>
        {actionData.errors.some((e) => STALE.has(e.code)) ? t('review.conflict') : t('review.gone')}
      </p>
    </div>
  );
  const noticeIn = (kind: Kind) =>
    goneAlert && actionData.kind === kind
      ? { after: null, node: goneAlert }
      : doneNotice && loaded.decided === kind
        ? { after: loaded.decidedAfter, node: doneNotice }
        : null;
  const place = (prev: string | null) => ({ query: loaded.query, prev });
  const sections = [
    { id: 'review-commitments', title: t('review.commitments'), count: loaded.submittedCount },
    { id: 'review-targets', title: t('review.targetChanges'), count: loaded.targetChangeCount },
    { id: 'review-records', title: t('review.records'), count: loaded.recordCount },
  ];

  return (
    <>
      <main id="main" className="page review-page">
        <h1>{t('review.heading')}</h1>
        <p className="lead">{t('review.intro')}</p>
        {doneNotice && !loaded.decided && doneNotice}

        {isAdmin && (
          <Form method="get" className="panel filters review-picker">
            <div className="field">
              <label htmlFor="community">{t('review.community')}</label>
              <select id="community" name="community" defaultValue={communityId ?? ''}>
                <option value="">{t('review.allCommunities')}</option>
                {communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t('review.show')}
            </button>
          </Form>
        )}

        <nav className="review-tabs" aria-label={t('review.sections')}>
          {sections.map((section) => (
            <a key={section.id} href={`#${section.id}`}>
              {section.title}{' '}
              <span className="badge badge-info">{number.format(section.count)}</span>
            </a>
          ))}
        </nav>

        <ReviewSection
          id="review-commitments"
          title={t('review.commitments')}
          total={loaded.submittedCount}
          empty={t('review.emptyCommitments')}
          intro={t('review.oldestFirst')}
          items={submitted}
          notice={noticeIn('commitment')}
          paging={loaded.submittedPaging}
          render={(c, prev) => (
            <CommitmentItem
              kind="commitment"
              commitment={c}
              place={place(prev)}
              actionData={actionData}
            />
          )}
        />
        <ReviewSection
          id="review-targets"
          title={t('review.targetChanges')}
          total={loaded.targetChangeCount}
          empty={t('review.emptyTargetChanges')}
          intro={t('review.oldestFirst')}
          items={targetChanges}
          notice={noticeIn('target')}
          paging={loaded.targetChangePaging}
          render={(c, prev) => (
            <CommitmentItem
              kind="target"
              commitment={c}
              place={place(prev)}
              actionData={actionData}
            />
          )}
        />
        <ReviewSection
          id="review-records"
          title={t('review.records')}
          total={loaded.recordCount}
          empty={t('review.emptyRecords')}
          intro={t('review.oldestFirst')}
          items={records}
          notice={noticeIn('fulfilment')}
          paging={loaded.recordPaging}
          render={(record, prev) => (
            <RecordItem record={record} place={place(prev)} actionData={actionData} />
          )}
        />
      </main>
    </>
  );
}
