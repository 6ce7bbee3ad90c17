// /social/pairings/:id: one pairing — the volunteer, when supervision is due, the score that
// proposed the pair, its supervision log (newest first, paged, with each contact's minutes and
// the total hours) and the form to record a supervision. Whoever the API lets (`viewerCanEnd`:
// its social worker, its community's staff, the office) may end it, with a reason and an end
// date, in a form behind a disclosure (works without JavaScript). An ended pairing is read-only.
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
  EndPairingDocument,
  LogSupervisionDocument,
  SocialPairingPageDocument,
  type SupervisionMode,
  type UserError,
} from '../../../schema/generated/graphql';
import { DaysSince, OverdueBadge, useHoursText } from '../components/Supervision';
import { gqlRequest, GraphQLRequestError, signedInRequest } from '../graphql/client.server';
import { shanghaiDay, useDayFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { fieldOf, useUserErrorText } from '../i18n/user-error';
import href from '../styles/social.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.social.pairingTitle) },
];

type Errors = Pick<UserError, 'code' | 'field' | 'message'>[];

const modes: SupervisionMode[] = ['IN_PERSON', 'PHONE', 'ONLINE', 'GROUP'];
const LOGS_PER_PAGE = 10;
const logFields = ['date', 'mode', 'durationMinutes', 'notes'] as const;
type LogValues = Record<(typeof logFields)[number], string>;

const required = (field: string): Errors[number] => ({
  code: 'REQUIRED',
  field: ['input', field],
  message: '',
});

/** Refusals that mean the pairing ended meanwhile. */
const ENDED_CODES = new Set(['ALREADY_ENDED', 'PAIRING_ENDED']);

