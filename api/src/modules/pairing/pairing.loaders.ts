// DataLoaders of the pairing capability, one query per batch each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import {
  rowLoader,
  pageRequest,
  type ConnectionArgs,
  type ConnectionData,
  type SortKey,
} from '../../graphql/relay.js';
import { Pairing } from './pairing.entity.js';
import { SocialWorker } from './social-worker.entity.js';
import { SupervisionLog } from './supervision-log.entity.js';

/** Active pairings per social worker, one `GROUP BY` per batch. */
export function activePairingCounts(em: EntityManager): DataLoader<number, number> {
  return new DataLoader<number, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ social_worker_id: number; count: string }[]>(
      `select social_worker_id, count(*) as count from pairing
          where status = 'ACTIVE' and social_worker_id in (${ids.map(() => '?').join(', ')})
          group by social_worker_id`,
      [...ids],
      'all',
      em.getTransactionContext(),
    );
    const byWorker = new Map(rows.map((r) => [Number(r.social_worker_id), Number(r.count)]));
    return ids.map((id) => byWorker.get(id) ?? 0);
  });
}

export interface FilteredChildPageKey {
  parentId: number;
  /** Value the filter column must equal; null for no filter. */
  filter: string | null;
  args: ConnectionArgs;
}

/**
 * Like `childConnectionLoader` (graphql/relay.ts), with what pairing lists need besides: every
 * key ascending or every key descending (newest first), and an optional equality filter on one
 * column (a pairing's status). All parents asking for the same page and filter are served by ONE
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
): DataLoader<FilteredChildPageKey, ConnectionData<T>, string> {
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

  const cursorOf = (node: T) =>
    Buffer.from(
      JSON.stringify(
        keys.map((k) => {
          const v = node[k] as unknown;
          return v instanceof Date ? v.toISOString() : v;
        }),
      ),
      'utf8',
    ).toString('base64url');

  return new DataLoader<FilteredChildPageKey, ConnectionData<T>, string>(
    async (requests) => {
      const groups = new Map<
        string,
        { page: ReturnType<typeof pageRequest>; filter: string | null; parents: number[] }
      >();
      const groupKeyOf = (r: FilteredChildPageKey) =>
        JSON.stringify([pageRequest(r.args, keys.length), r.filter]);
      for (const request of requests) {
        const key = groupKeyOf(request);
        const group = groups.get(key) ?? {
          page: pageRequest(request.args, keys.length),
          filter: request.filter,
          parents: [],
        };
        group.parents.push(request.parentId);
        groups.set(key, group);
      }
      const byParent = new Map<string, T[]>();
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
          byParent.set(at, [...(byParent.get(at) ?? []), em.map(entity, row as never) as T]);
        }
      }
      return requests.map((request) => {
        const page = pageRequest(request.args, keys.length);
        const rows = byParent.get(`${groupKeyOf(request)}|${request.parentId}`) ?? [];
        const edges = rows.slice(0, page.first).map((node) => ({ cursor: cursorOf(node), node }));
        let total: Promise<number> | undefined;
        return {
          edges,
          pageInfo: {
            hasNextPage: rows.length > page.first,
            hasPreviousPage: page.after !== null,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
          get totalCount() {
            total ??= counts.load({ parentId: request.parentId, filter: request.filter });
            return total;
          },
        };
      });
    },
    {
      cacheKeyFn: (key) =>
        JSON.stringify([key.parentId, key.filter, key.args.first, key.args.after]),
    },
  );
}

export function createPairingLoaders(em: EntityManager) {
  return {
    socialWorker: rowLoader(em, SocialWorker),
    pairing: rowLoader(em, Pairing),
    activePairingCount: activePairingCounts(em),
    /** Newest first. */
    supervisionOfPairing: filteredChildLoader(em, SupervisionLog, {
      parent: 'pairing',
      keys: ['date', 'id'],
      direction: 'desc',
    }),
    /** Active before ended, then most overdue (oldest last contact) first. */
    pairingsOfWorker: filteredChildLoader(em, Pairing, {
      parent: 'socialWorker',
      keys: ['status', 'lastContactDate', 'id'],
      filterBy: 'status',
    }),
  };
}
