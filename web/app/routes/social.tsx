// /social: the social worker's start page — my profile and caseload, my active pairings with
// their last supervision, the ones overdue first (the API's order), each linking to the pairing,
// and apart from them my ended pairings (read-only, kept as history).
import {
  redirect,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  SocialPageDocument,
  type SocialEndedPairingRowFragment,
  type SocialPairingRowFragment,
} from '../../../schema/generated/graphql';
import { getRole } from '../auth/session.server';
import { VolunteerContact } from '../components/social/VolunteerContact';
import { DaysSince, OverdueBadge, useHoursText } from '../components/Supervision';
import { GraphQLRequestError, signedInRequest } from '../graphql/client.server';
import { useDayFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/social.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.social.title) },
];

const PAGE_SIZE = 50;
const ENDED_PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const role = await getRole(request);
  if (role && role !== 'SOCIAL_WORKER') throw new Response(null, { status: 403 });
  const params = new URL(request.url).searchParams;
  const after = params.get('after') || null;
  const endedAfter = params.get('endedAfter') || null;
  let result;
  try {
    result = await signedInRequest(request, SocialPageDocument, {
      first: PAGE_SIZE,
      after,
      endedFirst: ENDED_PAGE_SIZE,
      endedAfter,
    });
  } catch (error) {
    // A stale or hand-made cursor: start again from the first page.
    if (
      error instanceof GraphQLRequestError &&
      error.codes.includes('BAD_USER_INPUT') &&
      (after || endedAfter)
    ) {
      throw redirect('/social');
    }
    throw error;
  }
  if (result.viewer.role !== 'SOCIAL_WORKER') throw new Response(null, { status: 403 });
  const profile = result.mySocialWorkerProfile;
  return {
    viewer: result.viewer,
    profile: profile && {
      caseloadCap: profile.caseloadCap,
      activePairings: profile.activePairings,
      freePlaces: profile.freePlaces,
      specialties: profile.specialties,
      qualification: profile.qualification,
      community: profile.community,
    },
    pairings: profile?.pairings.edges.map((edge) => edge.node) ?? [],
    total: profile?.pairings.totalCount ?? 0,
    nextCursor: profile?.pairings.pageInfo.hasNextPage ? profile.pairings.pageInfo.endCursor : null,
    paged: after !== null,
    ended: profile?.ended.edges.map((edge) => edge.node) ?? [],
    endedTotal: profile?.ended.totalCount ?? 0,
    endedNext: profile?.ended.pageInfo.hasNextPage ? profile.ended.pageInfo.endCursor : null,
    endedPaged: endedAfter !== null,
  };
}

