// GraphQL operations generated from schema/schema.graphql: every Query and Mutation field with
// its arguments and input types, filled with valid values, wrong ones, or a mix; inline or as
// variables (declared right or wrong, given, missing or null); forged cursors on every
// connection's `after`, reached from the root through a path of real rows; forged IDs on node().
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { Rng } from './prng.js';
import {
  forgedCursor,
  forgedId,
  HUGE,
  nastyDate,
  nastyDateTime,
  nastyFloat,
  nastyInt,
  nastyString,
} from './values.js';

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GeneratedOperation {
  /** `Query.communities`, `Mutation.createUnit`…: the group a failure is reported under. */
  label: string;
  body: GraphQLBody;
  /** Maps a root alias back to its `Type.field`. */
  aliases: Record<string, string>;
}

type Mode = 'valid' | 'light' | 'heavy';
const FUZZ_RATE: Record<Mode, number> = { valid: 0, light: 0.2, heavy: 0.6 };

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const DATE_NAMES = /^(periodStart|periodEnd|date)$/;

/** A GraphQL literal for a JS value, shaped by the type expected there (when known). */
export function toLiteral(value: unknown, type?: GraphQLInputType, quoteEnum = false): string {
  if (value === null || value === undefined) return 'null';
  const nullable = type ? (getNullableType(type) as GraphQLInputType) : undefined;
  if (Array.isArray(value)) {
    const item =
      nullable && isListType(nullable) ? (nullable.ofType as GraphQLInputType) : undefined;
    return `[${value.map((v) => toLiteral(v, item, quoteEnum)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
    const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => NAME.test(k));
    return `{${entries.map(([k, v]) => `${k}: ${toLiteral(v, fields[k]?.type, quoteEnum)}`).join(', ')}}`;
  }
  if (typeof value === 'string') {
    if (!quoteEnum && nullable && isEnumType(nullable) && NAME.test(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return String(value);
}

/** The type name of the objects an ID argument or input field names, guessed from its name. */
function idTarget(name: string, owner: string, ids: Record<string, string[]>): string | null {
  const base = name.replace(/Ids?$/, '');
  if (base && base !== name) {
    const type = base[0]!.toUpperCase() + base.slice(1);
    if (type === 'Category') return 'CommitmentCategory';
    if (type === 'Signup' || ids[type]) return type;
  }
  if (name === 'id' || name === 'ids') {
    const known = Object.keys(ids).sort((a, b) => b.length - a.length);
    const lower = owner.toLowerCase();
    return known.find((type) => lower.includes(type.toLowerCase())) ?? null;
  }
  return null;
}

export class GraphQLFuzzer {
  readonly roots: {
    op: 'query' | 'mutation';
    parent: GraphQLObjectType;
    field: GraphQLField<unknown, unknown>;
  }[] = [];
  /** Each connection field with `after`, reached from the root through rows that exist. */
  readonly connections: {
    label: string;
    wrap: (inner: string) => string;
    field: GraphQLField<unknown, unknown>;
  }[] = [];
  readonly nodeTypes: GraphQLObjectType[];
  /** While set, valid input objects hold their required fields only. */
  private requiredOnly = false;
  /** A real cursor's decoded keys per connection label, learnt by {@link learnCursors}. */
  readonly cursorTemplates: Record<string, unknown[]> = {};

  constructor(
    readonly schema: GraphQLSchema,
    readonly ids: Record<string, string[]>,
  ) {
    for (const [op, parent] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const) {
      if (!parent) continue;
      for (const field of Object.values(parent.getFields())) this.roots.push({ op, parent, field });
    }
    const node = schema.getType('Node');
    this.nodeTypes =
      node && isInterfaceType(node) ? [...schema.getImplementations(node).objects] : [];
    this.findConnections();
  }

  // ---------------------------------------------------------------- values

  private anyId(rng: Rng): string {
    const all = Object.values(this.ids).flat();
    return rng.pick(all);
  }

  private validId(rng: Rng, name: string, owner: string): string {
    const target = idTarget(name, owner, this.ids);
    const pool = target ? this.ids[target] : undefined;
    return pool?.length ? rng.pick(pool) : this.anyId(rng);
  }

  private firstId(name: string, owner: string): string {
    const target = idTarget(name, owner, this.ids);
    return (target && this.ids[target]?.[0]) || Object.values(this.ids).flat()[0]!;
  }

  private validString(rng: Rng, name: string): string {
    if (DATE_NAMES.test(name)) return rng.pick(['2026-06-01', '2026-01-01', '2026-12-31']);
    switch (name) {
      case 'language':
        return rng.pick(['en', 'zh-CN']);
      case 'phone':
      case 'liaisonPhone':
      case 'leaderPhone':
        return '13812345678';
      case 'password':
        return 'Fuzz-password-1';
      case 'username':
        return `fz${rng.int(0, 1e9)}`;
      case 'email':
        return `fz${rng.int(0, 1e6)}@example.com`;
      case 'start':
        return '09:00';
      case 'end':
        return '12:00';
      case 'fileName':
        return rng.pick(['units.csv', 'units.xlsx']);
      case 'contentBase64':
        return Buffer.from('name,kind,staffCount\n测试单位,ENTERPRISE,5\n').toString('base64');
      case 'code':
        return `fz-${rng.int(0, 1e9)}`;
      default:
        return `fuzz ${rng.int(0, 1e6)}`;
    }
  }

  private validInt(rng: Rng, name: string): number {
    switch (name) {
      case 'first':
        return rng.int(0, 5);
      case 'year':
        return rng.pick([2026, 2025, 2027]);
      case 'day':
        return rng.int(1, 7);
      case 'version':
        return rng.int(0, 3);
      default:
        return rng.int(0, 100);
    }
  }

  /** A value a correct client could send. */
  valid(rng: Rng, type: GraphQLInputType, name: string, owner: string, depth = 0): unknown {
    if (isNonNullType(type)) return this.valid(rng, type.ofType, name, owner, depth);
    if (isListType(type)) {
      const n = rng.int(0, 2);
      return Array.from({ length: n }, () =>
        this.valid(rng, type.ofType as GraphQLInputType, name, owner, depth + 1),
      );
    }
    if (isEnumType(type)) return rng.pick(type.getValues()).name;
    if (isInputObjectType(type)) return this.inputObject(rng, type, 'valid', depth);
    switch (type.name) {
      case 'ID':
        return this.validId(rng, name, owner);
      case 'Int':
        return this.validInt(rng, name);
      case 'Float':
        return rng.int(0, 100000) / 100;
      case 'Boolean':
        return rng.chance(0.5);
      case 'DateTime':
        return new Date(Date.now() + rng.int(-1000, 1000) * 3_600_000).toISOString();
      default:
        return this.validString(rng, name);
    }
  }

  /** A value a careless or hostile client sends instead. */
  fuzz(rng: Rng, type: GraphQLInputType, name: string, owner: string, depth = 0): unknown {
    const roll = rng.float();
    if (roll < 0.08) return null;
    if (roll < 0.14) return rng.pick<unknown>([{}, [], 'x', 1, true, [[[]]], { a: { b: 1 } }]);
    if (isNonNullType(type)) return this.fuzz(rng, type.ofType, name, owner, depth);
    if (isListType(type)) {
      const item = type.ofType as GraphQLInputType;
      return rng.weighted<() => unknown>([
        [3, () => [this.fuzz(rng, item, name, owner, depth + 1)]],
        [2, () => this.fuzz(rng, item, name, owner, depth + 1)],
        [1, () => [null]],
        [1, () => Array.from({ length: 300 }, () => this.valid(rng, item, name, owner, depth + 1))],
        [1, () => [this.valid(rng, item, name, owner, depth + 1), 'SOMEDAY', null]],
      ])();
    }
    if (isEnumType(type)) {
      const values = (type as GraphQLEnumType).getValues().map((v) => v.name);
      return rng.pick<unknown>([
        'SOMEDAY',
        rng.pick(values).toLowerCase(),
        `${rng.pick(values)} `,
        '',
        '__proto__',
        'constructor',
        'toString',
        7,
        nastyString(rng),
      ]);
    }
    if (isInputObjectType(type)) {
      if (depth > 3) return null;
      return rng.chance(0.85)
        ? this.inputObject(rng, type, 'heavy', depth)
        : rng.pick<unknown>(['input', 42, [{}]]);
    }
    if (name === 'after' || name === 'before') return forgedCursor(rng);
    switch (type.name) {
      case 'ID':
        return rng.chance(0.85) ? forgedId(rng, idTarget(name, owner, this.ids) ?? undefined) : 7;
      case 'Int':
        return nastyInt(rng);
      case 'Float':
        return nastyFloat(rng);
      case 'Boolean':
        return rng.pick<unknown>(['true', 1, 0, 'false', '']);
      case 'DateTime':
        return nastyDateTime(rng);
      default:
        if (DATE_NAMES.test(name) && rng.chance(0.6)) return nastyDate(rng);
        return rng.chance(0.9) ? nastyString(rng) : rng.pick<unknown>([12, 1.5, false]);
    }
  }

  private inputObject(
    rng: Rng,
    type: GraphQLInputObjectType,
    mode: Mode,
    depth: number,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const rate = FUZZ_RATE[mode];
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type);
      if (required ? rng.chance(rate / 5) : this.requiredOnly || rng.chance(0.5)) continue;
      out[field.name] = rng.chance(rate)
        ? this.fuzz(rng, field.type, field.name, type.name, depth + 1)
        : this.valid(rng, field.type, field.name, type.name, depth + 1);
    }
    if (rng.chance(rate / 4)) out[rng.pick(['unknownField', '__proto__', 'constructor', 'id'])] = 1;
    return out;
  }

  // ---------------------------------------------------------------- operations

  /** One operation: a few root fields of one kind, their arguments fuzzed, a random selection. */
  operation(rng: Rng, forceRoot?: string): GeneratedOperation {
    const mode = rng.weighted<Mode>([
      [2, 'valid'],
      [5, 'light'],
      [3, 'heavy'],
    ]);
    const first = forceRoot
      ? this.roots.find((r) => `${r.parent.name}.${r.field.name}` === forceRoot)!
      : rng.pick(this.roots);
    const sameKind = this.roots.filter((r) => r.op === first.op && r.field.name !== 'logout');
    const picked = [first, ...(rng.chance(0.25) ? rng.sample(sameKind, rng.int(1, 2)) : [])];
    const b = new OperationBuilder(this, rng, mode);
    const aliases: Record<string, string> = {};
    const parts = picked.map((root, i) => {
      const alias = i === 0 && rng.chance(0.8) ? null : `r${i}`;
      if (alias) aliases[alias] = `${root.parent.name}.${root.field.name}`;
      return `${alias ? `${alias}: ` : ''}${root.field.name}${b.args(root.field.args, root.field.name)}${b.selection(root.field.type, 2)}`;
    });
    return {
      label: `${first.parent.name}.${first.field.name}`,
      body: b.document(first.op, parts.join(' ')),
      aliases,
    };
  }

  /**
   * Every scalar argument and input field (to depth 3) of every root field but logout, each with
   * the edge values of its type: NUL bytes, lone surrogates and 100 KB in strings, impossible
   * dates, Int and Float extremes (and amounts that round to 0.00 or overflow numeric(12,2)),
   * DateTime extremes, IDs of rows past the int4 range.
   */
  sweep(): { root: string; path: string[]; value: unknown }[] {
    const out: { root: string; path: string[]; value: unknown }[] = [];
    const valuesFor = (type: string, name: string, owner: string): unknown[] => {
      switch (type) {
        case 'String':
          return [
            'a\u0000b',
            'lone \ud800 surrogate',
            '长'.repeat(HUGE / 3),
            ...(DATE_NAMES.test(name) ? ['2026-02-30', '0001-01-01', '99999-01-01'] : []),
          ];
        case 'Int':
          return [2147483647, -2147483648, -1];
        case 'Float':
          return [5e-324, 0.001, 0.005, 9999999999.995, 1e12, -0.01];
        case 'DateTime':
          return ['0001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '1970-01-01T00:00:00Z'];
        case 'ID': {
          const target = idTarget(name, owner, this.ids) ?? 'Community';
          return [
            Buffer.from(`${target}:2147483648`).toString('base64url'),
            Buffer.from(`${target}:9007199254740991`).toString('base64url'),
          ];
        }
        default:
          return [];
      }
    };
    const walk = (
      root: string,
      type: GraphQLInputType,
      path: string[],
      name: string,
      owner: string,
    ) => {
      const named = getNamedType(type);
      for (const value of valuesFor(named.name, name, owner)) out.push({ root, path, value });
      if (isInputObjectType(named) && path.length < 3) {
        for (const field of Object.values(named.getFields())) {
          walk(root, field.type, [...path, field.name], field.name, named.name);
        }
      }
    };
    for (const { parent, field } of this.roots) {
      if (field.name === 'logout') continue;
      for (const arg of field.args) {
        walk(`${parent.name}.${field.name}`, arg.type, [arg.name], arg.name, field.name);
      }
    }
    return out;
  }

  /**
   * A correct call of one root field (mutations mostly) with ONE argument or input field, at any
   * depth, replaced by a wrong value: past the other checks, the wrong value reaches the code
   * (and the database) behind it, and a failure names the field.
   */
  singleFaultOperation(
    rng: Rng,
    forced?: { root: string; path: string[]; value: unknown },
  ): GeneratedOperation & { fault: string } {
    const kind = rng.chance(0.7) ? 'mutation' : 'query';
    const roots = this.roots.filter(
      (r) => r.op === kind && r.field.args.length > 0 && r.field.name !== 'logout',
    );
    const root = forced
      ? this.roots.find((r) => `${r.parent.name}.${r.field.name}` === forced.root)!
      : rng.pick(roots);
    const op = root.op;
    const args: Record<string, unknown> = {};
    // Every place a value can go: [path, type, name, owner].
    const places: [string[], GraphQLInputType, string, string][] = [];
    const walk = (type: GraphQLInputType, path: string[], name: string, owner: string) => {
      places.push([path, type, name, owner]);
      const named = getNamedType(type);
      if (isInputObjectType(named) && path.length < 4) {
        for (const field of Object.values(named.getFields())) {
          walk(field.type, [...path, field.name], field.name, named.name);
        }
      }
    };
    // A forced fault goes into a call as small as it can be: required fields only (optional
    // ones name rows out of the caller's scope, and a refusal for them would hide the fault).
    this.requiredOnly = forced !== undefined;
    for (const arg of root.field.args) {
      if (isNonNullType(arg.type) || (!forced && rng.chance(0.5))) {
        args[arg.name] = this.valid(rng, arg.type, arg.name, root.field.name);
      }
      walk(arg.type, [arg.name], arg.name, root.field.name);
    }
    this.requiredOnly = false;
    const [path, type, name, owner] = forced
      ? places.find(([p]) => p.join('.') === forced.path.join('.'))!
      : rng.pick(places);
    let target: Record<string, unknown> = args;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (Array.isArray(next)) {
        target = (next[0] ?? (next[0] = {})) as Record<string, unknown>;
      } else {
        target = (next && typeof next === 'object' ? next : (target[key] = {})) as Record<
          string,
          unknown
        >;
      }
    }
    const named = getNamedType(type);
    const bad =
      isScalarType(named) && named.name === 'String' && rng.chance(0.8)
        ? nastyString(rng)
        : this.fuzz(rng, getNullableType(type) as GraphQLInputType, name, owner);
    target[path.at(-1)!] = forced ? forced.value : bad;

    const asVariables = rng.chance(0.7);
    const declarations: string[] = [];
    const variables: Record<string, unknown> = {};
    const argText = root.field.args
      .filter((arg) => arg.name in args)
      .map((arg) => {
        if (!asVariables) return `${arg.name}: ${toLiteral(args[arg.name], arg.type)}`;
        declarations.push(`$${arg.name}: ${arg.type.toString()}`);
        variables[arg.name] = args[arg.name];
        return `${arg.name}: $${arg.name}`;
      });
    const b = new OperationBuilder(this, rng, 'valid');
    const selection = b.selection(root.field.type, 1);
    const head = declarations.length ? `${op}(${declarations.join(', ')})` : op;
    const call = `${root.field.name}${argText.length ? `(${argText.join(', ')})` : ''}`;
    return {
      label: `${root.parent.name}.${root.field.name}`,
      body: { query: `${head} { ${call} ${selection} }`, ...(asVariables ? { variables } : {}) },
      aliases: {},
      fault: path.join('.'),
    };
  }

  /** A forged cursor on one connection field, nested under real rows where needed. */
  cursorOperation(rng: Rng, which?: number): GeneratedOperation {
    const conn = which === undefined ? rng.pick(this.connections) : this.connections[which]!;
    const b = new OperationBuilder(this, rng, 'valid');
    const cursor = rng.chance(0.05)
      ? this.validCursorLike(rng)
      : forgedCursor(rng, this.cursorTemplates[conn.label]);
    const cursorArg = rng.chance(0.75) ? b.variable('String', cursor) : JSON.stringify(cursor);
    const otherArgs = conn.field.args
      .filter((a) => a.name !== 'after' && a.name !== 'first')
      .filter((a) => isNonNullType(a.type) || rng.chance(0.3))
      .map((a) => `${a.name}: ${b.argValue(a, conn.label)}`);
    const beforeArg = rng.chance(0.02) ? [`before: ${JSON.stringify(forgedCursor(rng))}`] : [];
    const args = [
      `after: ${cursorArg}`,
      `first: ${rng.int(1, 5)}`,
      ...otherArgs,
      ...beforeArg,
    ].join(', ');
    const inner = `c: ${conn.field.name}(${args}) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { __typename } } }`;
    return {
      label: `${conn.label} after`,
      body: b.document('query', conn.wrap(inner)),
      aliases: {},
    };
  }

  /** Asks each connection for one real cursor, to forge cursors of the right shape. */
  async learnCursors(run: (query: string) => Promise<unknown>): Promise<void> {
    const find = (value: unknown): string | undefined => {
      if (!value || typeof value !== 'object') return undefined;
      const record = value as Record<string, unknown>;
      if (typeof record.cursor === 'string') return record.cursor;
      for (const child of Object.values(record)) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    };
    for (const conn of this.connections) {
      const answer = await run(
        `{ ${conn.wrap(`c: ${conn.field.name}(first: 1) { edges { cursor } }`)} }`,
      );
      const cursor = find(answer);
      if (!cursor) continue;
      const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (Array.isArray(keys)) this.cursorTemplates[conn.label] = keys;
    }
  }

  private validCursorLike(rng: Rng): string {
    const values = rng.pick<unknown[]>([
      [1],
      [1, 1],
      ['a', 1],
      ['2026-01-01T00:00:00.000Z', 1],
      [1, 1, 1],
    ]);
    return Buffer.from(JSON.stringify(values)).toString('base64url');
  }

  /** node(id:) with a forged or real ID and fragments on every node type. */
  nodeOperation(rng: Rng): GeneratedOperation {
    const b = new OperationBuilder(this, rng, 'valid');
    const id = rng.chance(0.8) ? forgedId(rng) : this.anyId(rng);
    const arg = rng.chance(0.6) ? b.variable('ID!', id) : JSON.stringify(id);
    const fragments = rng
      .sample(this.nodeTypes, rng.int(1, 4))
      .map((t) => `... on ${t.name} ${b.selection(t, 1)}`)
      .join(' ');
    return {
      label: 'Query.node',
      body: b.document('query', `node(id: ${arg}) { __typename id ${fragments} }`),
      aliases: {},
    };
  }

  // ---------------------------------------------------------------- paths to connections

  private findConnections(): void {
    const query = this.schema.getQueryType()!;
    const seen = new Set<string>();
    let frontier: { type: GraphQLObjectType; wrap: (inner: string) => string; label: string }[] = [
      { type: query, wrap: (inner) => inner, label: 'Query' },
    ];
    for (let depth = 0; depth < 4 && frontier.length; depth++) {
      const next: typeof frontier = [];
      for (const { type, wrap, label } of frontier) {
        for (const field of Object.values(type.getFields())) {
          const named = getNamedType(field.type);
          const isConnection = named.name.endsWith('Connection') && isObjectType(named);
          if (isConnection && field.args.some((a) => a.name === 'after')) {
            this.connections.push({ label: `${type.name}.${field.name}`, wrap, field });
          }
          if (field.args.some((a) => isNonNullType(a.type) && getNamedType(a.type).name !== 'ID'))
            continue;
          const required = field.args.filter((a) => isNonNullType(a.type));
          const args = required.length
            ? `(${required.map((a) => `${a.name}: ${JSON.stringify(this.firstId(a.name, field.name))}`).join(', ')})`
            : '';
          let target: GraphQLNamedType = named;
          let step: (inner: string) => string;
          if (isConnection) {
            const node = getNamedType((named as GraphQLObjectType).getFields().edges!.type);
            target = getNamedType((node as GraphQLObjectType).getFields().node!.type);
            step = (inner) => `${field.name}(first: 2) { edges { node { ${inner} } } }`;
          } else {
            step = (inner) => `${field.name}${args} { ${inner} }`;
          }
          if (!isObjectType(target) || seen.has(target.name) || target.name === query.name)
            continue;
          seen.add(target.name);
          next.push({ type: target, wrap: (inner) => wrap(step(inner)), label: target.name });
        }
        void label;
      }
      frontier = next;
    }
  }
}

/** Builds one document: arguments, variables and their declarations, selections. */
class OperationBuilder {
  private readonly declarations: string[] = [];
  private readonly variables: Record<string, unknown> = {};
  private count = 0;

  constructor(
    private readonly fuzzer: GraphQLFuzzer,
    private readonly rng: Rng,
    private readonly mode: Mode,
  ) {}

  /** Declares a variable of `typeName` holding `value` and returns `$name`. */
  variable(typeName: string, value: unknown): string {
    const name = `v${this.count++}`;
    this.declarations.push(`$${name}: ${typeName}`);
    this.variables[name] = value;
    return `$${name}`;
  }

  argValue(arg: GraphQLArgument | GraphQLInputField, owner: string): string {
    const { rng, mode } = this;
    const value = isInputObjectType(getNamedType(arg.type))
      ? mode !== 'valid' && rng.chance(FUZZ_RATE[mode] / 4)
        ? this.fuzzer.fuzz(rng, arg.type, arg.name, owner)
        : this.mixedInputList(arg.type, owner)
      : rng.chance(FUZZ_RATE[mode])
        ? this.fuzzer.fuzz(rng, arg.type, arg.name, owner)
        : this.fuzzer.valid(rng, arg.type, arg.name, owner);
    if (rng.chance(0.55)) {
      const declared =
        mode !== 'valid' && rng.chance(0.08)
          ? rng.pick([
              'String',
              'Int!',
              '[ID]',
              'Boolean',
              'NoSuchType',
              'DateTime!',
              `[${arg.type.toString()}]`,
            ])
          : arg.type.toString();
      const name = `v${this.count++}`;
      this.declarations.push(`$${name}: ${declared}`);
      // A required variable left out, or sent null: refused before execution.
      if (mode === 'valid' || !rng.chance(0.04)) this.variables[name] = value;
      return `$${name}`;
    }
    return toLiteral(value, arg.type, mode !== 'valid' && rng.chance(0.05));
  }

  /** An input object with each field valid or fuzzed by the mode's rate. */
  private mixedInput(type: GraphQLInputType, owner: string): unknown {
    const { rng, mode } = this;
    const object = getNullableType(type);
    if (!isInputObjectType(object)) return this.fuzzer.valid(rng, type, 'input', owner);
    const rate = FUZZ_RATE[mode];
    const out: Record<string, unknown> = {};
    for (const field of Object.values(object.getFields())) {
      const required = isNonNullType(field.type);
      if (required ? rng.chance(rate / 6) : rng.chance(0.5)) continue;
      out[field.name] = isInputObjectType(getNamedType(field.type))
        ? this.mixedInputList(field.type, object.name)
        : rng.chance(rate)
          ? this.fuzzer.fuzz(rng, field.type, field.name, object.name)
          : this.fuzzer.valid(rng, field.type, field.name, object.name);
    }
    if (rng.chance(rate / 5)) out[rng.pick(['unknownField', 'constructor', 'nope'])] = 1;
    return out;
  }

  private mixedInputList(type: GraphQLInputType, owner: string): unknown {
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      return Array.from({ length: this.rng.int(0, 2) }, () =>
        this.mixedInput(nullable.ofType as GraphQLInputType, owner),
      );
    }
    return this.mixedInput(type, owner);
  }

  args(args: readonly GraphQLArgument[], owner: string): string {
    const { rng, mode } = this;
    const parts: string[] = [];
    for (const arg of args) {
      const required = isNonNullType(arg.type);
      if (required ? mode !== 'valid' && rng.chance(0.03) : rng.chance(0.45)) continue;
      parts.push(`${arg.name}: ${this.argValue(arg, owner)}`);
    }
    if (mode !== 'valid' && rng.chance(0.03)) parts.push(`noSuchArgument: 1`);
    if (mode !== 'valid' && args.length && rng.chance(0.02)) parts.push(parts[0] ?? 'first: 1');
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  /** A selection of `type`'s fields, `depth` levels of objects deep. */
  selection(type: GraphQLOutputType | GraphQLNamedType, depth: number): string {
    const { rng } = this;
    const named = getNamedType(type);
    if (isScalarType(named) || isEnumType(named)) return '';
    if (isInterfaceType(named) || isUnionType(named)) {
      const impls = isInterfaceType(named)
        ? [...this.fuzzer.schema.getImplementations(named).objects]
        : [...named.getTypes()];
      const frags = rng
        .sample(impls, 2)
        .map((t) => `... on ${t.name} ${this.selection(t, depth - 1)}`)
        .join(' ');
      return `{ __typename ${isInterfaceType(named) ? 'id ' : ''}${frags} }`;
    }
    if (!isObjectType(named)) return '';
    const fields = Object.values(named.getFields());
    const scalars = fields.filter((f) => {
      const t = getNamedType(f.type);
      return (isScalarType(t) || isEnumType(t)) && !f.args.some((a) => isNonNullType(a.type));
    });
    const objects = fields.filter((f) => !scalars.includes(f));
    const chosen = rng.sample(scalars, rng.int(1, 4));
    if (named.getFields().errors) chosen.push(named.getFields().errors!);
    if (depth > 0) chosen.push(...rng.sample(objects, rng.int(0, 2)));
    const parts = [...new Set(chosen)].map((f) => {
      const args = f.args.length ? this.args(f.args, named.name) : '';
      const sub = this.selection(f.type, depth - 1);
      const leafObject =
        !sub && !isScalarType(getNamedType(f.type)) && !isEnumType(getNamedType(f.type));
      return leafObject ? `${f.name}${args} { __typename }` : `${f.name}${args} ${sub}`;
    });
    if (parts.length === 0) parts.push('__typename');
    return `{ ${parts.join(' ')} }`;
  }

  document(op: 'query' | 'mutation', body: string): GraphQLBody {
    const name = this.rng.chance(0.5) ? ` Fuzz${this.rng.int(0, 999)}` : '';
    const vars = this.declarations.length ? `(${this.declarations.join(', ')})` : '';
    const head =
      name || vars
        ? `${op}${name}${vars} `
        : op === 'query' && this.rng.chance(0.5)
          ? ''
          : `${op} `;
    const variables = this.declarations.length || this.rng.chance(0.2) ? this.variables : undefined;
    return { query: `${head}{ ${body} }`, ...(variables ? { variables } : {}) };
  }
}
