// `npm run seed:scale -- --preset city [--seed N] [--today YYYY-MM-DD] [--reset] [--keep-indexes]`
// Builds a deterministic synthetic city into DATABASE_URL (see seeds/scale/presets.ts).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEFAULT_SEED, generateCity, NotEmptyError, SCALE_PASSWORD } from './generate.js';
import { checkInvariants } from './invariants.js';
import { PRESET_NAMES, type PresetName } from './presets.js';
import { isDay } from './time.js';

const usage = `Usage: npm run seed:scale -- [--preset ${PRESET_NAMES.join('|')}] [--seed N] [--today YYYY-MM-DD] [--reset] [--keep-indexes] [--no-checksums] [--check | --check-only]
  DATABASE_URL must name the target database (it is created when missing).`;

let args;
try {
  args = parseArgs({
    options: {
      preset: { type: 'string', default: 'tiny' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      today: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'keep-indexes': { type: 'boolean', default: false },
      'no-checksums': { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      'check-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(
    `DATABASE_URL is not set: the scale seeder needs a PostgreSQL database to fill.\n${usage}`,
  );
  process.exit(2);
}
if (!(PRESET_NAMES as readonly string[]).includes(args.preset)) {
  console.error(`Unknown preset "${args.preset}".\n${usage}`);
  process.exit(2);
}
if (args.today !== undefined && !isDay(args.today)) {
  console.error(`--today must be a date YYYY-MM-DD, got "${args.today}".`);
  process.exit(2);
}
const seed = Number(args.seed);
if (!Number.isSafeInteger(seed) || seed < 0) {
  console.error(`--seed must be a non-negative integer, got "${args.seed}".`);
  process.exit(2);
}

/** Prints the invariant checks; false when any is violated. */
async function check(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    const result = await checkInvariants(client);
    for (const [name, violations] of Object.entries(result))
      console.log(
        `  ${violations === 0 ? 'ok  ' : 'FAIL'}  ${name}${violations ? `: ${violations}` : ''}`,
      );
    console.log(`Invariants checked in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
    return Object.values(result).every((n) => n === 0);
  } finally {
    await client.end();
  }
}

if (args['check-only']) process.exit((await check(databaseUrl)) ? 0 : 1);

try {
  const result = await generateCity({
    databaseUrl,
    preset: args.preset as PresetName,
    seed,
    today: args.today,
    reset: args.reset,
    keepIndexes: args['keep-indexes'],
    checksums: !args['no-checksums'],
  });
  const url = new URL(databaseUrl);
  url.password = url.password ? '***' : '';
  console.log(
    `\nPreset ${args.preset}, seed ${result.seed}, today ${result.today} → ${url.toString()}`,
  );
  if (result.tables.length) {
    const width = Math.max(...result.tables.map((t) => t.table.length));
    for (const t of result.tables)
      console.log(`  ${t.table.padEnd(width)}  ${String(t.rows).padStart(9)}  ${t.checksum}`);
  }
  const { seconds } = result;
  console.log(
    `${result.rows} rows in ${seconds.total}s (migrate ${seconds.migrate}s, load ${seconds.load}s, ` +
      `indexes ${seconds.rebuild}s, analyze ${seconds.analyze}s): ` +
      `${Math.round(result.rows / Math.max(0.1, seconds.load + seconds.rebuild))} rows/s`,
  );
  console.log(
    `Accounts: admin, staff.c001, liaison.u00001, social.s0001, volunteer.v000001 … (password ${SCALE_PASSWORD})`,
  );
  if (args.check && !(await check(databaseUrl))) process.exit(1);
} catch (error) {
  if (error instanceof NotEmptyError) {
    console.error(`Refusing: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
