// /my/shifts: my sign-ups (confirmed, and waitlisted with my place in line; a waitlist place whose
// shift ended shows as closed, without a button) with a cancel button behind a confirmation (a
// disclosure holding the real button, so it works without JavaScript),
// my verified hours and star level, my service record, and my private calendar link.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CancelSignupDocument,
  IssueCalendarFeedDocument,
  MyShiftsPageDocument,
  type UserError,
} from '../../../schema/generated/graphql';
import { ShiftCard, SignupBadge } from '../components/ShiftCard';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { useUserErrorText } from '../i18n/user-error';

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.myShifts.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const result = await signedInRequest(request, MyShiftsPageDocument, {});
  return {
    viewer: result.viewer,
    profile: result.myVolunteerProfile,
    signups: result.mySignups.filter((signup) => signup.status !== 'CANCELLED'),
  };
}

type Errors = Pick<UserError, 'code' | 'field' | 'message'>[];
type Outcome =
  | { intent: 'cancel'; signupId: string; title: string; errors: Errors }
  | { intent: 'calendar'; url: string | null; errors: Errors };

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get('intent') === 'calendar') {
    const { issueCalendarFeed: payload } = await gqlRequest(request, IssueCalendarFeedDocument, {});
    const outcome: Outcome = {
      intent: 'calendar',
      url: payload.url ?? null,
      errors: payload.errors,
    };
    return data(outcome, { status: payload.errors.length > 0 ? 400 : 200 });
  }
  const signupId = String(form.get('signupId') ?? '');
  const title = String(form.get('title') ?? '');
  const { cancelSignup: payload } = await gqlRequest(request, CancelSignupDocument, {
    input: { signupId },
  });
  const outcome: Outcome = { intent: 'cancel', signupId, title, errors: payload.errors };
  return data(outcome, { status: payload.errors.length > 0 ? 400 : 200 });
}

