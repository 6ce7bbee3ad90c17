// What the read benchmarks ask about, picked from whatever data the database holds (the demo seed
// or a generated preset): the community with the most units, an upcoming shift of it, the
// sub-district admin, and the volunteer with the most eligible upcoming shifts among the most
// skilled ones. Bearer sessions for both are inserted and removed again by `cleanup`.
import type pg from 'pg';
import { newToken, tokenHash } from '../../../api/src/modules/auth/password.js';
import { shanghaiDate } from '../../../api/src/graphql/dates.js';
import { toGlobalId } from '../../../api/src/graphql/ids.js';
import type { ReadFixture } from './queries.js';

export interface DataSize {
  communities: number;
  units: number;
  commitments: number;
  shifts: number;
  volunteers: number;
}

export async function dataSize(db: pg.Pool): Promise<DataSize> {
  const { rows } = await db.query<Record<keyof DataSize, string>>(`select
    (select count(*) from community) communities, (select count(*) from unit) units,
    (select count(*) from commitment) commitments, (select count(*) from shift) shifts,
    (select count(*) from volunteer) volunteers`);
  const r = rows[0]!;
  return {
    communities: Number(r.communities),
    units: Number(r.units),
    commitments: Number(r.commitments),
    shifts: Number(r.shifts),
    volunteers: Number(r.volunteers),
  };
}

/** Needs the bench schema installed (bench.eligible_shifts_for). */
export async function createFixture(
  db: pg.Pool,
): Promise<{ fixture: Omit<ReadFixture, 'shiftPgNodeId'>; cleanup: () => Promise<void> }> {
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    const { rows } = await db.query(sql, params);
    if (!rows[0]) throw new Error(`the database has no data for: ${sql.replace(/\s+/g, ' ')}`);
    return rows[0] as T;
  };
  const community = await one<{ id: number }>(
    `select community_id as id from unit group by community_id order by count(*) desc, community_id limit 1`,
  );
  const shift = await one<{ id: number }>(
    `select s.id from shift s join activity a on a.id = s.activity_id
      where a.community_id = $1 and s.starts_at > now()
      order by s.starts_at, s.id limit 1`,
    [community.id],
  );
  const admin = await one<{ id: number }>(
    `select id from app_user where role = 'STREET_ADMIN' order by id limit 1`,
  );

  const sessions: number[] = [];
  const session = async (userId: number) => {
    const token = newToken();
    const row = await one<{ id: number }>(
      `insert into auth_session (user_id, token_hash, expires_at)
       values ($1, $2, now() + interval '1 day') returning id`,
      [userId, tokenHash(token)],
    );
    sessions.push(row.id);
    return { token, hash: tokenHash(token) };
  };
  const cleanup = async () => {
    if (sessions.length) await db.query('delete from auth_session where id = any($1)', [sessions]);
  };

  try {
    const adminSession = await session(admin.id);
    // Among the 20 most skilled volunteers, the one with the most eligible shifts.
    const candidates = await db.query<{ user_id: number }>(
      `select user_id from volunteer order by cardinality(skills) desc, id limit 20`,
    );
    let best: { token: string; eligible: number } | null = null;
    for (const { user_id } of candidates.rows) {
      const s = await session(user_id);
      const eligible = await one<{ n: string }>(
        'select count(*) n from bench.eligible_shifts_for($1)',
        [s.hash],
      );
      if (!best || Number(eligible.n) > best.eligible)
        best = { token: s.token, eligible: Number(eligible.n) };
    }
    if (!best) throw new Error('the database has no volunteers');
    return {
      fixture: {
        communityId: community.id,
        communityNodeId: toGlobalId('Community', community.id),
        year: Number(shanghaiDate().slice(0, 4)),
        shiftId: shift.id,
        shiftNodeId: toGlobalId('Shift', shift.id),
        adminToken: adminSession.token,
        volunteerToken: best.token,
      },
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
