// /unit/commitments/:id: one commitment of my unit — progress, history (who, when, what, why),
// fulfilment records with their review and evidence, and what the API says the viewer may do
// with it (`viewerCan`): edit (its own page), submit, withdraw (after a confirmation reached by a
// plain link, `?withdraw=confirm`, so it works without JavaScript) and record fulfilment. The form
// is a multipart post: the action uploads the file to the API (with the session's token, never
// seen by the browser), then records the fulfilment with the returned evidence id.
import { openAsBlob } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  data,
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CommitmentPageDocument,
  RecordFulfilmentDocument,
  SubmitCommitmentDocument,
  WithdrawCommitmentDocument,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { expiredSessionRedirect, requireToken } from '../auth/session.server';
import { CommitmentHistory } from '../components/commitment/CommitmentHistory';
import { CommitmentOverview } from '../components/commitment/CommitmentOverview';
import { FulfilmentList } from '../components/commitment/FulfilmentList';
import { RecordForm } from '../components/commitment/RecordForm';
import { WithdrawConfirm } from '../components/commitment/WithdrawConfirm';
import { CommitmentStatusBadge } from '../components/CommitmentProgress';
import { apiBaseUrl, gqlRequest, signedInRequest } from '../graphql/client.server';
import { shanghaiDay } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { useUserErrorText } from '../i18n/user-error';

const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const uploadTimeoutMs = 60_000;
type Errors = UserErrorFieldsFragment[];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: pageTitle(matches, (m) => data?.commitment.title ?? m.commitment.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await signedInRequest(request, CommitmentPageDocument, { id: params.id ?? '' });
  if (!result.commitment) throw new Response(null, { status: 404, statusText: 'Not Found' });
  const search = new URL(request.url).searchParams;
  const done = search.get('done');
  const { commitment } = result;
  const today = shanghaiDay(new Date());
  const clamp = (day: string) =>
    day < commitment.periodStart
      ? commitment.periodStart
      : day > commitment.periodEnd
        ? commitment.periodEnd
        : day;
  return {
    viewer: result.viewer,
    commitment,
    fulfilments: commitment.fulfilments.edges.map((edge) => edge.node),
    done: doneNotices.find((notice) => notice === done) ?? null,
    confirmWithdraw: search.get('withdraw') === 'confirm' && commitment.viewerCan.withdraw,
    defaultDate: clamp(today),
    maxDate: today < commitment.periodEnd ? today : commitment.periodEnd,
  };
}

/** What `?done=` may say after a step, each with its notice. */
const doneNotices = [
  'created',
  'submitted',
  'recorded',
  'updated',
  'targetRequested',
  'withdrawn',
] as const;

const fieldError = (code: string, field: string): UserErrorFieldsFragment => ({
  code,
  field: ['input', field],
  message: '',
});

/**
 * The form's file goes to a temporary file, never whole into memory (many phones uploading at
 * once would otherwise fill the web server's); its other fields are small text.
 */
const fileHandler = unstable_createFileUploadHandler({
  directory: path.join(tmpdir(), 'gongjian-uploads'),
  maxPartSize: MAX_EVIDENCE_BYTES,
  filter: ({ name }) => name === 'file',
});
const textHandler = unstable_createMemoryUploadHandler({ maxPartSize: 64 * 1024 });

/** Parses the form; the file on disk carries a random name, so its own is kept beside it. */
async function parseRecordForm(request: Request): Promise<{ form: FormData; fileName: string }> {
  let fileName = '';
  const form = await unstable_parseMultipartFormData(
    request,
    unstable_composeUploadHandlers((part) => {
      if (part.name === 'file' && part.filename) fileName = part.filename;
      return fileHandler(part);
    }, textHandler),
  );
  return { form, fileName };
}

