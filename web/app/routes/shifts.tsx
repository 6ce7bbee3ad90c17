// /shifts: upcoming shifts — for volunteers, by default those they can sign up for — with
// filters (dates, skill, all / mine), pages of 30 reached by a plain "next page" link carrying
// the cursor, and a sign-up button that is a plain form post; where the API says the viewer may
// not sign up (Shift.viewerEligibility) the card says why instead.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ShiftsPageDocument,
  SignUpForShiftDocument,
  type ShiftFilter,
  type ShiftsPageQuery,
  type Skill,
  type SignUpForShiftMutation,
} from '../../../schema/generated/graphql';
import { getRole } from '../auth/session.server';
import { ShiftCard, SignupBadge } from '../components/ShiftCard';
import { gqlRequest, GraphQLRequestError, signedInRequest } from '../graphql/client.server';
import { shanghaiDay, startOfShanghaiDay, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { useUserErrorText } from '../i18n/user-error';
import { zhCN } from '../i18n/zh-CN';

const pageSize = 30;
const DAY = 86_400_000;
const skills = Object.keys(zhCN.skill) as Skill[];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.shifts.title) },
];

interface Filters {
  from: string;
  to: string;
  skill: Skill | '';
  /** A community's global ID, or '' for every community. */
  community: string;
  /** Only what I can sign up for (volunteers' default) or every upcoming shift. */
  show: 'eligible' | 'all';
}

function filtersOf(url: URL, volunteer: boolean): Filters {
  const day = (name: string) => {
    const value = url.searchParams.get(name) ?? '';
    return startOfShanghaiDay(value) ? value : '';
  };
  const skill = url.searchParams.get('skill') ?? '';
  const show = url.searchParams.get('show');
  return {
    from: day('from'),
    to: day('to'),
    skill: skills.includes(skill as Skill) ? (skill as Skill) : '',
    community: (url.searchParams.get('community') ?? '').slice(0, 100),
    show: volunteer && show !== 'all' ? 'eligible' : 'all',
  };
}

function shiftFilter(filters: Filters): ShiftFilter {
  const from = startOfShanghaiDay(filters.from);
  const to = startOfShanghaiDay(filters.to);
  return {
    // Past days are not offered: the list is of shifts still to come.
    ...(from && from.getTime() > Date.now() ? { from: from.toISOString() } : {}),
    ...(to ? { to: new Date(to.getTime() + DAY).toISOString() } : {}),
    ...(filters.skill ? { skill: filters.skill } : {}),
    ...(filters.community ? { communityId: filters.community } : {}),
    ...(filters.show === 'eligible' ? { eligibleForMe: true } : {}),
  };
}

/** Where a page is: the cursor it starts after (none: the first) and its number, for display. */
function pageOf(url: URL): { after: string | null; page: number } {
  const after = (url.searchParams.get('after') ?? '').slice(0, 200) || null;
  const page = Math.floor(Number(url.searchParams.get('page')));
  return { after, page: after && Number.isFinite(page) && page > 1 ? Math.min(page, 100_000) : 1 };
}

/** The list's URL with the same filters, at another page. */
function pageHref(url: URL, at: { after: string; page: number } | null): string {
  const params = new URLSearchParams(url.search);
  params.delete('after');
  params.delete('page');
  if (at) {
    params.set('after', at.after);
    params.set('page', String(at.page));
  }
  const query = params.toString();
  return query ? `/shifts?${query}` : '/shifts';
}

