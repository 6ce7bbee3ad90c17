// /staff/matching: community staff (the office: any community, ?community=) see how many
// volunteers are paired and each social worker's load, run the optimal pairing plan (GET ?run=1,
// which saves nothing), and confirm the proposals they tick — a plain form post. Refused
// proposals (a caseload filled meanwhile, a volunteer paired by someone else) come back one by one.
import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ConfirmPairingsDocument,
  MatchingPageDocument,
  type MatchingPageQuery,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { expiredSessionRedirect, getRole, requireToken } from '../auth/session.server';
import { AppHeader } from '../components/AppHeader';
import { gqlRequest } from '../graphql/client.server';
import { useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { useUserErrorText } from '../i18n/user-error';
import { matchingZh } from '../i18n/features/matching';
import href from '../styles/matching.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.matching.title) },
];

/**
 * After a confirmation the coverage, the load and the plan changed — even when some proposals
 * were refused (a 409, after which Remix would not reload by default). Nothing changed when no
 * proposal was ticked, so the plan on screen stays as it is.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionResult,
  defaultShouldRevalidate,
}) => {
  if (actionResult && typeof actionResult === 'object' && 'nothingSelected' in actionResult) {
    return actionResult.nothingSelected !== true;
  }
  return defaultShouldRevalidate;
};

type Plan = NonNullable<MatchingPageQuery['pairingSuggestions']>;
type Proposal = Plan['proposals'][number];
type Worker = NonNullable<MatchingPageQuery['socialWorkers']>['edges'][number]['node'];

/** A proposal as the form posts it: "<socialWorkerId>.<volunteerId>" (global IDs are base64url). */
const rowKey = (socialWorkerId: string, volunteerId: string) => `${socialWorkerId}.${volunteerId}`;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  const url = new URL(request.url);
  const admin = (await getRole(request)) === 'STREET_ADMIN';
  const picked = admin ? url.searchParams.get('community') || null : null;
  const chosen = !admin || picked !== null;
  const run = chosen && url.searchParams.get('run') === '1';
  const page = await gqlRequest(request, MatchingPageDocument, {
    communityId: picked,
    admin,
    chosen,
    run,
  });
  if (!page.viewer) throw await expiredSessionRedirect(request);
  const viewer = page.viewer;
  if (viewer.role !== 'STREET_ADMIN' && viewer.role !== 'COMMUNITY_STAFF') {
    throw new Response(null, { status: 403, statusText: 'Forbidden' });
  }
  const communities = page.communities?.edges.map((edge) => edge.node) ?? [];
  const community = admin
    ? (communities.find((c) => c.id === picked) ?? null)
    : (viewer.community ?? null);
  const header = { id: viewer.id, displayName: viewer.displayName, role: viewer.role };
  if (!community || !page.pairingCoverage || !page.socialWorkers) {
    return { viewer: header, admin, communities, community: null, run: false, page: null };
  }
  return {
    viewer: header,
    admin,
    communities,
    community,
    run,
    page: {
      coverage: page.pairingCoverage,
      /** The score's weights, as the API applies them; the legend explains them. */
      weights: page.pairingWeights,
      workers: page.socialWorkers.edges.map((edge) => edge.node),
      plan: page.pairingSuggestions ?? null,
      /** Distinguishes one computed plan from the next, so the ticks reset with each. */
      computedAt: Date.now(),
    },
  };
}

type RowStatus = 'created' | 'refused' | 'notDone';

export interface ConfirmResult {
  volunteerId: string;
  socialWorkerId: string;
  volunteerName: string;
  workerName: string;
  status: RowStatus;
  errors: UserErrorFieldsFragment[];
}