// A refused post (4xx) normally keeps the loaded page; when the refusal is that the pairing has
// ended meanwhile, the page reloads so that it shows it ended, without its forms (as it does
// without JavaScript).
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionResult,
  defaultShouldRevalidate,
}) => {
  const errors = (actionResult as { errors?: { code: string }[] } | undefined)?.errors ?? [];
  return errors.some((error) => ENDED_CODES.has(error.code)) || defaultShouldRevalidate;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const after = url.searchParams.get('after') || null;
  let result;
  try {
    result = await signedInRequest(request, SocialPairingPageDocument, {
      id: params.id ?? '',
      first: LOGS_PER_PAGE,
      after,
    });
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.codes.includes('BAD_USER_INPUT') && after) {
      throw redirect(url.pathname);
    }
    throw error;
  }
  const node = result.node;
  if (!node || node.__typename !== 'Pairing') {
    throw new Response(null, { status: 404, statusText: 'Not Found' });
  }
  const doneParam = url.searchParams.get('done');
  const done: 'logged' | 'ended' | null =
    doneParam === 'logged' || doneParam === 'ended' ? doneParam : null;
  const logs = node.supervisionLogs;
  return {
    viewer: result.viewer,
    pairing: node,
    logs: logs.edges.map((edge) => edge.node),
    logTotal: logs.totalCount,
    olderCursor: logs.pageInfo.hasNextPage ? logs.pageInfo.endCursor : null,
    paged: after !== null,
    done,
    today: shanghaiDay(new Date()),
    startDay: shanghaiDay(new Date(node.confirmedAt)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? '';
  const here = `/social/pairings/${encodeURIComponent(id)}`;
  const form = await request.formData();
  const intent = form.get('intent');

  if (intent === 'end') {
    const reason = String(form.get('reason') ?? '').trim();
    const endDate = String(form.get('endDate') ?? '').trim();
    const values = { reason, endDate };
    if (!reason) {
      return data(
        { intent: 'end' as const, values, errors: [required('reason')] },
        { status: 400 },
      );
    }
    const { endPairing: payload } = await gqlRequest(request, EndPairingDocument, {
      // An empty date is today's, as the API has it.
      input: { id, reason, endDate: endDate || null },
    });
    if (payload.errors.length > 0) {
      return data({ intent: 'end' as const, values, errors: payload.errors }, { status: 400 });
    }
    return redirect(`${here}?done=ended`);
  }

  if (intent !== 'log') throw new Response(null, { status: 400 });
  const values = Object.fromEntries(
    logFields.map((name) => [name, String(form.get(name) ?? '')]),
  ) as LogValues;
  values.date = values.date.trim();
  values.durationMinutes = values.durationMinutes.trim();
  const errors: Errors = [];
  if (!values.date) errors.push(required('date'));
  if (!values.mode) errors.push(required('mode'));
  else if (!modes.includes(values.mode as SupervisionMode)) {
    errors.push({ code: 'INVALID', field: ['input', 'mode'], message: '' });
  }
  if (!values.durationMinutes) errors.push(required('durationMinutes'));
  else if (!/^\d{1,6}$/.test(values.durationMinutes)) {
    // Not a whole number: no Int to send; the range itself is the API's to judge.
    errors.push({
      code: 'DURATION_OUT_OF_RANGE',
      field: ['input', 'durationMinutes'],
      message: '',
    });
  }
  if (errors.length > 0) return data({ intent: 'log' as const, values, errors }, { status: 400 });
  const { logSupervision: payload } = await gqlRequest(request, LogSupervisionDocument, {
    input: {
      pairingId: id,
      date: values.date,
      mode: values.mode as SupervisionMode,
      durationMinutes: Number(values.durationMinutes),
      notes: values.notes.trim() || null,
    },
  });
  if (payload.errors.length > 0) {
    return data({ intent: 'log' as const, values, errors: payload.errors }, { status: 400 });
  }
  return redirect(`${here}?done=logged`);
}

export default function SocialPairingPage() {
  const loaded = useLoaderData<typeof loader>();
  // A refused post answers on the same address: the last success's notice must not stand
  // beside its errors.
  const actionData = useActionData<typeof action>();
  const refusedNow = (actionData?.errors?.length ?? 0) > 0;
  const { viewer, pairing, logs, logTotal, olderCursor, paged, done } = loaded;
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const day = useDayFormat();
  const number = useNumberFormat();
  const hours = useHoursText();
  const { volunteer } = pairing;
  const active = pairing.status === 'ACTIVE';
  // Refused because the pairing ended meanwhile (e.g. someone else ended it): its form is gone,
  // so the refusal is said here.
  const refusedWhenEnded = !active && refusedNow ? (actionData?.errors ?? []) : [];
  const here = `/social/pairings/${encodeURIComponent(pairing.id)}`;
  const components = pairing.components;

  return (
    <>
      <main id="main" className="page page-narrow social-page">
        {viewer.role === 'SOCIAL_WORKER' && (
          <p className="back-link">
            <Link to="/social">← {t('social.back')}</Link>
          </p>
        )}
        <div className="title-row">
          <h1>{t('social.pairingHeading', { name: volunteer.realName })}</h1>
          <span className="badge-group" data-testid="pairing-badges">
            {active ? (
              <OverdueBadge overdue={pairing.supervisionOverdue} />
            ) : (
              <span className="badge badge-neutral">{t('social.pairingStatus.ENDED')}</span>
            )}
          </span>
        </div>
        {done && !refusedNow && <Done done={done} />}
        {refusedWhenEnded.length > 0 && (
          <div className="alert" role="alert">
            {refusedWhenEnded.map((error, index) => (
              <p key={index}>{errorText(error)}</p>
            ))}
          </div>
        )}

        <section className="panel" aria-labelledby="volunteer-heading">
          <h2 id="volunteer-heading" className="panel-heading">
            {t('social.volunteer')}
          </h2>
          <dl className="facts social-pairing-facts">
            <div>
              <dt>{t('social.name')}</dt>
              <dd>{volunteer.realName}</dd>
            </div>
            <div>
              <dt>{t('social.phone')}</dt>
              <dd>
                {volunteer.phoneMasked ? (
                  volunteer.phone
                ) : (
                  <a href={`tel:${volunteer.phone}`}>{volunteer.phone}</a>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('social.skills')}</dt>
              <dd>
                {volunteer.skills.length === 0
                  ? t('social.noSkills')
                  : volunteer.skills.map((skill) => t(`skill.${skill}`)).join('、')}
              </dd>
            </div>
            <div>
              <dt>{t('social.grid')}</dt>
              <dd>{volunteer.grid?.name ?? t('social.noGrid')}</dd>
            </div>
            <div>
              <dt>{t('social.socialWorker')}</dt>
              <dd>{pairing.socialWorker.user.displayName}</dd>
            </div>
            <div>
              <dt>{t('social.status')}</dt>
              <dd>{t(`social.pairingStatus.${pairing.status}`)}</dd>
            </div>
            <div>
              <dt>{t('social.confirmedAt')}</dt>
              <dd>
                <time dateTime={loaded.startDay}>{day(loaded.startDay)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('social.lastContact')}</dt>
              <dd data-testid="last-contact" data-date={pairing.lastContactDate}>
                <time dateTime={pairing.lastContactDate}>{day(pairing.lastContactDate)}</time>{' '}
                <span className="muted">
                  (<DaysSince days={pairing.daysSinceContact} />)
                </span>
              </dd>
            </div>
            {active ? (
              <div>
                <dt>{t('social.due')}</dt>
                <dd>
                  <time dateTime={pairing.nextContactDue}>{day(pairing.nextContactDue)}</time>
                </dd>
              </div>
            ) : (
              <>
                {(pairing.endDate || pairing.endedAt) && (
                  <div>
                    <dt>{t('social.endedAt')}</dt>
                    <dd data-testid="end-date">
                      <EndDay endDate={pairing.endDate} endedAt={pairing.endedAt} />
                    </dd>
                  </div>
                )}
                {pairing.endReason && (
                  <div className="facts-wide">
                    <dt>{t('social.endReasonLabel')}</dt>
                    <dd className="pre-line">{pairing.endReason}</dd>
                  </div>
                )}
              </>
            )}
          </dl>
        </section>

        <section className="panel" aria-labelledby="score-heading">
          <h2 id="score-heading" className="panel-heading">
            {t('social.score')}
          </h2>
          {!components ? (
            <p className="muted">{t('social.noScore')}</p>
          ) : (
            <dl className="facts social-score">
              <div>
                <dt>{t('social.scoreTotal')}</dt>
                <dd>
                  <strong>
                    {t('social.points', {
                      count: components.total,
                      n: number.format(components.total),
                    })}
                  </strong>
                </dd>
              </div>
              <div>
                <dt>{t('social.scoreSkillFit')}</dt>
                <dd>
                  {t('social.points', {
                    count: components.skillFit,
                    n: number.format(components.skillFit),
                  })}
                  {components.matchedSpecialties.length > 0 && (
                    <span className="muted">
                      {' '}
                      · {t('social.scoreMatched')}:{' '}
                      {components.matchedSpecialties
                        .map((specialty) => t(`specialty.${specialty}`))
                        .join('、')}
                    </span>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('social.scoreSameGrid')}</dt>
                <dd>
                  {t('social.points', {
                    count: components.sameGrid,
                    n: number.format(components.sameGrid),
                  })}
                </dd>
              </div>
              <div>
                <dt>{t('social.scoreAvailability')}</dt>
                <dd>
                  {t('social.points', {
                    count: components.availability,
                    n: number.format(components.availability),
                  })}
                  <span className="muted">
                    {' '}
                    ·{' '}
                    {t('social.scoreOverlap', {
                      count: components.overlapHoursPerWeek,
                      hours: number.format(components.overlapHoursPerWeek),
                    })}
                  </span>
                </dd>
              </div>
              <div>
                <dt>{t('social.scoreCapacity')}</dt>
                <dd>
                  {t('social.points', {
                    count: components.capacity,
                    n: number.format(components.capacity),
                  })}
                </dd>
              </div>
            </dl>
          )}
        </section>

        {active ? <LogForm /> : <p className="panel">{t('social.endedNote')}</p>}

        <section className="section" aria-labelledby="logs-heading">
          <div className="section-head">
            <h2 id="logs-heading">{t('social.logs')}</h2>
            <span className="result-count">
              {t('social.logsCount', { n: number.format(logTotal) })}
            </span>
          </div>
          <dl className="stats social-stats">
            <div>
              <dt>{t('social.totalHours')}</dt>
              <dd
                className="stat-value"
                data-testid="total-hours"
                data-minutes={pairing.supervisionMinutes}
              >
                {hours(pairing.supervisionMinutes)}
              </dd>
            </div>
          </dl>
          {logs.length === 0 ? (
            <p className="panel">{t('social.noLogs')}</p>
          ) : (
            <ol className="history social-logs">
              {logs.map((log) => (
                <li key={log.id} data-log-id={log.id}>
                  <p className="history-head">
                    <strong>
                      <time dateTime={log.date}>{day(log.date)}</time>
                    </strong>
                    <span className="badge badge-neutral">
                      {t(`social.supervisionMode.${log.mode}`)}
                    </span>
                    <span className="social-duration" data-testid="log-duration">
                      {log.durationMinutes == null ? (
                        <span className="muted">{t('social.noDuration')}</span>
                      ) : (
                        t('social.minutes', {
                          count: log.durationMinutes,
                          n: number.format(log.durationMinutes),
                        })
                      )}
                    </span>
                  </p>
                  {log.notes && <p className="history-note pre-line">{log.notes}</p>}
                  <p className="muted">{t('social.logBy', { name: log.author.displayName })}</p>
                </li>
              ))}
            </ol>
          )}
          {(olderCursor || paged) && (
            <p className="button-row">
              {paged && (
                <Link className="button button-quiet" to={here}>
                  {t('social.newestLogs')}
                </Link>
              )}
              {olderCursor && (
                <Link
                  className="button"
                  to={`${here}?${new URLSearchParams({ after: olderCursor })}`}
                >
                  {t('social.olderLogs')}
                </Link>
              )}
            </p>
          )}
        </section>

        {active && pairing.viewerCanEnd && <EndPairing />}
      </main>
    </>
  );
}

/** The day it ended: the one given when it was ended, else (ended before days were given) when. */
function EndDay({ endDate, endedAt }: { endDate: string | null; endedAt: string | null }) {
  const day = useDayFormat();
  const date = endDate ?? (endedAt ? shanghaiDay(new Date(endedAt)) : '');
  return <time dateTime={date}>{day(date)}</time>;
}

function Done({ done }: { done: 'logged' | 'ended' }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [done]);
  return (
    <div className="notice outcome" role="status" tabIndex={-1} ref={ref}>
      <p>
        <strong>{done === 'logged' ? t('social.logged') : t('social.ended')}</strong>
      </p>
    </div>
  );
}

/** Messages beside a field, announced when they appear. */
function useFieldMessages(errors: Errors) {
  const errorText = useUserErrorText();
  const errorsOf = (name: string) => errors.filter((error) => fieldOf(error) === name);
  return {
    /** aria attributes for the field; `hint` is the id of its hint, kept when there is an error. */
    describe: (name: string, hint?: string) => {
      const invalid = errorsOf(name).length > 0;
      const ids = [hint, invalid ? `${name}-error` : undefined].filter(Boolean).join(' ');
      return {
        ...(invalid ? { 'aria-invalid': true as const } : {}),
        ...(ids ? { 'aria-describedby': ids } : {}),
      };
    },
    message: (name: string) =>
      errorsOf(name).length > 0 && (
        <p className="field-error" id={`${name}-error`} role="alert">
          {errorsOf(name).map(errorText).join(' ')}
        </p>
      ),
    general: errors.filter(
      (error) =>
        !['date', 'mode', 'durationMinutes', 'notes', 'reason', 'endDate'].includes(fieldOf(error)),
    ),
  };
}

function LogForm() {
  const { today, startDay, logTotal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const busy =
    navigation.state !== 'idle' &&
    navigation.formMethod === 'POST' &&
    navigation.formData?.get('intent') === 'log';
  const mine = actionData?.intent === 'log' ? actionData : null;
  const values: Partial<LogValues> = mine?.values ?? {};
  const { describe, message, general } = useFieldMessages(mine?.errors ?? []);

  return (
    <section className="panel" aria-labelledby="log-heading">
      <h2 id="log-heading" className="panel-heading">
        {t('social.logHeading')}
      </h2>
      {mine && (
        <div className="alert" role="alert">
          <p>
            <strong>{t('social.failed')}</strong>
          </p>
          {general.map((error, index) => (
            <p key={index}>{errorText(error)}</p>
          ))}
        </div>
      )}
      {/* A new key after each saved log empties the form. */}
      <Form method="post" className="stack social-log-form" noValidate key={logTotal}>
        <input type="hidden" name="intent" value="log" />
        <div className="form-row">
          <div className="field">
            <label htmlFor="date">{t('social.date')}</label>
            <input
              id="date"
              name="date"
              type="date"
              min={startDay}
              max={today}
              defaultValue={values.date ?? today}
              {...describe('date', 'date-hint')}
            />
            <p className="muted field-hint" id="date-hint">
              {t('social.dateHint')}
            </p>
            {message('date')}
          </div>
          <div className="field">
            <label htmlFor="mode">{t('social.mode')}</label>
            <select id="mode" name="mode" defaultValue={values.mode ?? ''} {...describe('mode')}>
              <option value="">{t('social.chooseMode')}</option>
              {modes.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`social.supervisionMode.${mode}`)}
                </option>
              ))}
            </select>
            {message('mode')}
          </div>
        </div>
        <div className="field">
          <label htmlFor="durationMinutes">{t('social.duration')}</label>
          <input
            id="durationMinutes"
            name="durationMinutes"
            type="number"
            inputMode="numeric"
            min={5}
            max={600}
            step={1}
            className="social-duration-input"
            defaultValue={values.durationMinutes ?? ''}
            {...describe('durationMinutes', 'durationMinutes-hint')}
          />
          <p className="muted field-hint" id="durationMinutes-hint">
            {t('social.durationHint')}
          </p>
          {message('durationMinutes')}
        </div>
        <div className="field">
          <label htmlFor="notes">{t('social.notes')}</label>
          <textarea
            id="notes"
            name="notes"
            rows={4}
            maxLength={5000}
            defaultValue={values.notes ?? ''}
            {...describe('notes', 'notes-hint')}
          />
          <p className="muted field-hint" id="notes-hint">
            {t('social.notesHint')}
          </p>
          {message('notes')}
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('social.saving') : t('social.save')}
          </button>
        </div>
      </Form>
    </section>
  );
}