export async function loader({ request }: LoaderFunctionArgs) {
  const volunteer = (await getRole(request)) === 'VOLUNTEER';
  const url = new URL(request.url);
  const filters = filtersOf(url, volunteer);
  const { after, page } = pageOf(url);
  let result;
  try {
    result = await signedInRequest(request, ShiftsPageDocument, {
      filter: shiftFilter(filters),
      first: pageSize,
      after,
    });
  } catch (error) {
    // A volunteer without a profile has no eligible shifts to compute: show them all instead.
    if (
      !(error instanceof GraphQLRequestError) ||
      !error.codes.includes('BAD_USER_INPUT') ||
      filters.show !== 'eligible'
    ) {
      throw error;
    }
    filters.show = 'all';
    result = await signedInRequest(request, ShiftsPageDocument, {
      filter: shiftFilter(filters),
      first: pageSize,
      after,
    });
  }
  const { hasNextPage, endCursor } = result.shifts.pageInfo;
  return {
    viewer: result.viewer,
    canChooseEligible: result.myVolunteerProfile !== null,
    filters,
    today: shanghaiDay(new Date()),
    communities: result.communities.edges.map((edge) => edge.node),
    total: result.shifts.totalCount,
    shifts: result.shifts.edges.map((edge) => edge.node),
    page,
    pages: Math.max(1, Math.ceil(result.shifts.totalCount / pageSize)),
    firstHref: after ? pageHref(url, null) : null,
    nextHref: hasNextPage && endCursor ? pageHref(url, { after: endCursor, page: page + 1 }) : null,
  };
}

type SignUpPayload = SignUpForShiftMutation['signUpForShift'];

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const shiftId = String(form.get('shiftId') ?? '');
  const { signUpForShift: payload } = await gqlRequest(request, SignUpForShiftDocument, {
    input: { shiftId },
  });
  const result: { shiftId: string } & SignUpPayload = { shiftId, ...payload };
  return data(result, { status: payload.errors.length > 0 ? 400 : 200 });
}

export default function ShiftsPage() {
  const {
    canChooseEligible,
    filters,
    today,
    communities,
    total,
    shifts,
    page,
    pages,
    firstHref,
    nextHref,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const number = useNumberFormat();
  const pendingShift =
    navigation.state !== 'idle' && navigation.formMethod === 'POST'
      ? navigation.formData?.get('shiftId')
      : null;

  return (
    <>
      <main id="main" className="page page-narrow">
        <h1>{t('shifts.heading')}</h1>
        <p className="lead">{t('shifts.intro')}</p>
        {actionData && <SignUpOutcome outcome={actionData} />}
        <FilterForm
          filters={filters}
          today={today}
          communities={communities}
          canChooseEligible={canChooseEligible}
        />
        <p className="muted result-count" aria-live="polite">
          {t('shifts.count', { count: total, n: number.format(total) })}
          {pages > 1 && (
            <>
              {' · '}
              {t('shifts.pageOf', { page: number.format(page), pages: number.format(pages) })}
            </>
          )}
        </p>
        {shifts.length === 0 ? (
          <p className="panel">
            {filters.show === 'eligible' ? t('shifts.emptyEligible') : t('shifts.empty')}
          </p>
        ) : (
          <ul className="card-list">
            {shifts.map((shift) => (
              <li key={shift.id}>
                <ShiftCard shift={shift} status={<SignupBadge signup={shift.viewerSignup} />}>
                  {!shift.viewerSignup &&
                    shift.status === 'OPEN' &&
                    (shift.viewerEligibility && !shift.viewerEligibility.eligible ? (
                      <IneligibleReason eligibility={shift.viewerEligibility} />
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="shiftId" value={shift.id} />
                        <button
                          type="submit"
                          className={shift.spotsRemaining > 0 ? 'button' : 'button button-quiet'}
                          disabled={pendingShift === shift.id}
                        >
                          {pendingShift === shift.id
                            ? t('shifts.submitting')
                            : shift.spotsRemaining > 0
                              ? t('shifts.signUp')
                              : t('shifts.joinWaitlist')}
                        </button>
                      </Form>
                    ))}
                </ShiftCard>
              </li>
            ))}
          </ul>
        )}
        {(firstHref || nextHref) && (
          <nav className="pager" aria-label={t('shifts.pages')}>
            {firstHref && (
              <Link className="button button-quiet" to={firstHref}>
                {t('shifts.firstPage')}
              </Link>
            )}
            {nextHref && (
              <Link className="button button-quiet" to={nextHref} rel="next">
                {t('shifts.nextPage')}
              </Link>
            )}
          </nav>
        )}
      </main>
    </>
  );
}

type Eligibility = NonNullable<
  ShiftsPageQuery['shifts']['edges'][number]['node']['viewerEligibility']
>;

/** Why the viewer may not sign up, said on the card instead of a button that would be refused. */
function IneligibleReason({ eligibility }: { eligibility: Eligibility }) {
  const { t, i18n } = useTranslation();
  const errorText = useUserErrorText();
  const reason = eligibility.reason;
  if (!reason) return null;
  const missing = eligibility.missingSkills.map((skill) => t(`skill.${skill}`));
  return (
    <p className="shift-ineligible" data-reason={reason.code}>
      {reason.code === 'MISSING_SKILL' && missing.length > 0 ? (
        <>
          {t('shifts.missingSkills', {
            skills: missing.join(i18n.language === 'en' ? ', ' : '、'),
          })}{' '}
          <Link to="/my/profile">{t('shifts.updateSkills')}</Link>
        </>
      ) : (
        errorText(reason)
      )}
    </p>
  );
}

function SignUpOutcome({ outcome }: { outcome: { shiftId: string } & SignUpPayload }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const errorText = useUserErrorText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [outcome]);
  const signup = outcome.signup;
  if (outcome.errors.length > 0 || !signup) {
    return (
      <div className="alert outcome" role="alert" tabIndex={-1} ref={ref}>
        <p>
          <strong>{t('shifts.outcomeFailed')}</strong>
        </p>
        {outcome.errors.map((error, index) => (
          <p key={index}>{errorText(error)}</p>
        ))}
      </div>
    );
  }
  const title = signup.shift.activity.title;
  return (
    <div className="notice outcome" role="status" tabIndex={-1} ref={ref}>
      <p>
        <strong>
          {signup.status === 'WAITLISTED'
            ? t('shifts.outcomeWaitlisted', {
                title,
                n: number.format(signup.waitlistPosition ?? 0),
              })
            : t('shifts.outcomeConfirmed', { title })}
        </strong>
      </p>
      <ShiftCard shift={signup.shift} status={<SignupBadge signup={signup} />}>
        <a className="button button-quiet" href="/my/shifts">
          {t('shifts.toMyShifts')}
        </a>
      </ShiftCard>
    </div>
  );
}

