// Relay conventions built once: opaque global IDs, the Node interface, connections and keyset paging.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ReferenceKind,
  wrap,
  type EntityMetadata,
  type EntityName,
  type EntityProperty,
  type Platform,
  type FilterQuery,
} from '@mikro-orm/core';
import {
  ArgsType,
  Field,
  getMetadataStorage,
  ID,
  Int,
  InterfaceType,
  ObjectType,
  type ClassType,
} from 'type-graphql';
import { badUserInput } from './errors.js';

// ---------------------------------------------------------------- global IDs

export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: number } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return null;
  const id = Number(decoded.slice(separator + 1));
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { type: decoded.slice(0, separator), id };
}

/** The database id behind a global ID of the expected type, or null when it is not one. */
export function idOf(globalId: string | null | undefined, type: string): number | null {
  if (!globalId) return null;
  const parsed = fromGlobalId(globalId);
  return parsed && parsed.type === type ? parsed.id : null;
}

const typeNames = new Map<object, string>();

/** The GraphQL object type name of an entity instance (the class's `@ObjectType` name). */
export function nodeTypeOf(value: object): string {
  const target = value.constructor;
  let name = typeNames.get(target);
  if (!name) {
    const meta = getMetadataStorage().objectTypes.find((t) => t.target === target);
    if (!meta) throw new Error(`${target.name} is not a GraphQL object type`);
    name = meta.name;
    typeNames.set(target, name);
  }
  return name;
}

@InterfaceType('Node', {
  description: 'An object with a stable, opaque global ID that `node(id:)` can fetch again.',
  resolveType: (value: object) => nodeTypeOf(value),
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global identifier.' })
  nodeId!: string;
}

// ---------------------------------------------------------------- read-only rows

/**
 * How one table's rows become read-only objects of its entity class. List pages never change
 * what they list, so their rows skip the ORM's unit of work (identity map, change-tracking
 * snapshot, a reference entity per relation), which costs ~30 µs a row. The object still is an
 * instance of the class (the GraphQL type, `nodeId` and `instanceof` work); each relation is an
 * id-only stub of the target class, which is all field resolvers read (`c.unit.id` → loader).
 */
interface RowShape {
  prototype: object;
  columns: {
    field: string;
    property: string;
    convert: ((value: unknown) => unknown) | null;
    /** The target's shape, for relations. */
    target: (() => RowShape) | null;
  }[];
}

const rowShapes = new WeakMap<EntityMetadata, RowShape>();

/** Whether a date-time column keeps its zone (timestamptz), read from the column's type. */
function zonedColumn(prop: EntityProperty): boolean {
  const type = (prop.columnTypes?.[0] ?? '').toLowerCase();
  return type.startsWith('timestamptz') || type.includes('with time zone');
}

/**
 * The ORM hydrator's conversions of a column value (its ObjectHydrator.hydrateScalar), decided
 * once per column from its metadata: a timestamptz value carries its zone; a plain timestamp is
 * read in the platform's zone.
 */
function converter(prop: EntityProperty, platform: Platform): ((value: unknown) => unknown) | null {
  const customType = prop.customType;
  if (customType) return (value) => customType.convertToJSValue(value, platform);
  if (prop.runtimeType === 'boolean') return (value) => !!value;
  if (prop.runtimeType === 'Date' && !platform.isNumericProperty(prop)) {
    const tz = platform.getTimezone();
    const suffix = zonedColumn(prop) || !tz || tz === 'local' ? '' : tz;
    return (value) => {
      if (value instanceof Date) return value;
      if (typeof value === 'number') return new Date(value);
      return new Date(`${value as string}${suffix}`);
    };
  }
  return null;
}

function rowShape(em: EntityManager, meta: EntityMetadata): RowShape {
  let shape = rowShapes.get(meta);
  if (shape) return shape;
  const platform = em.getPlatform();
  // The ORM puts change-tracking setters on the class prototype; plain data properties in
  // between keep assignments on these objects plain.
  const shadows: PropertyDescriptorMap = {};
  for (const name of Object.keys(meta.properties)) {
    if (Object.getOwnPropertyDescriptor(meta.prototype, name)?.set)
      shadows[name] = { value: undefined, writable: true, enumerable: true, configurable: true };
  }
  const columns: RowShape['columns'] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames?.length) continue;
    const relation =
      prop.kind === ReferenceKind.MANY_TO_ONE ||
      (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner);
    if (prop.kind !== ReferenceKind.SCALAR && !relation) continue;
    const targetMeta = relation ? prop.targetMeta! : null;
    columns.push({
      field: prop.fieldNames[0]!,
      property: prop.name,
      convert: relation ? null : converter(prop, platform),
      target: targetMeta ? () => rowShape(em, targetMeta) : null,
    });
  }
  shape = { prototype: Object.create(meta.prototype as object, shadows) as object, columns };
  rowShapes.set(meta, shape);
  return shape;
}

