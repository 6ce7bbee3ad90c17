// The nasty values: strings, numbers, dates, global IDs and cursors a careless or hostile client
// sends. None of them contains SQL keywords or paths, so that an answer echoing one back (as
// graphql-js does in "got invalid value …") is never mistaken for a leak of internals.
import type { Rng } from './prng.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

export const HUGE = 100 * 1024;

/** A string a client should not send, but may. */
export function nastyString(rng: Rng): string {
  return rng.weighted<() => string>([
    [3, () => 'x'.repeat(HUGE)],
    [1, () => '长'.repeat(HUGE / 3)],
    [1, () => '😀'.repeat(HUGE / 4)],
    [3, () => `a\u0000b`],
    [2, () => '\u0000'],
    [3, () => `lone \ud800 surrogate`],
    [2, () => `\udfff${rng.int(0, 9)}`],
    [2, () => '\ud83d'],
    [2, () => ''],
    [2, () => '   '],
    [2, () => '测试社区🏘️ Ünïcödé ﷽ 𝕏'],
    [1, () => '\u202eevil\u202c.pdf'],
    [1, () => 'e\u0301\u0301\u0301\u0301'],
    [1, () => '\uffff\ufffe\ufeff'],
    [1, () => '\r\n\t\u000b\u000c\u0085\u2028\u2029'],
    [1, () => "1' or '1'='1"],
    [1, () => '{"$gt":""}'],
    [1, () => '%s%s%s%n'],
    [1, () => '${7*7}{{7*7}}'],
    [1, () => '<script>alert(1)</script>'],
    [1, () => '\\'.repeat(50)],
    [1, () => '-1'],
    [1, () => 'NaN'],
    [1, () => '9'.repeat(400)],
    [1, () => 'zh-CN\u0000'],
    [1, () => 'a'.repeat(256)],
    [1, () => 'a'.repeat(rng.int(1, 2000))],
  ])();
}

export function nastyInt(rng: Rng): unknown {
  return rng.pick<unknown>([
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 40,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1,
    0,
    2147483647,
    -2147483648,
    1.5,
    '12',
    'ten',
    true,
    [],
    {},
    [1, 2],
    '',
  ]);
}

export function nastyFloat(rng: Rng): unknown {
  return rng.pick<unknown>([
    1e308,
    -1e308,
    5e-324,
    0.001,
    0.005,
    9999999999.995,
    1e12,
    -0.0,
    1e21,
    1.2345678901234568e20,
    0.1 + 0.2,
    -1,
    0,
    99999999999999.98,
    '1.5',
    'NaN',
    'Infinity',
    true,
    {},
    [],
  ]);
}

export function nastyDateTime(rng: Rng): unknown {
  return rng.pick<unknown>([
    'yesterday',
    '',
    '2026-13-45T25:61:61Z',
    '2026-02-30T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00.001Z',
    '9999-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00Z',
    '2026-01-01',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+25:00',
    '2026-01-01T00:00:00.123456789Z',
    '2026-01-01T00:00:00Z\u0000',
    8.64e15 + 1,
    -1,
    0,
    1e308,
    true,
    [],
    {},
  ]);
}

/** For the schema's YYYY-MM-DD strings (periodStart, date, …). */
export function nastyDate(rng: Rng): string {
  return rng.pick([
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31',
    '10000-01-01',
    '-2026-01-01',
    '2026-1-1',
    '20260101',
    '2026-01-01T00:00:00Z',
    '2026-01-01\u0000',
    'today',
    '',
    '1900-01-01',
    '2026-06-31',
  ]);
}

const NODE_TYPES = [
  'Community',
  'Grid',
  'Unit',
  'User',
  'Volunteer',
  'SocialWorker',
  'Activity',
  'Shift',
  'Signup',
  'Commitment',
  'CommitmentCategory',
  'CommitmentEvent',
  'Fulfilment',
  'EvidenceFile',
  'Need',
  'Pairing',
  'SupervisionLog',
  'Notification',
];

/** A global ID that names nothing, another type, or nothing decodable. */
export function forgedId(rng: Rng, type?: string): string {
  const t = type ?? rng.pick(NODE_TYPES);
  const other = rng.pick(NODE_TYPES);
  return rng.weighted<() => string>([
    [2, () => b64(`${t}:123`)],
    [2, () => b64url(`${other}:1`)],
    [2, () => b64url(`${t}:2147483648`)],
    [1, () => b64url(`${t}:9007199254740991`)],
    [1, () => b64url(`${t}:99999999999999999999`)],
    [1, () => b64url(`${t}:0`)],
    [1, () => b64url(`${t}:-1`)],
    [1, () => b64url(`${t}:1.5`)],
    [1, () => b64url(`${t}:1e3`)],
    [1, () => b64url(`${t}:0x10`)],
    [1, () => b64url(`${t}: 1`)],
    [1, () => b64url(`${t}:`)],
    [1, () => b64url(`:1`)],
    [1, () => b64url(`${t}:1:2`)],
    [1, () => b64url(`${t}\u0000:1`)],
    [1, () => b64url(`NoSuchType:1`)],
    [1, () => b64url(`__proto__:1`)],
    [1, () => b64url(`constructor:1`)],
    [1, () => `${t}:1`],
    [1, () => '1'],
    [1, () => '!!!not base64!!!'],
    [1, () => '===='],
    [1, () => ''],
    [1, () => 'A'.repeat(HUGE)],
    [1, () => b64url('x'.repeat(5000) + ':1')],
    [1, () => nastyString(rng)],
  ])();
}

