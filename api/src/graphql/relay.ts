// Relay conventions built once: opaque global IDs, the Node interface, connections and keyset paging.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { wrap, type EntityName, type FilterQuery } from '@mikro-orm/core';
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

function toConnection<T>(
  rows: T[],
  first: number,
  keys: readonly SortKey<T>[],
  hasPrevious: boolean,
  count: () => Promise<number>,
): ConnectionData<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: cursorOf(node, keys), node }));
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
  },
): Promise<ConnectionData<T>> {
  const { where, keys, args, direction = 'asc' } = options;
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
      : await em.find(
          entity,
          (afterWhere ? { $and: [where, afterWhere] } : where) as FilterQuery<T>,
          {
            orderBy: Object.fromEntries(keys.map((k) => [k, direction])) as never,
            limit: first + 1,
          },
        );
  return toConnection(rows as T[], first, keys, after !== null, () => em.count(entity, where));
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
          list.push(em.map(entity as EntityName<T>, row as never) as T);
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

/** Loads entities by primary key, one `IN (...)` query per batch. */
export function entityLoader<T extends { id: number }>(
  em: EntityManager,
  entity: EntityName<T>,
): DataLoader<number, T | null> {
  const uow = em.getUnitOfWork();
  const className = em.getMetadata().get(entity as never).className;
  return new DataLoader<number, T | null>(async (ids) => {
    // Entities this request already loaded (say, the page of a list) are not fetched again.
    const byId = new Map<number, T>();
    for (const id of ids) {
      const known = uow.getById<T>(className, id as never);
      // A reference (only the id known) still has to be loaded.
      if (known && wrap(known).isInitialized()) byId.set(id, known);
    }
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) {
      const rows = await em.find(entity, { id: { $in: missing } } as unknown as FilterQuery<T>);
      for (const row of rows) byId.set(row.id, row);
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}
