// /staff/units: the unit directory of a community — searchable by name and kind, paged — and the
// spreadsheet import: the chosen file is checked first (importUnits with dryRun), every problem
// listed by row and column; only a clean sheet can be imported, by a confirm button that posts
// the same file again (kept in the page as base64, so nothing the user chose is lost). Each unit
// shows whether its liaison can sign in; staff invite one and get a one-time link to pass on
// (shown as text to select, with a copy button once JavaScript runs).
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DirectoryPageDocument,
  DirectoryViewerDocument,
  ImportUnitsDocument,
  InviteUnitLiaisonDocument,
  type ImportUnitsMutation,
  type UnitKind,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import {
  expiredSessionRedirect,
  getCommunityId,
  getRole,
  requireToken,
} from '../auth/session.server';
import { AppHeader } from '../components/AppHeader';
import { GraphQLRequestError, gqlRequest } from '../graphql/client.server';
import { directoryZh } from '../i18n/features/directory';
import { useDateTimeFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { fieldOf, useUserErrorText } from '../i18n/user-error';
import href from '../styles/review.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.directory.title) },
];

const pageSize = 50;
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** The confirm post carries the file as base64: 4/3 of its size, plus a little. */
const MAX_BASE64_CHARS = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 16;
const kinds = Object.keys(directoryZh.kinds) as UnitKind[];
const rowErrorCodes = new Set(Object.keys(directoryZh.rowError));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  const url = new URL(request.url);
  const role = await getRole(request);
  let communityId = url.searchParams.get('community') || null;
  // Staff see their own community unless they picked another one.
  if (!communityId && role === 'COMMUNITY_STAFF')
    communityId = (await getCommunityId(request)) ?? null;
  // Sessions from before the community was remembered ask once.
  if (!communityId && role === 'COMMUNITY_STAFF') {
    const who = await gqlRequest(request, DirectoryViewerDocument, {});
    if (!who.viewer) throw await expiredSessionRedirect(request);
    communityId = who.viewer.community?.id ?? null;
  }
  const search = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const kindParam = url.searchParams.get('kind') ?? '';
  const kind = kinds.includes(kindParam as UnitKind) ? (kindParam as UnitKind) : null;
  const after = url.searchParams.get('after') || null;
  let result;
  try {
    result = await gqlRequest(request, DirectoryPageDocument, {
      filter: { communityId, search: search || null, kind },
      first: pageSize,
      after,
      standingsCommunityId: communityId,
      withStandings: communityId !== null,
      withCommunities: role !== 'COMMUNITY_STAFF',
    });
  } catch (error) {
    if (after && error instanceof GraphQLRequestError && error.codes.includes('BAD_USER_INPUT')) {
      url.searchParams.delete('after');
      throw redirect(`${url.pathname}${url.search}`);
    }
    throw error;
  }
  if (!result.viewer) throw await expiredSessionRedirect(request);
  if (result.viewer.role !== 'COMMUNITY_STAFF' && result.viewer.role !== 'STREET_ADMIN') {
    throw new Response(null, { status: 403, statusText: 'Forbidden' });
  }
  const commitmentCounts: { [unitId: string]: number } = {};
  for (const row of result.unitStandings ?? []) commitmentCounts[row.unit.id] = row.commitmentCount;
  const imported = Number(url.searchParams.get('imported'));
  return {
    viewer: result.viewer,
    isAdmin: result.viewer.role === 'STREET_ADMIN',
    communityId,
    communityParam: url.searchParams.get('community') ?? '',
    communities: (result.communities?.edges ?? []).map((edge) => edge.node),
    filters: { search, kind: kind ?? '' },
    after,
    total: result.units.totalCount,
    units: result.units.edges.map((edge) => edge.node),
    nextCursor: result.units.pageInfo.hasNextPage ? result.units.pageInfo.endCursor : null,
    commitmentCounts: result.unitStandings ? commitmentCounts : null,
    imported: Number.isInteger(imported) && imported > 0 ? imported : null,
  };
}

type ImportPayload = ImportUnitsMutation['importUnits'];

interface ActionResult {
  intent: 'check' | 'import';
  fileName: string;
  /** Kept only when the check passed, for the confirm button to post again. */
  contentBase64: string | null;
  validCount: number;
  rowErrors: ImportPayload['rowErrors'];
  errors: UserErrorFieldsFragment[];
}

