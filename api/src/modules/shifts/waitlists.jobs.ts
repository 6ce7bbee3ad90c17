// Background job of volunteer service: closing the waitlists of shifts that have ended.
//
// A waitlisted sign-up whose shift has ended can never become a place, yet it would stay
// WAITLISTED for ever (and count in the shift's `waitlist_count`). Every ten minutes one
// statement locks the ended shifts that still have a waitlist (FOR UPDATE, in id order: the same
// row lock sign-ups and cancellations take, signups.service.ts), turns their WAITLISTED sign-ups
// into EXPIRED and takes exactly that many off each shift's `waitlist_count`. Runs overlapping
// each other, or in several processes, queue on the row locks; the later one re-reads the shift,
// finds no waitlist left and changes nothing. The ticket (`waitlist_seq`) is kept, so tickets
// stay unique and handed out (seeds/scale/invariants.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { SignupStatus } from './shift.enums.js';

export const CLOSE_WAITLISTS_JOB = 'shifts.close-waitlists';

export interface CloseWaitlistsRun {
  /** Shifts whose waitlist was closed in this run. */
  shifts: number;
  /** Sign-ups moved from WAITLISTED to EXPIRED. */
  signups: number;
}

/** Closes the waitlists of the shifts that ended at or before `now`, in one statement. */
export async function closeEndedWaitlists(
  em: EntityManager,
  options: { now?: Date } = {},
): Promise<CloseWaitlistsRun> {
  const now = options.now ?? new Date();
  const rows = await em.getConnection().execute<{ id: number; closed: string | number }[]>(
    `with ended as (
       select sh.id from shift sh
        where sh.ends_at <= ? and sh.waitlist_count > 0
        order by sh.id
          for update
     ), closed as (
       update signup s set status = ?, updated_at = now()
         from ended
        where s.shift_id = ended.id and s.status = ?
       returning s.shift_id
     ), counted as (
       select shift_id, count(*) as n from closed group by shift_id
     )
     update shift sh set waitlist_count = sh.waitlist_count - counted.n, updated_at = now()
       from counted
      where sh.id = counted.shift_id
     returning sh.id, counted.n as closed`,
    [now, SignupStatus.EXPIRED, SignupStatus.WAITLISTED],
    'all',
  );
  return { shifts: rows.length, signups: rows.reduce((sum, row) => sum + Number(row.closed), 0) };
}
