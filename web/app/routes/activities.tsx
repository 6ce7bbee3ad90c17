// /activities: the activities the viewer runs — staff their community's, the office any community's
// (?community=), a social worker their own — with their next shifts and places filled, or
// (?view=calendar&month=YYYY-MM) a month calendar of their shifts linking to the check-in screens.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  ActivitiesPageDocument,
  type ActivitiesPageQuery,
  type ActivityShiftSlotFragment,
  type ShiftFilter,
} from '../../../schema/generated/graphql';
import { getRole } from '../auth/session.server';
import { gridRange, monthOf } from '../components/activities/calendar';
import { ShiftCalendar } from '../components/activities/ShiftCalendar';
import { FilledBadge, OrganiserBadge } from '../components/activities/shared';
import { signedInRequest } from '../graphql/client.server';
import { shanghaiDay, useDateTimeFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/activities.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.activities.title) },
];

const listSize = 50;
const shiftsSize = 100;
const nextShiftsShown = 3;

type View = 'list' | 'calendar';
type ActivityRow = ActivitiesPageQuery['activities']['edges'][number]['node'];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const admin = (await getRole(request)) === 'STREET_ADMIN';
  const view: View = url.searchParams.get('view') === 'calendar' ? 'calendar' : 'list';
  const today = shanghaiDay(new Date());
  const month = monthOf(url.searchParams.get('month'), today);
  const community = admin ? (url.searchParams.get('community') ?? '') : '';
  const scope = { mine: true, ...(community ? { communityId: community } : {}) };
  const range = gridRange(month);
  const shiftFilter: ShiftFilter =
    view === 'calendar'
      ? {
          ...scope,
          from: range.from.toISOString(),
          to: range.to.toISOString(),
          includeCancelled: true,
        }
      : scope;
  const result = await signedInRequest(request, ActivitiesPageDocument, {
    activityFilter: scope,
    shiftFilter,
    first: view === 'list' ? listSize : 0,
    shiftsFirst: shiftsSize,
    withCommunities: admin,
  });
  // Volunteers run nothing: this page is not theirs.
  if (result.viewer.role === 'VOLUNTEER') throw new Response(null, { status: 403 });
  return {
    viewer: result.viewer,
    mineOnly: result.viewer.role === 'SOCIAL_WORKER' || result.viewer.role === 'UNIT_LIAISON',
    communities: result.communities?.edges.map((edge) => edge.node) ?? null,
    community,
    view,
    month,
    today,
    total: result.activities.totalCount,
    activities: result.activities.edges.map((edge) => edge.node),
    shiftTotal: result.shifts.totalCount,
    shifts: result.shifts.edges.map((edge) => edge.node),
  };
}