const readCaches = new WeakMap<EntityManager, Map<EntityMetadata, Map<number, object>>>();

/**
 * The rows this request (its EntityManager fork) has read so far, by table and id: what the
 * identity map did for entities. A by-id loader serves a row a list page already read.
 */
function readCache(em: EntityManager, meta: EntityMetadata): Map<number, object> {
  let tables = readCaches.get(em);
  if (!tables) readCaches.set(em, (tables = new Map()));
  let rows = tables.get(meta);
  if (!rows) tables.set(meta, (rows = new Map()));
  return rows;
}

/** A read-only object of `entity`'s class from a raw row (column names), see {@link RowShape}. */
export function rowReader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
): (row: Record<string, unknown>) => T {
  const meta = em.getMetadata().get(entity as never);
  const shape = rowShape(em, meta);
  const cache = readCache(em, meta);
  return (row) => {
    const object = Object.create(shape.prototype) as Record<string, unknown>;
    for (const { field, property, convert, target } of shape.columns) {
      const value = row[field];
      if (value === undefined) continue;
      if (value === null) object[property] = null;
      else if (target) {
        const stub = Object.create(target().prototype) as Record<string, unknown>;
        stub.id = value;
        object[property] = stub;
      } else object[property] = convert ? convert(value) : value;
    }
    cache.set(object.id as number, object);
    return object as T;
  };
}

/** A condition in SQL, for what a filter object cannot say; the listed table is `t`. */
export interface SqlCondition {
  where: string;
  params: unknown[];
}

/** `em.find` for reads: the same filter and order, answered with read-only rows. */
export async function findRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: Record<string, 'asc' | 'desc'>,
  options: { limit?: number; sql?: SqlCondition } = {},
): Promise<T[]> {
  const qb = em
    .createQueryBuilder(entity, 't')
    .select('*')
    .where(where as never)
    .orderBy(orderBy as never);
  if (options.sql) qb.andWhere(options.sql.where, options.sql.params);
  if (options.limit !== undefined) qb.limit(options.limit);
  const rows = await qb.execute<Record<string, unknown>[]>('all', false);
  return rows.map(rowReader(em, entity));
}

// ---------------------------------------------------------------- connections

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 100).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge already seen.' })
  after?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What a connection field resolves to; `totalCount` is only computed when it is asked for. */
export interface ConnectionData<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Number of items in the whole list, across pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

export type SortKey<T> = Extract<keyof T, string>;

interface PageRequest {
  first: number;
  after: unknown[] | null;
}

/** Checks the page arguments; an out-of-range size is a client error, never silently clamped. */
export function pageRequest(args: ConnectionArgs, keyCount: number): PageRequest {
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
  if (!Array.isArray(after) || after.length !== keyCount) {
    throw badUserInput('"after" is not a cursor of this list.');
  }
  return { first, after };
}

function cursorOf<T>(node: T, keys: readonly SortKey<T>[]): string {
  const values = keys.map((k) => {
    const v = node[k] as unknown;
    return v instanceof Date ? v.toISOString() : v;
  });
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** An edge whose cursor is only encoded when a query asks for it (most ask for none). */
class LazyEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly keys: readonly SortKey<T>[],
  ) {}

  get cursor(): string {
    return cursorOf(this.node, this.keys);
  }
}

