// A client's mistake gets a 4xx with a code and a message saying what was wrong, never a 500:
// parse errors and the token limit, bad variables, subscriptions, impossible usernames, bodies
// that are not JSON or not UTF-8, URLs that do not decode, routes that do not exist.
import { describe, expect, it } from 'vitest';
import { makeCommunity, makeUser, Role } from '../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../tests/support/test-app.js';

const t = useTestApp((config) => ({ graphql: { ...config.graphql, maxTokens: 200 } }));

const origin = () => new URL(t.url).origin;

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as AnyData };
}

const codeOf = (json: AnyData) => json.errors?.[0]?.extensions?.code;

describe('GraphQL requests a client got wrong', () => {
  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const res = await post(JSON.stringify({ query: '{ communities { ' }));
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a document past the token limit with 400, before it is parsed whole', async () => {
    const query = `{ ${Array.from({ length: 150 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const res = await post(JSON.stringify({ query }));
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.json.errors[0].message).toMatch(/more that 200 tokens/);
  });

  const varCases: [string, string, Record<string, unknown>][] = [
    ['a missing required variable', 'query($id: ID!) { node(id: $id) { id } }', {}],
    ['a null required variable', 'query($id: ID!) { node(id: $id) { id } }', { id: null }],
    ['a wrong type', 'query($n: Int) { communities(first: $n) { totalCount } }', { n: 'ten' }],
    [
      'an Int out of range',
      'query($n: Int) { communities(first: $n) { totalCount } }',
      { n: 2 ** 40 },
    ],
    [
      'a bad DateTime',
      'query($from: DateTime) { shifts(filter: { from: $from }) { totalCount } }',
      { from: 'yesterday' },
    ],
    [
      'an unknown enum value',
      'query($s: [CommitmentStatus!]) { commitments(filter: { statuses: $s }) { totalCount } }',
      { s: ['SOMEDAY'] },
    ],
  ];
  it.each(varCases)('answers %s with 400 BAD_USER_INPUT', async (_what, query, variables) => {
    const res = await post(JSON.stringify({ query, variables }));
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('BAD_USER_INPUT');
    expect(res.json.errors[0].message).toMatch(/Variable "\$\w+"/);
  });

  it.each([
    ['an unknown operationName', { query: '{ __typename }', operationName: 'none' }],
    [
      'several operations and no operationName',
      { query: 'query A { __typename } query B { __typename }' },
    ],
  ])('answers %s with 400 OPERATION_RESOLUTION_FAILURE', async (_what, body) => {
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('says persisted queries are not supported, whatever the hash', async () => {
    const res = await post(
      JSON.stringify({
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } },
      }),
    );
    expect(res.status).toBeLessThan(500);
    expect(codeOf(res.json)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it.each([
    [
      'a NUL character in a variable',
      {
        query: 'query($s: String) { units(filter: { search: $s }) { totalCount } }',
        variables: { s: 'a\u0000b' },
      },
    ],
    [
      'a lone surrogate in a variable',
      {
        query: 'query($s: String) { units(filter: { search: $s }) { totalCount } }',
        variables: { s: 'a\ud800b' },
      },
    ],
    [
      'a NUL character in the document',
      { query: '{ units(filter: { search: "a\\u0000b" }) { totalCount } }' },
    ],
  ])('refuses %s (text PostgreSQL cannot store) with 400 BAD_USER_INPUT', async (_what, body) => {
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('BAD_USER_INPUT');
    expect(res.json.errors[0].message).toMatch(/NUL character/);
  });

  it("refuses brackets nested past the parser's stack with 400, not a JavaScript error", async () => {
    const query = `{ communities(first: ${'['.repeat(3000)}1${']'.repeat(3000)}) { totalCount } }`;
    const res = await post(JSON.stringify({ query }));
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.text).not.toMatch(/call stack/i);
  });

  it('refuses subscriptions at validation', async () => {
    const res = await post(JSON.stringify({ query: 'subscription { __typename }' }));
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.json.errors[0].message).toMatch(/Subscriptions are not supported/);
  });

  it.each([
    ['a NUL byte', 'admin\u0000', 'BAD_USER_INPUT'],
    ['300 characters', 'a'.repeat(300), 'INVALID'],
  ])(
    'answers a login with %s in the username with %s, touching nothing',
    async (_w, username, code) => {
      await makeUser(t.orm, { role: Role.VOLUNTEER });
      const before = await t.orm.em
        .fork()
        .getConnection()
        .execute('select count(*)::int as n from login_throttle');
      const res = await t.gql(
        'mutation($input: LoginInput!) { login(input: $input) { token errors { code field } } }',
        { input: { username, password: 'whatever-it-is' } },
      );
      if (code === 'BAD_USER_INPUT') {
        // Refused with the request, before any resolver runs.
        expect(res.status).toBe(400);
        expect(res.errors?.[0]?.extensions?.code).toBe(code);
      } else {
        expect(res.status).toBe(200);
        expect(res.data?.login).toEqual({
          token: null,
          errors: [{ code, field: ['input', 'username'] }],
        });
      }
      const after = await t.orm.em
        .fork()
        .getConnection()
        .execute('select count(*)::int as n from login_throttle');
      expect(after[0]!.n).toBe(before[0]!.n);
    },
  );
});

describe('forged cursors', () => {
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['an ORM operator', 'communities', [{ $gt: 0 }]],
    ['an array where a name goes', 'units', [[], 66]],
    ['an object where a name goes', 'units', [{ $ne: null }, 1]],
    ['a date JavaScript would roll over', 'shifts', ['2026-02-31T00:00:00Z', 1]],
    ['a huge number', 'communities', [1e300]],
    ['a NUL in a name', 'units', ['a\u0000b', 1]],
  ])('refuses %s as BAD_USER_INPUT before any SQL', async (_what, list, value) => {
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(admin.username);
    const res = await t.gql(
      `query($after: String) { ${list}(after: $after) { totalCount } }`,
      { after: cursor(value) },
      token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('"after" is not a cursor of this list.');
  });

  it('fails only the child field with the bad cursor, not the batch beside it', async () => {
    const one = await makeCommunity(t.orm);
    const two = await makeCommunity(t.orm);
    // Both grids lists are loaded in one batch; node() is nullable, so each answer stands alone.
    const res = await t.gql(
      `query($one: ID!, $two: ID!, $bad: String) {
        one: node(id: $one) { ... on Community { grids(after: $bad) { totalCount } } }
        two: node(id: $two) { ... on Community { grids(first: 1) { totalCount } } } }`,
      { one: one.nodeId, two: two.nodeId, bad: cursor([[], 1]) },
    );
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.path).toEqual(['one', 'grids']);
    expect(res.data!.one).toBeNull();
    expect(res.data!.two).toEqual({ grids: { totalCount: 0 } });
  });
});

describe('HTTP requests a client got wrong', () => {
  it('says a body is not JSON', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(codeOf(res.json)).toBe('BAD_REQUEST');
    expect(res.json.errors[0].message).toBe('The request body is not valid JSON.');
  });

  it('says which charset to use (415), not "Internal server error"', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json; charset=latin1',
    });
    expect(res.status).toBe(415);
    expect(codeOf(res.json)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.json.errors[0].message).toMatch(/UTF-8/);
  });

  it('answers a URL that does not decode with 400 on every router', async () => {
    for (const path of [
      '/files/evidence/%ff',
      '/reports/commitments/%ff',
      '/volunteer/calendar/%ff.ics',
    ]) {
      const response = await fetch(`${origin()}${path}`);
      expect(response.status, path).toBeLessThan(500);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
    }
    const response = await fetch(`${origin()}/files/evidence/%ff`);
    expect(response.status).toBe(400);
    const json = (await response.json()) as AnyData;
    expect(codeOf(json)).toBe('BAD_REQUEST');
  });

  it('answers a route that does not exist with a JSON 404', async () => {
    const response = await fetch(`${origin()}/no/such/route`);
    expect(response.status).toBe(404);
    expect(codeOf((await response.json()) as AnyData)).toBe('NOT_FOUND');
  });
});