function EndPairing() {
  const { pairing, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const mine = actionData?.intent === 'end' ? actionData : null;
  const { describe, message, general } = useFieldMessages(mine?.errors ?? []);
  const busy =
    navigation.state !== 'idle' &&
    navigation.formMethod === 'POST' &&
    navigation.formData?.get('intent') === 'end';

  return (
    <section className="panel social-end" aria-labelledby="end-heading">
      <h2 id="end-heading" className="panel-heading">
        {t('social.endHeading')}
      </h2>
      <p className="muted" id="end-intro">
        {t('social.endIntro')}
      </p>
      {/* Nothing ends without opening this and confirming; a refused end keeps it open. */}
      <details className="cancel-signup social-end-confirm" open={mine ? true : undefined}>
        <summary className="button button-quiet">{t('social.endStart')}</summary>
        {mine && (
          <div className="alert" role="alert">
            <p>
              <strong>{t('social.endFailed')}</strong>
            </p>
            {general.map((error, index) => (
              <p key={index}>{errorText(error)}</p>
            ))}
          </div>
        )}
        <Form method="post" className="stack cancel-confirm" noValidate>
          <input type="hidden" name="intent" value="end" />
          <div className="field">
            <label htmlFor="reason">{t('social.endReason')}</label>
            <textarea
              id="reason"
              name="reason"
              rows={3}
              maxLength={500}
              defaultValue={mine?.values.reason ?? ''}
              {...describe('reason')}
            />
            {message('reason')}
          </div>
          <div className="field">
            <label htmlFor="endDate">{t('social.endDate')}</label>
            <input
              id="endDate"
              name="endDate"
              type="date"
              min={pairing.lastContactDate}
              max={today}
              defaultValue={mine?.values.endDate ?? today}
              {...describe('endDate', 'endDate-hint')}
            />
            <p className="muted field-hint" id="endDate-hint">
              {t('social.endDateHint')}
            </p>
            {message('endDate')}
          </div>
          <div className="button-row">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy}
              aria-describedby="end-intro"
            >
              {t('social.endConfirm')}
            </button>
          </div>
        </Form>
      </details>
    </section>
  );
}
