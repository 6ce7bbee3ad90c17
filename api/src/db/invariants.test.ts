// The database guards its own invariants (issue 16): each direct write below — what an import, a
// script or a SQL console could send — is refused by PostgreSQL itself, by the named constraint,
// on a database built by the migrations. (The demo and the scale presets load under these same
// constraints: tests/seed.test.ts and tests/scale-seed.test.ts.)
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommitment,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
} from '../../../tests/support/factories.js';
import { useTestApp } from '../../../tests/support/test-app.js';
import { Role } from '../modules/auth/user.entity.js';

const t = useTestApp();
let db: pg.Client;
const ids = {} as Record<
  | 'staff'
  | 'socialUser'
  | 'unit'
  | 'volunteer'
  | 'activity'
  | 'signup'
  | 'commitment'
  | 'community',
  number
>;

beforeAll(async () => {
  db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
  const community = await makeCommunity(t.orm);
  const unit = await makeUnit(t.orm, community);
  const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  const socialUser = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community });
  const { volunteer } = await makeVolunteer(t.orm, community);
  const activity = await makeActivity(t.orm, community, { createdBy: staff });
  const shift = await makeShift(t.orm, activity, { capacity: 5 });
  const commitment = await makeCommitment(t.orm, unit, { createdBy: staff });
  const signup = await db.query<{ id: number }>(
    `insert into signup (shift_id, volunteer_id, status, starts_at, ends_at)
     values ($1, $2, 'CONFIRMED', $3, $4) returning id`,
    [shift.id, volunteer.id, shift.startsAt, shift.endsAt],
  );
  Object.assign(ids, {
    staff: staff.id,
    socialUser: socialUser.id,
    unit: unit.id,
    volunteer: volunteer.id,
    activity: activity.id,
    signup: signup.rows[0]!.id,
    commitment: commitment.id,
    community: community.id,
  });
});

afterAll(async () => {
  await db?.end();
});

/** Runs `sql` in a transaction that is always rolled back; returns the constraint that refused it. */
async function refusal(sql: string, params: unknown[] = []): Promise<string | null> {
  await db.query('begin');
  try {
    await db.query(sql, params);
    return null;
  } catch (error) {
    return (error as { constraint?: string }).constraint ?? String(error);
  } finally {
    await db.query('rollback');
  }
}

describe('sign-ups: attendance and hours (a cancelled shift cannot keep them)', () => {
  it('attendance only on a confirmed place', async () => {
    expect(
      await refusal(
        `update signup set status = 'CANCELLED', cancelled_at = now(), attendance = 'NO_SHOW' where id = $1`,
        [ids.signup],
      ),
    ).toBe('signup_attendance_only_confirmed');
  });

  it('a check-in has its time; a check-out has its time and minutes', async () => {
    expect(
      await refusal(`update signup set attendance = 'CHECKED_IN' where id = $1`, [ids.signup]),
    ).toBe('signup_checked_in_has_time');
    expect(
      await refusal(
        `update signup set attendance = 'CHECKED_OUT', checked_in_at = now() where id = $1`,
        [ids.signup],
      ),
    ).toBe('signup_checked_out_complete');
  });

  it('confirmed hours only after a check-out, with who confirmed them', async () => {
    expect(
      await refusal(
        `update signup set hours_confirmed_at = now(), hours_confirmed_by_id = $2 where id = $1`,
        [ids.signup, ids.staff],
      ),
    ).toBe('signup_hours_confirmed_after_check_out');
    expect(
      await refusal(
        `update signup set attendance = 'CHECKED_OUT', checked_in_at = now(),
           checked_out_at = now(), minutes = 60, hours_confirmed_at = now() where id = $1`,
        [ids.signup],
      ),
    ).toBe('signup_hours_confirmed_after_check_out');
    // The whole, consistent step is accepted.
    expect(
      await refusal(
        `update signup set attendance = 'CHECKED_OUT', checked_in_at = now(), checked_out_at = now(),
           minutes = 60, hours_confirmed_at = now(), hours_confirmed_by_id = $2 where id = $1`,
        [ids.signup, ids.staff],
      ),
    ).toBeNull();
  });
});

describe('single-row consistency', () => {
  it('a decided fulfilment says when; credited attendance names its source', async () => {
    expect(
      await refusal(
        `insert into fulfilment (commitment_id, amount, date, status) values ($1, 1, '2026-03-01', 'VERIFIED')`,
        [ids.commitment],
      ),
    ).toBe('fulfilment_decided_has_review');
    expect(
      await refusal(
        `insert into fulfilment (commitment_id, amount, date, source) values ($1, 1, '2026-03-01', 'ATTENDANCE')`,
        [ids.commitment],
      ),
    ).toBe('fulfilment_attendance_has_source_key');
  });

  it('an ended pairing says when', async () => {
    const worker = await db.query<{ id: number }>(
      `insert into social_worker (user_id, community_id) values ($1, $2) returning id`,
      [ids.socialUser, ids.community],
    );
    expect(
      await refusal(
        `insert into pairing (social_worker_id, volunteer_id, community_id, status, confirmed_by_id,
           confirmed_at, last_contact_date) values ($1, $2, $3, 'ENDED', $4, now(), '2026-03-01')`,
        [worker.rows[0]!.id, ids.volunteer, ids.community, ids.staff],
      ),
    ).toBe('pairing_ended_has_time');
  });

  it('a declared affiliation names its unit, and so does a unit activity', async () => {
    expect(
      await refusal(`update volunteer set affiliation = 'CONFIRMED' where id = $1`, [
        ids.volunteer,
      ]),
    ).toBe('volunteer_affiliation_has_unit');
    expect(
      await refusal(`update activity set organiser_kind = 'UNIT' where id = $1`, [ids.activity]),
    ).toBe('activity_unit_organiser_has_unit');
  });

  it('deleting a unit does not orphan an affiliation (its SET NULL would break one: refused)', async () => {
    const community = await makeCommunity(t.orm);
    const unit = await makeUnit(t.orm, community);
    await db.query(`update volunteer set affiliation = 'CONFIRMED', unit_id = $2 where id = $1`, [
      ids.volunteer,
      unit.id,
    ]);
    try {
      expect(await refusal(`delete from unit where id = $1`, [unit.id])).toBe(
        'volunteer_affiliation_has_unit',
      );
    } finally {
      await db.query(`update volunteer set affiliation = 'NONE', unit_id = null where id = $1`, [
        ids.volunteer,
      ]);
    }
  });

  it('no negative proposed target, file size or malformed file hash', async () => {
    expect(
      await refusal(`update commitment set proposed_target_amount = -5 where id = $1`, [
        ids.commitment,
      ]),
    ).toBe('commitment_proposed_target_positive');
    const file = (sha: string, size: number) =>
      refusal(
        `insert into evidence_file (sha256, file_name, mime_type, size, uploaded_by_id)
         values ($1, 'a.jpg', 'image/jpeg', $2, $3)`,
        [sha, size, ids.staff],
      );
    expect(await file('a'.repeat(64), -1)).toBe('evidence_file_size_non_negative');
    expect(await file('../../etc/passwd'.padEnd(64, 'x'), 10)).toBe('evidence_file_sha256_hex');
    expect(await file('a'.repeat(64), 10)).toBeNull();
  });

  it('usernames are lower-case and not empty', async () => {
    expect(
      await refusal(`update app_user set username = 'Staff.X' where id = $1`, [ids.staff]),
    ).toBe('app_user_username_lower_case');
    expect(await refusal(`update app_user set username = '' where id = $1`, [ids.staff])).toBe(
      'app_user_username_lower_case',
    );
  });
});
