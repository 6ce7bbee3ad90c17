// Checks, in SQL, the invariants the application relies on; each query counts violations.
// Used by the tests and by `npm run seed:scale -- --check`.
import type pg from 'pg';

export const INVARIANTS: Record<string, string> = {
  'shift counters match its sign-ups': `
    select count(*) from shift s
      left join (select shift_id,
                        count(*) filter (where status = 'CONFIRMED') as confirmed,
                        count(*) filter (where status = 'WAITLISTED') as waitlisted,
                        coalesce(max(waitlist_seq) filter (where status = 'WAITLISTED'), 0) as last_seq
                   from signup group by shift_id) g on g.shift_id = s.id
     where s.confirmed_count <> coalesce(g.confirmed, 0)
        or s.waitlist_count <> coalesce(g.waitlisted, 0)
        or s.last_waitlist_seq < coalesce(g.last_seq, 0)
        or s.confirmed_count > s.capacity
        or (s.waitlist_count > 0 and s.confirmed_count < s.capacity)
        or (s.status = 'CANCELLED' and (s.confirmed_count > 0 or s.waitlist_count > 0))`,
  // Tickets are handed out in order and never reused; a cancelled one leaves a gap (a position is
  // the live tickets up to one's own), so the invariant is uniqueness, not 1..n.
  'waitlist tickets are unique per shift and already handed out': `
    select count(*) from (
      select g.shift_id, g.waitlist_seq
        from signup g join shift s on s.id = g.shift_id
       where g.waitlist_seq is not null
       group by g.shift_id, g.waitlist_seq, s.last_waitlist_seq
      having count(*) > 1 or g.waitlist_seq > s.last_waitlist_seq or g.waitlist_seq < 1) t`,
  'sign-up times are its shift’s': `
    select count(*) from signup g join shift s on s.id = g.shift_id
     where g.starts_at <> s.starts_at or g.ends_at <> s.ends_at`,
  'a volunteer’s live sign-ups never overlap': `
    select count(*) from (
      select starts_at, lag(ends_at) over (partition by volunteer_id order by starts_at, id) as previous_end
        from signup where status <> 'CANCELLED') t
     where previous_end > starts_at`,
  'volunteers hold the skills their activity requires': `
    select count(*) from signup g
      join shift s on s.id = g.shift_id join activity a on a.id = s.activity_id
      join volunteer v on v.id = g.volunteer_id
     where g.status <> 'CANCELLED' and not (a.required_skills <@ v.skills)`,
  'attendance only where it can be': `
    select count(*) from signup g
     where (g.attendance <> 'EXPECTED' and g.status <> 'CONFIRMED')
        or (g.attendance = 'CHECKED_OUT' and (g.minutes is null or g.checked_out_at is null or g.checked_in_at is null))
        or (g.hours_confirmed_at is not null and (g.attendance <> 'CHECKED_OUT' or g.hours_confirmed_by_id is null))
        or (g.attendance <> 'EXPECTED' and g.starts_at > now())`,
  'verified minutes cover confirmed attendance': `
    select count(*) from volunteer v
      left join (select volunteer_id, sum(minutes) as minutes from signup
                  where status = 'CONFIRMED' and hours_confirmed_at is not null group by volunteer_id) g
        on g.volunteer_id = v.id
     where v.verified_minutes < coalesce(g.minutes, 0)`,
  'commitment amounts are the sums of their records': `
    select count(*) from commitment c
      left join (select commitment_id,
                        sum(amount) filter (where status = 'VERIFIED') as verified,
                        sum(amount) filter (where status = 'PENDING') as pending
                   from fulfilment group by commitment_id) f on f.commitment_id = c.id
     where c.verified_amount <> coalesce(f.verified, 0) or c.pending_amount <> coalesce(f.pending, 0)`,
  'commitment status agrees with progress and period': `
    select count(*) from commitment c
     where (c.status = 'COMPLETED' and c.verified_amount < c.target_amount)
        or (c.status = 'LAPSED' and (c.verified_amount >= c.target_amount
                                     or c.period_end >= (now() at time zone 'Asia/Shanghai')::date))
        or (c.status = 'ACTIVE' and c.verified_amount >= c.target_amount)
        or (c.status in ('DRAFT', 'SUBMITTED', 'REJECTED')
            and exists (select 1 from fulfilment f where f.commitment_id = c.id))`,
  'records lie within their period, in whole numbers where counted': `
    select count(*) from fulfilment f join commitment c on c.id = f.commitment_id
     where f.date < c.period_start or f.date > c.period_end
        or (c.measure in ('EVENTS', 'PEOPLE_SERVED', 'VENUE_SESSIONS', 'ITEMS') and f.amount <> trunc(f.amount))
        or (f.status = 'PENDING') <> (f.reviewed_at is null)`,
  'history ends in the current status': `
    select count(*) from commitment c
      join lateral (select to_status from commitment_event e where e.commitment_id = c.id
                     order by e.id desc limit 1) last on true
     where last.to_status <> c.status`,
  'caseloads within caps, one active pairing per volunteer': `
    select (select count(*) from social_worker w
              where w.caseload_cap < (select count(*) from pairing p
                                       where p.social_worker_id = w.id and p.status = 'ACTIVE'))
         + (select count(*) from (select volunteer_id from pairing where status = 'ACTIVE'
                                   group by volunteer_id having count(*) > 1) t)`,
  'last contact is the latest log or the confirmation': `
    select count(*) from pairing p
      left join (select pairing_id, max(date) as last from supervision_log group by pairing_id) l
        on l.pairing_id = p.id
     where p.last_contact_date <> coalesce(l.last, (p.confirmed_at at time zone 'Asia/Shanghai')::date)`,
  'accounts match their roles': `
    select count(*) from app_user u
     where (u.role = 'UNIT_LIAISON' and u.unit_id is null)
        or (u.role = 'COMMUNITY_STAFF' and u.community_id is null)
        or (u.role = 'VOLUNTEER' and not exists (select 1 from volunteer v where v.user_id = u.id))
        or (u.role = 'SOCIAL_WORKER' and not exists (select 1 from social_worker w where w.user_id = u.id))`,
};

/** Violations per invariant (all zero when the data is consistent). */
export async function checkInvariants(client: pg.ClientBase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const { rows } = await client.query<{ count: string }>(sql.replace(/^\s*select/, 'select'));
    out[name] = Number(Object.values(rows[0]!)[0]);
  }
  return out;
}
