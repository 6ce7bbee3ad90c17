// Runs a typed GraphQL operation against the API, server-side, with the session's bearer token.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expiredSessionRedirect, requireToken } from '../auth/session.server';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:4000/graphql';
/** The API's origin and base path, for its plain HTTP routes (downloads): API_URL without /graphql. */
export const apiBaseUrl = apiUrl.replace(/\/graphql\/?$/, '');
const timeoutMs = 15_000;

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: unknown };
}

interface GraphQLResponseBody<TResult> {
  data?: TResult | null;
  errors?: GraphQLErrorBody[];
}

/** The API answered with errors that are not the user's to fix (the message is for the log only). */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly codes: readonly string[],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export interface RequestOptions {
  /** Send no bearer token (the login mutation). */
  anonymous?: boolean;
  /** Send this token instead of the session's (an account just registered). */
  token?: string;
}

const printed = new WeakMap<object, string>();

function queryText(document: TypedDocumentNode<unknown, unknown>): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

function errorCode(error: GraphQLErrorBody): string {
  return typeof error.extensions?.code === 'string'
    ? error.extensions.code
    : 'INTERNAL_SERVER_ERROR';
}

/**
 * Throws a redirect to /login when there is no session (unless `anonymous`) or the API says
 * UNAUTHENTICATED, a 403 response when it says
 * FORBIDDEN, a 503 response when it cannot be reached, and GraphQLRequestError for anything else.
 */
export async function gqlRequest<TResult, TVariables>(
  request: Request,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TResult> {
  // Without `anonymous`, the operation is a signed-in user's: no session sends them to sign in
  // (and back here afterwards) rather than asking the API as nobody.
  const token = options.anonymous ? undefined : (options.token ?? (await requireToken(request)));
  const query = queryText(document as TypedDocumentNode<unknown, unknown>);
  let response: Response;
  try {
    response = await fetch(apiUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    console.error(`GraphQL API at ${apiUrl} is unreachable:`, error);
    throw new Response(null, { status: 503, statusText: 'Service Unavailable' });
  }

  const body = (await response.json().catch(() => null)) as GraphQLResponseBody<TResult> | null;
  const errors = body?.errors ?? [];
  const codes = errors.map(errorCode);
  if (response.status === 429) codes.push('RATE_LIMITED');

  if (codes.includes('UNAUTHENTICATED') || response.status === 401) {
    throw await expiredSessionRedirect(request);
  }
  if (codes.includes('FORBIDDEN') || response.status === 403) {
    throw new Response(null, { status: 403, statusText: 'Forbidden' });
  }
  if (codes.length > 0 || !body?.data) {
    const detail = errors.map((error) => `${errorCode(error)}: ${error.message}`).join('; ');
    throw new GraphQLRequestError(
      `GraphQL request failed (HTTP ${response.status}): ${detail || 'no data'}`,
      codes,
    );
  }
  return body.data;
}

/** A page query's result once the viewer is known to be signed in. */
export type SignedIn<TResult extends { viewer?: unknown }> = TResult & {
  viewer: NonNullable<TResult['viewer']>;
};

/**
 * A signed-in page's one request: no session → /login?redirectTo=…; a token the API no longer
 * accepts (the query's `viewer` comes back null) → the session is forgotten and the user signs in
 * again. Every signed-in page query selects `viewer`, which the layout's header shows.
 */
export async function signedInRequest<TResult extends { viewer?: unknown }, TVariables>(
  request: Request,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<SignedIn<TResult>> {
  const result = await gqlRequest(request, document, variables);
  if (result.viewer === null || result.viewer === undefined) {
    throw await expiredSessionRedirect(request);
  }
  return result as SignedIn<TResult>;
}
