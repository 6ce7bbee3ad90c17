// Row counts and content checksums per table: md5 over the md5 of every row in id order
// (password hashes left out: argon2 salts them at random), so two runs can be compared.
import type pg from 'pg';

export const TABLES = [
  'community',
  'grid',
  'unit',
  'app_user',
  'commitment_category',
  'need',
  'commitment',
  'fulfilment',
  'commitment_event',
  'social_worker',
  'volunteer',
  'activity',
  'shift',
  'signup',
  'pairing',
  'supervision_log',
] as const;

export interface TableSummary {
  table: string;
  rows: number;
  checksum: string;
}

export async function summarise(client: pg.ClientBase): Promise<TableSummary[]> {
  await client.query(`set timezone = 'UTC'`);
  const out: TableSummary[] = [];
  for (const table of TABLES) {
    const row =
      table === 'app_user'
        ? `(select id, created_at, updated_at, username, display_name, role, community_id, unit_id, phone, active, email from app_user) t`
        : table === 'commitment_category'
          ? `(select id, code, name, name_en, sort_order, active from commitment_category) t`
          : `"${table}" t`;
    const { rows } = await client.query<{ n: string; sum: string | null }>(
      `select count(*) as n, md5(string_agg(md5(t::text), '' order by t.id)) as sum from ${row}`,
    );
    out.push({ table, rows: Number(rows[0]!.n), checksum: rows[0]!.sum ?? '-' });
  }
  return out;
}
