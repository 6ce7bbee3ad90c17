// A shift (班次) of an activity: a time window and a number of places, with a waitlist.
import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { Community } from '../directory/community.entity.js';
import { Activity } from './activity.entity.js';
import { ShiftStatus } from './shift.enums.js';

@Entity({ tableName: 'shift' })
@Index({ properties: ['startsAt', 'id'] })
@Index({ properties: ['community', 'startsAt'] })
@Index({ properties: ['activity', 'startsAt'] })
@Check({ name: 'shift_times_ordered', expression: 'ends_at > starts_at' })
@Check({ name: 'shift_capacity_positive', expression: 'capacity >= 1' })
// The database itself refuses more confirmed places than the capacity.
@Check({
  name: 'shift_places_within_capacity',
  expression: 'confirmed_count >= 0 and confirmed_count <= capacity and waitlist_count >= 0',
})
@ObjectType('Shift', { implements: Node, description: 'A shift of an activity (班次).' })
export class Shift extends BaseEntity<
  'status' | 'confirmedCount' | 'waitlistCount' | 'lastWaitlistSeq' | 'cancelReason'
> {
  @ManyToOne(() => Activity, { deleteRule: 'cascade' })
  activity!: Rel<Activity>;

  /** The activity's community, kept here so lists filter without a join. */
  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  startsAt!: Date;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  endsAt!: Date;

  @Property({ type: 'integer' })
  @Field(() => Int)
  capacity!: number;

  @Enum({ items: () => ShiftStatus, type: 'string', length: 10, default: ShiftStatus.OPEN })
  @Field(() => ShiftStatus)
  status: ShiftStatus = ShiftStatus.OPEN;

  /** Confirmed places taken; changed only under this row's lock. */
  @Property({ type: 'integer', default: 0 })
  confirmedCount: number = 0;

  /** People on the waitlist; changed only under this row's lock. */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  waitlistCount: number = 0;

  /** Last waitlist ticket handed out; tickets only grow, so the order never changes. */
  @Property({ type: 'integer', default: 0 })
  lastWaitlistSeq: number = 0;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  cancelReason: string = '';

  /** From its start on, a shift's sign-ups hold attendance and hours: its places stay. */
  hasStarted(now: Date = new Date()): boolean {
    return this.startsAt.getTime() <= now.getTime();
  }

  /** Whether it can still be cancelled (who may is `activity.manage`'s question). */
  isCancellable(now: Date = new Date()): boolean {
    return this.status === ShiftStatus.OPEN && !this.hasStarted(now);
  }
}
