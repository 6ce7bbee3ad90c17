// A volunteer's place on a shift (报名): confirmed or waitlisted, then attended and counted.
import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Shift } from './shift.entity.js';
import { Attendance, SignupStatus } from './shift.enums.js';
import { Volunteer } from './volunteer.entity.js';

@Entity({ tableName: 'signup' })
// One live sign-up per volunteer and shift, whatever races.
@Index({
  name: 'signup_live_unique',
  expression: `create unique index "signup_live_unique" on "signup" ("shift_id", "volunteer_id") where "status" <> 'CANCELLED'`,
})
// No volunteer holds two confirmed places at overlapping times, whatever races (btree_gist).
@Index({
  name: 'signup_no_overlap',
  expression: `alter table "signup" add constraint "signup_no_overlap" exclude using gist ("volunteer_id" with =, tstzrange("starts_at", "ends_at") with &&) where ("status" = 'CONFIRMED')`,
})
@Index({ properties: ['shift', 'status', 'waitlistSeq'] })
@Index({ properties: ['volunteer', 'startsAt'] })
@Check({
  name: 'signup_waitlist_has_ticket',
  expression: `status <> 'WAITLISTED' or waitlist_seq is not null`,
})
@Check({ name: 'signup_minutes_non_negative', expression: 'minutes is null or minutes >= 0' })
// Attendance belongs to a held place; a check-out has both times and the minutes; confirmed hours
// follow a check-out and name who confirmed them (issue 16: the database guards these too).
@Check({
  name: 'signup_attendance_only_confirmed',
  expression: `attendance = 'EXPECTED' or status = 'CONFIRMED'`,
})
@Check({
  name: 'signup_checked_in_has_time',
  expression: `attendance = 'EXPECTED' or attendance = 'NO_SHOW' or checked_in_at is not null`,
})
@Check({
  name: 'signup_checked_out_complete',
  expression: `attendance <> 'CHECKED_OUT' or (checked_out_at is not null and minutes is not null)`,
})
@Check({
  name: 'signup_hours_confirmed_after_check_out',
  expression: `hours_confirmed_at is null or (attendance = 'CHECKED_OUT' and hours_confirmed_by_id is not null)`,
})
@ObjectType('Signup', { implements: Node, description: 'A volunteer’s place on a shift.' })
export class Signup extends BaseEntity<
  | 'waitlistSeq'
  | 'cancelledAt'
  | 'promotedAt'
  | 'attendance'
  | 'checkedInAt'
  | 'checkedOutAt'
  | 'minutes'
  | 'servedMinutes'
  | 'minutesReason'
  | 'hoursConfirmedAt'
  | 'hoursConfirmedBy'
> {
  @ManyToOne(() => Shift, { deleteRule: 'cascade' })
  shift!: Rel<Shift>;

  @ManyToOne(() => Volunteer, { deleteRule: 'cascade' })
  volunteer!: Rel<Volunteer>;

  @Enum({ items: () => SignupStatus, type: 'string', length: 10 })
  @Field(() => SignupStatus)
  status!: SignupStatus;

  /** Copied from the shift so the database can refuse overlapping confirmed places. */
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  /** Waitlist ticket; the position is the number of live tickets up to and including it. */
  @Property({ type: 'integer', nullable: true })
  waitlistSeq: number | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  cancelledAt: Date | null = null;

  /** When a cancellation moved this sign-up from the waitlist to a confirmed place. */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  promotedAt: Date | null = null;

  @Enum({ items: () => Attendance, type: 'string', length: 12, default: Attendance.EXPECTED })
  @Field(() => Attendance)
  attendance: Attendance = Attendance.EXPECTED;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  checkedInAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  checkedOutAt: Date | null = null;

  /** Service minutes after rounding, once checked out; the confirmed minutes once confirmed. */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  minutes: number | null = null;

  /** The minutes check-in and check-out measured (after rounding), kept when hours are corrected. */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'Minutes served, as check-in and check-out measured them.',
  })
  servedMinutes: number | null = null;

  /** Why the confirmed minutes exceed the minutes served (required then). */
  @Property({ type: 'text', default: '' })
  @Field(() => String, {
    description: 'Why more minutes were confirmed than were served; empty otherwise.',
  })
  minutesReason: string = '';

  /** When the organiser confirmed the minutes (only confirmed minutes count). */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  hoursConfirmedAt: Date | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  hoursConfirmedBy: Rel<User> | null = null;
}