/** Streams the file to the API's evidence endpoint; its id, or the API's error as a UserError. */
async function uploadEvidence(
  request: Request,
  token: string,
  file: NodeOnDiskFile,
  fileName: string,
): Promise<{ id: string } | { error: UserErrorFieldsFragment }> {
  const body = new FormData();
  // A Blob backed by the file on disk: fetch streams it.
  body.append('file', await openAsBlob(file.getFilePath(), { type: file.type }), fileName);
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}/files/evidence`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body,
      signal: AbortSignal.timeout(uploadTimeoutMs),
    });
  } catch (error) {
    console.error('evidence upload failed:', error);
    return { error: fieldError('UPLOAD_FAILED', 'file') };
  }
  if (response.status === 401) throw await expiredSessionRedirect(request);
  const json = (await response.json().catch(() => null)) as {
    id?: unknown;
    errors?: { message?: string; extensions?: { code?: unknown } }[];
  } | null;
  if (response.ok && typeof json?.id === 'string') return { id: json.id };
  const code = json?.errors?.[0]?.extensions?.code;
  console.error(`evidence upload: API answered ${response.status}`);
  return {
    error: {
      code: typeof code === 'string' ? code : 'UPLOAD_FAILED',
      field: ['input', 'file'],
      message: json?.errors?.[0]?.message ?? '',
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = await requireToken(request);
  const commitmentId = params.id ?? '';
  const here = `/unit/commitments/${encodeURIComponent(commitmentId)}`;

  if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const form = await request.formData();
    const intent = form.get('intent');
    const version = Number(form.get('version'));
    if (intent === 'withdraw') {
      const reason = String(form.get('reason') ?? '').trim();
      const { withdrawCommitment: payload } = await gqlRequest(
        request,
        WithdrawCommitmentDocument,
        {
          input: {
            id: commitmentId,
            ...(Number.isInteger(version) ? { version } : {}),
            ...(reason ? { reason } : {}),
          },
        },
      );
      if (payload.errors.length > 0) {
        return data({ intent: 'withdraw' as const, errors: payload.errors }, { status: 400 });
      }
      return redirect(`${here}?done=withdrawn`);
    }
    if (intent !== 'submit') throw new Response(null, { status: 400 });
    const { submitCommitment: payload } = await gqlRequest(request, SubmitCommitmentDocument, {
      input: { id: commitmentId, ...(Number.isInteger(version) ? { version } : {}) },
    });
    if (payload.errors.length > 0) {
      return data({ intent: 'submit' as const, errors: payload.errors }, { status: 400 });
    }
    return redirect(`${here}?done=submitted`);
  }

  let form: FormData;
  let fileName: string;
  try {
    ({ form, fileName } = await parseRecordForm(request));
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    return data(
      { intent: 'record' as const, errors: [fieldError('FILE_TOO_LARGE', 'file')] },
      { status: 400 },
    );
  }
  const entry = form.get('file');
  const file = entry instanceof NodeOnDiskFile ? { onDisk: entry, name: fileName } : null;
  try {
    return await recordWithEvidence(request, token, commitmentId, here, form, file);
  } finally {
    // The temporary copy goes on every path, accepted or not.
    await file?.onDisk.remove().catch(() => undefined);
  }
}

async function recordWithEvidence(
  request: Request,
  token: string,
  commitmentId: string,
  here: string,
  form: FormData,
  file: { onDisk: NodeOnDiskFile; name: string } | null,
) {
  const amountText = String(form.get('amount') ?? '').trim();
  const date = String(form.get('date') ?? '').trim();
  const note = String(form.get('note') ?? '').trim();
  const errors: Errors = [];
  const amount = Number(amountText);
  if (!amountText) errors.push(fieldError('REQUIRED', 'amount'));
  else if (!Number.isFinite(amount)) errors.push(fieldError('INVALID', 'amount'));
  if (!date) errors.push(fieldError('REQUIRED', 'date'));
  if (errors.length > 0) return data({ intent: 'record' as const, errors }, { status: 400 });

  const evidenceIds: string[] = [];
  if (file && file.onDisk.size > 0) {
    const uploaded = await uploadEvidence(request, token, file.onDisk, file.name);
    if ('error' in uploaded) {
      return data({ intent: 'record' as const, errors: [uploaded.error] }, { status: 400 });
    }
    evidenceIds.push(uploaded.id);
  }
  const { recordFulfilment: payload } = await gqlRequest(request, RecordFulfilmentDocument, {
    input: { commitmentId, amount, date, note, evidenceIds },
  });
  if (payload.errors.length > 0) {
    return data({ intent: 'record' as const, errors: payload.errors }, { status: 400 });
  }
  return redirect(`${here}?done=recorded`);
}

export default function CommitmentPage() {
  const { commitment, fulfilments, done, confirmWithdraw, defaultDate, maxDate } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const unit = t(`measureUnit.${commitment.measure}`);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => noticeRef.current?.focus(), [done, actionData]);

  const recordErrors = actionData?.intent === 'record' ? actionData.errors : [];
  // A refused submission or withdrawal is shown at the top, with what the API said.
  const submitErrors =
    actionData?.intent === 'submit' || actionData?.intent === 'withdraw' ? actionData.errors : [];

  return (
    <>
      <main id="main" className="page page-narrow">
        <p className="back-link">
          <Link to="/unit">← {t('commitment.back')}</Link>
        </p>
        <div className="title-row">
          <h1>{commitment.title}</h1>
          <span className="badge-group">
            <CommitmentStatusBadge status={commitment.status} />
            {commitment.progress.behind && (
              <span className="badge badge-warn">{t('unit.behind')}</span>
            )}
          </span>
        </div>
        {done && !actionData && (
          <div className="notice outcome" role="status" tabIndex={-1} ref={noticeRef}>
            <p>
              <strong>{t(`commitment.${done}`)}</strong>
            </p>
          </div>
        )}
        {submitErrors.length > 0 && (
          <div className="alert outcome" role="alert" tabIndex={-1} ref={noticeRef}>
            <p>
              <strong>{t('commitment.failed')}</strong>
            </p>
            {submitErrors.map((error, index) => (
              <p key={index}>{errorText(error)}</p>
            ))}
          </div>
        )}

        <CommitmentOverview
          commitment={commitment}
          unit={unit}
          confirmWithdraw={confirmWithdraw}
          busy={busy}
        />

        {confirmWithdraw && <WithdrawConfirm version={commitment.version} busy={busy} />}

        {commitment.viewerCan.recordFulfilment && (
          <RecordForm
            unit={unit}
            periodStart={commitment.periodStart}
            maxDate={maxDate}
            defaultDate={defaultDate}
            errors={recordErrors}
            busy={busy}
            noticeRef={noticeRef}
          />
        )}

        <FulfilmentList fulfilments={fulfilments} unit={unit} />

        <CommitmentHistory history={commitment.history} />
      </main>
    </>
  );
}
