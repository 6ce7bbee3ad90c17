// Builds the synthetic city into a database: migrations, one transaction of COPYs (secondary
// indexes, foreign keys and the exclusion constraint dropped before and rebuilt after, which
// also re-checks every row against them), sequences, ANALYZE, counts and checksums.
import 'reflect-metadata';
import pg from 'pg';
import { ensureDatabase } from '../../api/src/db/database.js';
import { createOrm, migrate } from '../../api/src/db/orm.js';
import { hashPassword } from '../../api/src/modules/auth/password.js';
import { summarise, TABLES, type TableSummary } from './checksums.js';
import { generateCoBuilding } from './commitments.js';
import type { GenerationContext } from './context.js';
import { copyRows } from './copy.js';
import { generateDirectory } from './directory.js';
import { generatePairings, generateSocialWorkers } from './pairing.js';
import { PRESETS, type PresetName } from './presets.js';
import { createProgress } from './progress.js';
import { generateVolunteerService } from './service.js';
import { at, isDay } from './time.js';
import type { CategoryCode } from './vocabulary.js';

/** The shared password of every generated account. */
export const SCALE_PASSWORD = 'Gongjian@2026';
export const DEFAULT_SEED = 20_261_127;

export interface ScaleOptions {
  databaseUrl: string;
  preset: PresetName;
  seed?: number;
  /** YYYY-MM-DD (Asia/Shanghai); default today. */
  today?: string;
  /** Truncate the domain tables first instead of refusing a non-empty database. */
  reset?: boolean;
  /** Keep secondary indexes and foreign keys during the COPYs (slower; for comparison). */
  keepIndexes?: boolean;
  progress?: 'auto' | 'quiet';
  checksums?: boolean;
}

export interface ScaleResult {
  seed: number;
  today: string;
  rows: number;
  seconds: { migrate: number; load: number; rebuild: number; analyze: number; total: number };
  tables: TableSummary[];
}

/** Tables the generator writes or clears (commitment_category is reference data). */
const DOMAIN_TABLES = TABLES.filter((t) => t !== 'commitment_category');
const CLEARED_TABLES = [
  ...DOMAIN_TABLES,
  'evidence_file',
  'notification',
  'auth_session',
  'login_throttle',
];

export class NotEmptyError extends Error {}

