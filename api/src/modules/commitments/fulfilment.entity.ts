// A fulfilment record (履行记录): an amount delivered on a date, with evidence, reviewed by staff.
import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Commitment } from './commitment.entity.js';
import { FulfilmentSource, FulfilmentStatus } from './commitment.enums.js';

@Entity({ tableName: 'fulfilment' })
@Index({ properties: ['commitment', 'date', 'id'] })
@Index({ properties: ['status', 'commitment'] })
@Check({ name: 'fulfilment_amount_positive', expression: 'amount > 0' })
// A decided record says when it was decided; credited attendance names its source.
@Check({
  name: 'fulfilment_decided_has_review',
  expression: `status = 'PENDING' or reviewed_at is not null`,
})
@Check({
  name: 'fulfilment_attendance_has_source_key',
  expression: `source <> 'ATTENDANCE' or source_key is not null`,
})
@ObjectType('Fulfilment', {
  implements: Node,
  description: 'An amount a unit delivered (履行记录).',
})
export class Fulfilment extends BaseEntity<
  | 'note'
  | 'status'
  | 'source'
  | 'reviewNote'
  | 'reviewedBy'
  | 'reviewedAt'
  | 'recordedBy'
  | 'sourceKey'
  | 'servedMinutes'
  | 'confirmedMinutes'
  | 'hoursReason'
> {
  @ManyToOne(() => Commitment, { deleteRule: 'cascade' })
  commitment!: Rel<Commitment>;

  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Property({ type: 'date' })
  @Field(() => String, { description: 'Day of delivery (YYYY-MM-DD).' })
  date!: string;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  note: string = '';

  @Enum({
    items: () => FulfilmentStatus,
    type: 'string',
    length: 10,
    default: FulfilmentStatus.PENDING,
  })
  @Field(() => FulfilmentStatus)
  status: FulfilmentStatus = FulfilmentStatus.PENDING;

  @Enum({
    items: () => FulfilmentSource,
    type: 'string',
    length: 12,
    default: FulfilmentSource.MANUAL,
  })
  @Field(() => FulfilmentSource)
  source: FulfilmentSource = FulfilmentSource.MANUAL;

  /** For credited records: what they were credited from, so the same thing is never counted twice. */
  @Property({ type: 'string', length: 80, nullable: true, unique: true })
  sourceKey: string | null = null;

  /** Who recorded it: the liaison or staff, or the organiser who confirmed the hours it credits. */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  recordedBy: Rel<User> | null = null;

  /** Credits from attendance: the minutes served and confirmed, and why more were confirmed. */
  @Property({ type: 'integer', nullable: true })
  servedMinutes: number | null = null;

  @Property({ type: 'integer', nullable: true })
  confirmedMinutes: number | null = null;

  @Property({ type: 'text', default: '' })
  hoursReason: string = '';

  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  reviewedBy: Rel<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null = null;

  @Property({ type: 'text', default: '' })
  @Field(() => String, { description: 'The reviewer’s note; the reason when rejected.' })
  reviewNote: string = '';
}