/** The JSON a forged cursor decodes to. */
function cursorJson(rng: Rng): string {
  const n = rng.int(1, 3);
  const fill = (v: unknown) => JSON.stringify(Array.from({ length: n }, () => v));
  return rng.weighted<() => string>([
    [3, () => '[{"$gt":0}]'],
    [2, () => fill({ $gt: 0 })],
    [2, () => fill({ $ne: null })],
    [2, () => fill({ $in: [1, 2] })],
    [3, () => '[[],66]'],
    [2, () => fill([])],
    [2, () => fill([1, [2, [3, [4]]]])],
    [2, () => fill('x')],
    [2, () => fill('\u0000')],
    [2, () => fill('2026-01-01T00:00:00.000Z')],
    [1, () => fill('9999-99-99T99:99:99Z')],
    [2, () => fill(null)],
    [2, () => fill(true)],
    [2, () => fill(2147483648)],
    [2, () => fill(1e308)],
    [2, () => `[${'9'.repeat(400)},1]`],
    [1, () => fill(-1)],
    [1, () => fill(1.5)],
    [1, () => fill(0)],
    [1, () => JSON.stringify(['a', 1, 'b', 2])],
    [1, () => '[]'],
    [1, () => '{}'],
    [1, () => '{"0":1,"length":2}'],
    [1, () => '"string"'],
    [1, () => '123'],
    [1, () => 'null'],
    [1, () => 'not json'],
    [1, () => '[1,'],
    [1, () => '['.repeat(5000) + ']'.repeat(5000)],
    [1, () => '[{"__proto__":{"polluted":1}},1]'],
    [1, () => fill('x'.repeat(HUGE / 2))],
  ])();
}

/** A value of the same JSON type as `value` (a sort key's) that no row could have. */
function nastyKey(rng: Rng, value: unknown): unknown {
  const any = [null, true, { $gt: 0 }, { $ne: null }, [], [[1]], '', {}];
  if (typeof value === 'number') {
    return rng.pick<unknown>([
      2147483648,
      -2147483649,
      9007199254740991,
      -9007199254740991,
      1.5,
      -1,
      0,
      1e308,
      5e-324,
      '1',
      'x',
      ...any,
    ]);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return rng.pick<unknown>([
      '2026-02-31T00:00:00.000Z',
      '2026-01-01T24:00:00Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999999+14:00',
      '275760-09-13T00:00:00.000Z',
      '2026-01-01T00:00:00.1234567Z',
      '2026-01-01 00:00:00',
      '2026-01-01',
      'infinity',
      'epoch',
      '\u0000',
      1,
      8.64e15,
      ...any,
    ]);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return rng.pick<unknown>([
      '2026-02-31',
      '0000-01-01',
      '99999-01-01',
      'infinity',
      'today',
      '2026-01-01T00:00:00Z',
      20260101,
      ...any,
    ]);
  }
  return rng.pick<unknown>([
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x'.repeat(HUGE / 2),
    '9'.repeat(400),
    12,
    1.5,
    ...any,
  ]);
}

/** A cursor shaped like a real one (`template`, its decoded keys) with some keys replaced. */
function cursorLike(rng: Rng, template: unknown[]): string {
  const keys = template.map((v) => (rng.chance(0.5) ? nastyKey(rng, v) : v));
  if (keys.every((k, i) => k === template[i]))
    keys[rng.int(0, keys.length - 1)] = nastyKey(rng, template[0]);
  return JSON.stringify(keys);
}

/** A cursor the server never issued; `template` is a real cursor's keys, when one is known. */
export function forgedCursor(rng: Rng, template?: unknown[]): string {
  if (template && rng.chance(0.7)) return b64url(cursorLike(rng, template));
  return rng.weighted<() => string>([
    [8, () => b64url(cursorJson(rng))],
    [2, () => b64(cursorJson(rng))],
    [1, () => '!!!'],
    [1, () => ''],
    [1, () => 'A'.repeat(HUGE)],
    [1, () => nastyString(rng)],
  ])();
}
