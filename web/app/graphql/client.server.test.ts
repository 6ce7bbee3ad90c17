import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommunitiesPageDocument, LoginDocument } from '../../../schema/generated/graphql';
import { sessionStorage } from '../auth/session.server';
import { GraphQLRequestError, gqlRequest } from './client.server';

function answer(body: unknown, status = 200) {
  const fetchMock = vi.fn(async () => Response.json(body, { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function signedInRequest(url = 'http://localhost/communities?x=1') {
  const session = await sessionStorage.getSession();
  session.set('token', 'secret-token');
  const cookie = (await sessionStorage.commitSession(session)).split(';')[0] ?? '';
  return new Request(url, { headers: { Cookie: cookie } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('gqlRequest', () => {
  it('posts the printed operation with the bearer token and returns typed data', async () => {
    const data = { viewer: null, communities: { totalCount: 0, edges: [] } };
    const fetchMock = answer({ data });
    const result = await gqlRequest(await signedInRequest(), CommunitiesPageDocument, {
      first: 5,
    });
    expect(result).toEqual(data);
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer secret-token');
    const body = JSON.parse(String(init.body)) as { query: string; variables: unknown };
    expect(body.query).toContain('query CommunitiesPage');
    expect(body.variables).toEqual({ first: 5 });
  });

  it('sends a visitor without a session to sign in, and back here afterwards', async () => {
    const fetchMock = answer({ data: {} });
    const thrown = await gqlRequest(
      new Request('http://localhost/unit/commitments/abc?tab=records'),
      CommunitiesPageDocument,
      { first: 5 },
    ).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get('Location')).toBe(
      '/login?redirectTo=%2Funit%2Fcommitments%2Fabc%3Ftab%3Drecords',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends no token for anonymous operations', async () => {
    const fetchMock = answer({ data: { login: { token: null, viewer: null, errors: [] } } });
    await gqlRequest(
      await signedInRequest(),
      LoginDocument,
      { input: { username: 'a', password: 'b' } },
      { anonymous: true },
    );
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).has('Authorization')).toBe(false);
  });

  it('redirects to the login page and clears the session on UNAUTHENTICATED', async () => {
    answer({ errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }], data: null });
    const thrown = await gqlRequest(await signedInRequest(), CommunitiesPageDocument, {}).catch(
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fcommunities%3Fx%3D1');
    expect(response.headers.get('Set-Cookie')).toContain('Expires=Thu, 01 Jan 1970');
  });

  it('turns FORBIDDEN into a 403 response', async () => {
    answer({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }], data: null });
    const thrown = await gqlRequest(await signedInRequest(), CommunitiesPageDocument, {}).catch(
      (error: unknown) => error,
    );
    expect((thrown as Response).status).toBe(403);
  });

  it('throws GraphQLRequestError with the codes for other errors', async () => {
    answer({ errors: [{ message: 'Too many', extensions: { code: 'RATE_LIMITED' } }] }, 429);
    const thrown = await gqlRequest(await signedInRequest(), CommunitiesPageDocument, {}).catch(
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(GraphQLRequestError);
    expect((thrown as GraphQLRequestError).codes).toContain('RATE_LIMITED');
  });

  it('answers 503 when the API cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const thrown = await gqlRequest(await signedInRequest(), CommunitiesPageDocument, {}).catch(
      (error: unknown) => error,
    );
    expect((thrown as Response).status).toBe(503);
  });
});