export default function SocialPage() {
  const loaded = useLoaderData<typeof loader>();
  const { profile, pairings, total, nextCursor, paged } = loaded;
  const { t } = useTranslation();
  const number = useNumberFormat();
  const overdue = pairings.filter((p) => p.supervisionOverdue).length;

  return (
    <>
      <main id="main" className="page page-narrow social-page">
        <h1>{t('social.heading')}</h1>
        {!profile ? (
          <p className="panel">{t('social.noProfile')}</p>
        ) : (
          <>
            <p className="lead">{profile.community.name}</p>
            <section className="panel" aria-labelledby="profile-heading">
              <h2 id="profile-heading" className="panel-heading">
                {t('social.profile')}
              </h2>
              <dl className="stats social-stats">
                <div>
                  <dt>{t('social.caseload')}</dt>
                  <dd className="stat-value" data-testid="caseload">
                    {t('social.caseloadValue', {
                      active: number.format(profile.activePairings),
                      cap: number.format(profile.caseloadCap),
                    })}
                  </dd>
                </div>
                <div>
                  <dt>{t('social.freePlaces')}</dt>
                  <dd className="stat-value">{number.format(profile.freePlaces)}</dd>
                </div>
              </dl>
              <dl className="facts social-profile-facts">
                <div>
                  <dt>{t('social.qualificationLabel')}</dt>
                  <dd>{t(`social.qualification.${profile.qualification}`)}</dd>
                </div>
                <div>
                  <dt>{t('social.specialties')}</dt>
                  <dd>
                    {profile.specialties.length === 0 ? (
                      <span className="muted">{t('social.noSpecialties')}</span>
                    ) : (
                      <ul className="social-tags">
                        {profile.specialties.map((specialty) => (
                          <li key={specialty}>{t(`specialty.${specialty}`)}</li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
              </dl>
            </section>

            <div className="section-head">
              <h2 id="volunteers-heading">{t('social.activeHeading')}</h2>
              <span className="result-count">
                {overdue > 0 ? (
                  <span className="badge badge-warn" data-testid="overdue-summary">
                    {t('social.overdueSummary', { count: overdue, n: number.format(overdue) })}
                  </span>
                ) : (
                  pairings.length > 0 && (
                    <span className="badge badge-ok">{t('social.allOnTime')}</span>
                  )
                )}
              </span>
            </div>
            {pairings.length === 0 ? (
              <p className="panel">{t('social.empty')}</p>
            ) : (
              <ul className="card-list" aria-labelledby="volunteers-heading" data-total={total}>
                {pairings.map((pairing) => (
                  <li key={pairing.id}>
                    <VolunteerCard pairing={pairing} />
                  </li>
                ))}
              </ul>
            )}
            <Pager param="after" next={nextCursor} paged={paged} />
            <EndedPairings />
          </>
        )}
      </main>
    </>
  );
}

/** A list's paging links: back to the first page once paged, on to the next while there is one
 * (each list pages by its own cursor parameter). */
function Pager({
  param,
  next,
  paged,
}: {
  param: 'after' | 'endedAfter';
  next: string | null | undefined;
  paged: boolean;
}) {
  const { t } = useTranslation();
  if (!next && !paged) return null;
  return (
    <p className="button-row">
      {paged && (
        <Link className="button button-quiet" to="/social">
          {t('social.firstPage')}
        </Link>
      )}
      {next && (
        <Link className="button" to={`/social?${new URLSearchParams({ [param]: next })}`}>
          {t('social.more')}
        </Link>
      )}
    </p>
  );
}

function VolunteerCard({ pairing }: { pairing: SocialPairingRowFragment }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const hours = useHoursText();
  const { volunteer } = pairing;
  const lastLog = pairing.supervisionLogs.edges[0]?.node;
  const to = `/social/pairings/${encodeURIComponent(pairing.id)}`;
  return (
    <article
      className={`shift-card social-volunteer${pairing.supervisionOverdue ? ' is-overdue' : ''}`}
      data-pairing-id={pairing.id}
      data-overdue={pairing.supervisionOverdue ? 'true' : 'false'}
    >
      <div className="shift-card-head">
        <h3>
          <Link to={to}>{volunteer.realName}</Link>
        </h3>
        <OverdueBadge overdue={pairing.supervisionOverdue} />
      </div>
      <dl className="shift-facts social-facts">
        <VolunteerContact volunteer={volunteer} />
        <div>
          <dt>{t('social.lastContact')}</dt>
          <dd data-testid="last-contact" data-date={pairing.lastContactDate}>
            <time dateTime={pairing.lastContactDate}>{day(pairing.lastContactDate)}</time>
            {lastLog && lastLog.date === pairing.lastContactDate && (
              <span className="muted">
                {' '}
                · {t('social.lastMode', { mode: t(`social.supervisionMode.${lastLog.mode}`) })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('social.daysSince')}</dt>
          <dd data-testid="days-since" data-days={pairing.daysSinceContact}>
            <DaysSince days={pairing.daysSinceContact} />
          </dd>
        </div>
        <div>
          <dt>{t('social.due')}</dt>
          <dd>
            <time dateTime={pairing.nextContactDue}>{day(pairing.nextContactDue)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('social.totalHours')}</dt>
          <dd data-testid="total-hours" data-minutes={pairing.supervisionMinutes}>
            {hours(pairing.supervisionMinutes)}
          </dd>
        </div>
      </dl>
      <p className="shift-actions">
        <Link className="button" to={to} aria-label={`${t('social.open')}: ${volunteer.realName}`}>
          {t('social.open')}
        </Link>
      </p>
    </article>
  );
}

/** My ended pairings, in the API's order: history, read-only, apart from the active ones. */
function EndedPairings() {
  const { ended, endedTotal, endedNext, endedPaged } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (
    <section className="section" aria-labelledby="ended-heading">
      <div className="section-head">
        <h2 id="ended-heading">{t('social.endedHeading')}</h2>
        <span className="result-count">
          {t('social.endedCount', { n: number.format(endedTotal) })}
        </span>
      </div>
      {ended.length === 0 ? (
        <p className="panel">{t('social.endedEmpty')}</p>
      ) : (
        <ul className="card-list" aria-labelledby="ended-heading">
          {ended.map((pairing) => (
            <li key={pairing.id}>
              <EndedCard pairing={pairing} />
            </li>
          ))}
        </ul>
      )}
      <Pager param="endedAfter" next={endedNext} paged={endedPaged} />
    </section>
  );
}

function EndedCard({ pairing }: { pairing: SocialEndedPairingRowFragment }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const hours = useHoursText();
  const to = `/social/pairings/${encodeURIComponent(pairing.id)}`;
  const endDay = pairing.endDate;
  return (
    <article className="shift-card social-ended" data-pairing-id={pairing.id}>
      <div className="shift-card-head">
        <h3>
          <Link to={to}>{pairing.volunteer.realName}</Link>
        </h3>
        <span className="badge badge-neutral">{t('social.pairingStatus.ENDED')}</span>
      </div>
      <dl className="shift-facts social-facts">
        {endDay && (
          <div>
            <dt>{t('social.endedAt')}</dt>
            <dd>
              <time dateTime={endDay}>{day(endDay)}</time>
            </dd>
          </div>
        )}
        {pairing.endReason && (
          <div>
            <dt>{t('social.endReasonLabel')}</dt>
            <dd>{pairing.endReason}</dd>
          </div>
        )}
        <div>
          <dt>{t('social.totalHours')}</dt>
          <dd data-testid="total-hours" data-minutes={pairing.supervisionMinutes}>
            {hours(pairing.supervisionMinutes)}
          </dd>
        </div>
      </dl>
    </article>
  );
}