function toConnection<T>(
  rows: T[],
  first: number,
  keys: readonly SortKey<T>[],
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
 * The page's items are read-only rows ({@link rowReader}), not managed entities.
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
): Promise<ConnectionData<T>> {
  const { where, keys, args, direction = 'asc', sql } = options;
  const { first, after } = pageRequest(args, keys.length);
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

// ---------------------------------------------------------------- batched child connections

export interface ChildPageKey {
  parentId: number;
  args: ConnectionArgs;
}

/**
 * A DataLoader for `Parent.children(first, after)`: all parents asking for the same page
 * are served by ONE window-function query, and `totalCount` by ONE `GROUP BY`, however many
 * parents are on the page.
 */
export function childConnectionLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  parentProperty: string,
  keys: readonly SortKey<T>[],
  counts: DataLoader<number, number> = childCountLoader(em, entity, parentProperty),
): DataLoader<ChildPageKey, ConnectionData<T>, string> {
  const meta = em.getMetadata().get(entity as never);
  const column = (property: string) => {
    const prop = meta.properties[property as never] as { fieldNames: string[] } | undefined;
    if (!prop) throw new Error(`${meta.className}.${property} does not exist`);
    return `"${prop.fieldNames[0]}"`;
  };
  const parentColumn = column(parentProperty);
  const orderColumns = keys.map(column);
  const read = rowReader(em, entity);

  return new DataLoader<ChildPageKey, ConnectionData<T>, string>(
    async (requests) => {
      const groups = new Map<string, { page: PageRequest; parents: number[] }>();
      for (const request of requests) {
        const page = pageRequest(request.args, keys.length);
        const groupKey = JSON.stringify(page);
        const group = groups.get(groupKey) ?? { page, parents: [] };
        group.parents.push(request.parentId);
        groups.set(groupKey, group);
      }
      const byParent = new Map<string, T[]>();
      for (const [groupKey, { page, parents }] of groups) {
        if (page.first === 0) continue;
        const params: unknown[] = [...parents];
        let afterSql = '';
        if (page.after) {
          afterSql = ` and (${orderColumns.map((c) => `t.${c}`).join(', ')}) > (${page.after
            .map(() => '?')
            .join(', ')})`;
          params.push(...page.after);
        }
        params.push(page.first + 1);
        const rows = await em
          .getConnection()
          .execute<Record<string, unknown>[]>(
            `select * from (select t.*, row_number() over (partition by t.${parentColumn} order by ${orderColumns
              .map((c) => `t.${c}`)
              .join(
                ', ',
              )}) as gj_row from "${meta.tableName}" t where t.${parentColumn} in (${parents
              .map(() => '?')
              .join(', ')})${afterSql}) s where gj_row <= ? order by gj_row`,
            params,
            'all',
            em.getTransactionContext(),
          );
        const parentField = parentColumn.slice(1, -1);
        for (const row of rows) {
          const parentId = Number(row[parentField]);
          delete row.gj_row;
          const list = byParent.get(`${groupKey}|${parentId}`) ?? [];
          list.push(read(row));
          byParent.set(`${groupKey}|${parentId}`, list);
        }
      }
      return requests.map((request) => {
        const page = pageRequest(request.args, keys.length);
        const rows = byParent.get(`${JSON.stringify(page)}|${request.parentId}`) ?? [];
        return toConnection(rows, page.first, keys, page.after !== null, () =>
          counts.load(request.parentId),
        );
      });
    },
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, key.args.first, key.args.after]) },
  );
}

/** Counts children per parent with one `GROUP BY` per batch. */
export function childCountLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  parentProperty: string,
): DataLoader<number, number> {
  const meta = em.getMetadata().get(entity as never);
  const prop = meta.properties[parentProperty as never] as { fieldNames: string[] };
  const parentColumn = prop.fieldNames[0]!;
  return new DataLoader<number, number>(async (parentIds) => {
    const rows = await em
      .getConnection()
      .execute<{ parent: number; count: string }[]>(
        `select "${parentColumn}" as parent, count(*) as count from "${meta.tableName}" where "${parentColumn}" in (${parentIds
          .map(() => '?')
          .join(', ')}) group by "${parentColumn}"`,
        [...parentIds],
        'all',
        em.getTransactionContext(),
      );
    const byParent = new Map(rows.map((r) => [Number(r.parent), Number(r.count)]));
    return parentIds.map((id) => byParent.get(id) ?? 0);
  });
}

/**
 * Loads by primary key for GraphQL reads, one `IN (...)` query per batch. An entity this request
 * already manages (changed by a mutation, say) is returned as is; otherwise a row this request
 * already read (a list page's item) is; otherwise a read-only row is fetched ({@link rowReader}).
 * Services that change data load entities through the EntityManager, never through this.
 */
export function rowLoader<T extends { id: number }>(
  em: EntityManager,
  entity: EntityName<T>,
): DataLoader<number, T | null> {
  const uow = em.getUnitOfWork();
  const meta = em.getMetadata().get(entity as never);
  const read = rowReader(em, entity);
  const cache = readCache(em, meta);
  return new DataLoader<number, T | null>(async (ids) => {
    const byId = new Map<number, T>();
    for (const id of ids) {
      const managed = uow.getById<T>(meta.className, id as never);
      // A reference (only the id known) is not loaded yet.
      if (managed && wrap(managed).isInitialized()) byId.set(id, managed);
      else if (cache.has(id)) byId.set(id, cache.get(id) as T);
    }
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) {
      // Hand-written: the query builder costs more than the query for a lookup by id.
      const rows = await em
        .getConnection()
        .execute<Record<string, unknown>[]>(
          `select * from "${meta.tableName}" where "id" in (${missing.map(() => '?').join(', ')})`,
          missing,
          'all',
          em.getTransactionContext(),
        );
      for (const row of rows.map(read)) byId.set(row.id, row);
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}
