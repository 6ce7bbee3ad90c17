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
  Link,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  RosterCheckInDocument,
  RosterCheckOutDocument,
  RosterConfirmHoursDocument,
  RosterMarkNoShowDocument,
  ShiftManagePageDocument,
  type ActivityUserErrorFragment,
} from '../../../schema/generated/graphql';
import { FilledBadge } from '../components/activities/shared';
import { Outcome } from '../components/shift-manage/Outcome';
import { QrPanel } from '../components/shift-manage/QrPanel';
import { RosterEntry } from '../components/shift-manage/RosterEntry';
import type { ActionResult, Intent, ManagedShift } from '../components/shift-manage/shared';
import { useFreshCode } from '../components/shift-manage/useFreshCode';
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
          {code && <QrPanel code={code} shiftId={shift.id} />}

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
