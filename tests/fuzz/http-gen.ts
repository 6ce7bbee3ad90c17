// Requests that are wrong before any resolver runs: documents (fragment cycles, deep fragments,
// aliases, depth, subscriptions, directives, garbage), transport (content types, charsets, bodies
// that are not JSON or not one operation, GET and other methods, odd Authorization headers), and
// the non-GraphQL routes (evidence files, reports, the volunteer's downloads and calendar feed)
// with odd paths and parameters.
import type { GraphQLFuzzer } from './graphql-gen.js';
import type { Rng } from './prng.js';
import { forgedId, HUGE, nastyString } from './values.js';
import type { RoleName } from './world.js';

export interface FuzzCase {
  /** The group a failure is reported under: `Query.units`, `POST /files/evidence`, … */
  label: string;
  role: RoleName;
  method: string;
  /** Path and query string, e.g. `/graphql?query=…`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** GraphQL root aliases → `Type.field`, to name the field an error came from. */
  aliases?: Record<string, string>;
  /** The case sets its own Authorization header (or none), not the role's. */
  ownAuth?: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export function graphqlCase(
  label: string,
  role: RoleName,
  body: unknown,
  aliases?: Record<string, string>,
): FuzzCase {
  return {
    label,
    role,
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    aliases,
  };
}

// ---------------------------------------------------------------- documents

export function documentCase(rng: Rng, role: RoleName): FuzzCase {
  const [label, query, extra] = rng.weighted<() => [string, string, Record<string, unknown>?]>([
    [
      3,
      () => [
        'document: fragment cycle',
        `{ communities { ...A } } fragment A on CommunityConnection { totalCount ...B } fragment B on CommunityConnection { ...${rng.pick(['A', 'C'])} } fragment C on CommunityConnection { ...A }`,
      ],
    ],
    [1, () => ['document: self-spreading fragment', `{ ...Q } fragment Q on Query { ...Q }`]],
    [
      3,
      () => {
        const n = rng.int(10, 120);
        const frags = Array.from(
          { length: n },
          (_, i) =>
            `fragment F${i} on Query { ${i + 1 < n ? `...F${i + 1}` : 'communities(first: 1) { totalCount }'} }`,
        );
        return ['document: deep fragment chain', `{ ...F0 } ${frags.join(' ')}`];
      },
    ],
    [
      3,
      () => {
        const n = rng.int(6, 30);
        let inner = 'id';
        for (let i = 0; i < n; i++)
          inner = `units(first: 1) { edges { node { community { ${inner} } } } }`;
        return ['document: too deep', `{ communities(first: 1) { edges { node { ${inner} } } } }`];
      },
    ],
    [
      3,
      () => {
        const n = rng.pick([21, 50, 150, 400, 2000]);
        const field = rng.pick([
          '__typename',
          'communities(first: 100) { totalCount }',
          'viewer { id }',
        ]);
        return [
          'document: many aliases',
          `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`,
        ];
      },
    ],
    [
      2,
      () => [
        'document: too costly',
        `{ ${Array.from({ length: rng.int(1, 4) }, (_, i) => `c${i}: communities(first: 100) { edges { node { units(first: 100) { edges { node { grid { units(first: 100) { totalCount } } } } } } } }`).join(' ')} }`,
      ],
    ],
    [
      3,
      () => [
        'document: subscription',
        rng.pick([
          'subscription { __typename }',
          'subscription S { communities { totalCount } }',
          'subscription S($id: ID!) { node(id: $id) { id } }',
          'query Q { __typename } subscription S { __typename }',
        ]),
        { operationName: rng.pick(['S', 'Q', undefined]) },
      ],
    ],
    [
      3,
      () => [
        'document: directives',
        rng.pick([
          '{ communities @skip(if: "yes") { totalCount } }',
          `{ communities ${'@include(if: true) '.repeat(rng.int(21, 60))}{ totalCount } }`,
          '{ communities @unknown { totalCount } }',
          '{ communities @skip { totalCount } }',
          '{ communities @deprecated { totalCount } }',
          'query($s: Boolean) { communities @skip(if: $s) @include(if: $s) { totalCount } }',
          'query @skip(if: true) { __typename }',
        ]),
      ],
    ],
    [
      3,
      () => {
        const query = rng.pick([
          '{ __typename } { viewer { id } }',
          'query A { __typename } query A { viewer { id } }',
          'query A { __typename } query B { viewer { id } }',
          'query A { __typename } mutation B { setMyLanguage(input: { language: "en" }) { errors { code } } }',
          'mutation { __typename }',
          'query ($a: Int, $a: Int) { communities(first: $a) { totalCount } }',
          'query ($a: Int = "x") { communities(first: $a) { totalCount } }',
          'query ($a: Int!) { __typename }',
          'query { communities(first: $undefined) { totalCount } }',
          'query ($a: [[[Int!]!]!]!) { communities(first: $a) { totalCount } }',
          'query ($a: Query) { __typename }',
          'query ($a: CommunityConnection) { __typename }',
        ]);
        const operationName = rng.pick([undefined, 'A', 'B', 'C', '', nastyString(rng)]);
        const names = [...query.matchAll(/(?:query|mutation) (\w+)/g)].map((m) => m[1]);
        const several = (query.match(/(?:^|\} )(?:\{|query|mutation)/g) ?? []).length > 1;
        const naming =
          operationName === undefined
            ? 'no operationName'
            : names.includes(operationName)
              ? 'operationName of one'
              : 'operationName of none';
        return [
          `document: ${several ? 'several operations' : 'one operation'}, ${naming}`,
          query,
          { operationName, variables: rng.pick([undefined, { a: 1 }, { a: 'x' }, { a: [[[1]]] }]) },
        ];
      },
    ],
    [
      3,
      () => [
        'document: invalid selections',
        rng.pick([
          '{ communities { totalCount { x } } }',
          '{ communities }',
          '{ nope }',
          '{ ...on Nope { id } }',
          '{ ...Undefined }',
          '{ node(id: "x") { ... on UnitKind { id } } }',
          '{ node(id: "x") { ... on Query { __typename } } }',
          '{ communities { ... on Query { __typename } } }',
          `{ ${Array.from({ length: 300 }, (_, i) => `n${i}`).join(' ')} }`,
          '{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }',
          '{ __schema { types { name fields { name args { name type { name } } } } } }',
          '{ communities(first: 1e400) { totalCount } }',
          '{ communities(first: 99999999999999999999999) { totalCount } }',
          '{ communities(first: -0) { totalCount } }',
          '{ communities(first: 0x10) { totalCount } }',
          '{ communities(first: 1, first: 2) { totalCount } }',
          '{ communities(first: [1]) { totalCount } }',
          '{ communities(first: {a: 1}) { totalCount } }',
          '{ commitments(filter: { statuses: [ACTIVE, "ACTIVE", SOMEDAY] }) { totalCount } }',
          '{ commitments(filter: { statuses: ACTIVE }) { totalCount } }',
        ]),
      ],
    ],
    [
      3,
      () => [
        'document: garbage',
        rng.pick([
          '',
          ' ',
          '{',
          '}',
          '\u0000',
          '\ufeff{ __typename }',
          '{ __typename }\u0000',
          `#${'x'.repeat(HUGE)}\n{ __typename }`,
          `{ ${'a'.repeat(HUGE)} }`,
          `{ __typename(x: "${'x'.repeat(HUGE)}") }`,
          `{ communities(first: ${'['.repeat(3000)}1${']'.repeat(3000)}) { totalCount } }`,
          `{ communities(first: ${'['.repeat(300)}1${']'.repeat(300)}) { totalCount } }`,
          `{ communities(after: "\\ud800") { totalCount } }`,
          `{ communities(after: "\\u0000") { totalCount } }`,
          `{ communities(after: """${'"'.repeat(3)}""") { totalCount } }`,
          `${'{'.repeat(1000)}${'}'.repeat(1000)}`,
          '{ a: b: c }',
          'query { ...on Query { ...on Query { ...on Query { __typename } } } }',
          nastyString(rng),
          Buffer.from(Array.from({ length: 64 }, () => rng.int(0, 255))).toString('latin1'),
        ]),
      ],
    ],
  ])();
  return graphqlCase(label, role, { query, ...extra });
}

// ---------------------------------------------------------------- transport

const utf8 = (text: string) => new TextEncoder().encode(text);

export function transportCase(rng: Rng, role: RoleName, fuzzer: GraphQLFuzzer): FuzzCase {
  const simple = JSON.stringify({ query: '{ communities(first: 1) { totalCount } }' });
  // Never logout: it would end the caller's session for the rest of the run.
  let generated = fuzzer.operation(rng);
  while (generated.label === 'Mutation.logout') generated = fuzzer.operation(rng);
  const op = generated.body;
  const post = (
    label: string,
    body: FuzzCase['body'],
    headers: Record<string, string> = JSON_HEADERS,
  ): FuzzCase => ({ label, role, method: 'POST', path: '/graphql', headers, body });
  const get = (label: string, query: string, headers: Record<string, string> = {}): FuzzCase => ({
    label,
    role,
    method: 'GET',
    path: `/graphql${query}`,
    headers: { 'apollo-require-preflight': 'true', ...headers },
  });
  const enc = (value: unknown) =>
    percentEncode(typeof value === 'string' ? value : JSON.stringify(value));

  return rng.weighted<() => FuzzCase>([
    [
      4,
      () =>
        post('transport: content type', simple, {
          'content-type': rng.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/graphql',
            'application/graphql-response+json',
            'application/json;;;',
            'APPLICATION/JSON',
            'application/json; charset=latin1',
            'application/json; charset=utf-16',
            'application/json; charset=bogus',
            'application/json; charset="utf-8"',
            'application/json; boundary=x',
            'application/xml',
            '',
            '*/*',
            'application/json\u00ff',
          ]),
        }),
    ],
    [
      1,
      () => ({
        ...post('transport: no content type', utf8(simple), {}),
      }),
    ],
    [
      4,
      () =>
        post(
          'transport: not JSON',
          rng.pick([
            '{"query": ',
            '',
            'null',
            '1',
            '"{ __typename }"',
            'true',
            '{"query": "{ __typename }"}garbage',
            "{'query': '{ __typename }'}",
            '{"query": "{ __typename }",}',
            '\ufeff{"query": "{ __typename }"}',
            `${'['.repeat(20000)}${']'.repeat(20000)}`,
            `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
            '{"query": "\\ud800"}',
            '{"query": "\\u0000"}',
            '{"query": "{ __typename }", "query": 1}',
            '{"__proto__": {"query": "{ __typename }"}}',
          ]),
        ),
    ],
    [
      2,
      () =>
        post(
          'transport: bytes not UTF-8',
          rng.pick([
            Uint8Array.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]),
            Uint8Array.from([0xff, 0xfe, ...utf8(simple)]),
            Uint8Array.from([
              ...utf8('{"query": "{ communities(after: \\"'),
              0xc3,
              0x28,
              ...utf8('\\") { totalCount } }"}'),
            ]),
            Uint8Array.from([
              ...utf8('{"query": "{ __typename }", "variables": {"x": "'),
              0xed,
              0xa0,
              0x80,
              ...utf8('"}}'),
            ]),
            Buffer.from(simple, 'utf16le'),
          ]),
        ),
    ],
    [
      4,
      () => {
        const [shape, body] = rng.pick<[string, unknown]>([
          ['batched array', [op, op]],
          ['batched array', [op]],
          ['empty array', []],
          ['query not a string', { query: 1 }],
          ['query null', { query: null }],
          ['query not a string', { query: ['{ __typename }'] }],
          ['query not a string', { query: { kind: 'Document', definitions: [] } }],
          ['variables not an object', { ...op, variables: 'x' }],
          ['variables not an object', { ...op, variables: [1] }],
          ['variables not an object', { ...op, variables: 1 }],
          ['operationName not a string', { ...op, operationName: 5 }],
          ['operationName not a string', { ...op, operationName: ['a'] }],
          ['extensions not an object', { ...op, extensions: 'x' }],
          [
            'persisted query, hash not the query’s',
            { ...op, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
          ],
          [
            'persisted query, unknown hash',
            { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
          ],
          ['persisted query, version 2', { ...op, extensions: { persistedQuery: { version: 2 } } }],
          ['no query', {}],
          ['no query', { variables: {} }],
          ['unknown key', { query: '{ __typename }', unknown: 1 }],
        ]);
        return post(`transport: ${shape}`, JSON.stringify(body));
      },
    ],
    [
      4,
      () =>
        get(
          'transport: GET',
          rng.pick([
            `?query=${enc(op.query)}${op.variables ? `&variables=${enc(op.variables)}` : ''}`,
            `?query=${enc('{ communities(first: 1) { totalCount } }')}`,
            `?query=${enc('mutation { setMyLanguage(input: { language: "en" }) { errors { code } } }')}`,
            `?query=${enc('{ __typename }')}&variables=notjson`,
            `?query=${enc('{ __typename }')}&variables=${enc([1])}`,
            `?query=${enc('{ __typename }')}&extensions=${enc('{')}`,
            `?query=${enc('{ __typename }')}&query=${enc('{ viewer { id } }')}`,
            `?query=%ff`,
            `?query=${'%'.repeat(3)}`,
            '?',
            '',
            `?query=${'a'.repeat(20000)}`,
            `?query[a]=1`,
            `?operationName=x`,
          ]),
        ),
    ],
    [
      1,
      () => ({
        label: 'transport: GET without preflight',
        role,
        method: 'GET',
        path: `/graphql?query=${enc('{ __typename }')}`,
      }),
    ],
    [
      2,
      () => ({
        label: 'transport: method',
        role,
        method: rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
        path: '/graphql',
        headers: JSON_HEADERS,
        body: undefined,
      }),
    ],
    [
      3,
      () => ({
        ...post('transport: authorization header', simple),
        ownAuth: true,
        headers: {
          ...JSON_HEADERS,
          authorization: rng.pick([
            'Bearer',
            'Bearer ',
            'Bearer x',
            'Basic YWRtaW46YWRtaW4=',
            'bearer abc',
            `Bearer ${'a'.repeat(8000)}`,
            'Bearer a b c',
            'Bearer \u00ff\u00fe',
            `Bearer ${Buffer.from(`x${forgedId(rng)}`).toString('base64url')}`.slice(0, 8000),
            'Token abc',
            '',
          ]),
        },
      }),
    ],
    [
      1,
      () =>
        post('transport: content encoding', simple, {
          ...JSON_HEADERS,
          'content-encoding': rng.pick(['gzip', 'deflate', 'br', 'zstd', 'identity, gzip', 'x']),
        }),
    ],
    [
      0.15,
      () =>
        post(
          'transport: body over the limit',
          JSON.stringify({
            query: '{ __typename }',
            variables: { x: 'x'.repeat(9 * 1024 * 1024) },
          }),
        ),
    ],
  ])();
}

// ---------------------------------------------------------------- routes

/** A 1×1 PNG: an upload the evidence route takes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function queryString(rng: Rng, params: Record<string, () => string>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (rng.chance(0.4)) continue;
    const v = value();
    parts.push(`${name}=${v}`);
    if (rng.chance(0.05)) parts.push(`${name}=${v}`); // given twice: an array
  }
  if (rng.chance(0.05))
    parts.push(rng.pick(['a[b]=c', 'x=%ff', '%ff=1', '__proto__[x]=1', 'year[]=1']));
  return parts.length ? `?${parts.join('&')}` : '';
}

/** encodeURIComponent, but a lone surrogate becomes its (invalid) three UTF-8-like bytes. */
function percentEncode(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (ch) => {
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(ch);
  });
}

export function routeCase(rng: Rng, role: RoleName, ids: Record<string, string[]>): FuzzCase {
  const pct = percentEncode;
  const idParam = (type: string) => () =>
    rng.weighted<() => string>([
      [3, () => pct(rng.pick(ids[type] ?? ['x']))],
      [4, () => pct(forgedId(rng, type).slice(0, 4000))],
      [1, () => '%ff'],
      [1, () => ''],
      [1, () => pct(nastyString(rng).slice(0, 3000))],
    ])();
  const oddSegment = () =>
    rng.pick([
      '%ff',
      '..%2f..%2f..%2fetc%2fpasswd',
      '..',
      '%2e%2e',
      '%00',
      '%2f',
      'a%2fb',
      `${'9'.repeat(5000)}`,
      'A'.repeat(15000),
      pct(forgedId(rng, 'EvidenceFile')),
      pct(forgedId(rng, 'EvidenceFile')),
      pct(forgedId(rng, 'EvidenceFile')),
      pct(rng.pick(Object.values(ids).flat())),
      '%E4%B8%AD',
      '%ed%a0%80',
      '%c0%ae%c0%ae',
      ' ',
      '%20',
      'x.ics',
      '1;drop',
    ]);
  const report = () => ({
    communityId: idParam('Community'),
    categoryId: idParam('CommitmentCategory'),
    year: () =>
      rng.pick([
        '2026',
        '0000',
        '9999',
        '1',
        '20266',
        '-2026',
        'abcd',
        '%ff',
        '2026%00',
        '1e3',
        '',
      ]),
    format: () => rng.pick(['xlsx', 'csv', 'pdf', 'XLSX', '', '%ff', 'csv%00', '../x']),
    lang: () => rng.pick(['zh-CN', 'en', 'fr', '', '%ff', 'en%00', 'x'.repeat(1000)]),
  });

  return rng.weighted<() => FuzzCase>([
    [
      5,
      () => ({
        label: 'GET /files/evidence/:id',
        role,
        method: 'GET',
        path: `/files/evidence/${oddSegment()}`,
        headers: rng.chance(0.1)
          ? { 'if-none-match': rng.pick(['*', '"x"', 'W/"x", "y"', 'x'.repeat(5000)]) }
          : {},
      }),
    ],
    [
      1,
      () => ({
        label: 'GET /files/evidence',
        role,
        method: rng.pick(['GET', 'PUT', 'DELETE']),
        path: rng.pick([
          '/files/evidence',
          '/files/evidence/',
          '/files/',
          '/files/evidence/a/b',
          '/files/%ff/x',
        ]),
      }),
    ],
    [
      5,
      () => {
        const form = new FormData();
        const kind = rng.int(0, 9);
        const name = rng.pick([
          'photo.png',
          '../../etc/passwd',
          'a\u0000b.png',
          `${'名'.repeat(300)}.png`,
          '\u202egnp.exe',
          '',
          '\ud800.png',
          'x'.repeat(1000),
        ]);
        if (kind === 0) form.append('file', new Blob([PNG], { type: 'image/png' }), name);
        else if (kind === 1) form.append('file', new Blob([], { type: 'image/png' }), name);
        else if (kind === 2)
          form.append('file', new Blob([nastyString(rng)], { type: 'image/png' }), name);
        else if (kind === 3) form.append('other', new Blob([PNG]), name);
        else if (kind === 4) {
          form.append('file', new Blob([PNG]), name);
          form.append('file', new Blob([PNG]), name);
        } else if (kind === 5) form.append('file', 'not a file');
        else if (kind === 6) for (let i = 0; i < 10; i++) form.append(`f${i}`, 'x'.repeat(2000));
        else if (kind === 7)
          form.append('file', new Blob([Buffer.from('%PDF-1.4\n%garbage')]), 'x.pdf');
        else if (kind === 8) form.append('file', new Blob([PNG.subarray(0, 20)]), name);
        else
          form.append(
            'file',
            new Blob([Buffer.concat([PNG, Buffer.from(nastyString(rng))])]),
            name,
          );
        return {
          label: 'POST /files/evidence',
          role,
          method: 'POST',
          path: '/files/evidence',
          body: form,
        };
      },
    ],
    [
      2,
      () => ({
        label: 'POST /files/evidence (not multipart)',
        role,
        method: 'POST',
        path: rng.pick(['/files/evidence', '/files/evidence/x']),
        headers: {
          'content-type': rng.pick([
            'multipart/form-data',
            'multipart/form-data; boundary=',
            'multipart/form-data; boundary=zzz',
            'application/json',
            'text/plain',
            'image/png',
          ]),
        },
        body: rng.pick([
          '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
          '--zzz--',
          '{"file": 1}',
          '',
          `--zzz\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''%ff\r\n\r\nabc\r\n--zzz--`,
          `--zzz\r\n${'X-A: b\r\n'.repeat(100)}\r\nabc\r\n--zzz--`,
        ]),
      }),
    ],
    [
      4,
      () => ({
        label: 'GET /reports/co-building',
        role,
        method: 'GET',
        path: `/reports/co-building${queryString(rng, report())}`,
      }),
    ],
    [
      3,
      () => {
        const { communityId, format, lang } = report();
        return {
          label: 'GET /reports/staffing',
          role,
          method: 'GET',
          path: `/reports/staffing${queryString(rng, { communityId, format, lang })}`,
        };
      },
    ],
    [
      1,
      () => ({
        label: 'GET /reports/*',
        role,
        method: rng.pick(['GET', 'POST']),
        path: `/reports/${rng.pick(['commitments/%ff', '', 'co-building/x', 'staffing.csv', '%ff', 'co-building%00', '..%2fgraphql'])}`,
      }),
    ],
    [
      4,
      () => ({
        label: 'GET /volunteer/service-record.:format',
        role,
        method: 'GET',
        path: `/volunteer/service-record.${rng.pick(['xlsx', 'pdf', 'csv', '', '%ff', 'pdf%00', 'xlsx.pdf', '__proto__', 'constructor', 'hasOwnProperty'])}${queryString(rng, { volunteerId: idParam('Volunteer') })}`,
      }),
    ],
    [
      3,
      () => ({
        label: 'GET /volunteer/calendar/:token.ics',
        role,
        method: 'GET',
        path: `/volunteer/calendar/${rng.pick([
          'abc',
          '%ff',
          '%00',
          'x'.repeat(5000),
          'A'.repeat(43),
          '..%2f..%2fx',
          pct(nastyString(rng).slice(0, 2000)),
          '.',
          '',
          'a.b',
        ])}.ics${rng.chance(0.2) ? '?x=%ff' : ''}`,
      }),
    ],
    [
      2,
      () => ({
        label: 'other paths',
        role,
        method: rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']),
        path: rng.pick([
          '/',
          '/healthz',
          '/healthz?x=%ff',
          '/%ff',
          '/graphql/%ff',
          '/volunteer',
          '/volunteer/%ff',
          '/volunteer/calendar/',
          '/files',
          '/..%2f..%2fetc%2fpasswd',
          `/${'a'.repeat(10000)}`,
          '/reports',
          '//graphql',
          '/graphql/',
          '/GRAPHQL',
        ]),
      }),
    ],
  ])();
}
