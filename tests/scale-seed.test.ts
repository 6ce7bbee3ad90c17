// The synthetic city generator (seeds/scale): the tiny preset into fresh databases — counts as
// the preset says, identical checksums for the same seed, different ones for another seed, the
// invariants the application relies on, and the API's own queries on the generated data.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { databaseUrl, dropDatabase } from '../api/src/db/database.js';
import {
  generateCity,
  NotEmptyError,
  SCALE_PASSWORD,
  type ScaleResult,
} from '../seeds/scale/generate.js';
import { checkInvariants } from '../seeds/scale/invariants.js';
import { PRESETS } from '../seeds/scale/presets.js';
import { useTestApp, type AnyData } from './support/test-app.js';

const t = useTestApp();
const preset = PRESETS.tiny;
/** Fixed once for the file: every run below is anchored to the same day. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const year = Number(today.slice(0, 4));

const own = (suffix: string) =>
  databaseUrl(inject('testServerUrl'), `gj_scale_${process.pid}_${suffix}`);
const created: string[] = [];

afterAll(async () => {
  for (const url of created) await dropDatabase(url);
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const checksums = (result: ScaleResult) =>
  Object.fromEntries(result.tables.map((s) => [s.table, s.checksum]));

describe('the synthetic city generator (tiny preset)', () => {
  let first: ScaleResult;
  let appUrl: string;

  it('fills the test app’s database with exactly the preset’s counts', async () => {
    appUrl = t.orm.config.get('clientUrl')!;
    first = await generateCity({
      databaseUrl: appUrl,
      preset: 'tiny',
      seed: 7,
      today,
      progress: 'quiet',
    });
    const rows = Object.fromEntries(first.tables.map((s) => [s.table, s.rows]));
    expect(rows).toMatchObject({
      community: preset.communities,
      grid: preset.grids,
      unit: preset.units,
      app_user:
        1 +
        preset.communities * preset.staffPerCommunity +
        preset.units +
        preset.socialWorkers +
        preset.volunteers,
      need: preset.communities * preset.needsPerCommunity,
      commitment: preset.commitments,
      fulfilment: preset.fulfilments,
      social_worker: preset.socialWorkers,
      volunteer: preset.volunteers,
      activity: preset.communities * preset.activitiesPerCommunity,
      shift: preset.shifts,
      signup: preset.signups,
    });
    expect(rows.commitment_event).toBeGreaterThan(preset.commitments);
    expect(rows.pairing).toBeGreaterThan(0);
    expect(rows.supervision_log).toBeGreaterThan(0);
  });

  it('keeps every invariant the application relies on', async () => {
    const violations = await withClient(appUrl, checkInvariants);
    expect(Object.keys(violations).length).toBeGreaterThanOrEqual(14);
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, 0])));
    // The data has every state worth benchmarking.
    const [mix] = await withClient(
      appUrl,
      async (c) =>
        (
          await c.query(`select
          (select count(*) from shift where starts_at > now() and confirmed_count < capacity)::int as open_upcoming,
          (select count(*) from shift where waitlist_count > 0)::int as with_waitlist,
          (select count(*) from signup where attendance = 'CHECKED_OUT')::int as attended,
          (select count(*) from signup where attendance = 'NO_SHOW')::int as no_show,
          (select count(distinct status) from commitment)::int as commitment_states,
          (select count(*) from pairing where status = 'ACTIVE')::int as active_pairings,
          (select last_value from signup_id_seq)::int as signup_sequence`)
        ).rows,
    );
    expect(mix).toMatchObject({ commitment_states: 7, signup_sequence: preset.signups + 1 });
    for (const key of ['open_upcoming', 'with_waitlist', 'attended', 'no_show', 'active_pairings'])
      expect(mix[key], key).toBeGreaterThan(0);
  });

  it('refuses a non-empty database unless --reset', async () => {
    await expect(
      generateCity({ databaseUrl: appUrl, preset: 'tiny', seed: 7, today, progress: 'quiet' }),
    ).rejects.toBeInstanceOf(NotEmptyError);
  });

  it('gives identical checksums for the same seed in a fresh database, others for another seed', async () => {
    const again = own('a');
    created.push(again);
    await dropDatabase(again);
    const second = await generateCity({
      databaseUrl: again,
      preset: 'tiny',
      seed: 7,
      today,
      progress: 'quiet',
    });
    expect(checksums(second)).toEqual(checksums(first));

    const other = await generateCity({
      databaseUrl: again,
      preset: 'tiny',
      seed: 8,
      today,
      reset: true,
      progress: 'quiet',
    });
    // The preset fixes these counts; histories, pairings and logs follow the draws.
    const fixed = (result: ScaleResult) =>
      result.tables
        .filter((s) => !['commitment_event', 'pairing', 'supervision_log'].includes(s.table))
        .map((s) => [s.table, s.rows]);
    expect(fixed(other)).toEqual(fixed(first));
    const differing = other.tables.filter((s) => checksums(first)[s.table] !== s.checksum);
    expect(differing.map((s) => s.table)).toEqual(
      expect.arrayContaining([
        'community',
        'unit',
        'commitment',
        'fulfilment',
        'volunteer',
        'shift',
        'signup',
      ]),
    );

    // The checks notice a broken counter.
    await withClient(again, async (c) => {
      await c.query(
        `update shift set confirmed_count = confirmed_count - 1
          where id = (select min(id) from shift where confirmed_count > 0)`,
      );
      expect((await checkInvariants(c))['shift counters match its sign-ups']).toBe(1);

      // …and not what the application leaves on purpose: a waitlisted volunteer who gave up
      // their place leaves a gap in the tickets; a commitment withdrawn while active keeps its
      // records.
      const TICKETS = 'waitlist tickets are unique per shift and already handed out';
      const STATUS = 'commitment status agrees with progress and period';
      await c.query(`with gone as (
          update signup set status = 'CANCELLED', cancelled_at = now()
           where id = (select min(id) from signup where status = 'WAITLISTED')
          returning shift_id)
        update shift set waitlist_count = waitlist_count - 1 where id = (select shift_id from gone)`);
      await c.query(`update commitment set status = 'WITHDRAWN'
         where id = (select min(commitment_id) from fulfilment f join commitment c
                      on c.id = f.commitment_id where c.status = 'ACTIVE')`);
      const legitimate = await checkInvariants(c);
      expect(legitimate[TICKETS]).toBe(0);
      expect(legitimate[STATUS]).toBe(0);
      // A ticket handed out twice is a violation.
      await c.query(`update signup set waitlist_seq = (
          select min(o.waitlist_seq) from signup o
           where o.shift_id = signup.shift_id and o.id <> signup.id and o.waitlist_seq is not null)
         where id = (select min(g.id) from signup g where g.waitlist_seq is not null
                      and exists (select 1 from signup o where o.shift_id = g.shift_id
                                   and o.id <> g.id and o.waitlist_seq is not null))`);
      expect((await checkInvariants(c))[TICKETS]).toBe(1);
    });
  });

  it('serves the application’s own queries from the generated data', async () => {
    const sql = (query: string) => t.orm.em.fork().getConnection().execute<AnyData[]>(query);

    const admin = await t.login('admin', SCALE_PASSWORD);
    const standings = await t.gql(
      `query($year: Int) { unitStandings(year: $year) { rank rate lagging commitmentCount unit { name } }
         dashboard(year: $year) { unitCount pairingCoverage { paired volunteers } } }`,
      { year },
      admin,
    );
    expect(standings.errors).toBeUndefined();
    expect(standings.data!.unitStandings).toHaveLength(preset.units);
    const [pairs] = await sql(
      `select count(distinct volunteer_id)::int as paired from pairing where status = 'ACTIVE'`,
    );
    expect(standings.data!.dashboard).toMatchObject({
      unitCount: preset.units,
      pairingCoverage: { paired: pairs!.paired, volunteers: preset.volunteers },
    });

    const staff = await t.login('staff.c001', SCALE_PASSWORD);
    const shifts = await t.gql(
      `{ shifts(first: 50) { totalCount edges { node { capacity confirmedCount waitlistCount spotsRemaining status } } } }`,
      {},
      staff,
    );
    expect(shifts.errors).toBeUndefined();
    expect(shifts.data!.shifts.totalCount).toBeGreaterThan(0);
    for (const { node } of shifts.data!.shifts.edges as AnyData[]) {
      expect(node.confirmedCount).toBeLessThanOrEqual(node.capacity);
      expect(node.spotsRemaining).toBe(node.capacity - node.confirmedCount);
    }

    const volunteer = await t.login('volunteer.v000001', SCALE_PASSWORD);
    const me = await t.gql(
      `{ myVolunteerProfile { realName verifiedHours } mySignups(includePast: true) { status } }`,
      {},
      volunteer,
    );
    expect(me.errors).toBeUndefined();
    const [row] = await sql(
      `select v.real_name, v.verified_minutes,
              (select count(*)::int from signup s where s.volunteer_id = v.id and s.status <> 'CANCELLED') as live
         from volunteer v join app_user u on u.id = v.user_id where u.username = 'volunteer.v000001'`,
    );
    expect(me.data!.myVolunteerProfile.realName).toBe(row!.real_name);
    expect(me.data!.myVolunteerProfile.verifiedHours).toBeCloseTo(row!.verified_minutes / 60, 1);
    expect(me.data!.mySignups.filter((s: AnyData) => s.status !== 'CANCELLED')).toHaveLength(
      row!.live,
    );
  });
});