interface InviteResult {
  intent: 'invite';
  unitId: string;
  unitName: string;
  url: string | null;
  expiresAt: string | null;
  username: string | null;
  errors: UserErrorFieldsFragment[];
}

const fileError = (code: string): UserErrorFieldsFragment => ({
  code,
  field: ['input', 'file'],
  message: '',
});

export async function action({ request }: ActionFunctionArgs) {
  await requireToken(request);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        unstable_createMemoryUploadHandler({
          filter: ({ name }) => name === 'file',
          maxPartSize: MAX_IMPORT_BYTES,
        }),
        unstable_createMemoryUploadHandler({
          filter: ({ name }) => name !== 'file',
          maxPartSize: MAX_BASE64_CHARS,
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    const result: ActionResult = {
      intent: 'check',
      fileName: '',
      contentBase64: null,
      validCount: 0,
      rowErrors: [],
      errors: [fileError('FILE_TOO_LARGE_5MB')],
    };
    return data(result, { status: 400 });
  }
  if (form.get('intent') === 'invite') {
    const unitId = String(form.get('unitId') ?? '');
    const phone = String(form.get('phone') ?? '').trim();
    const { inviteUnitLiaison: payload } = await gqlRequest(request, InviteUnitLiaisonDocument, {
      input: { unitId, displayName: String(form.get('displayName') ?? ''), phone: phone || null },
    });
    const result: InviteResult = {
      intent: 'invite',
      unitId,
      unitName: String(form.get('unitName') ?? ''),
      url: payload.invitation?.url ?? null,
      expiresAt: payload.invitation?.expiresAt ?? null,
      username: payload.invitation?.liaison.username ?? null,
      errors: payload.errors,
    };
    return data(result, { status: payload.errors.length ? 400 : 200 });
  }
  const intent = form.get('intent') === 'import' ? 'import' : 'check';
  const communityId = String(form.get('community') ?? '') || null;
  let fileName: string;
  let contentBase64: string;
  if (intent === 'check') {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      const result: ActionResult = {
        intent,
        fileName: '',
        contentBase64: null,
        validCount: 0,
        rowErrors: [],
        errors: [fileError('FILE_REQUIRED')],
      };
      return data(result, { status: 400 });
    }
    fileName = file.name;
    contentBase64 = Buffer.from(await file.arrayBuffer()).toString('base64');
  } else {
    fileName = String(form.get('fileName') ?? '');
    contentBase64 = String(form.get('contentBase64') ?? '');
  }
  const { importUnits: payload } = await gqlRequest(request, ImportUnitsDocument, {
    input: { fileName, contentBase64, communityId, dryRun: intent === 'check' },
  });
  const clean = payload.errors.length === 0 && payload.rowErrors.length === 0;
  if (intent === 'import' && clean) {
    const next = new URLSearchParams({ imported: String(payload.importedCount) });
    if (communityId) next.set('community', communityId);
    return redirect(`/staff/units?${next}`);
  }
  const result: ActionResult = {
    intent,
    fileName,
    contentBase64: clean && payload.validCount > 0 ? contentBase64 : null,
    validCount: payload.validCount,
    rowErrors: payload.rowErrors,
    errors: payload.errors,
  };
  return data(result, { status: clean ? 200 : 400 });
}

