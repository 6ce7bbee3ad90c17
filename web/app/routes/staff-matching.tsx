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
import { useTranslation } from 'react-i18next';
import {
  ConfirmPairingsDocument,
  MatchingPageDocument,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { getRole } from '../auth/session.server';
import { Legend } from '../components/matching/Legend';
import { Outcome } from '../components/matching/Outcome';
import { Coverage, WorkerLoad } from '../components/matching/Overview';
import { PlanForm } from '../components/matching/PlanForm';
import { Unmatched } from '../components/matching/Unmatched';
import type { ConfirmResult } from '../components/matching/shared';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { pageTitle } from '../i18n/meta';
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

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const admin = (await getRole(request)) === 'STREET_ADMIN';
  const picked = admin ? url.searchParams.get('community') || null : null;
  const chosen = !admin || picked !== null;
  const run = chosen && url.searchParams.get('run') === '1';
  const page = await signedInRequest(request, MatchingPageDocument, {
    communityId: picked,
    admin,
    chosen,
    run,
  });
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

export async function action({ request }: ActionFunctionArgs) {
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

export default function StaffMatchingPage() {
  const { admin, communities, community, run, page } = useLoaderData<typeof loader>();
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
