// One supervision contact (督导记录) between a pairing's social worker and volunteer.
import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Pairing } from './pairing.entity.js';
import { SupervisionMode } from './pairing.enums.js';

@Entity({ tableName: 'supervision_log' })
@Index({ properties: ['pairing', 'date', 'id'] })
// Null only on logs from before durations were recorded; log-supervision.ts requires one.
@Check({
  name: 'supervision_log_duration_range',
  expression: 'duration_minutes >= 5 and duration_minutes <= 600',
})
@ObjectType('SupervisionLog', { implements: Node, description: 'A supervision contact.' })
export class SupervisionLog extends BaseEntity<'notes' | 'durationMinutes'> {
  @ManyToOne(() => Pairing, { deleteRule: 'cascade' })
  pairing!: Rel<Pairing>;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  author!: Rel<User>;

  @Property({ type: 'date' })
  @Field(() => String, { description: 'YYYY-MM-DD' })
  date!: string;

  @Enum({ items: () => SupervisionMode, type: 'string', length: 10 })
  @Field(() => SupervisionMode)
  mode!: SupervisionMode;

  /** How long the contact took, 5–600 minutes; null on logs recorded before it was asked. */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'Minutes (5–600); null on logs recorded before durations were.',
  })
  durationMinutes: number | null = null;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  notes: string = '';
}
