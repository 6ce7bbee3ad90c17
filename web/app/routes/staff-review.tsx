// /staff/review: the staff review queue — commitments submitted for review, target change
// requests, and fulfilment records with their evidence — each with approve / reject (a reason is
// required to reject; the API says so beside the field). Decisions are plain form posts; after
// one the item leaves the queue and a notice says what was decided. The office picks a community
// with ?community= (all communities when empty).
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
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ReviewCommitmentDocument,
  ReviewFulfilmentDocument,
  ReviewPageDocument,
  ReviewTargetChangeDocument,
  type Measure,
  type ReviewCommitmentFieldsFragment,
  type ReviewPageQuery,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { expiredSessionRedirect, getRole, requireToken } from '../auth/session.server';
import { AppHeader } from '../components/AppHeader';
import { GraphQLRequestError, gqlRequest } from '../graphql/client.server';
import { useDateTimeFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { fieldOf, useUserErrorText } from '../i18n/user-error';
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

type Kind = 'commitment' | 'target' | 'fulfilment';
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
type QueueRecord = ReviewPageQuery['fulfilments']['edges'][number]['node'];

/** Errors meaning "someone else got there first": the item changed or was decided meanwhile. */
const STALE = new Set(['CONFLICT', 'INVALID_TRANSITION', 'NOT_FOUND']);
/** The API's name of the reason field for each kind of decision. */
const REASON_FIELDS = new Set(['reason', 'note']);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  const url = new URL(request.url);
  const communityId = url.searchParams.get('community') || null;
  const after = url.searchParams.get('after') || null;
  // The office picks a community; staff review their own (the API scopes every list).
  const withCommunities = (await getRole(request)) !== 'COMMUNITY_STAFF';
  let result: ReviewPageQuery;
  try {
    result = await gqlRequest(request, ReviewPageDocument, { communityId, withCommunities, after });
  } catch (error) {
    // A stale or hand-edited page cursor: start from the first page.
    if (after && error instanceof GraphQLRequestError && error.codes.includes('BAD_USER_INPUT')) {
      url.searchParams.delete('after');
      throw redirect(`${url.pathname}${url.search}`);
    }
    throw error;
  }
  if (!result.viewer) throw await expiredSessionRedirect(request);
  const role = result.viewer.role;
  if (role !== 'COMMUNITY_STAFF' && role !== 'STREET_ADMIN') {
    throw new Response(null, { status: 403, statusText: 'Forbidden' });
  }
  const reviewable = result.commitments.edges
    .map((edge) => edge.node)
    .filter((c) => c.viewerCan.review);
  const done = url.searchParams.get('done') as Done | null;
  return {
    viewer: result.viewer,
    isAdmin: role === 'STREET_ADMIN',
    communityId,
    after,
    communities: (result.communities?.edges ?? []).map((edge) => edge.node),
    submitted: reviewable.filter((c) => c.status === 'SUBMITTED'),
    targetChanges: reviewable.filter(
      (c) => c.status !== 'SUBMITTED' && c.proposedTargetAmount !== null,
    ),
    records: result.fulfilments.edges.map((edge) => edge.node),
    recordCount: result.fulfilments.totalCount,
    nextCursor: result.fulfilments.pageInfo.hasNextPage
      ? result.fulfilments.pageInfo.endCursor
      : null,
    done: done && DONE.includes(done) ? done : null,
    subject: (url.searchParams.get('subject') ?? '').slice(0, 200),
  };
}

interface ActionResult {
  kind: Kind;
  id: string;
  reason: string;
  errors: UserErrorFieldsFragment[];
}

export async function action({ request }: ActionFunctionArgs) {
  await requireToken(request);
  const form = await request.formData();
  const kind = String(form.get('kind') ?? '') as Kind;
  const id = String(form.get('id') ?? '');
  const approve = form.get('decision') === 'approve';
  const reason = String(form.get('reason') ?? '').trim();
  const version = Number(form.get('version'));
  const community = String(form.get('community') ?? '');

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
  const next = new URLSearchParams({ done, subject });
  if (community) next.set('community', community);
  return redirect(`/staff/review?${next}`);
}