export async function action({ request }: ActionFunctionArgs) {
  await requireToken(request);
  const form = await request.formData();
  const communityId = String(form.get('communityId') ?? '');
  const all = form
    .getAll('proposal')
    .map(String)
    .filter((key) => /^[\w-]+\.[\w-]+$/.test(key));
  const picked = new Set(form.getAll('pick').map(String));
  const chosen = form.get('intent') === 'all' ? all : all.filter((key) => picked.has(key));
  if (chosen.length === 0) {
    return data({ nothingSelected: true as const, picked: [] as string[] }, { status: 400 });
  }
  const rows = chosen.map((key) => {
    const [socialWorkerId = '', volunteerId = ''] = key.split('.');
    return { socialWorkerId, volunteerId };
  });
  const { confirmPairings: payload } = await gqlRequest(request, ConfirmPairingsDocument, {
    input: { communityId, proposals: rows },
  });
  const made = new Set(payload.pairings.map((pairing) => pairing.volunteer.id));
  const general: UserErrorFieldsFragment[] = [];
  const byRow = new Map<number, UserErrorFieldsFragment[]>();
  for (const error of payload.errors) {
    // ["input", "proposals", "<index>"(, "<field>")]: that proposal; anything else: the whole post.
    const index = error.field?.[1] === 'proposals' ? Number(error.field[2]) : NaN;
    if (Number.isInteger(index) && index >= 0 && index < rows.length) {
      byRow.set(index, [...(byRow.get(index) ?? []), error]);
    } else general.push(error);
  }
  const results: ConfirmResult[] = rows.map((row, index) => {
    const errors = byRow.get(index) ?? [];
    return {
      ...row,
      volunteerName: String(form.get(`v:${row.volunteerId}`) ?? ''),
      workerName: String(form.get(`w:${row.socialWorkerId}`) ?? ''),
      status: made.has(row.volunteerId) ? 'created' : errors.length > 0 ? 'refused' : 'notDone',
      errors,
    };
  });
  return data(
    { nothingSelected: false as const, created: payload.pairings.length, results, general },
    { status: payload.errors.length > 0 ? 409 : 200 },
  );
}

type ErrorCode = keyof typeof matchingZh.error;
const isMatchingCode = (code: string): code is ErrorCode => Object.hasOwn(matchingZh.error, code);

/** A confirmation error in words: this page's wording when it has one, else the common one. */
function useMatchingErrorText() {
  const { t } = useTranslation();
  const common = useUserErrorText();
  return (error: Pick<UserErrorFieldsFragment, 'code' | 'message'>) =>
    isMatchingCode(error.code) ? t(`matching.error.${error.code}`) : common(error);
}

