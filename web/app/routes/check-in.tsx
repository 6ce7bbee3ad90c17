// /check-in?code=…: where the QR code at the venue leads. A button checks the volunteer in with the
// code (checkInWithCode); once checked in, another checks them out (checkOutWithCode).
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
  CheckInWithCodeDocument,
  CheckOutWithCodeDocument,
  CurrentViewerDocument,
  type CheckInResultFragment,
  type UserError,
} from '../../../schema/generated/graphql';
import { expiredSessionRedirect, requireToken } from '../auth/session.server';
import { AppHeader } from '../components/AppHeader';
import { gqlRequest } from '../graphql/client.server';
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

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  const { viewer } = await gqlRequest(request, CurrentViewerDocument, {});
  if (!viewer) throw await expiredSessionRedirect(request);
  return { viewer, code: codeOf(new URL(request.url).searchParams.get('code')) };
}

interface Outcome {
  intent: 'in' | 'out';
  signup: CheckInResultFragment | null;
  errors: Pick<UserError, 'code' | 'field' | 'message'>[];
}

export async function action({ request }: ActionFunctionArgs) {
  await requireToken(request);
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

export default function CheckInPage() {
  const { viewer, code } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const submitting = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const signup = outcome?.signup ?? null;
  // Checked in (now or before): what is left is checking out.
  const checkedIn =
    (signup?.checkedInAt && !signup.checkedOutAt) ||
    outcome?.errors.some((error) => error.code === 'ALREADY_CHECKED_IN');
  const done =
    Boolean(signup?.checkedOutAt) || outcome?.errors.some((e) => e.code === 'ALREADY_CHECKED_OUT');
  const intent = checkedIn ? 'out' : 'in';

  return (
    <>
      <AppHeader viewer={viewer} />
      <main id="main" className="page page-narrow">
        <h1>{t('checkIn.heading')}</h1>
        {!code ? (
          <p className="alert" role="alert">
            {t('checkIn.missingCode')}
          </p>
        ) : (
          <>
            <p className="lead">{t('checkIn.intro')}</p>
            {outcome && <CheckInOutcome outcome={outcome} />}
            {!done && (
              <Form method="post" className="panel stack">
                <input type="hidden" name="code" value={code} />
                <input type="hidden" name="intent" value={intent} />
                <button type="submit" className="button button-primary" disabled={submitting}>
                  {submitting
                    ? t('checkIn.submitting')
                    : intent === 'out'
                      ? t('checkIn.checkOut')
                      : t('checkIn.checkIn')}
                </button>
              </Form>
            )}
          </>
        )}
      </main>
    </>
  );
}

function CheckInOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  const number = useNumberFormat();
  const errorText = useUserErrorText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [outcome]);
  const signup = outcome.signup;
  if (outcome.errors.length > 0 || !signup) {
    return (
      <div className="alert outcome" role="alert" tabIndex={-1} ref={ref}>
        <p>
          <strong>{t('checkIn.failed')}</strong>
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
          {signup.checkedOutAt
            ? t('checkIn.checkedOut', { title })
            : t('checkIn.checkedIn', { title })}
        </strong>
      </p>
      <p className="muted">
        {signup.shift.activity.location} · {dates.range(signup.shift.startsAt, signup.shift.endsAt)}
      </p>
      {signup.checkedInAt && (
        <p>{t('checkIn.checkedInAt', { time: dates.time(signup.checkedInAt) })}</p>
      )}
      {signup.checkedOutAt && (
        <p>{t('checkIn.checkedOutAt', { time: dates.time(signup.checkedOutAt) })}</p>
      )}
      {signup.hours !== null && signup.hours !== undefined && (
        <p>{t('checkIn.hours', { count: signup.hours, n: number.format(signup.hours) })}</p>
      )}
    </div>
  );
}
