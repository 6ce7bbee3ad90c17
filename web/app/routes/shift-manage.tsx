// /shifts/:id/manage: the check-in screen of a shift for those who run it — the QR code volunteers
// scan (with its expiry and a link to a fresh one), and the roster with check-in, check-out,
// no-show and the confirmation of hours (optionally corrected) for each volunteer.
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
  useRevalidator,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RosterCheckInDocument,
  RosterCheckOutDocument,
  RosterConfirmHoursDocument,
  RosterMarkNoShowDocument,
  ShiftManagePageDocument,
  type ActivityUserErrorFragment,
  type RosterSignupFragment,
  type ShiftManagePageQuery,
} from '../../../schema/generated/graphql';
import { FilledBadge, useActivityErrorText } from '../components/activities/shared';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { useDateTimeFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import href from '../styles/activities.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

/** Reload after every post, refused or not: others may have changed the shift meanwhile. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  defaultShouldRevalidate,
}) => formMethod === 'POST' || defaultShouldRevalidate;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.activities.manage.title) },
];

type ManagedShift = Extract<NonNullable<ShiftManagePageQuery['node']>, { startsAt: string }>;

type Intent = 'checkIn' | 'checkOut' | 'noShow' | 'confirmHours';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? '';
  const result = await signedInRequest(request, ShiftManagePageDocument, { id });
  const node = result.node;
  const shift = node && 'startsAt' in node ? (node as ManagedShift) : null;
  if (!shift) throw new Response(null, { status: 404 });
  if (!shift.activity.viewerCanManage) throw new Response(null, { status: 403 });
  const code = result.shiftCheckInCode;
  return {
    viewer: result.viewer,
    shift,
    code,
    // Measured here, next to the API's clock: the screen's own clock may be off.
    codeValidForMs: code ? Math.max(0, Date.parse(code.expiresAt) - Date.now()) : null,
    started: Date.parse(shift.startsAt) <= Date.now(),
  };
}

interface ActionResult {
  intent: Intent;
  signupId: string;
  name: string;
  hours: string;
  reason: string;
  ok: boolean;
  errors: ActivityUserErrorFragment[];
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const intent = text('intent') as Intent;
  const signupId = text('signupId');
  const base = {
    intent,
    signupId,
    name: text('name'),
    hours: text('hours'),
    reason: text('reason'),
  };
  const answer = (payload: { errors: ActivityUserErrorFragment[] }) => {
    const ok = payload.errors.length === 0;
    return data<ActionResult>({ ...base, ok, errors: payload.errors }, { status: ok ? 200 : 400 });
  };
  switch (intent) {
    case 'checkIn':
      return answer(
        (await gqlRequest(request, RosterCheckInDocument, { input: { signupId } })).checkIn,
      );
    case 'checkOut':
      return answer(
        (await gqlRequest(request, RosterCheckOutDocument, { input: { signupId } })).checkOut,
      );
    case 'noShow':
      return answer(
        (await gqlRequest(request, RosterMarkNoShowDocument, { input: { signupId } })).markNoShow,
      );
    case 'confirmHours': {
      let minutes: number | null = null;
      if (base.hours) {
        const hours = Number(base.hours);
        if (!Number.isFinite(hours) || hours < 0) {
          return answer({
            errors: [{ code: 'INVALID', field: ['input', 'minutes'], message: '' }],
          });
        }
        minutes = Math.round(hours * 60);
      }
      return answer(
        (
          await gqlRequest(request, RosterConfirmHoursDocument, {
            input: {
              signupId,
              ...(minutes === null ? {} : { minutes }),
              ...(base.reason ? { reason: base.reason } : {}),
            },
          })
        ).confirmHours,
      );
    }
    default:
      throw new Response(null, { status: 400 });
  }
}

/**
 * Fetches a fresh QR code (reloading the page's data, the roster with it) a little before the one
 * shown expires, and again every 15 s while that fails; and at once when a screen that slept
 * wakes up past that moment. Without JavaScript the page has its refresh link.
 */
function useFreshCode(expiresAt: string | null, validForMs: number | null) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    if (expiresAt === null || validForMs === null) return;
    const lead = Math.min(60_000, validForMs / 2);
    const due = Date.now() + Math.max(1_000, validForMs - lead);
    let timer: ReturnType<typeof setTimeout>;
    const refresh = () => {
      revalidate.current();
      timer = setTimeout(refresh, 15_000);
    };
    timer = setTimeout(refresh, due - Date.now());
    const onWake = () => {
      if (document.visibilityState !== 'visible' || Date.now() < due) return;
      clearTimeout(timer);
      refresh();
    };
    document.addEventListener('visibilitychange', onWake);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onWake);
    };
  }, [expiresAt, validForMs]);
}