export default function ReviewPage() {
  const loaded = useLoaderData<typeof loader>();
  const { viewer, isAdmin, communityId, communities, submitted, targetChanges, records } = loaded;
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
  const keep = (name: string, value: string | null) =>
    value ? `${name}=${encodeURIComponent(value)}` : '';
  const communityQuery = keep('community', communityId);

  return (
    <>
      <AppHeader viewer={viewer} />
      <main id="main" className="page review-page">
        <h1>{t('review.heading')}</h1>
        <p className="lead">{t('review.intro')}</p>

        {loaded.done && !actionData && (
          <div className="notice outcome" role="status" tabIndex={-1} ref={noticeRef}>
            <p>
              <strong>
                {loaded.done === 'commitmentAccepted'
                  ? t('review.done.commitmentAccepted', { subject: loaded.subject })
                  : loaded.done === 'commitmentRejected'
                    ? t('review.done.commitmentRejected', { subject: loaded.subject })
                    : loaded.done === 'targetApproved'
                      ? t('review.done.targetApproved', { subject: loaded.subject })
                      : loaded.done === 'targetDeclined'
                        ? t('review.done.targetDeclined', { subject: loaded.subject })
                        : loaded.done === 'fulfilmentVerified'
                          ? t('review.done.fulfilmentVerified', { subject: loaded.subject })
                          : t('review.done.fulfilmentRejected', { subject: loaded.subject })}
              </strong>
            </p>
          </div>
        )}
        {actionData && !stillThere && (
          <div className="alert outcome" role="alert" tabIndex={-1} ref={noticeRef}>
            <p>
              <strong>{t('review.failed')}</strong>
            </p>
            <p>
              {actionData.errors.some((e) => STALE.has(e.code))
                ? t('review.conflict')
                : t('review.gone')}
            </p>
          </div>
        )}

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
          <a href="#review-commitments">
            {t('review.commitments')}{' '}
            <span className="badge badge-info">{number.format(submitted.length)}</span>
          </a>
          <a href="#review-targets">
            {t('review.targetChanges')}{' '}
            <span className="badge badge-info">{number.format(targetChanges.length)}</span>
          </a>
          <a href="#review-records">
            {t('review.records')}{' '}
            <span className="badge badge-info">{number.format(loaded.recordCount)}</span>
          </a>
        </nav>

        <section
          id="review-commitments"
          className="review-section"
          aria-labelledby="review-commitments-h"
        >
          <h2 id="review-commitments-h">
            {t('review.commitments')}{' '}
            <span className="muted review-count">
              {t('review.count', { count: submitted.length, n: number.format(submitted.length) })}
            </span>
          </h2>
          {submitted.length === 0 ? (
            <p className="panel">{t('review.emptyCommitments')}</p>
          ) : (
            <ul className="card-list">
              {submitted.map((c) => (
                <li key={c.id}>
                  <CommitmentItem
                    kind="commitment"
                    commitment={c}
                    community={communityId}
                    actionData={actionData}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>

        <section id="review-targets" className="review-section" aria-labelledby="review-targets-h">
          <h2 id="review-targets-h">
            {t('review.targetChanges')}{' '}
            <span className="muted review-count">
              {t('review.count', {
                count: targetChanges.length,
                n: number.format(targetChanges.length),
              })}
            </span>
          </h2>
          {targetChanges.length === 0 ? (
            <p className="panel">{t('review.emptyTargetChanges')}</p>
          ) : (
            <ul className="card-list">
              {targetChanges.map((c) => (
                <li key={c.id}>
                  <CommitmentItem
                    kind="target"
                    commitment={c}
                    community={communityId}
                    actionData={actionData}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>

        <section id="review-records" className="review-section" aria-labelledby="review-records-h">
          <h2 id="review-records-h">
            {t('review.records')}{' '}
            <span className="muted review-count">
              {t('review.count', {
                count: loaded.recordCount,
                n: number.format(loaded.recordCount),
              })}
            </span>
          </h2>
          <p className="muted">{t('review.oldestFirst')}</p>
          {records.length === 0 ? (
            <p className="panel">{t('review.emptyRecords')}</p>
          ) : (
            <ul className="card-list">
              {records.map((record) => (
                <li key={record.id}>
                  <RecordItem record={record} community={communityId} actionData={actionData} />
                </li>
              ))}
            </ul>
          )}
          {(loaded.nextCursor || loaded.after) && (
            <p className="button-row">
              {loaded.after && (
                <Link className="button button-quiet" to={`?${communityQuery}#review-records`}>
                  {t('review.first')}
                </Link>
              )}
              {loaded.nextCursor && (
                <Link
                  className="button"
                  to={`?${[communityQuery, keep('after', loaded.nextCursor)]
                    .filter(Boolean)
                    .join('&')}#review-records`}
                >
                  {t('review.more')}
                </Link>
              )}
            </p>
          )}
        </section>
      </main>
    </>
  );
}

function useAmount() {
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (amount: number, measure: Measure) =>
    t('review.amountValue', { amount: number.format(amount), unit: t(`measureUnit.${measure}`) });
}

function CategoryName({ category }: { category: { name: string; nameEn: string } }) {
  const { i18n } = useTranslation();
  return <>{i18n.language === 'en' ? category.nameEn : category.name}</>;
}

function CommitmentItem({
  kind,
  commitment: c,
  community,
  actionData,
}: {
  kind: 'commitment' | 'target';
  commitment: ReviewCommitmentFieldsFragment;
  community: string | null;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const amount = useAmount();
  const request =
    kind === 'target'
      ? [...c.history].reverse().find((e) => e.action === 'REQUEST_TARGET_CHANGE')
      : undefined;
  return (
    <article className="shift-card review-item" data-review-kind={kind} data-id={c.id}>
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
        community={community}
        actionData={actionData}
      />
    </article>
  );
}

function RecordItem({
  record,
  community,
  actionData,
}: {
  record: QueueRecord;
  community: string | null;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const dates = useDateTimeFormat();
  const amount = useAmount();
  const c = record.commitment;
  return (
    <article className="shift-card review-item" data-review-kind="fulfilment" data-id={record.id}>
      <div className="shift-card-head">
        <h3>
          {c.unit.name} · {c.title}
        </h3>
      </div>
      <dl className="facts review-facts">
        <div>
          <dt>{t('review.recordAmount')}</dt>
          <dd className="review-amount">{amount(record.amount, c.measure)}</dd>
        </div>
        <div>
          <dt>{t('review.recordDate')}</dt>
          <dd>{record.date}</dd>
        </div>
        <div>
          <dt>{t('review.category')}</dt>
          <dd>
            <CategoryName category={c.category} />
          </dd>
        </div>
        <div>
          <dt>{t('review.period')}</dt>
          <dd>{t('review.periodValue', { start: c.periodStart, end: c.periodEnd })}</dd>
        </div>
        <div>
          <dt>{t('review.recordedAt')}</dt>
          <dd>
            <time dateTime={record.recordedAt}>
              {dates.day(record.recordedAt)} {dates.time(record.recordedAt)}
            </time>
          </dd>
        </div>
        {record.recordedBy && (
          <div>
            <dt>{t('review.recordedBy')}</dt>
            <dd>{record.recordedBy.displayName}</dd>
          </div>
        )}
        {record.hoursClaim && (
          <div className="facts-wide">
            <dt>{t('review.hoursClaim')}</dt>
            <dd>
              {record.hoursClaim.servedMinutes === null
                ? t('review.hoursConfirmed', {
                    count: record.hoursClaim.confirmedMinutes,
                    confirmed: number.format(record.hoursClaim.confirmedMinutes),
                  })
                : t('review.hoursServedConfirmed', {
                    count: record.hoursClaim.servedMinutes,
                    served: number.format(record.hoursClaim.servedMinutes),
                    confirmed: number.format(record.hoursClaim.confirmedMinutes),
                  })}
              {record.hoursClaim.reason && (
                <>
                  <br />
                  <strong>{t('review.hoursReason')}</strong> {record.hoursClaim.reason}
                </>
              )}
            </dd>
          </div>
        )}
        <div className="facts-wide">
          <dt>{t('review.note')}</dt>
          <dd className="pre-line">{record.note || t('review.noNote')}</dd>
        </div>
      </dl>
      <p className="muted">
        {t('review.progress', {
          verified: number.format(c.progress.verified),
          target: number.format(c.progress.target),
          pending: number.format(c.progress.pending),
          unit: t(`measureUnit.${c.measure}`),
        })}
      </p>
      <div className="review-evidence">
        <p className="muted">{t('review.evidence')}</p>
        {!record.evidence?.length ? (
          <p>{t('review.noEvidence')}</p>
        ) : (
          <ul className="evidence-list">
            {record.evidence.map((file) => {
              const url = `/unit/evidence/${encodeURIComponent(file.id)}`;
              const showable = /^image\/(jpeg|png|webp|gif)$/.test(file.mimeType);
              return (
                <li key={file.id}>
                  <a href={url} target="_blank" rel="noreferrer" className="evidence-link">
                    {showable ? (
                      <img
                        className="evidence-thumb"
                        src={url}
                        alt={t('review.evidenceImage', { name: file.fileName })}
                        loading="lazy"
                        width={120}
                        height={120}
                      />
                    ) : file.mimeType === 'application/pdf' ? (
                      t('review.openPdf', { name: file.fileName })
                    ) : (
                      t('review.openFile', { name: file.fileName })
                    )}
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <DecisionForm
        kind="fulfilment"
        id={record.id}
        version={null}
        community={community}
        actionData={actionData}
      />
    </article>
  );
}

function DecisionForm({
  kind,
  id,
  version,
  community,
  actionData,
}: {
  kind: Kind;
  id: string;
  version: number | null;
  community: string | null;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const navigation = useNavigation();
  const mine = actionData && actionData.kind === kind && actionData.id === id ? actionData : null;
  const reasonErrors = (mine?.errors ?? []).filter((e) => REASON_FIELDS.has(fieldOf(e)));
  const otherErrors = (mine?.errors ?? []).filter((e) => !REASON_FIELDS.has(fieldOf(e)));
  const busy =
    navigation.state !== 'idle' &&
    navigation.formMethod === 'POST' &&
    navigation.formData?.get('id') === id;
  const fieldId = `reason-${id}`;
  const errorId = `${fieldId}-error`;
  return (
    <Form method="post" className="review-decision" noValidate>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      {version !== null && <input type="hidden" name="version" value={version} />}
      {community && <input type="hidden" name="community" value={community} />}
      {otherErrors.length > 0 && (
        <div className="alert" role="alert">
          <p>
            <strong>{t('review.failed')}</strong>
          </p>
          {otherErrors.some((e) => STALE.has(e.code)) && <p>{t('review.conflict')}</p>}
          {otherErrors
            .filter((e) => !STALE.has(e.code))
            .map((e, index) => (
              <p key={index}>{errorText(e)}</p>
            ))}
        </div>
      )}
      <div className="field">
        <label htmlFor={fieldId}>{t('review.reason')}</label>
        <textarea
          id={fieldId}
          name="reason"
          rows={2}
          maxLength={1000}
          defaultValue={mine?.reason ?? ''}
          {...(reasonErrors.length > 0
            ? { 'aria-invalid': true as const, 'aria-describedby': errorId }
            : {})}
        />
        {reasonErrors.length > 0 && (
          <p className="field-error" id={errorId} role="alert">
            {reasonErrors.map(errorText).join(' ')}
          </p>
        )}
      </div>
      <div className="button-row">
        <button
          type="submit"
          name="decision"
          value="approve"
          className="button button-primary"
          disabled={busy}
        >
          {busy && navigation.formData?.get('decision') === 'approve'
            ? t('review.working')
            : kind === 'target'
              ? t('review.approveTarget')
              : kind === 'fulfilment'
                ? t('review.verify')
                : t('review.approve')}
        </button>
        <button
          type="submit"
          name="decision"
          value="reject"
          className="button review-reject"
          disabled={busy}
        >
          {busy && navigation.formData?.get('decision') === 'reject'
            ? t('review.working')
            : kind === 'target'
              ? t('review.declineTarget')
              : t('review.reject')}
        </button>
      </div>
    </Form>
  );
}
