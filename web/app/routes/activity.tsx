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
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  ActivityPageDocument,
  type ActivityPageQuery,
  CancelActivityShiftDocument,
  CreateActivityShiftDocument,
  type ActivityUserErrorFragment,
} from '../../../schema/generated/graphql';
import { addDays } from '../components/activities/calendar';
import { FilledBadge, OrganiserBadge, useActivityErrorText } from '../components/activities/shared';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { shanghaiDay, useDateTimeFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { fieldOf } from '../i18n/user-error';
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

type ActivityNode = Extract<NonNullable<ActivityPageQuery['node']>, { title: string }>;
type Shift = ActivityNode['shifts']['edges'][number]['node'];

const MAX_WEEKS = 12;
type Errors = ActivityUserErrorFragment[];
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

interface ShiftValues {
  date: string;
  start: string;
  end: string;
  capacity: string;
  weeks: string;
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
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const en = i18n.language === 'en';
  const shifts = activity.shifts.edges.map((edge) => edge.node);
  const skills = activity.requiredSkills.map((skill) => t(`skill.${skill}`));
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

        <section className="panel">
          <dl className="facts">
            <div>
              <dt>{t('activities.detail.location')}</dt>
              <dd>{activity.location}</dd>
            </div>
            <div>
              <dt>{t('activities.detail.createdBy')}</dt>
              <dd>
                {activity.createdBy.displayName} ·{' '}
                {en ? activity.community.nameEn : activity.community.name}
              </dd>
            </div>
            <div>
              <dt>{t('activities.detail.skills')}</dt>
              <dd>
                {skills.length ? skills.join(en ? ', ' : '、') : t('activities.detail.noSkills')}
              </dd>
            </div>
            {activity.category && (
              <div>
                <dt>{t('activities.detail.category')}</dt>
                <dd>{en ? activity.category.nameEn : activity.category.name}</dd>
              </div>
            )}
            {activity.commitment && (
              <div className="facts-wide">
                <dt>{t('activities.detail.commitment')}</dt>
                <dd>
                  {t('activities.new.commitmentOption', {
                    unit: activity.commitment.unit.name,
                    title: activity.commitment.title,
                  })}
                </dd>
              </div>
            )}
          </dl>
          {activity.description && (
            <>
              <h2 className="panel-heading">{t('activities.detail.description')}</h2>
              <p className="pre-line">{activity.description}</p>
            </>
          )}
        </section>

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

function ShiftRow({
  shift,
  now,
  manage,
  cancelResult,
}: {
  shift: Shift;
  now: string;
  manage: boolean;
  cancelResult: { reason: string; errors: Errors } | null;
}) {
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  const errorText = useActivityErrorText();
  const navigation = useNavigation();
  const over = shift.endsAt <= now;
  const open = shift.status === 'OPEN';
  const busy =
    navigation.state !== 'idle' &&
    navigation.formData?.get('intent') === 'cancel' &&
    navigation.formData.get('shiftId') === shift.id;
  const reasonId = `reason-${shift.id}`;
  const reasonErrors = cancelResult?.errors ?? [];
  return (
    <article
      className={open ? 'shift-card shift-row' : 'shift-card shift-row is-cancelled'}
      data-shift-id={shift.id}
    >
      <div className="shift-card-head">
        <h3>
          <time dateTime={shift.startsAt}>{dates.range(shift.startsAt, shift.endsAt)}</time>
        </h3>
        <span className="badge-group">
          <FilledBadge shift={shift} />
          {over && open && (
            <span className="badge badge-neutral">{t('activities.detail.past')}</span>
          )}
        </span>
      </div>
      {!open && shift.cancelReason && (
        <p className="muted">
          {t('activities.detail.cancelReason', { reason: shift.cancelReason })}
        </p>
      )}
      {manage && open && (
        <div className="shift-actions">
          <Link className="button" to={`/shifts/${encodeURIComponent(shift.id)}/manage`}>
            {t('activities.detail.manage')}
          </Link>
          {shift.cancellable && (
            <details className="cancel-shift" open={reasonErrors.length > 0 || undefined}>
              <summary>{t('activities.cancel.summary')}</summary>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="shiftId" value={shift.id} />
                <div className="field">
                  <label htmlFor={reasonId}>{t('activities.cancel.reason')}</label>
                  <textarea
                    id={reasonId}
                    name="reason"
                    rows={2}
                    maxLength={1000}
                    required
                    defaultValue={cancelResult?.reason ?? ''}
                    aria-invalid={reasonErrors.length > 0 || undefined}
                    aria-describedby={reasonErrors.length > 0 ? `${reasonId}-error` : undefined}
                  />
                  {reasonErrors.length > 0 && (
                    <p className="field-error" id={`${reasonId}-error`} role="alert">
                      {reasonErrors.map(errorText).join(' ')}
                    </p>
                  )}
                </div>
                <button type="submit" className="button button-danger" disabled={busy}>
                  {busy ? t('activities.cancel.submitting') : t('activities.cancel.submit')}
                </button>
              </Form>
            </details>
          )}
        </div>
      )}
    </article>
  );
}

function AddShiftsForm({
  tomorrow,
  result,
}: {
  tomorrow: string;
  result: {
    values: ShiftValues | null;
    created: string[];
    failed: { day: string; errors: Errors }[];
    errors: Errors;
  } | null;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const errorText = useActivityErrorText();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'addShifts';
  const values = result?.values ?? null;
  const errors = result?.errors ?? [];
  // The API names the instants; the form names the date and the times.
  const fieldFor: Record<string, string> = { startsAt: 'start', endsAt: 'end' };
  const errorsOf = (name: string) =>
    errors.filter((error) => (fieldFor[fieldOf(error)] ?? fieldOf(error)) === name);
  const known = ['date', 'start', 'end', 'capacity', 'weeks'];
  const general = errors.filter(
    (error) => !known.includes(fieldFor[fieldOf(error)] ?? fieldOf(error)),
  );
  const attrs = (name: string, hint?: string) => {
    const describedBy = [hint, errorsOf(name).length > 0 ? `${name}-error` : null]
      .filter(Boolean)
      .join(' ');
    return {
      id: name,
      name,
      ...(errorsOf(name).length > 0 ? { 'aria-invalid': true as const } : {}),
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    };
  };
  const fieldError = (name: string) =>
    errorsOf(name).length > 0 && (
      <p className="field-error" id={`${name}-error`} role="alert">
        {errorsOf(name).map(errorText).join(' ')}
      </p>
    );
  const formKey = result ? `${result.created.join()}|${result.failed.length}` : 'new';

  return (
    <section className="panel add-shifts" aria-labelledby="add-shifts-heading">
      <h2 id="add-shifts-heading" className="panel-heading">
        {t('activities.addShifts.heading')}
      </h2>
      {result && result.created.length > 0 && (
        <p className="notice" role="status">
          {t('activities.addShifts.created', {
            count: result.created.length,
            n: number.format(result.created.length),
          })}
        </p>
      )}
      {result && result.failed.length > 0 && (
        <div className="alert" role="alert">
          <p>
            <strong>
              {result.created.length === 0
                ? t('activities.addShifts.noneCreated')
                : t('activities.addShifts.failed')}
            </strong>
          </p>
          <ul className="failed-shifts">
            {result.failed.map((failure) => (
              <li key={failure.day}>
                {t('activities.addShifts.failedOne', {
                  date: failure.day,
                  error: failure.errors.map(errorText).join(' '),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {general.length > 0 && result?.failed.length === 0 && (
        <div className="alert" role="alert">
          {general.map((error, index) => (
            <p key={index}>{errorText(error)}</p>
          ))}
        </div>
      )}
      <Form method="post" className="stack" noValidate key={formKey}>
        <input type="hidden" name="intent" value="addShifts" />
        <div className="form-row">
          <div className="field">
            <label htmlFor="date">{t('activities.addShifts.date')}</label>
            <input
              type="date"
              required
              min={tomorrow}
              defaultValue={values?.date ?? tomorrow}
              {...attrs('date')}
            />
            {fieldError('date')}
          </div>
          <div className="field">
            <label htmlFor="capacity">{t('activities.addShifts.capacity')}</label>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={10000}
              step={1}
              required
              defaultValue={values?.capacity ?? '10'}
              {...attrs('capacity')}
            />
            {fieldError('capacity')}
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="start">{t('activities.addShifts.start')}</label>
            <input
              type="time"
              required
              step={300}
              defaultValue={values?.start ?? '09:00'}
              {...attrs('start')}
            />
            {fieldError('start')}
          </div>
          <div className="field">
            <label htmlFor="end">{t('activities.addShifts.end')}</label>
            <input
              type="time"
              required
              step={300}
              defaultValue={values?.end ?? '11:00'}
              {...attrs('end')}
            />
            {fieldError('end')}
          </div>
        </div>
        <div className="field">
          <label htmlFor="weeks">{t('activities.addShifts.repeat')}</label>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_WEEKS}
            step={1}
            defaultValue={values?.weeks ?? '1'}
            {...attrs('weeks', 'weeks-hint')}
          />
          <p className="muted field-hint" id="weeks-hint">
            {t('activities.addShifts.repeatHint')}
          </p>
          {fieldError('weeks')}
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('activities.addShifts.submitting') : t('activities.addShifts.submit')}
          </button>
        </div>
      </Form>
    </section>
  );
}
