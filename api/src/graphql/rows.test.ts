// List pages read rows without the ORM's unit of work (read-rows.ts, rowReader). They must hold
// exactly what the ORM would have hydrated: every table of the demo data, every column.
import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../tests/support/test-app.js';
import { seedDemoIfEmpty } from '../../../seeds/seed.js';
import { nodeTypeOf } from './ids.js';
import { rowReader, type ReadRow } from './read-rows.js';
import type { Commitment } from '../modules/commitments/commitment.entity.js';
import type { Community } from '../modules/directory/community.entity.js';

const t = useTestApp();

beforeAll(async () => {
  await seedDemoIfEmpty(t.orm, undefined, { now: new Date('2026-11-27T02:00:00Z') });
});

const tables = () =>
  Object.values(t.orm.getMetadata().getAll()).filter(
    (meta) => !meta.abstract && !meta.embeddable && !meta.virtual && meta.tableName,
  );

/** Every persisted property as the GraphQL layer sees it: relations by their id. */
function comparable(meta: EntityMetadata, object: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames?.length) continue;
    if (prop.kind === ReferenceKind.SCALAR) out[prop.name] = object[prop.name];
    else if (
      prop.kind === ReferenceKind.MANY_TO_ONE ||
      (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)
    ) {
      const ref = object[prop.name] as { id: unknown } | null;
      out[prop.name] = ref === null ? null : ref.id;
    }
  }
  return out;
}

describe('read-only rows', () => {
  it('hold what the ORM hydrates, for every table with rows', async () => {
    let checked = 0;
    for (const meta of tables()) {
      const em = t.orm.em.fork() as EntityManager;
      const raw = await em
        .createQueryBuilder(meta.className)
        .select('*')
        .orderBy({ [meta.primaryKeys[0]!]: 'asc' })
        .limit(40)
        .execute<Record<string, unknown>[]>('all', false);
      if (!raw.length) continue;
      const read = rowReader<Record<string, unknown>>(em, meta.className);
      const rows = raw.map(read);
      const entities = (await em.find(
        meta.className,
        {},
        { orderBy: { [meta.primaryKeys[0]!]: 'asc' }, limit: 40 },
      )) as Record<string, unknown>[];
      expect(
        rows.map((r) => comparable(meta, r)),
        meta.className,
      ).toEqual(entities.map((e) => comparable(meta, e)));
      // Same class (so the GraphQL type resolves), never in the identity map.
      expect(rows[0]).toBeInstanceOf(meta.class);
      expect(Object.keys(rows[0]!).sort()).toEqual(Object.keys(comparable(meta, rows[0]!)).sort());
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('are objects of their GraphQL type with id-only relation stubs, unknown to the ORM', async () => {
    const em = t.orm.em.fork() as EntityManager;
    const [raw] = await em
      .createQueryBuilder('Commitment')
      .select('*')
      .limit(1)
      .execute<Record<string, unknown>[]>('all', false);
    const row = rowReader<{ id: number; nodeId: string; unit: { id: number } }>(
      em,
      'Commitment',
    )(raw!);
    expect(nodeTypeOf(row)).toBe('Commitment');
    expect(Buffer.from(row.nodeId, 'base64url').toString()).toBe(`Commitment:${row.id}`);
    expect(nodeTypeOf(row.unit)).toBe('Unit');
    expect(row.unit.id).toBe(raw!.unit_id);
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });

  it('are typed as rows: never where an entity is expected, never changed', () => {
    const typed = (row: ReadRow<Commitment>, community: ReadRow<Community>, entity: Commitment) => {
      // @ts-expect-error a row is no entity (its relations are id-only stubs)
      const asEntity: Commitment = row;
      // @ts-expect-error not even of an entity without relations
      const asCommunity: Community = community;
      // @ts-expect-error a row is read-only
      row.status = entity.status;
      // @ts-expect-error deeply: its relations too
      row.unit.id = 1;
      const asRow: ReadRow<Commitment> = entity; // an entity this request manages reads as a row
      return [asEntity, asCommunity, asRow];
    };
    expect(typed).toBeTypeOf('function');
  });
});
