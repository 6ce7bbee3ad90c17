// /activities/:id: an activity, its shifts (places filled, link to each check-in screen, cancel
// with a reason), and a form to add shifts — one, or the same time weekly for several weeks, each
// created in turn with its own outcome.
import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import {
  Link,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  ActivityPageDocument,
  CancelActivityShiftDocument,
  CreateActivityShiftDocument,
  type ActivityUserErrorFragment,
} from '../../../schema/generated/graphql';
import { ActivityFacts } from '../components/activities/ActivityFacts';
import { AddShiftsForm, MAX_WEEKS, type ShiftValues } from '../components/activities/AddShiftsForm';
import { addDays } from '../components/activities/calendar';
import type { ActivityNode, Errors } from '../components/activities/detail';
import { OrganiserBadge } from '../components/activities/shared';
import { ShiftRow } from '../components/activities/ShiftRow';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { shanghaiDay, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/activities.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

/** Reload after every post, refused or not: others may have changed the shift meanwhile. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  defaultShouldRevalidate,
}) => formMethod === 'POST' || defaultShouldRevalidate;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.activities.title) },
];

const required = (name: string): ActivityUserErrorFragment => ({
  code: 'REQUIRED',
  field: ['input', name],
  message: '',
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await signedInRequest(request, ActivityPageDocument, { id: params.id ?? '' });
  const node = result.node;
  const activity = node && 'title' in node ? (node as ActivityNode) : null;
  if (!activity) throw new Response(null, { status: 404 });
  const now = new Date();
  return {
    viewer: result.viewer,
    activity,
    created: new URL(request.url).searchParams.get('created') === '1',
    now: now.toISOString(),
    tomorrow: addDays(shanghaiDay(now), 1),
  };
}

type ActionResult =
  | {
      intent: 'addShifts';
      values: ShiftValues | null;
      created: string[];
      failed: { day: string; errors: Errors }[];
      errors: Errors;
    }
  | { intent: 'cancel'; shiftId: string; reason: string; done: boolean; errors: Errors };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  if (text('intent') === 'cancel') {
    const shiftId = text('shiftId');
    const reason = text('reason');
    if (!reason) {
      return data<ActionResult>(
        { intent: 'cancel', shiftId, reason, done: false, errors: [required('reason')] },
        { status: 400 },
      );
    }
    const { cancelShift: payload } = await gqlRequest(request, CancelActivityShiftDocument, {
      input: { id: shiftId, reason },
    });
    const done = payload.errors.length === 0;
    return data<ActionResult>(
      { intent: 'cancel', shiftId, reason, done, errors: payload.errors },
      { status: done ? 200 : 400 },
    );
  }

  const values: ShiftValues = {
    date: text('date'),
    start: text('start'),
    end: text('end'),
    capacity: text('capacity'),
    weeks: text('weeks') || '1',
  };
  const errors: Errors = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) errors.push(required('date'));
  if (!/^\d{2}:\d{2}$/.test(values.start)) errors.push(required('start'));
  if (!/^\d{2}:\d{2}$/.test(values.end)) errors.push(required('end'));
  const capacity = Number(values.capacity);
  if (!values.capacity) errors.push(required('capacity'));
  else if (!Number.isInteger(capacity))
    errors.push({ code: 'INVALID', field: ['input', 'capacity'], message: '' });
  const weeks = Number(values.weeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS)
    errors.push({ code: 'OUT_OF_RANGE', field: ['input', 'weeks'], message: '' });
  const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
  if (errors.length === 0 && Number.isNaN(at(values.date, values.start).getTime()))
    errors.push({ code: 'INVALID', field: ['input', 'date'], message: '' });
  if (errors.length > 0) {
    return data<ActionResult>(
      { intent: 'addShifts', values, created: [], failed: [], errors },
      { status: 400 },
    );
  }

  // One at a time, in order, so each week's outcome is known and reported.
  const created: string[] = [];
  const failed: { day: string; errors: Errors }[] = [];
  for (let week = 0; week < weeks; week++) {
    const day = addDays(values.date, week * 7);
    const { createShift: payload } = await gqlRequest(request, CreateActivityShiftDocument, {
      input: {
        activityId: params.id ?? '',
        startsAt: at(day, values.start).toISOString(),
        endsAt: at(day, values.end).toISOString(),
        capacity,
      },
    });
    if (payload.errors.length > 0 || !payload.shift) failed.push({ day, errors: payload.errors });
    else created.push(day);
  }
  return data<ActionResult>(
    {
      intent: 'addShifts',
      // Keep what was typed unless everything went through.
      values: failed.length > 0 ? values : null,
      created,
      failed,
      // Beside the fields when nothing was created: the first week's reasons.
      errors: created.length === 0 ? (failed[0]?.errors ?? []) : [],
    },
    { status: failed.length > 0 ? 400 : 200 },
  );
}

export default function ActivityPage() {
  const { activity, created, now, tomorrow } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const number = useNumberFormat();
  const shifts = activity.shifts.edges.map((edge) => edge.node);
  const manage = activity.viewerCanManage;

  return (
    <>
      <main id="main" className="page page-narrow">
        <p className="back-link">
          <Link to="/activities">← {t('activities.detail.back')}</Link>
        </p>
        <div className="title-row">
          <h1>{activity.title}</h1>
          <OrganiserBadge kind={activity.organiserKind} unitName={activity.organiserUnit?.name} />
        </div>
        {created && (
          <p className="notice" role="status">
            {t('activities.detail.created')}
          </p>
        )}
        {!manage && <p className="notice">{t('activities.detail.readOnly')}</p>}

        <ActivityFacts activity={activity} />

        <h2 id="shifts-heading">{t('activities.detail.shifts')}</h2>
        {result?.intent === 'cancel' && result.done && (
          <p className="notice" role="status">
            {t('activities.cancel.done')}
          </p>
        )}
        {shifts.length === 0 ? (
          <p className="panel">{t('activities.detail.noShifts')}</p>
        ) : (
          <ul className="card-list activity-shifts" aria-labelledby="shifts-heading">
            {shifts.map((shift) => (
              <li key={shift.id}>
                <ShiftRow
                  shift={shift}
                  now={now}
                  manage={manage}
                  cancelResult={
                    result?.intent === 'cancel' && result.shiftId === shift.id && !result.done
                      ? result
                      : null
                  }
                />
              </li>
            ))}
          </ul>
        )}
        {activity.shifts.totalCount > shifts.length && (
          <p className="muted">
            {t('activities.detail.shiftsTruncated', {
              count: shifts.length,
              n: number.format(shifts.length),
            })}
          </p>
        )}

        {manage && (
          <AddShiftsForm
            tomorrow={tomorrow}
            result={result?.intent === 'addShifts' ? result : null}
          />
        )}
      </main>
    </>
  );
}
