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
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DirectoryPageDocument,
  DirectoryViewerDocument,
  ImportUnitsDocument,
  InviteUnitLiaisonDocument,
  type UnitKind,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { getCommunityId, getRole } from '../auth/session.server';
import { ImportSection, type ImportActionResult } from '../components/units/ImportSection';
import { InviteOutcome, type InviteResult } from '../components/units/LiaisonInvite';
import { UnitTable } from '../components/units/UnitTable';
import { gqlRequest, GraphQLRequestError, signedInRequest } from '../graphql/client.server';
import { directoryZh } from '../i18n/features/directory';
import { useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
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

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const role = await getRole(request);
  let communityId = url.searchParams.get('community') || null;
  // Staff see their own community unless they picked another one.
  if (!communityId && role === 'COMMUNITY_STAFF')
    communityId = (await getCommunityId(request)) ?? null;
  // Sessions from before the community was remembered ask once.
  if (!communityId && role === 'COMMUNITY_STAFF') {
    const who = await signedInRequest(request, DirectoryViewerDocument, {});
    communityId = who.viewer.community?.id ?? null;
  }
  const search = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const kindParam = url.searchParams.get('kind') ?? '';
  const kind = kinds.includes(kindParam as UnitKind) ? (kindParam as UnitKind) : null;
  const after = url.searchParams.get('after') || null;
  let result;
  try {
    result = await signedInRequest(request, DirectoryPageDocument, {
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

type ActionResult = ImportActionResult;

const fileError = (code: string): UserErrorFieldsFragment => ({
  code,
  field: ['input', 'file'],
  message: '',
});

export async function action({ request }: ActionFunctionArgs) {
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
  const { isAdmin, communityId, communities, filters, units, commitmentCounts } = loaded;
  const actionData = useActionData<typeof action>();
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

        <InviteOutcome result={actionData?.intent === 'invite' ? actionData : null} />

        <p className="muted result-count" aria-live="polite">
          {t('directory.count', { count: loaded.total, n: number.format(loaded.total) })}
        </p>
        {units.length === 0 ? (
          <p className="panel">{t('directory.empty')}</p>
        ) : (
          <UnitTable units={units} communityId={communityId} commitmentCounts={commitmentCounts} />
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

        <ImportSection
          communityId={communityId}
          actionData={actionData?.intent === 'invite' ? undefined : actionData}
        />
      </main>
    </>
  );
}