export default function StaffMatchingPage() {
  const { viewer, admin, communities, community, run, page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const communityName = community ? (en ? community.nameEn : community.name) : '';
  const navigation = useNavigation();
  // Remix hands the action's result over before the page's data is reloaded: show the outcome
  // with the coverage, load and plan it changed, not beside the old ones.
  const outcome =
    navigation.state === 'idle' && actionData && !actionData.nothingSelected ? actionData : null;
  const lastErrors = new Map(
    (outcome?.results ?? [])
      .filter((result) => result.status === 'refused')
      .map((result) => [result.volunteerId, result.errors]),
  );

  return (
    <>
      <AppHeader viewer={viewer} />
      <main id="main" className="page matching-page">
        <h1>
          {t('matching.heading')}
          {communityName && <span className="matching-community"> · {communityName}</span>}
        </h1>
        <p className="lead">{t('matching.intro')}</p>

        {admin && (
          <Form method="get" className="panel matching-picker">
            <div className="field">
              <label htmlFor="matching-community">{t('matching.community')}</label>
              <select
                id="matching-community"
                name="community"
                defaultValue={community?.id ?? ''}
                required
              >
                <option value="" disabled>
                  {t('matching.chooseCommunity')}
                </option>
                {communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {en ? c.nameEn : c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-quiet">
              {t('matching.showCommunity')}
            </button>
          </Form>
        )}

        {!community || !page ? (
          <p className="panel">{t('matching.pickCommunity')}</p>
        ) : (
          <>
            {outcome && <Outcome outcome={outcome} />}
            <div className="matching-overview">
              <Coverage coverage={page.coverage} />
              <WorkerLoad workers={page.workers} />
            </div>

            <Form method="get" className="matching-run">
              {admin && <input type="hidden" name="community" value={community.id} />}
              <input type="hidden" name="run" value="1" />
              <button type="submit" className="button">
                {run ? t('matching.rerun') : t('matching.run')}
              </button>
              <p className="muted">{t('matching.runHint')}</p>
            </Form>

            {page.plan && (
              <>
                <PlanForm
                  key={page.computedAt}
                  plan={page.plan}
                  communityId={community.id}
                  action={`?${new URLSearchParams({ ...(admin ? { community: community.id } : {}), run: '1' })}`}
                  nothingSelected={actionData?.nothingSelected === true}
                  picked={actionData?.nothingSelected ? new Set(actionData.picked) : null}
                  lastErrors={lastErrors}
                />
                <Unmatched plan={page.plan} lastErrors={lastErrors} />
              </>
            )}
            <Legend weights={page.weights} />
          </>
        )}
      </main>
    </>
  );
}

function Coverage({
  coverage,
}: {
  coverage: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['page']>['coverage'];
}) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const percent = new Intl.NumberFormat(i18n.language, {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const filled = Math.min(1, Math.max(0, coverage.ratio));
  return (
    <section
      className="panel matching-coverage"
      aria-labelledby="coverage-heading"
      data-testid="coverage"
      data-paired={coverage.paired}
      data-volunteers={coverage.volunteers}
    >
      <h2 id="coverage-heading" className="panel-heading">
        {t('matching.coverage.heading')}
      </h2>
      <p className="coverage-figure">
        <span className="stat-value">{percent.format(coverage.ratio)}</span>{' '}
        <span className="muted">
          {t('matching.coverage.value', {
            paired: number.format(coverage.paired),
            volunteers: number.format(coverage.volunteers),
          })}
        </span>
      </p>
      <div
        className="matching-bar"
        role="meter"
        aria-label={t('matching.coverage.ratio')}
        aria-valuemin={0}
        aria-valuemax={coverage.volunteers}
        aria-valuenow={coverage.paired}
        aria-valuetext={percent.format(coverage.ratio)}
      >
        <span style={{ width: `${filled * 100}%` }} />
      </div>
      <dl className="stats">
        <div>
          <dt>{t('matching.coverage.paired')}</dt>
          <dd className="stat-value">{number.format(coverage.paired)}</dd>
        </div>
        <div>
          <dt>{t('matching.coverage.volunteers')}</dt>
          <dd className="stat-value">{number.format(coverage.volunteers)}</dd>
        </div>
      </dl>
    </section>
  );
}

function WorkerLoad({ workers }: { workers: Worker[] }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (
    <section className="panel matching-load" aria-labelledby="load-heading">
      <h2 id="load-heading" className="panel-heading">
        {t('matching.load.heading')}
      </h2>
      {workers.length === 0 ? (
        <p>{t('matching.load.empty')}</p>
      ) : (
        <ul className="load-list" aria-label={t('matching.load.caption')}>
          {workers.map((worker) => {
            const ratio = worker.caseloadCap > 0 ? worker.activePairings / worker.caseloadCap : 1;
            return (
              <li key={worker.id} data-worker-id={worker.id} data-free={worker.freePlaces}>
                <div className="load-head">
                  <strong>{worker.user.displayName}</strong>
                  <span>
                    <span className="visually-hidden">{t('matching.load.load')}: </span>
                    {t('matching.load.loadValue', {
                      active: number.format(worker.activePairings),
                      cap: number.format(worker.caseloadCap),
                    })}{' '}
                    {worker.freePlaces === 0 ? (
                      <span className="badge badge-warn">{t('matching.load.full')}</span>
                    ) : (
                      <span className="badge badge-ok">
                        {t('matching.load.free')} {number.format(worker.freePlaces)}
                      </span>
                    )}
                  </span>
                </div>
                <div
                  className={ratio >= 1 ? 'matching-bar matching-bar-full' : 'matching-bar'}
                  role="meter"
                  aria-label={worker.user.displayName}
                  aria-valuemin={0}
                  aria-valuemax={worker.caseloadCap}
                  aria-valuenow={worker.activePairings}
                >
                  <span style={{ width: `${Math.min(1, ratio) * 100}%` }} />
                </div>
                <p className="muted load-specialties">
                  <span className="visually-hidden">{t('matching.load.specialties')}: </span>
                  {worker.specialties
                    .map((s) => t(`specialty.${s}`))
                    .join(t('matching.listSeparator'))}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function usePoints() {
  const { i18n } = useTranslation();
  const signed = new Intl.NumberFormat(i18n.language, { signDisplay: 'exceptZero' });
  const hours = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return { signed, hours };
}

function PlanForm({
  plan,
  communityId,
  action,
  nothingSelected,
  picked,
  lastErrors,
}: {
  plan: Plan;
  communityId: string;
  action: string;
  nothingSelected: boolean;
  /** The ticks of a refused post; null: all ticked. */
  picked: Set<string> | null;
  lastErrors: Map<string, UserErrorFieldsFragment[]>;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const formRef = useRef<HTMLFormElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [selected, setSelected] = useState(
    picked
      ? plan.proposals.filter((p) => picked.has(rowKey(p.socialWorker.id, p.volunteer.id))).length
      : plan.proposals.length,
  );
  useEffect(() => setHydrated(true), []);
  const boxes = () =>
    Array.from(formRef.current?.querySelectorAll<HTMLInputElement>('input[name="pick"]') ?? []);
  const recount = () => setSelected(boxes().filter((box) => box.checked).length);
  const toggleAll = () => {
    const list = boxes();
    const check = list.some((box) => !box.checked);
    for (const box of list) box.checked = check;
    recount();
  };
  const workers = new Map(plan.proposals.map((p) => [p.socialWorker.id, p.socialWorker]));

  return (
    <section className="section" aria-labelledby="plan-heading">
      <div className="section-head">
        <h2 id="plan-heading">{t('matching.plan.heading')}</h2>
        <p className="muted plan-summary" data-testid="plan-summary">
          {t('matching.plan.summary', {
            count: plan.proposals.length,
            n: number.format(plan.proposals.length),
            total: number.format(plan.totalScore),
          })}
        </p>
      </div>
      {plan.proposals.length === 0 ? (
        <p className="panel">{t('matching.plan.empty')}</p>
      ) : (
        <Form method="post" action={action} ref={formRef} onChange={recount} className="plan-form">
          <input type="hidden" name="communityId" value={communityId} />
          {plan.proposals.map((p) => (
            <span key={p.volunteer.id} hidden>
              <input
                type="hidden"
                name="proposal"
                value={rowKey(p.socialWorker.id, p.volunteer.id)}
              />
              <input type="hidden" name={`v:${p.volunteer.id}`} value={p.volunteer.realName} />
            </span>
          ))}
          {[...workers.values()].map((w) => (
            <input key={w.id} type="hidden" name={`w:${w.id}`} value={w.user.displayName} />
          ))}
          {hydrated && (
            <div className="plan-tools">
              <button type="button" className="button button-quiet" onClick={toggleAll}>
                {t('matching.plan.toggle')}
              </button>
              <span className="muted" aria-live="polite">
                {t('matching.plan.selectedCount', {
                  n: number.format(selected),
                  total: number.format(plan.proposals.length),
                })}
              </span>
            </div>
          )}
          <div className="table-wrap">
            <table className="data-table plan-table">
              <caption className="visually-hidden">{t('matching.plan.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('matching.plan.volunteer')}</th>
                  <th scope="col">{t('matching.plan.socialWorker')}</th>
                  <th scope="col" className="num">
                    {t('matching.plan.total')}
                  </th>
                  <th scope="col">{t('matching.plan.availability')}</th>
                  <th scope="col">{t('matching.plan.capacity')}</th>
                  <th scope="col">{t('matching.plan.sameGrid')}</th>
                  <th scope="col">{t('matching.plan.skillFit')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.proposals.map((p) => (
                  <ProposalRow
                    key={p.volunteer.id}
                    proposal={p}
                    checked={!picked || picked.has(rowKey(p.socialWorker.id, p.volunteer.id))}
                    errors={lastErrors.get(p.volunteer.id)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {nothingSelected && (
            <p className="field-error plan-error" role="alert" id="plan-error">
              {t('matching.plan.nothingSelected')}
            </p>
          )}
          <div className="button-row plan-actions">
            <button
              type="submit"
              name="intent"
              value="selected"
              className="button"
              disabled={busy}
              aria-describedby={nothingSelected ? 'plan-error' : undefined}
            >
              {busy ? t('matching.plan.confirming') : t('matching.plan.confirmSelected')}
            </button>
            <button
              type="submit"
              name="intent"
              value="all"
              className="button button-quiet"
              disabled={busy}
            >
              {t('matching.plan.confirmAll')}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

function ProposalRow({
  proposal: p,
  checked,
  errors,
}: {
  proposal: Proposal;
  checked: boolean;
  errors: UserErrorFieldsFragment[] | undefined;
}) {
  const { t } = useTranslation();
  const { signed, hours } = usePoints();
  const errorText = useMatchingErrorText();
  const key = rowKey(p.socialWorker.id, p.volunteer.id);
  const boxId = `pick-${p.volunteer.id}`;
  const errorId = `row-error-${p.volunteer.id}`;
  const score = p.score;
  const points = (n: number, detail: ReactNode) => (
    <span className="component">
      <strong className={n < 0 ? 'points points-negative' : 'points'}>{signed.format(n)}</strong>
      {detail && <span className="muted component-detail">{detail}</span>}
    </span>
  );
  const availabilityDetail =
    score.overlapHoursPerWeek > 0
      ? t('matching.plan.hoursPerWeek', { n: hours.format(score.overlapHoursPerWeek) })
      : score.availability < 0
        ? t('matching.plan.noOverlap')
        : t('matching.plan.noHours');
  return (
    <tr
      data-volunteer-id={p.volunteer.id}
      data-social-worker-id={p.socialWorker.id}
      data-total={score.total}
    >
      <th scope="row" className="proposal-who">
        <label htmlFor={boxId} className="proposal-pick">
          <input
            id={boxId}
            type="checkbox"
            name="pick"
            value={key}
            defaultChecked={checked}
            aria-describedby={errors ? errorId : undefined}
          />
          <span className="volunteer-name">{p.volunteer.realName}</span>
          <span className="visually-hidden">
            {' '}
            {t('matching.plan.pairWith', { worker: p.socialWorker.user.displayName })}
          </span>
        </label>
        <span className="muted proposal-skills">
          {p.volunteer.skills.length > 0
            ? t('matching.plan.skills', {
                skills: p.volunteer.skills
                  .map((s) => t(`skill.${s}`))
                  .join(t('matching.listSeparator')),
              })
            : t('matching.plan.noSkills')}
        </span>
        {errors && (
          <p className="field-error" id={errorId}>
            {t('matching.plan.lastTry', { reason: errors.map(errorText).join(' ') })}
          </p>
        )}
      </th>
      <td data-label={t('matching.plan.socialWorker')}>{p.socialWorker.user.displayName}</td>
      <td data-label={t('matching.plan.total')} className="num">
        <strong className="total">{score.total}</strong>
      </td>
      <td data-label={t('matching.plan.availability')} data-component="availability">
        {points(score.availability, availabilityDetail)}
      </td>
      <td data-label={t('matching.plan.capacity')} data-component="capacity">
        {points(score.capacity, null)}
      </td>
      <td data-label={t('matching.plan.sameGrid')} data-component="sameGrid">
        {points(
          score.sameGrid,
          score.sameGrid > 0 ? (p.volunteer.grid?.name ?? '') : t('matching.plan.otherGrid'),
        )}
      </td>
      <td data-label={t('matching.plan.skillFit')} data-component="skillFit">
        {points(
          score.skillFit,
          score.matchedSpecialties.length > 0
            ? score.matchedSpecialties
                .map((s) => t(`specialty.${s}`))
                .join(t('matching.listSeparator'))
            : t('matching.plan.noMatch'),
        )}
      </td>
    </tr>
  );
}

function Unmatched({
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

function Outcome({
  outcome,
}: {
  outcome: { created: number; results: ConfirmResult[]; general: UserErrorFieldsFragment[] };
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const errorText = useMatchingErrorText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [outcome]);
  const refused = outcome.results.filter((r) => r.status !== 'created').length;
  const failed = refused > 0 || outcome.general.length > 0;
  return (
    <div
      className={failed ? 'alert outcome matching-outcome' : 'notice outcome matching-outcome'}
      role={failed ? 'alert' : 'status'}
      tabIndex={-1}
      ref={ref}
      data-testid="outcome"
      data-created={outcome.created}
      data-refused={refused}
    >
      <p>
        <strong>
          {outcome.created > 0
            ? t('matching.outcome.created', {
                count: outcome.created,
                n: number.format(outcome.created),
              })
            : t('matching.outcome.noneCreated')}
        </strong>
        {refused > 0 && <> {t('matching.outcome.refused', { n: number.format(refused) })}</>}
      </p>
      {outcome.general.map((error, index) => (
        <p key={index}>{errorText(error)}</p>
      ))}
      <div className="table-wrap">
        <table className="data-table outcome-table">
          <caption className="visually-hidden">{t('matching.outcome.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matching.plan.volunteer')}</th>
              <th scope="col">{t('matching.plan.socialWorker')}</th>
              <th scope="col">{t('matching.outcome.result')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.results.map((result) => (
              <tr
                key={result.volunteerId}
                data-volunteer-id={result.volunteerId}
                data-status={result.status}
              >
                <th scope="row">{result.volunteerName}</th>
                <td data-label={t('matching.plan.socialWorker')}>{result.workerName}</td>
                <td data-label={t('matching.outcome.result')}>
                  {result.status === 'created' ? (
                    <span className="badge badge-ok">{t('matching.outcome.ok')}</span>
                  ) : result.status === 'refused' ? (
                    <span className="row-error">{result.errors.map(errorText).join(' ')}</span>
                  ) : (
                    <span className="muted">{t('matching.outcome.notDone')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Legend({ weights }: { weights: MatchingPageQuery['pairingWeights'] }) {
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