export default function MyShiftsPage() {
  const { profile, signups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const number = useNumberFormat();
  const pending =
    navigation.state !== 'idle' && navigation.formMethod === 'POST' ? navigation.formData : null;
  const cancelOutcome = actionData?.intent === 'cancel' ? actionData : null;
  const calendarOutcome = actionData?.intent === 'calendar' ? actionData : null;

  return (
    <>
      <main id="main" className="page page-narrow">
        <h1>{t('myShifts.heading')}</h1>
        {cancelOutcome && cancelOutcome.errors.length === 0 && (
          <Outcome kind="status">
            <strong>{t('myShifts.cancelledOutcome', { title: cancelOutcome.title })}</strong>
          </Outcome>
        )}
        {profile ? (
          <dl className="panel stats">
            <div>
              <dt>{t('myShifts.hours')}</dt>
              <dd className="stat-value">
                {t('myShifts.hoursValue', {
                  n: number.format(profile.verifiedHours),
                })}
              </dd>
            </div>
            <div>
              <dt>{t('myShifts.stars')}</dt>
              <dd className="stat-value">
                {profile.starLevel > 0 ? (
                  <>
                    <span aria-hidden="true" className="stars">
                      {'★'.repeat(profile.starLevel)}
                    </span>{' '}
                    {t('myShifts.starsValue', {
                      count: profile.starLevel,
                      n: number.format(profile.starLevel),
                    })}
                  </>
                ) : (
                  t('myShifts.noStars')
                )}
              </dd>
            </div>
            <div className="stats-wide">
              <dt className="visually-hidden">{t('myShifts.stars')}</dt>
              <dd className="next-star">
                {profile.nextStar ? (
                  <>
                    {t('myShifts.nextStar', {
                      count: profile.nextStar.hoursNeeded,
                      hours: number.format(profile.nextStar.hoursNeeded),
                    })}{' '}
                    <span aria-hidden="true" className="stars">
                      {'★'.repeat(profile.nextStar.level)}
                    </span>
                    <span className="visually-hidden">
                      {t('myShifts.nextStarLevel', {
                        count: profile.nextStar.level,
                        n: number.format(profile.nextStar.level),
                      })}
                    </span>
                  </>
                ) : (
                  t('myShifts.topStar')
                )}
              </dd>
            </div>
            {profile.skills.length > 0 && (
              <div className="stats-wide">
                <dt>{t('myShifts.skills')}</dt>
                <dd>{profile.skills.map((skill) => t(`skill.${skill}`)).join(' · ')}</dd>
              </div>
            )}
          </dl>
        ) : (
          <p className="panel">{t('myShifts.noProfile')}</p>
        )}

        <h2>{t('myShifts.signups')}</h2>
        {signups.length === 0 ? (
          <div className="panel">
            <p>{t('myShifts.empty')}</p>
            <a className="button" href="/shifts">
              {t('myShifts.findShifts')}
            </a>
          </div>
        ) : (
          <ul className="card-list">
            {signups.map((signup) => {
              const failed =
                cancelOutcome?.signupId === signup.id && cancelOutcome.errors.length > 0
                  ? cancelOutcome
                  : null;
              const cancelling = pending?.get('signupId') === signup.id;
              return (
                <li key={signup.id}>
                  <ShiftCard shift={signup.shift} status={<SignupBadge signup={signup} />}>
                    {/* A place on a closed waitlist (the shift ended) has nothing to give up. */}
                    {signup.status !== 'EXPIRED' && (
                      <details className="cancel-signup" open={failed ? true : undefined}>
                        <summary className="button button-quiet">{t('myShifts.cancel')}</summary>
                        <Form method="post" className="inline-form cancel-confirm">
                          <p id={`cancel-${signup.id}-question`}>
                            {signup.status === 'WAITLISTED'
                              ? t('myShifts.confirmWaitlisted', {
                                  n: number.format(signup.waitlistPosition ?? 0),
                                })
                              : t('myShifts.confirmConfirmed')}
                          </p>
                          <input type="hidden" name="intent" value="cancel" />
                          <input type="hidden" name="signupId" value={signup.id} />
                          <input type="hidden" name="title" value={signup.shift.activity.title} />
                          <button
                            type="submit"
                            className="button button-danger"
                            disabled={cancelling}
                            aria-describedby={`cancel-${signup.id}-question`}
                          >
                            {cancelling ? t('myShifts.cancelling') : t('myShifts.confirmCancel')}
                          </button>
                        </Form>
                      </details>
                    )}
                    {failed && <ErrorList errors={failed.errors} />}
                  </ShiftCard>
                </li>
              );
            })}
          </ul>
        )}
        <p className="note">{t('myShifts.cutoffNote')}</p>

        {profile && (
          <section className="panel section" aria-labelledby="record-heading">
            <h2 id="record-heading">{t('myShifts.record')}</h2>
            <p className="muted">{t('myShifts.recordIntro')}</p>
            <p className="button-row">
              <a className="button" href="/my/service-record.pdf" download>
                {t('myShifts.downloadPdf')}
              </a>
              <a className="button button-quiet" href="/my/service-record.xlsx" download>
                {t('myShifts.downloadXlsx')}
              </a>
            </p>
          </section>
        )}

        {profile && (
          <section className="panel section" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{t('myShifts.calendar')}</h2>
            <p className="muted">{t('myShifts.calendarIntro')}</p>
            {profile.calendarFeedActive && !calendarOutcome && (
              <p>{t('myShifts.calendarActive')}</p>
            )}
            {calendarOutcome?.url && (
              <Outcome kind="status">
                <p id="calendar-url-label">{t('myShifts.calendarUrl')}</p>
                <CalendarLink url={calendarOutcome.url} />
              </Outcome>
            )}
            {calendarOutcome && calendarOutcome.errors.length > 0 && (
              <ErrorList errors={calendarOutcome.errors} />
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="calendar" />
              <button
                type="submit"
                className="button button-quiet"
                disabled={pending?.get('intent') === 'calendar'}
              >
                {t('myShifts.calendarButton')}
              </button>
            </Form>
          </section>
        )}
      </main>
    </>
  );
}

/**
 * The private feed's address as selectable text, a 复制链接 button (only once JavaScript runs: it
 * needs the clipboard) and a webcal: link that opens a calendar app subscribed to it.
 */
function CalendarLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [scripted, setScripted] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => setScripted(true), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <>
      <p>
        <code className="copy-link" id="calendar-url">
          {url}
        </code>
      </p>
      <p className="calendar-actions">
        {scripted && (
          <button type="button" className="button button-quiet" onClick={() => void copy()}>
            {t('myShifts.copyLink')}
          </button>
        )}
        <a className="button button-quiet" href={url.replace(/^https?:/, 'webcal:')}>
          {t('myShifts.webcal')}
        </a>
      </p>
      {/* Inside the outcome's status region, so the change is announced. */}
      <p className="muted">
        {copied === 'yes' ? t('myShifts.copied') : copied === 'no' ? t('myShifts.copyFailed') : ''}
      </p>
    </>
  );
}

function Outcome({ kind, children }: { kind: 'status' | 'alert'; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      className={kind === 'status' ? 'notice outcome' : 'alert outcome'}
      role={kind}
      tabIndex={-1}
      ref={ref}
    >
      {children}
    </div>
  );
}

function ErrorList({ errors }: { errors: Errors }) {
  const errorText = useUserErrorText();
  return (
    <Outcome kind="alert">
      {errors.map((error, index) => (
        <p key={index}>{errorText(error)}</p>
      ))}
    </Outcome>
  );
}
