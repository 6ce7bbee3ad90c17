// Read rows: what GraphQL reads are answered with. Raw SQL rows become read-only objects of the
// entity's class (`rowReader`), typed `ReadRow<T>` so that no code takes them for tracked entities.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type OptionalProps,
  ReferenceKind,
  wrap,
  type Collection,
  type EntityMetadata,
  type EntityName,
  type EntityProperty,
  type Platform,
  type FilterQuery,
} from '@mikro-orm/core';

// ---------------------------------------------------------------- the type

/** A relation of a read row: an id-only stub of the target's class; its loader has the rest. */
export interface RowRef<T extends { id: unknown }> {
  readonly id: T['id'];
}

type DeepReadonly<V> = V extends Date
  ? V
  : V extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : V extends object
      ? { readonly [K in keyof V]: DeepReadonly<V[K]> }
      : V;

/** An entity (what has a global ID) becomes a stub; everything else is deeply read-only. */
type RowValue<V> = V extends { id: unknown; nodeId: string } ? RowRef<V> : DeepReadonly<V>;

/**
 * A row read for a GraphQL read ({@link rowReader}, {@link findRows}, {@link rowLoader}, list
 * pages): a deep read-only view of the entity's columns, relations as {@link RowRef} stubs, no
 * collections or methods. It is no entity: the ORM does not track it, so changing it would save
 * nothing, and the type says so. A tracked entity is a `ReadRow` of itself (a loader may hand out
 * one this request manages), never the other way round: the `OptionalProps` member (`unknown`
 * here, a union of names on entities) stops a row where an entity is expected even when the
 * entity has no relations. Services that change data load entities through the EntityManager.
 */
export type ReadRow<T extends object> = {
  readonly [
    K in keyof T as K extends symbol
      ? never
      : T[K] extends (...args: never[]) => unknown
        ? never
        : NonNullable<T[K]> extends Collection<object>
          ? never
          : K
  ]: RowValue<T[K]>;
} & { readonly [OptionalProps]?: unknown };

// ---------------------------------------------------------------- hydration

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
 * once per column from its metadata, never from the value's text: a timestamptz value carries
 * its zone; a plain timestamp is read in the platform's zone.
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
): (row: Record<string, unknown>) => ReadRow<T> {
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
    return object as ReadRow<T>;
  };
}

// ---------------------------------------------------------------- reading

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
): Promise<ReadRow<T>[]> {
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

/**
 * Loads by primary key for GraphQL reads, one `IN (...)` query per batch. An entity this request
 * already manages (changed by a mutation, say) is returned as is; otherwise a row this request
 * already read (a list page's item) is; otherwise a read-only row is fetched ({@link rowReader}).
 * Services that change data load entities through the EntityManager, never through this.
 */
export function rowLoader<T extends { id: number }>(
  em: EntityManager,
  entity: EntityName<T>,
): DataLoader<number, ReadRow<T> | null> {
  const uow = em.getUnitOfWork();
  const meta = em.getMetadata().get(entity as never);
  const read = rowReader(em, entity);
  const cache = readCache(em, meta);
  return new DataLoader<number, ReadRow<T> | null>(async (ids) => {
    const byId = new Map<number, ReadRow<T>>();
    for (const id of ids) {
      const managed = uow.getById<T>(meta.className, id as never);
      // A reference (only the id known) is not loaded yet.
      if (managed && wrap(managed).isInitialized()) byId.set(id, managed as ReadRow<T>);
      else if (cache.has(id)) byId.set(id, cache.get(id) as ReadRow<T>);
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
      for (const row of rows) byId.set(row.id as number, read(row));
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}
