// One supervision contact (督导记录) between a pairing's social worker and volunteer.
import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Pairing } from './pairing.entity.js';
import { SupervisionMode } from './pairing.enums.js';

@Entity({ tableName: 'supervision_log' })
@Index({ properties: ['pairing', 'date', 'id'] })
@ObjectType('SupervisionLog', { implements: Node, description: 'A supervision contact.' })
export class SupervisionLog extends BaseEntity<'notes'> {
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

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  notes: string = '';
}
