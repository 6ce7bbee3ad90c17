// /check-in?code=…: where the QR code at the venue leads. Shows the shift, where the volunteer
// stands on it, and only the step the API says applies now (checkInScan): a 签到 or 签退 button,
// or none with the reason. Plain forms: works without JavaScript.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CheckInScanDocument,
  CheckInWithCodeDocument,
  CheckOutWithCodeDocument,
  CurrentViewerDocument,
  type CheckInResultFragment,
  type CheckInScanQuery,
  type UserError,
} from '../../../schema/generated/graphql';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { useDateTimeFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { useUserErrorText } from '../i18n/user-error';

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.checkIn.title) },
];

const maxCodeLength = 2000;

function codeOf(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, maxCodeLength) : '';
}

type Scan = CheckInScanQuery['checkInScan'];

export async function loader({ request }: LoaderFunctionArgs) {
  // Not signed in: the layout sends them to sign in, which comes back here with the code.
  const code = codeOf(new URL(request.url).searchParams.get('code'));
  if (!code) {
    const { viewer } = await signedInRequest(request, CurrentViewerDocument, {});
    return { viewer, code, scan: null as Scan | null };
  }
  const result = await signedInRequest(request, CheckInScanDocument, { code });
  return { viewer: result.viewer, code, scan: result.checkInScan as Scan | null };
}

interface Outcome {
  intent: 'in' | 'out';
  signup: CheckInResultFragment | null;
  errors: Pick<UserError, 'code' | 'field' | 'message'>[];
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const code = codeOf(form.get('code'));
  const input = { input: { code } };
  let outcome: Outcome;
  if (form.get('intent') === 'out') {
    const { checkOutWithCode: payload } = await gqlRequest(
      request,
      CheckOutWithCodeDocument,
      input,
    );
    outcome = { intent: 'out', signup: payload.signup ?? null, errors: payload.errors };
  } else {
    const { checkInWithCode: payload } = await gqlRequest(request, CheckInWithCodeDocument, input);
    outcome = { intent: 'in', signup: payload.signup ?? null, errors: payload.errors };
  }
  return data(outcome, { status: outcome.errors.length > 0 ? 400 : 200 });
}

/** Reasons the page explains in its own words (the rest as the shared error texts say them). */
const EXPLAINED = [
  'NOT_SIGNED_UP',
  'ALREADY_CHECKED_OUT',
  'TOO_EARLY',
  'SHIFT_ENDED',
  'SHIFT_CANCELLED',
] as const;
type Explained = (typeof EXPLAINED)[number];
const isExplained = (code: string): code is Explained =>
  (EXPLAINED as readonly string[]).includes(code);

/** A code that is no good: said as a problem, not as where the volunteer stands. */
const BAD_CODE = ['INVALID_CODE', 'CODE_EXPIRED'];

export default function CheckInPage() {
  const { code, scan } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const submitting = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const reason = scan?.reason ?? null;

  return (
    <>
      <main id="main" className="page page-narrow check-in-page">
        <h1>{t('checkIn.heading')}</h1>
        {!code || !scan ? (
          <p className="alert" role="alert">
            {t('checkIn.missingCode')}
          </p>
        ) : (
          <>
            {outcome && <CheckInOutcome outcome={outcome} shownReason={reason?.code ?? null} />}
            {scan.shift && <ShiftState scan={scan} />}
            {scan.action ? (
              <Form method="post" className="panel stack">
                <input type="hidden" name="code" value={code} />
                <input
                  type="hidden"
                  name="intent"
                  value={scan.action === 'CHECK_OUT' ? 'out' : 'in'}
                />
                <p className="muted">
                  {scan.action === 'CHECK_OUT' ? t('checkIn.outHint') : t('checkIn.inHint')}
                </p>
                <button type="submit" className="button button-primary" disabled={submitting}>
                  {submitting
                    ? t('checkIn.submitting')
                    : scan.action === 'CHECK_OUT'
                      ? t('checkIn.checkOut')
                      : t('checkIn.checkIn')}
                </button>
              </Form>
            ) : (
              reason &&
              (BAD_CODE.includes(reason.code) ? (
                <p className="alert check-in-reason" role="alert" data-reason={reason.code}>
                  {errorText(reason)}
                </p>
              ) : (
                <p className="notice check-in-reason" data-reason={reason.code}>
                  {isExplained(reason.code) ? t(`checkIn.why.${reason.code}`) : errorText(reason)}
                </p>
              ))
            )}
          </>
        )}
      </main>
    </>
  );
}

/** The shift the code is for, and where the viewer stands on it. */
function ShiftState({ scan }: { scan: Scan }) {
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  const number = useNumberFormat();
  const shift = scan.shift!;
  const signup = scan.signup;
  return (
    <section className="panel" aria-labelledby="check-in-shift">
      <h2 id="check-in-shift" className="panel-heading">
        {shift.activity.title}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('checkIn.when')}</dt>
          <dd>
            <time dateTime={shift.startsAt}>{dates.range(shift.startsAt, shift.endsAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('checkIn.where')}</dt>
          <dd>{shift.activity.location}</dd>
        </div>
        <div className="facts-wide">
          <dt>{t('checkIn.myState')}</dt>
          <dd className="check-in-state" data-attendance={signup?.attendance ?? 'NONE'}>
            <strong>
              {!signup
                ? t('checkIn.state.none')
                : signup.status === 'WAITLISTED'
                  ? t('checkIn.state.waitlisted')
                  : signup.status !== 'CONFIRMED'
                    ? t('checkIn.state.none')
                    : signup.attendance === 'CHECKED_IN' && signup.checkedInAt
                      ? t('checkIn.state.checkedIn', { time: dates.time(signup.checkedInAt) })
                      : signup.attendance === 'CHECKED_OUT' && signup.checkedOutAt
                        ? t('checkIn.state.checkedOut', { time: dates.time(signup.checkedOutAt) })
                        : signup.attendance === 'NO_SHOW'
                          ? t('checkIn.state.noShow')
                          : t('checkIn.state.expected')}
            </strong>
            {signup?.attendance === 'CHECKED_OUT' && signup.checkedInAt && (
              <>
                <br />
                {t('checkIn.checkedInAt', { time: dates.time(signup.checkedInAt) })}
              </>
            )}
            {signup?.attendance === 'CHECKED_OUT' && signup.hours != null && (
              <>
                <br />
                {t('checkIn.hours', { count: signup.hours, n: number.format(signup.hours) })}
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** What the last press did; a refusal the page already explains (`shownReason`) is not repeated. */
function CheckInOutcome({
  outcome,
  shownReason,
}: {
  outcome: Outcome;
  shownReason: string | null;
}) {
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [outcome]);
  const errors = outcome.errors.filter((error) => error.code !== shownReason);
  if (outcome.errors.length > 0 || !outcome.signup) {
    return (
      <div className="alert outcome" role="alert" tabIndex={-1} ref={ref}>
        <p>
          <strong>{t('checkIn.failed')}</strong>
        </p>
        {errors.map((error, index) => (
          <p key={index}>{errorText(error)}</p>
        ))}
      </div>
    );
  }
  const title = outcome.signup.shift.activity.title;
  return (
    <div className="notice outcome" role="status" tabIndex={-1} ref={ref}>
      <p>
        <strong>
          {outcome.intent === 'out'
            ? t('checkIn.checkedOut', { title })
            : t('checkIn.checkedIn', { title })}
        </strong>
      </p>
    </div>
  );
}