export default function UnitsPage() {
  const loaded = useLoaderData<typeof loader>();
  const { viewer, isAdmin, communityId, communities, filters, units, commitmentCounts } = loaded;
  const { t } = useTranslation();
  const number = useNumberFormat();
  const keep = (params: { [name: string]: string | null }) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
    const text = query.toString();
    return text ? `?${text}` : '?';
  };
  const base = {
    community: loaded.communityParam || null,
    q: filters.search || null,
    kind: filters.kind || null,
  };
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => noticeRef.current?.focus(), [loaded.imported]);

  return (
    <>
      <AppHeader viewer={viewer} />
      <main id="main" className="page directory-page">
        <h1>{t('directory.heading')}</h1>
        <p className="lead">{t('directory.intro')}</p>
        {loaded.imported && (
          <div className="notice outcome" role="status" tabIndex={-1} ref={noticeRef}>
            <p>
              <strong>
                {t('directory.import.imported', {
                  count: loaded.imported,
                  n: number.format(loaded.imported),
                })}
              </strong>
            </p>
          </div>
        )}

        <Form method="get" className="panel directory-filters" role="search">
          {isAdmin ? (
            <div className="field">
              <label htmlFor="community">{t('directory.community')}</label>
              <select id="community" name="community" defaultValue={communityId ?? ''}>
                <option value="">{t('directory.allCommunities')}</option>
                {communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            loaded.communityParam && (
              <input type="hidden" name="community" value={loaded.communityParam} />
            )
          )}
          <div className="field">
            <label htmlFor="q">{t('directory.search')}</label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={filters.search}
              placeholder={t('directory.searchPlaceholder')}
            />
          </div>
          <div className="field">
            <label htmlFor="kind">{t('directory.kind')}</label>
            <select id="kind" name="kind" defaultValue={filters.kind}>
              <option value="">{t('directory.anyKind')}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`directory.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary">
              {t('directory.apply')}
            </button>
            {(filters.search || filters.kind) && (
              <Link className="button button-quiet" to={keep({ community: base.community })}>
                {t('directory.reset')}
              </Link>
            )}
          </div>
        </Form>

        <InviteOutcome />

        <p className="muted result-count" aria-live="polite">
          {t('directory.count', { count: loaded.total, n: number.format(loaded.total) })}
        </p>
        {units.length === 0 ? (
          <p className="panel">{t('directory.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table directory-table" role="table">
              <caption className="visually-hidden">{t('directory.caption')}</caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col">{t('directory.columns.name')}</th>
                  <th scope="col">{t('directory.columns.kind')}</th>
                  {!communityId && <th scope="col">{t('directory.columns.community')}</th>}
                  <th scope="col">{t('directory.columns.grid')}</th>
                  <th scope="col" className="num">
                    {t('directory.columns.staff')}
                  </th>
                  <th scope="col">{t('directory.columns.liaison')}</th>
                  {commitmentCounts && (
                    <th scope="col" className="num">
                      {t('directory.columns.commitments')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody role="rowgroup">
                {units.map((unit) => (
                  <tr key={unit.id} data-unit-id={unit.id} role="row">
                    <th scope="row" role="rowheader" className="unit-name">
                      <Link to={`/staff/units/${encodeURIComponent(unit.id)}`}>{unit.name}</Link>
                      {unit.address && <div className="muted">{unit.address}</div>}
                    </th>
                    <td role="cell" data-label={t('directory.columns.kind')}>
                      {t(`directory.kinds.${unit.kind}`)}
                    </td>
                    {!communityId && (
                      <td role="cell" data-label={t('directory.columns.community')}>
                        {unit.community.name}
                      </td>
                    )}
                    <td role="cell" data-label={t('directory.columns.grid')}>
                      {unit.grid?.name ?? t('directory.noGrid')}
                    </td>
                    <td role="cell" className="num" data-label={t('directory.columns.staff')}>
                      {number.format(unit.staffCount)}
                    </td>
                    <td
                      role="cell"
                      className="liaison-cell"
                      data-label={t('directory.columns.liaison')}
                    >
                      <span>
                        {unit.liaisonName} <span className="muted">{unit.liaisonPhone}</span>
                      </span>
                      {unit.liaisonAccount && <LiaisonAccount unit={unit} />}
                    </td>
                    {commitmentCounts && (
                      <td
                        role="cell"
                        className="num"
                        data-label={t('directory.columns.commitments')}
                      >
                        {number.format(commitmentCounts[unit.id] ?? 0)}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(loaded.nextCursor || loaded.after) && (
          <p className="button-row section">
            {loaded.after && (
              <Link className="button button-quiet" to={keep(base)}>
                {t('directory.first')}
              </Link>
            )}
            {loaded.nextCursor && (
              <Link className="button" to={keep({ ...base, after: loaded.nextCursor })}>
                {t('directory.next')}
              </Link>
            )}
          </p>
        )}

        <ImportSection communityId={communityId} />
      </main>
    </>
  );
}

type UnitRow = ReturnType<typeof useLoaderData<typeof loader>>['units'][number];

/** The liaison's account: none, invited (until when), or active; and the invite disclosure. */
function LiaisonAccount({ unit }: { unit: UnitRow }) {
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  const account = unit.liaisonAccount!;
  const expiresAt = account.invitationExpiresAt;
  const expired = expiresAt !== null && Date.parse(expiresAt) <= Date.now();
  const badge =
    account.status === 'ACTIVE'
      ? 'badge-ok'
      : account.status === 'INVITED'
        ? 'badge-info'
        : 'badge-warn';
  return (
    <div className="liaison-account">
      <span className={`badge ${badge}`} data-liaison-status={account.status}>
        {t(`directory.invite.status.${account.status}`)}
      </span>
      {account.status === 'INVITED' && expiresAt && (
        <span className="muted">
          {' '}
          {expired
            ? t('directory.invite.linkExpired')
            : t('directory.invite.linkValidUntil', { date: dates.day(expiresAt) })}
        </span>
      )}
      {account.status !== 'ACTIVE' && (
        <details className="invite-liaison">
          <summary className="button button-quiet">
            {account.status === 'INVITED'
              ? t('directory.invite.again')
              : t('directory.invite.open')}
          </summary>
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <input type="hidden" name="unitId" value={unit.id} />
            <input type="hidden" name="unitName" value={unit.name} />
            <div className="field">
              <label htmlFor={`invite-name-${unit.id}`}>{t('directory.invite.displayName')}</label>
              <input
                id={`invite-name-${unit.id}`}
                name="displayName"
                required
                defaultValue={unit.liaisonName}
              />
            </div>
            <div className="field">
              <label htmlFor={`invite-phone-${unit.id}`}>{t('directory.invite.phone')}</label>
              <input
                id={`invite-phone-${unit.id}`}
                name="phone"
                type="tel"
                inputMode="tel"
                defaultValue={unit.liaisonPhone}
              />
            </div>
            <div>
              <button type="submit" className="button button-primary">
                {t('directory.invite.submit')}
              </button>
            </div>
            {account.status === 'INVITED' && (
              <p className="muted">{t('directory.invite.replaces')}</p>
            )}
          </Form>
        </details>
      )}
    </div>
  );
}

/** The link just issued (once: it is not stored), or why none was. */
function InviteOutcome() {
  const raw = useActionData<typeof action>();
  const result = raw && raw.intent === 'invite' ? raw : null;
  const { t } = useTranslation();
  const dates = useDateTimeFormat();
  const errorText = useUserErrorText();
  const ref = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    setCopied(false);
    ref.current?.focus();
  }, [result]);
  if (!result) return null;
  if (!result.url) {
    return (
      <div className="alert outcome" role="alert" tabIndex={-1} ref={ref}>
        <p>
          <strong>{t('directory.invite.failed', { unit: result.unitName })}</strong>
        </p>
        {result.errors.map((e, index) => (
          <p key={index}>{errorText(e)}</p>
        ))}
      </div>
    );
  }
  const copy = async () => {
    await navigator.clipboard.writeText(result.url!);
    setCopied(true);
  };
  return (
    <div className="notice outcome invite-outcome" role="status" tabIndex={-1} ref={ref}>
      <p>
        <strong>
          {t('directory.invite.issued', {
            unit: result.unitName,
            username: result.username ?? '',
            date: dates.day(result.expiresAt!),
          })}
        </strong>
      </p>
      <p className="invite-link">
        <code data-invite-link>{result.url}</code>
      </p>
      {hydrated && (
        <p className="button-row">
          <button type="button" className="button" onClick={() => void copy()}>
            {t('directory.invite.copy')}
          </button>
          <span aria-live="polite">{copied ? t('directory.invite.copied') : ''}</span>
        </p>
      )}
      <p className="muted">{t('directory.invite.once')}</p>
    </div>
  );
}

function ImportSection({ communityId }: { communityId: string | null }) {
  const raw = useActionData<typeof action>();
  const actionData = raw && raw.intent !== 'invite' ? raw : undefined;
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const errorText = useUserErrorText();
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => resultRef.current?.focus(), [actionData]);
  const busyIntent =
    navigation.state !== 'idle' && navigation.formMethod === 'POST'
      ? navigation.formData?.get('intent')
      : null;
  const fileErrors = (actionData?.errors ?? []).filter(
    (e) => fieldOf(e) === 'file' || fieldOf(e) === 'contentBase64' || fieldOf(e) === 'fileName',
  );
  const otherErrors = (actionData?.errors ?? []).filter((e) => !fileErrors.includes(e));
  const fileErrorText = (e: UserErrorFieldsFragment) =>
    e.code === 'FILE_TOO_LARGE_5MB'
      ? t('directory.import.tooLarge')
      : e.code === 'TOO_LONG'
        ? t('directory.import.tooBig')
        : e.code === 'UNSUPPORTED_FILE'
          ? t('directory.import.unsupported')
          : e.code === 'REQUIRED' && fieldOf(e) === 'contentBase64'
            ? t('directory.import.emptySheet')
            : errorText(e);
  const rowProblem = (e: { code: string; message: string }) =>
    i18n.language === 'en' || !rowErrorCodes.has(e.code)
      ? e.message
      : t(`directory.rowError.${e.code as keyof typeof directoryZh.rowError}`);

  return (
    <section className="panel directory-import" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('directory.import.heading')}</h2>
      <p>{t('directory.import.intro')}</p>
      <p>
        <a className="button button-quiet" href="/staff/units/template.csv" download>
          {t('directory.import.template')}
        </a>
      </p>
      <div className="directory-columns">
        <h3>{t('directory.import.columnsHeading')}</h3>
        <p className="muted">{t('directory.import.columnsHelp')}</p>
      </div>

      {actionData && (
        <div
          className="import-result outcome"
          tabIndex={-1}
          ref={resultRef}
          role={actionData.contentBase64 ? 'status' : 'alert'}
        >
          {otherErrors.length > 0 && (
            <div className="alert">
              <p>
                <strong>{t('directory.import.failed')}</strong>
              </p>
              {otherErrors.map((e, index) => (
                <p key={index}>{errorText(e)}</p>
              ))}
            </div>
          )}
          {actionData.rowErrors.length > 0 && (
            <>
              <div className="alert">
                <p>
                  <strong>
                    {t('directory.import.problems', {
                      count: actionData.rowErrors.length,
                      file: actionData.fileName,
                      n: number.format(actionData.rowErrors.length),
                    })}
                  </strong>
                </p>
              </div>
              <div className="table-wrap">
                <table className="data-table row-errors" role="table">
                  <caption className="visually-hidden">
                    {t('directory.import.problemsCaption')}
                  </caption>
                  <thead role="rowgroup">
                    <tr role="row">
                      <th scope="col" className="num">
                        {t('directory.import.row')}
                      </th>
                      <th scope="col">{t('directory.import.column')}</th>
                      <th scope="col">{t('directory.import.problem')}</th>
                    </tr>
                  </thead>
                  <tbody role="rowgroup">
                    {actionData.rowErrors.map((e, index) => (
                      <tr key={index} data-row={e.row} role="row">
                        <td role="cell" className="num" data-label={t('directory.import.row')}>
                          {number.format(e.row)}
                        </td>
                        <td role="cell" data-label={t('directory.import.column')}>
                          {e.column ?? ''}
                        </td>
                        <td role="cell" data-label={t('directory.import.problem')}>
                          {rowProblem(e)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {actionData.contentBase64 && (
            <div className="notice">
              <p>
                <strong>
                  {t('directory.import.checked', {
                    count: actionData.validCount,
                    file: actionData.fileName,
                    valid: number.format(actionData.validCount),
                  })}
                </strong>
              </p>
              <Form method="post" encType="multipart/form-data" className="inline-form">
                <input type="hidden" name="intent" value="import" />
                <input type="hidden" name="fileName" value={actionData.fileName} />
                <input type="hidden" name="contentBase64" value={actionData.contentBase64} />
                {communityId && <input type="hidden" name="community" value={communityId} />}
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={busyIntent === 'import'}
                >
                  {busyIntent === 'import'
                    ? t('directory.import.importing')
                    : t('directory.import.confirm', {
                        count: actionData.validCount,
                        n: number.format(actionData.validCount),
                      })}
                </button>
              </Form>
            </div>
          )}
        </div>
      )}

      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <input type="hidden" name="intent" value="check" />
        {communityId && <input type="hidden" name="community" value={communityId} />}
        <div className="field">
          <label htmlFor="import-file">{t('directory.import.file')}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            required
            {...(fileErrors.length > 0
              ? { 'aria-invalid': true as const, 'aria-describedby': 'import-file-error' }
              : {})}
          />
          {fileErrors.length > 0 && (
            <p className="field-error" id="import-file-error" role="alert">
              {fileErrors.map(fileErrorText).join(' ')}
            </p>
          )}
        </div>
        <div>
          <button type="submit" className="button" disabled={busyIntent === 'check'}>
            {busyIntent === 'check' ? t('directory.import.checking') : t('directory.import.check')}
          </button>
        </div>
      </Form>
    </section>
  );
}
