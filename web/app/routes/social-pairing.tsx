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
  Link,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  EndPairingDocument,
  LogSupervisionDocument,
  SocialPairingPageDocument,
  type SupervisionMode,
} from '../../../schema/generated/graphql';
import { DoneNotice } from '../components/social/DoneNotice';
import { EndPairing } from '../components/social/EndPairing';
import { LogForm } from '../components/social/LogForm';
import { ScorePanel } from '../components/social/ScorePanel';
import { logFields, modes, type Errors, type LogValues } from '../components/social/shared';
import { SupervisionLogs } from '../components/social/SupervisionLogs';
import { VolunteerPanel } from '../components/social/VolunteerPanel';
import { OverdueBadge } from '../components/Supervision';
import { gqlRequest, GraphQLRequestError, signedInRequest } from '../graphql/client.server';
import { shanghaiDay } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { useUserErrorText } from '../i18n/user-error';
import href from '../styles/social.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.social.pairingTitle) },
];

const LOGS_PER_PAGE = 10;

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
  const { volunteer } = pairing;
  const active = pairing.status === 'ACTIVE';
  // Refused because the pairing ended meanwhile (e.g. someone else ended it): its form is gone,
  // so the refusal is said here.
  const refusedWhenEnded = !active && refusedNow ? (actionData?.errors ?? []) : [];
  const here = `/social/pairings/${encodeURIComponent(pairing.id)}`;

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
        {done && !refusedNow && <DoneNotice done={done} />}
        {refusedWhenEnded.length > 0 && (
          <div className="alert" role="alert">
            {refusedWhenEnded.map((error, index) => (
              <p key={index}>{errorText(error)}</p>
            ))}
          </div>
        )}

        <VolunteerPanel pairing={pairing} startDay={loaded.startDay} />

        <ScorePanel components={pairing.components} />

        {active ? (
          <LogForm
            today={loaded.today}
            startDay={loaded.startDay}
            logTotal={logTotal}
            actionData={actionData}
          />
        ) : (
          <p className="panel">{t('social.endedNote')}</p>
        )}

        <SupervisionLogs
          here={here}
          logs={logs}
          logTotal={logTotal}
          supervisionMinutes={pairing.supervisionMinutes}
          olderCursor={olderCursor}
          paged={paged}
        />

        {active && pairing.viewerCanEnd && (
          <EndPairing
            lastContactDate={pairing.lastContactDate}
            today={loaded.today}
            actionData={actionData}
          />
        )}
      </main>
    </>
  );
}
