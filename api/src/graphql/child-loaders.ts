// Per-parent connections (`Parent.children(first, after)`): DataLoaders that serve every parent
// on a page with one window-function query, and their totals with one `GROUP BY`.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import type { ConnectionArgs, ConnectionData } from './connections.js';
import {
  cursorKinds,
  pageRequest,
  toConnection,
  type CursorKind,
  type PageRequest,
  type SortKey,
} from './paging.js';
import { rowReader, type ReadRow } from './read-rows.js';

/**
 * The page a parent asks for, or the error its arguments earn: one parent's bad cursor fails
 * that parent's field, not the whole batch.
 */
function pageOrError(args: ConnectionArgs, kinds: readonly CursorKind[]): PageRequest | Error {
  try {
    return pageRequest(args, kinds);
  } catch (error) {
    return error as Error;
  }
}

export interface ChildPageKey {
  parentId: number;
  args: ConnectionArgs;
}

/**
 * A DataLoader for `Parent.children(first, after)`: all parents asking for the same page
 * are served by ONE window-function query, and `totalCount` by ONE `GROUP BY`, however many
 * parents are on the page. The items are read-only rows ({@link ReadRow}).
 */
export function childConnectionLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  parentProperty: string,
  keys: readonly SortKey<T>[],
  counts: DataLoader<number, number> = childCountLoader(em, entity, parentProperty),
): DataLoader<ChildPageKey, ConnectionData<ReadRow<T>>, string> {
  const meta = em.getMetadata().get(entity as never);
  const column = (property: string) => {
    const prop = meta.properties[property as never] as { fieldNames: string[] } | undefined;
    if (!prop) throw new Error(`${meta.className}.${property} does not exist`);
    return `"${prop.fieldNames[0]}"`;
  };
  const parentColumn = column(parentProperty);
  const orderColumns = keys.map(column);
  const read = rowReader(em, entity);
  const kinds = cursorKinds(em, entity, keys);

  return new DataLoader<ChildPageKey, ConnectionData<ReadRow<T>>, string>(
    async (requests) => {
      const pages = requests.map((request) => pageOrError(request.args, kinds));
      const groups = new Map<string, { page: PageRequest; parents: number[] }>();
      for (const [i, request] of requests.entries()) {
        const page = pages[i]!;
        if (page instanceof Error) continue;
        const groupKey = JSON.stringify(page);
        const group = groups.get(groupKey) ?? { page, parents: [] };
        group.parents.push(request.parentId);
        groups.set(groupKey, group);
      }
      const byParent = new Map<string, ReadRow<T>[]>();
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
      return requests.map((request, i) => {
        const page = pages[i]!;
        if (page instanceof Error) return page;
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

export interface FilteredChildPageKey {
  parentId: number;
  /** Value the filter column must equal; null for no filter. */
  filter: string | null;
  args: ConnectionArgs;
}

/**
 * Like {@link childConnectionLoader}, with what some lists need besides: every key ascending or
 * every key descending (newest first), and an optional equality filter on one column (a
 * pairing's status). All parents asking for the same page and filter are served by ONE
 * window-function query; `totalCount` by ONE `GROUP BY` per filter value.
 */
export function filteredChildLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  options: {
    parent: string;
    keys: readonly SortKey<T>[];
    direction?: 'asc' | 'desc';
    filterBy?: string;
  },
): DataLoader<FilteredChildPageKey, ConnectionData<ReadRow<T>>, string> {
  const { parent, keys, direction = 'asc', filterBy } = options;
  const meta = em.getMetadata().get(entity as never);
  const column = (property: string) => {
    const prop = meta.properties[property as never] as { fieldNames: string[] } | undefined;
    if (!prop) throw new Error(`${meta.className}.${property} does not exist`);
    return prop.fieldNames[0]!;
  };
  const parentColumn = column(parent);
  const filterColumn = filterBy ? column(filterBy) : null;
  const order = keys.map((k) => `t."${column(k)}"`);
  const beyond = direction === 'asc' ? '>' : '<';
  const table = `"${meta.tableName}"`;
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const read = rowReader(em, entity);
  const kinds = cursorKinds(em, entity, keys);

  const counts = new DataLoader<{ parentId: number; filter: string | null }, number, string>(
    async (requests) => {
      const byFilter = new Map<string | null, number[]>();
      for (const r of requests)
        byFilter.set(r.filter, [...(byFilter.get(r.filter) ?? []), r.parentId]);
      const totals = new Map<string, number>();
      for (const [filter, parents] of byFilter) {
        const params: unknown[] = [...parents];
        let where = `"${parentColumn}" in (${list(parents.length)})`;
        if (filter !== null && filterColumn) {
          where += ` and "${filterColumn}" = ?`;
          params.push(filter);
        }
        const rows = await em
          .getConnection()
          .execute<{ parent: number; count: string }[]>(
            `select "${parentColumn}" as parent, count(*) as count from ${table} where ${where} group by "${parentColumn}"`,
            params,
            'all',
            em.getTransactionContext(),
          );
        for (const row of rows) totals.set(`${filter}|${row.parent}`, Number(row.count));
      }
      return requests.map((r) => totals.get(`${r.filter}|${r.parentId}`) ?? 0);
    },
    { cacheKeyFn: (key) => JSON.stringify([key.parentId, key.filter]) },
  );

  return new DataLoader<FilteredChildPageKey, ConnectionData<ReadRow<T>>, string>(
    async (requests) => {
      const groups = new Map<
        string,
        { page: PageRequest; filter: string | null; parents: number[] }
      >();
      const pages = requests.map((request) => pageOrError(request.args, kinds));
      const groupKeyOf = (page: PageRequest, r: FilteredChildPageKey) =>
        JSON.stringify([page, r.filter]);
      for (const [i, request] of requests.entries()) {
        const page = pages[i]!;
        if (page instanceof Error) continue;
        const key = groupKeyOf(page, request);
        const group = groups.get(key) ?? { page, filter: request.filter, parents: [] };
        group.parents.push(request.parentId);
        groups.set(key, group);
      }
      const byParent = new Map<string, ReadRow<T>[]>();
      for (const [key, { page, filter, parents }] of groups) {
        if (page.first === 0) continue;
        const params: unknown[] = [...parents];
        let where = `t."${parentColumn}" in (${list(parents.length)})`;
        if (filter !== null && filterColumn) {
          where += ` and t."${filterColumn}" = ?`;
          params.push(filter);
        }
        if (page.after) {
          where += ` and (${order.join(', ')}) ${beyond} (${list(page.after.length)})`;
          params.push(...page.after);
        }
        params.push(page.first + 1);
        const rows = await em
          .getConnection()
          .execute<Record<string, unknown>[]>(
            `select * from (select t.*, row_number() over (partition by t."${parentColumn}" order by ${order
              .map((c) => `${c} ${direction}`)
              .join(
                ', ',
              )}) as gj_row from ${table} t where ${where}) s where gj_row <= ? order by gj_row`,
            params,
            'all',
            em.getTransactionContext(),
          );
        for (const row of rows) {
          const parentId = Number(row[parentColumn]);
          delete row.gj_row;
          const at = `${key}|${parentId}`;
          byParent.set(at, [...(byParent.get(at) ?? []), read(row)]);
        }
      }
      return requests.map((request, i) => {
        const page = pages[i]!;
        if (page instanceof Error) return page;
        const rows = byParent.get(`${groupKeyOf(page, request)}|${request.parentId}`) ?? [];
        return toConnection(rows, page.first, keys, page.after !== null, () =>
          counts.load({ parentId: request.parentId, filter: request.filter }),
        );
      });
    },
    {
      cacheKeyFn: (key) =>
        JSON.stringify([key.parentId, key.filter, key.args.first, key.args.after]),
    },
  );
}