export default function ActivitiesPage() {
  const data = useLoaderData<typeof loader>();
  const { mineOnly, communities, community, view, month, today } = data;
  const { t, i18n } = useTranslation();
  const query = (changes: Record<string, string>) => {
    const params = new URLSearchParams();
    if (community) params.set('community', community);
    for (const [key, value] of Object.entries(changes)) if (value) params.set(key, value);
    const text = params.toString();
    return text ? `/activities?${text}` : '/activities';
  };

  return (
    <>
      <main id="main" className="page activities-page">
        <div className="title-row">
          <h1>{mineOnly ? t('activities.headingMine') : t('activities.heading')}</h1>
          <Link className="button" to="/activities/new">
            {t('activities.newActivity')}
          </Link>
        </div>
        <p className="lead">{mineOnly ? t('activities.introMine') : t('activities.intro')}</p>

        <div className="activities-toolbar">
          <nav className="segmented view-switch" aria-label={t('activities.views')}>
            <Link
              to={query({})}
              aria-current={view === 'list' ? 'page' : undefined}
              className={view === 'list' ? 'is-current' : ''}
            >
              {t('activities.viewList')}
            </Link>
            <Link
              to={query({ view: 'calendar', month })}
              aria-current={view === 'calendar' ? 'page' : undefined}
              className={view === 'calendar' ? 'is-current' : ''}
            >
              {t('activities.viewCalendar')}
            </Link>
          </nav>
          {communities && (
            <Form method="get" className="community-picker">
              {view === 'calendar' && (
                <>
                  <input type="hidden" name="view" value="calendar" />
                  <input type="hidden" name="month" value={month} />
                </>
              )}
              <div className="field">
                <label htmlFor="community">{t('activities.community')}</label>
                <select id="community" name="community" defaultValue={community}>
                  <option value="">{t('activities.allCommunities')}</option>
                  {communities.map((c) => (
                    <option key={c.id} value={c.id}>
                      {i18n.language === 'en' ? c.nameEn : c.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button">
                {t('activities.apply')}
              </button>
            </Form>
          )}
        </div>

        {view === 'calendar' ? (
          <ShiftCalendar
            month={month}
            today={today}
            shifts={data.shifts}
            total={data.shiftTotal}
            monthHref={(m) => query({ view: 'calendar', month: m })}
          />
        ) : (
          <ActivityList
            activities={data.activities}
            total={data.total}
            shifts={data.shifts}
            shiftsTruncated={data.shiftTotal > data.shifts.length}
            mineOnly={mineOnly}
            showCommunity={communities !== null && !community}
          />
        )}
      </main>
    </>
  );
}

function ActivityList({
  activities,
  total,
  shifts,
  shiftsTruncated,
  mineOnly,
  showCommunity,
}: {
  activities: ActivityRow[];
  total: number;
  shifts: ActivityShiftSlotFragment[];
  /** Only the soonest shifts of all were loaded: an activity without any may still have some. */
  shiftsTruncated: boolean;
  mineOnly: boolean;
  showCommunity: boolean;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const upcoming = new Map<string, ActivityShiftSlotFragment[]>();
  for (const shift of shifts) {
    upcoming.set(shift.activity.id, [...(upcoming.get(shift.activity.id) ?? []), shift]);
  }
  return (
    <section aria-labelledby="activities-count">
      <p id="activities-count" className="muted result-count">
        {t('activities.count', { count: total, n: number.format(total) })}
      </p>
      {total > activities.length && (
        <p className="muted">
          {t('activities.listTruncated', {
            count: activities.length,
            n: number.format(activities.length),
          })}
        </p>
      )}
      {activities.length === 0 ? (
        <p className="panel">{mineOnly ? t('activities.emptyMine') : t('activities.empty')}</p>
      ) : (
        <ul className="card-list">
          {activities.map((activity) => (
            <li key={activity.id}>
              <ActivityCard
                activity={activity}
                next={upcoming.get(activity.id) ?? []}
                nextUnknown={shiftsTruncated}
                showCommunity={showCommunity}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ActivityCard({
  activity,
  next,
  nextUnknown,
  showCommunity,
}: {
  activity: ActivityRow;
  next: ActivityShiftSlotFragment[];
  nextUnknown: boolean;
  showCommunity: boolean;
}) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const dates = useDateTimeFormat();
  const en = i18n.language === 'en';
  const titleId = `activity-${activity.id}-title`;
  const skills = activity.requiredSkills.map((skill) => t(`skill.${skill}`));
  return (
    <article
      className="shift-card activity-card"
      aria-labelledby={titleId}
      data-activity-id={activity.id}
    >
      <header className="shift-card-head">
        <h3 id={titleId}>
          <Link to={`/activities/${encodeURIComponent(activity.id)}`}>{activity.title}</Link>
        </h3>
        <OrganiserBadge kind={activity.organiserKind} unitName={activity.organiserUnit?.name} />
      </header>
      <p className="muted activity-meta">
        {showCommunity && <>{en ? activity.community.nameEn : activity.community.name} · </>}
        {activity.location}
      </p>
      {skills.length > 0 && (
        <p className="muted activity-skills">
          {t('activities.requires', { skills: skills.join(en ? ', ' : '、') })}
        </p>
      )}
      <h4 className="activity-next-heading">{t('activities.nextShifts')}</h4>
      {next.length === 0 ? (
        nextUnknown ? (
          <p>
            <Link to={`/activities/${encodeURIComponent(activity.id)}`}>
              {t('activities.seeShifts')}
            </Link>
          </p>
        ) : (
          <p className="muted">{t('activities.noUpcoming')}</p>
        )
      ) : (
        <ul className="activity-next">
          {next.slice(0, nextShiftsShown).map((shift) => (
            <li key={shift.id} data-shift-id={shift.id}>
              <Link to={`/shifts/${encodeURIComponent(shift.id)}/manage`}>
                <time dateTime={shift.startsAt}>{dates.range(shift.startsAt, shift.endsAt)}</time>
              </Link>{' '}
              <FilledBadge shift={shift} />
            </li>
          ))}
          {next.length > nextShiftsShown && (
            <li className="muted">
              <Link to={`/activities/${encodeURIComponent(activity.id)}`}>
                {t('activities.moreShifts', {
                  count: next.length - nextShiftsShown,
                  n: number.format(next.length - nextShiftsShown),
                })}
              </Link>
            </li>
          )}
        </ul>
      )}
    </article>
  );
}
