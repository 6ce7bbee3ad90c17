// What every answer must be, whatever was asked: not a 5xx, no INTERNAL_SERVER_ERROR, nothing
// of the server's insides (stacks, paths, SQL, PostgreSQL's or MikroORM's words). Failures are
// collected and grouped, never thrown at the first.

/** Texts that only the server's insides produce (the fuzz values contain none of them). */
export const INTERNALS: [string, RegExp][] = [
  ['stack trace', /\n\s+at .+[(\s](?:file:|\/|node:)|\bat (?:async )?\S+ \((?:file:\/\/|\/|node:)/],
  ['file path', /\/work\/|node_modules|file:\/\/\/|\/api\/src\/|\.ts:\d+:\d+/],
  [
    'SQL',
    /\bselect\b[^\n]{0,300}\bfrom\s+"|\binsert into\b|\bupdate\s+"\w+"\s+set\b|\bdelete from\b|\bwhere\s+"\w+"\."\w+"/i,
  ],
  [
    'PostgreSQL error',
    /violates|syntax error at or near|invalid input syntax|out of range for type|invalid byte sequence for encoding|relation "\w+"|column "\w+"|duplicate key value|unterminated quoted|operator does not exist|could not determine data type|cannot cast type|value too long for type/i,
  ],
  [
    'MikroORM',
    /\b(?:DriverException|\w+ConstraintViolationException|InvalidFieldNameException|SyntaxErrorException|ServerException|MetadataError|NotFoundError|EntityManager|QueryBuilder|MikroORM|knex|ValidationError: )\b/,
  ],
  [
    'JS error',
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): |Cannot read propert|is not a function|undefined is not|Maximum call stack/,
  ],
];

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export interface Problem {
  /** Where: `Query.units`, `GET /files/evidence/:id`… */
  where: string;
  status: number;
  code: string;
  message: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers have any shape
type Json = any;

const firstLine = (text: unknown) =>
  String(text ?? '')
    .split('\n')[0]!
    .slice(0, 160);

/** The problems of one answer (none when it is fine). */
export function problemsOf(
  label: string,
  answer: Answer,
  aliases: Record<string, string> = {},
): Problem[] {
  const problems: Problem[] = [];
  const textual = !/spreadsheetml|application\/pdf|image\/|octet-stream/.test(answer.contentType);
  let json: Json;
  if (/json/.test(answer.contentType) && answer.text !== '') {
    try {
      json = JSON.parse(answer.text);
    } catch {
      problems.push({
        where: label,
        status: answer.status,
        code: '-',
        message: 'answer is not JSON though it says so',
      });
    }
  }
  const errors: Json[] = Array.isArray(json?.errors) ? json.errors : [];
  const whereOf = (error: Json) => {
    const root = error?.path?.[0];
    if (typeof root !== 'string') return label;
    if (aliases[root]) return aliases[root];
    const [type] = label.split('.');
    if (!label.startsWith('Query.') && !label.startsWith('Mutation.')) return label;
    return label.startsWith(`${type}.${root} `) ? label : `${type}.${root}`;
  };

  if (answer.status >= 500) {
    const error = errors[0];
    problems.push({
      where: error ? whereOf(error) : label,
      status: answer.status,
      code: String(error?.extensions?.code ?? '-'),
      message: firstLine(error?.message ?? answer.text),
    });
  }
  for (const error of errors) {
    if (error?.extensions?.code === 'INTERNAL_SERVER_ERROR' && answer.status < 500) {
      problems.push({
        where: whereOf(error),
        status: answer.status,
        code: 'INTERNAL_SERVER_ERROR',
        message: firstLine(error.message),
      });
    }
  }
  if (textual) {
    for (const [what, pattern] of INTERNALS) {
      const match = pattern.exec(answer.text);
      if (match) {
        problems.push({
          where: label,
          status: answer.status,
          code: `LEAK: ${what}`,
          message: firstLine(
            answer.text.slice(match.index, match.index + 100).replace(/\s+/g, ' '),
          ),
        });
      }
    }
  }
  return problems;
}

export interface Failure extends Problem {
  index: number;
  role: string;
  request: string;
}

/** Failures grouped by (where, status, code, message), largest first. */
export function summarise(failures: Failure[], cap = 30): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    // Messages that echo the input differ per request: group on their shape.
    const message = f.message.replace(/"[^"]{20,}"/g, '"…"').replace(/\d{3,}/g, 'N');
    const key = `${f.where} | ${f.status} | ${f.code} | ${message}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  const lines = sorted.slice(0, cap).map(([key, list]) => {
    const roles = [...new Set(list.map((f) => f.role))].join(',');
    const sample = list[0]!;
    const more = list
      .slice(1, 10)
      .map((f) => `#${f.index}`)
      .join(' ');
    return `  ${list.length}× ${key}\n      roles: ${roles}; e.g. #${sample.index}: ${sample.request}${more ? `\n      also ${more}` : ''}`;
  });
  if (sorted.length > cap) lines.push(`  … and ${sorted.length - cap} more groups`);
  return `${failures.length} failures in ${groups.size} groups:\n${lines.join('\n')}`;
}