function FilterForm({
  filters,
  today,
  communities,
  canChooseEligible,
}: {
  filters: Filters;
  today: string;
  communities: { id: string; name: string; nameEn: string }[];
  canChooseEligible: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Form method="get" className="panel filters" aria-label={t('shifts.filters')}>
      {canChooseEligible && (
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('shifts.filters')}</legend>
          <label>
            <input
              type="radio"
              name="show"
              value="eligible"
              defaultChecked={filters.show === 'eligible'}
            />
            <span>{t('shifts.eligibleOnly')}</span>
          </label>
          <label>
            <input type="radio" name="show" value="all" defaultChecked={filters.show === 'all'} />
            <span>{t('shifts.showAll')}</span>
          </label>
        </fieldset>
      )}
      <div className="filter-row">
        <div className="field">
          <label htmlFor="filter-from">{t('shifts.from')}</label>
          <input id="filter-from" type="date" name="from" min={today} defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t('shifts.to')}</label>
          <input id="filter-to" type="date" name="to" min={today} defaultValue={filters.to} />
        </div>
        <div className="field">
          <label htmlFor="filter-skill">{t('shifts.skill')}</label>
          <select id="filter-skill" name="skill" defaultValue={filters.skill}>
            <option value="">{t('shifts.anySkill')}</option>
            {skills.map((skill) => (
              <option key={skill} value={skill}>
                {t(`skill.${skill}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-community">{t('shifts.community')}</label>
          <select id="filter-community" name="community" defaultValue={filters.community}>
            <option value="">{t('shifts.anyCommunity')}</option>
            {communities.map((community) => (
              <option key={community.id} value={community.id}>
                {i18n.language === 'en' ? community.nameEn : community.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="filter-actions">
        <button type="submit" className="button">
          {t('shifts.apply')}
        </button>
        <a className="button button-quiet" href="/shifts">
          {t('shifts.reset')}
        </a>
      </div>
    </Form>
  );
}
