// DataLoaders of volunteer service, one query per batch each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findRows, rowLoader, type ReadRow } from '../../graphql/read-rows.js';
import { childConnectionLoader } from '../../graphql/child-loaders.js';
import { checkSignUps, type Verdict } from './eligibility.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { Volunteer } from './volunteer.entity.js';

export function createShiftLoaders(em: EntityManager) {
  return {
    activity: rowLoader(em, Activity),
    shift: rowLoader(em, Shift),
    signup: rowLoader(em, Signup),
    volunteer: rowLoader(em, Volunteer),
    volunteerOfUser: new DataLoader<number, ReadRow<Volunteer> | null>(async (userIds) => {
      const rows = await findRows(em, Volunteer, { user: { $in: [...userIds] } }, { id: 'asc' });
      return userIds.map((id) => rows.find((v) => v.user.id === id) ?? null);
    }),
    shiftsOfActivity: childConnectionLoader(em, Shift, 'activity', ['startsAt', 'id']),
    /** Live sign-ups of each shift, confirmed first, then the waitlist in order. */
    liveSignupsOfShift: new DataLoader<number, ReadRow<Signup>[]>(async (ids) => {
      const rows = await findRows(
        em,
        Signup,
        { shift: { $in: [...ids] }, status: { $ne: SignupStatus.CANCELLED } },
        { status: 'asc', waitlistSeq: 'asc', id: 'asc' },
      );
      return ids.map((id) => rows.filter((s) => s.shift.id === id));
    }),
    /** The volunteer's live sign-up on each shift (key: `${volunteerId}:${shiftId}`). */
    signupOfVolunteer: new DataLoader<string, ReadRow<Signup> | null>(async (keys) => {
      const pairs = keys.map((k) => k.split(':').map(Number) as [number, number]);
      const rows = await findRows(
        em,
        Signup,
        {
          $or: pairs.map(([volunteer, shift]) => ({ volunteer, shift })),
          status: { $ne: SignupStatus.CANCELLED },
        },
        { id: 'asc' },
      );
      return pairs.map(
        ([v, s]) => rows.find((r) => r.volunteer.id === v && r.shift.id === s) ?? null,
      );
    }),
    /**
     * Whether the volunteer may sign up for each shift (key: `${volunteerId}:${shiftId}`), by
     * eligibility.ts, in one statement per batch.
     */
    eligibility: new DataLoader<string, Verdict | null>(async (keys) => {
      const pairs = keys.map((k) => {
        const [volunteerId, shiftId] = k.split(':').map(Number) as [number, number];
        return { volunteerId, shiftId };
      });
      return checkSignUps(em, pairs);
    }),
    /** Waitlist positions: live tickets up to and including each one, per shift. */
    waitlistPosition: new DataLoader<number, number | null>(async (signupIds) => {
      const rows = await em.getConnection().execute<{ id: number; position: string }[]>(
        `select s.id, (select count(*) from signup w
                        where w.shift_id = s.shift_id and w.status = 'WAITLISTED'
                          and w.waitlist_seq <= s.waitlist_seq) as position
           from signup s
          where s.id in (${signupIds.map(() => '?').join(', ')}) and s.status = 'WAITLISTED'`,
        [...signupIds],
        'all',
        em.getTransactionContext(),
      );
      const byId = new Map(rows.map((r) => [Number(r.id), Number(r.position)]));
      return signupIds.map((id) => byId.get(id) ?? null);
    }),
  };
}