export async function generateCity(options: ScaleOptions): Promise<ScaleResult> {
  const preset = PRESETS[options.preset];
  if (!preset) throw new Error(`unknown preset "${options.preset}"`);
  const seed = options.seed ?? DEFAULT_SEED;
  const today =
    options.today ??
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  if (!isDay(today)) throw new Error(`--today must be YYYY-MM-DD, got "${today}"`);
  const t0 = Date.now();

  await ensureDatabase(options.databaseUrl);
  const orm = await createOrm(options.databaseUrl);
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
  const tMigrated = Date.now();
  const passwordHash = await hashPassword(SCALE_PASSWORD);

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const progress = createProgress(options.progress ?? 'auto');
  try {
    const { rows: filled } = await client.query<{ t: string }>(
      DOMAIN_TABLES.map((t) => `select '${t}' as t where exists (select 1 from "${t}")`).join(
        ' union all ',
      ),
    );
    if (filled.length && !options.reset)
      throw new NotEmptyError(
        `the database already has data (${filled.map((f) => f.t).join(', ')}); use --reset to truncate it first`,
      );

    await client.query('begin');
    await client.query(`set local synchronous_commit = off`);
    await client.query(`set local maintenance_work_mem = '256MB'`);
    await client.query(`set local timezone = 'UTC'`);
    if (options.reset)
      await client.query(
        `truncate ${CLEARED_TABLES.map((t) => `"${t}"`).join(', ')} restart identity cascade`,
      );

    // Secondary indexes, foreign keys and exclusion constraints of the tables we fill.
    const { rows: constraints } = await client.query<{
      tbl: string;
      name: string;
      def: string;
      kind: string;
    }>(
      `select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def,
              c.contype as kind
         from pg_constraint c
        where c.connamespace = 'public'::regnamespace and c.contype in ('f', 'x')
          and c.conrelid::regclass::text = any($1)
        order by c.contype desc, c.conname`,
      [DOMAIN_TABLES.map((t) => t)],
    );
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i join pg_class t on t.oid = i.indrelid
        where t.relnamespace = 'public'::regnamespace and t.relname = any($1)
          and not i.indisprimary
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        order by 1`,
      [DOMAIN_TABLES.map((t) => t)],
    );
    const dropIndexes = !options.keepIndexes;
    if (dropIndexes) {
      for (const c of constraints)
        await client.query(`alter table ${c.tbl} drop constraint "${c.name}"`);
      for (const i of indexes) await client.query(`drop index ${i.name}`);
    }

    const { rows: categoryRows } = await client.query<{ id: number; code: CategoryCode }>(
      `select id, code from commitment_category order by id`,
    );
    const categories = new Map(categoryRows.map((c) => [c.code, c.id]));
    const fallback = categoryRows[0]?.id;
    if (fallback === undefined) throw new Error('no commitment categories: migrations missing?');
    for (const code of [
      'organisation',
      'venues',
      'activities',
      'resources',
      'security',
      'environment',
      'hardship',
      'culture',
      'information',
      'talent',
    ] as const)
      if (!categories.has(code)) categories.set(code, fallback);

    let rows = 0;
    const expected =
      preset.communities *
        (1 + preset.needsPerCommunity + preset.staffPerCommunity + preset.activitiesPerCommunity) +
      preset.grids +
      preset.units * 2 +
      preset.commitments * 4.5 +
      preset.fulfilments +
      preset.socialWorkers * 2 +
      preset.volunteers * 2 +
      preset.shifts +
      preset.signups +
      preset.socialWorkers * 80;
    progress.start(Math.round(expected));
    const ctx: GenerationContext = {
      preset,
      seed,
      today,
      now: at(today, 0),
      year: Number(today.slice(0, 4)),
      client,
      passwordHash,
      categories,
      copy: async (table, columns, source) => {
        progress.table(table);
        const n = await copyRows(client, table, columns, source, (k) => progress.add(k));
        rows += n;
        return n;
      },
    };
    const directory = await generateDirectory(ctx);
    const { volunteerHourCommitments } = await generateCoBuilding(ctx, directory);
    const socialWorkers = await generateSocialWorkers(ctx, directory);
    const volunteers = await generateVolunteerService(
      ctx,
      directory,
      socialWorkers,
      volunteerHourCommitments,
    );
    await generatePairings(ctx, directory, socialWorkers, volunteers);
    const tLoaded = Date.now();

    if (dropIndexes) {
      progress.note('rebuilding indexes and constraints');
      const timed = async (sql: string) => {
        const started = Date.now();
        await client.query(sql);
        if (process.env.SCALE_DEBUG)
          console.log(`${Date.now() - started} ms  ${sql.slice(0, 140)}`);
      };
      for (const i of indexes) await timed(i.def);
      // Exclusion constraints first ('x' sorts before 'f' in the query), then foreign keys.
      for (const c of constraints)
        await timed(`alter table ${c.tbl} add constraint "${c.name}" ${c.def}`);
    }
    for (const table of DOMAIN_TABLES)
      await client.query(
        `select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce((select max(id) from "${table}"), 0) + 1, false)`,
      );
    await client.query('commit');
    const tRebuilt = Date.now();
    progress.note('analyze');
    await client.query(`vacuum (analyze) ${DOMAIN_TABLES.map((t) => `"${t}"`).join(', ')}`);
    const tAnalyzed = Date.now();
    progress.stop();
    const tables = options.checksums === false ? [] : await summarise(client);
    const s = (ms: number) => Math.round(ms / 100) / 10;
    return {
      seed,
      today,
      rows,
      seconds: {
        migrate: s(tMigrated - t0),
        load: s(tLoaded - tMigrated),
        rebuild: s(tRebuilt - tLoaded),
        analyze: s(tAnalyzed - tRebuilt),
        total: s(tAnalyzed - t0),
      },
      tables,
    };
  } catch (error) {
    progress.stop();
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
