// DataLoaders of volunteer service, one query per batch each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { childConnectionLoader, rowLoader } from '../../graphql/relay.js';
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
    volunteerOfUser: new DataLoader<number, Volunteer | null>(async (userIds) => {
      const rows = await em.find(Volunteer, { user: { $in: [...userIds] } });
      return userIds.map((id) => rows.find((v) => v.user.id === id) ?? null);
    }),
    shiftsOfActivity: childConnectionLoader(em, Shift, 'activity', ['startsAt', 'id']),
    /** Live sign-ups of each shift, confirmed first, then the waitlist in order. */
    liveSignupsOfShift: new DataLoader<number, Signup[]>(async (ids) => {
      const rows = await em.find(
        Signup,
        { shift: { $in: [...ids] }, status: { $ne: SignupStatus.CANCELLED } },
        { orderBy: { status: 'asc', waitlistSeq: 'asc', id: 'asc' } },
      );
      return ids.map((id) => rows.filter((s) => s.shift.id === id));
    }),
    /** The volunteer's live sign-up on each shift (key: `${volunteerId}:${shiftId}`). */
    signupOfVolunteer: new DataLoader<string, Signup | null>(async (keys) => {
      const pairs = keys.map((k) => k.split(':').map(Number) as [number, number]);
      const rows = await em.find(Signup, {
        $or: pairs.map(([volunteer, shift]) => ({ volunteer, shift })),
        status: { $ne: SignupStatus.CANCELLED },
      });
      return pairs.map(
        ([v, s]) => rows.find((r) => r.volunteer.id === v && r.shift.id === s) ?? null,
      );
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