export default function ShiftManagePage() {
  const { shift, code, codeValidForMs, started } = useLoaderData<typeof loader>();
  useFreshCode(code?.expiresAt ?? null, codeValidForMs);
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const number = useNumberFormat();
  const dates = useDateTimeFormat();
  const signups = shift.signups ?? [];
  const cancelled = shift.status === 'CANCELLED';

  return (
    <>
      <main id="main" className="page shift-manage">
        <p className="back-link">
          <Link to={`/activities/${encodeURIComponent(shift.activity.id)}`}>
            ← {t('activities.manage.back')}
          </Link>
        </p>
        <h1>{shift.activity.title}</h1>
        <p className="lead">
          <time dateTime={shift.startsAt}>{dates.range(shift.startsAt, shift.endsAt)}</time> ·{' '}
          {shift.activity.location}
        </p>
        {cancelled && (
          <p className="alert">
            {t('activities.manage.cancelled')}{' '}
            {shift.cancelReason &&
              t('activities.detail.cancelReason', { reason: shift.cancelReason })}
          </p>
        )}

        <div className="manage-layout">
          {code && (
            <section className="panel qr-panel" aria-labelledby="qr-heading">
              <h2 id="qr-heading" className="panel-heading">
                {t('activities.manage.qrHeading')}
              </h2>
              <p className="muted">{t('activities.manage.qrIntro')}</p>
              <div
                className="qr-code"
                role="img"
                aria-label={t('activities.manage.qrLabel')}
                // The API draws the SVG (the qrcode library) from the signed check-in link.
                dangerouslySetInnerHTML={{ __html: code.qrSvg }}
              />
              <p className="qr-expiry" data-expires-at={code.expiresAt}>
                {t('activities.manage.expires', {
                  time: `${dates.day(code.expiresAt)} ${dates.time(code.expiresAt)}`,
                })}
              </p>
              <p className="muted">{t('activities.manage.autoRefresh')}</p>
              <p>
                <a className="button" href={`/shifts/${encodeURIComponent(shift.id)}/manage`}>
                  {t('activities.manage.refresh')}
                </a>
              </p>
              <details>
                <summary>{t('activities.manage.link')}</summary>
                <p className="qr-url">
                  <a href={code.url}>{code.url}</a>
                </p>
              </details>
            </section>
          )}

          <section className="roster" aria-labelledby="roster-heading">
            <div className="section-head">
              <h2 id="roster-heading">{t('activities.manage.roster')}</h2>
              <FilledBadge shift={shift} />
            </div>
            <p className="muted">
              {t('activities.manage.rosterCount', {
                count: shift.capacity,
                confirmed: number.format(shift.confirmedCount),
                waitlist: number.format(shift.waitlistCount),
                capacity: number.format(shift.capacity),
              })}
            </p>
            {result && <Outcome result={result} />}
            {signups.length === 0 ? (
              <p className="panel">{t('activities.manage.noSignups')}</p>
            ) : (
              <ul className="card-list roster-list">
                {signups.map((signup) => (
                  <li key={signup.id}>
                    <RosterEntry
                      signup={signup}
                      started={started}
                      cancelled={cancelled}
                      result={result?.signupId === signup.id && !result.ok ? result : null}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </main>
    </>
  );
}

function Outcome({ result }: { result: ActionResult }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), [result]);
  if (!result.ok) return null;
  const name = result.name;
  const text =
    result.intent === 'checkIn'
      ? t('activities.manage.didCheckIn', { name })
      : result.intent === 'checkOut'
        ? t('activities.manage.didCheckOut', { name })
        : result.intent === 'noShow'
          ? t('activities.manage.didNoShow', { name })
          : t('activities.manage.didConfirm', { name });
  return (
    <p className="notice outcome" role="status" tabIndex={-1} ref={ref}>
      {text}
    </p>
  );
}

function RosterEntry({
  signup,
  started,
  cancelled,
  result,
}: {
  signup: RosterSignupFragment;
  started: boolean;
  cancelled: boolean;
  result: ActionResult | null;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const dates = useDateTimeFormat();
  const errorText = useActivityErrorText();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formData?.get('signupId') === signup.id;
  const name = signup.volunteer.realName;
  const confirmed = signup.status === 'CONFIRMED';
  const attendance = signup.attendance;
  const errors = result?.errors ?? [];
  const hoursErrors = result?.intent === 'confirmHours' ? errors : [];
  const reasonErrors = hoursErrors.filter((e) => e.field?.[1] === 'reason');
  const minutesErrors = hoursErrors.filter((e) => e.field?.[1] !== 'reason');
  const otherErrors = result?.intent === 'confirmHours' ? [] : errors;
  const hoursId = `hours-${signup.id}`;
  const errorId = `signup-${signup.id}-error`;
  const hidden = (
    <>
      <input type="hidden" name="signupId" value={signup.id} />
      <input type="hidden" name="name" value={name} />
    </>
  );

  return (
    <article
      className="roster-entry"
      data-signup-id={signup.id}
      data-attendance={attendance}
      data-status={signup.status}
      aria-label={name}
    >
      <div className="roster-head">
        <p className="roster-name">
          <strong>{name}</strong> <span className="muted">{signup.volunteer.phone}</span>
        </p>
        <span className="badge-group">
          {confirmed ? (
            <span
              className={
                attendance === 'NO_SHOW'
                  ? 'badge badge-warn'
                  : attendance === 'EXPECTED'
                    ? 'badge badge-neutral'
                    : 'badge badge-ok'
              }
            >
              {t(`activities.attendance.${attendance}`)}
            </span>
          ) : (
            <span className="badge badge-warn">
              {t('activities.manage.waitlisted', {
                n: number.format(signup.waitlistPosition ?? 0),
              })}
            </span>
          )}
        </span>
      </div>
      {(signup.checkedInAt || signup.checkedOutAt || signup.hours !== null) && (
        <p className="muted roster-times">
          {signup.checkedInAt &&
            t('activities.manage.checkedInAt', { time: dates.time(signup.checkedInAt) })}
          {signup.checkedOutAt && (
            <> · {t('activities.manage.checkedOutAt', { time: dates.time(signup.checkedOutAt) })}</>
          )}
          {signup.hours !== null && (
            <>
              {' · '}
              {signup.hoursConfirmed
                ? t('activities.manage.hoursConfirmed', { n: number.format(signup.hours) })
                : t('activities.manage.hours', { n: number.format(signup.hours) })}
            </>
          )}
        </p>
      )}
      {otherErrors.length > 0 && (
        <p className="field-error" id={errorId} role="alert">
          {otherErrors.map(errorText).join(' ')}
        </p>
      )}
      {confirmed && !cancelled && (
        <div
          className="roster-actions"
          role="group"
          aria-label={t('activities.manage.actionsFor', { name })}
        >
          {(attendance === 'EXPECTED' || attendance === 'NO_SHOW') && (
            <Form method="post" className="inline-form">
              {hidden}
              <button
                type="submit"
                name="intent"
                value="checkIn"
                className="button button-primary"
                disabled={busy}
                aria-describedby={otherErrors.length > 0 ? errorId : undefined}
              >
                {t('activities.manage.checkIn')}
              </button>
            </Form>
          )}
          {attendance === 'CHECKED_IN' && (
            <Form method="post" className="inline-form">
              {hidden}
              <button
                type="submit"
                name="intent"
                value="checkOut"
                className="button button-primary"
                disabled={busy}
                aria-describedby={otherErrors.length > 0 ? errorId : undefined}
              >
                {t('activities.manage.checkOut')}
              </button>
            </Form>
          )}
          {attendance === 'EXPECTED' && (
            <Form method="post" className="inline-form">
              {hidden}
              <button
                type="submit"
                name="intent"
                value="noShow"
                className="button button-quiet"
                disabled={busy || !started}
                title={started ? undefined : t('activities.manage.noShowHint')}
                aria-describedby={started ? undefined : `noshow-hint-${signup.id}`}
              >
                {t('activities.manage.noShow')}
              </button>
              {!started && (
                <span className="visually-hidden" id={`noshow-hint-${signup.id}`}>
                  {t('activities.manage.noShowHint')}
                </span>
              )}
            </Form>
          )}
          {attendance === 'CHECKED_OUT' && !signup.hoursConfirmed && (
            <Form method="post" className="confirm-hours">
              {hidden}
              <div className="field">
                <label htmlFor={hoursId}>{t('activities.manage.correctHours')}</label>
                <input
                  id={hoursId}
                  name="hours"
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step={0.25}
                  defaultValue={
                    result?.intent === 'confirmHours' ? result.hours : String(signup.hours ?? '')
                  }
                  aria-invalid={minutesErrors.length > 0 || undefined}
                  aria-describedby={minutesErrors.length > 0 ? `${hoursId}-error` : undefined}
                />
                {minutesErrors.length > 0 && (
                  <p className="field-error" id={`${hoursId}-error`} role="alert">
                    {minutesErrors.map(errorText).join(' ')}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={`${hoursId}-reason`}>{t('activities.manage.hoursReason')}</label>
                <input
                  id={`${hoursId}-reason`}
                  name="reason"
                  maxLength={500}
                  defaultValue={result?.intent === 'confirmHours' ? result.reason : ''}
                  aria-invalid={reasonErrors.length > 0 || undefined}
                  aria-describedby={
                    reasonErrors.length > 0
                      ? `${hoursId}-reason-hint ${hoursId}-reason-error`
                      : `${hoursId}-reason-hint`
                  }
                />
                <p className="muted field-hint" id={`${hoursId}-reason-hint`}>
                  {t('activities.manage.hoursReasonHint')}
                </p>
                {reasonErrors.length > 0 && (
                  <p className="field-error" id={`${hoursId}-reason-error`} role="alert">
                    {reasonErrors.map(errorText).join(' ')}
                  </p>
                )}
              </div>
              <button
                type="submit"
                name="intent"
                value="confirmHours"
                className="button button-primary"
                disabled={busy}
              >
                {t('activities.manage.confirmHours')}
              </button>
            </Form>
          )}
        </div>
      )}
    </article>
  );
}
