// Keyset paging: page arguments checked, cursors, and `paginate` for top-level lists.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { badUserInput } from './errors.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type ConnectionArgs,
  type ConnectionData,
  type Edge,
} from './connections.js';
import { findRows, type ReadRow, type SqlCondition } from './read-rows.js';

export type SortKey<T> = Extract<keyof T, string>;

export interface PageRequest {
  first: number;
  after: (string | number | null)[] | null;
}

/** What a sort key holds, so a cursor's value for it can be checked before it reaches SQL. */
export interface CursorKind {
  type: 'integer' | 'number' | 'string' | 'date' | 'datetime';
  nullable: boolean;
}

/** The kinds of an entity's sort keys, from its metadata (a key of another type is a bug). */
export function cursorKinds<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  keys: readonly string[],
): CursorKind[] {
  const meta = em.getMetadata().get(entity as never);
  return keys.map((key) => {
    const prop = meta.properties[key as never] as
      { runtimeType?: string; columnTypes?: string[]; nullable?: boolean } | undefined;
    const columnType = prop?.columnTypes?.[0] ?? '';
    const nullable = prop?.nullable === true;
    if (prop?.runtimeType === 'Date') return { type: 'datetime', nullable };
    if (prop?.runtimeType === 'string')
      return { type: columnType === 'date' ? 'date' : 'string', nullable };
    if (prop?.runtimeType === 'number')
      return { type: /int|serial/.test(columnType) ? 'integer' : 'number', nullable };
    throw new Error(`${meta.className}.${key} cannot be a sort key`);
  });
}

const ISO_DATE_TIME =
  /^([1-9]\d{3}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** A calendar date PostgreSQL accepts: JavaScript would take 2026-02-31 as 3 March. */
const isIsoDate = (value: string) =>
  /^[1-9]\d{3}-\d{2}-\d{2}$/.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

const fitsKind = (value: unknown, kind: CursorKind): boolean => {
  if (value === null) return kind.nullable;
  switch (kind.type) {
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string' && value.length <= 1000 && !value.includes('\u0000');
    case 'date':
      return typeof value === 'string' && isIsoDate(value);
    case 'datetime':
      return (
        typeof value === 'string' && ISO_DATE_TIME.test(value) && isIsoDate(value.slice(0, 10))
      );
  }
};

/**
 * Checks the page arguments; an out-of-range size is a client error, never silently clamped.
 * A cursor must hold one value of the right kind per sort key: anything else (an object the ORM
 * would read as an operator, an array SQL would splice) is refused before it reaches a query.
 */
export function pageRequest(args: ConnectionArgs, kinds: readonly CursorKind[]): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  if (!args.after) return { first, after: null };
  let after: unknown;
  try {
    after = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
  } catch {
    after = null;
  }
  if (
    !Array.isArray(after) ||
    after.length !== kinds.length ||
    !after.every((value, i) => fitsKind(value, kinds[i]!))
  ) {
    throw badUserInput('"after" is not a cursor of this list.');
  }
  return { first, after: after as (string | number | null)[] };
}

/** The cursor of a node: its sort keys' values, as JSON in base64url. */
export function cursorOf(node: object, keys: readonly string[]): string {
  const values = keys.map((k) => {
    const v = (node as Record<string, unknown>)[k];
    return v instanceof Date ? v.toISOString() : v;
  });
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** An edge whose cursor is only encoded when a query asks for it (most ask for none). */
class LazyEdge<T extends object> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly keys: readonly string[],
  ) {}

  get cursor(): string {
    return cursorOf(this.node, this.keys);
  }
}

/** A connection of `rows` (one more than `first` when there is a next page). */
export function toConnection<T extends object>(
  rows: T[],
  first: number,
  keys: readonly string[],
  hasPrevious: boolean,
  count: () => Promise<number>,
): ConnectionData<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => new LazyEdge(node, keys));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      total ??= count();
      return total;
    },
  };
}

/**
 * One page of a top-level list by keyset (ascending on `keys` unless `direction` is `desc`,
 * the last key unique): one SELECT for the page, one COUNT only when `totalCount` is selected.
 * The page's items are read-only rows ({@link ReadRow}), not managed entities.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  options: {
    where: FilterQuery<T>;
    keys: readonly SortKey<T>[];
    args: ConnectionArgs;
    /** Every key in the same direction; `desc` lists newest first. */
    direction?: 'asc' | 'desc';
    /** A further condition (correlated subqueries), for the page and `totalCount` alike. */
    sql?: SqlCondition;
  },
): Promise<ConnectionData<ReadRow<T>>> {
  const { where, keys, args, direction = 'asc', sql } = options;
  const { first, after } = pageRequest(args, cursorKinds(em, entity, keys));
  const beyond = direction === 'asc' ? '$gt' : '$lt';
  const afterWhere = after
    ? {
        $or: keys.map((key, i) => ({
          ...Object.fromEntries(keys.slice(0, i).map((k, j) => [k, after[j]])),
          [key]: { [beyond]: after[i] },
        })),
      }
    : undefined;
  const rows =
    first === 0
      ? []
      : await findRows(
          em,
          entity,
          (afterWhere ? { $and: [where, afterWhere] } : where) as FilterQuery<T>,
          Object.fromEntries(keys.map((k) => [k, direction])),
          { limit: first + 1, sql },
        );
  const count = async () => {
    if (!sql) return em.count(entity, where);
    const qb = em.createQueryBuilder(entity, 't').where(where as never);
    return qb.andWhere(sql.where, sql.params).getCount();
  };
  return toConnection(rows, first, keys, after !== null, count);
}
