// A need (需求) a community publishes for units to answer with commitments.
import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { CommitmentCategory } from './category.entity.js';
import { Measure, NeedStatus } from './commitment.enums.js';

@Entity({ tableName: 'need' })
@Index({ properties: ['community', 'status', 'id'] })
@Check({ name: 'need_amount_positive', expression: 'amount > 0' })
@ObjectType('Need', { implements: Node, description: 'Something a community needs (需求清单).' })
export class Need extends BaseEntity<'description' | 'status' | 'version'> {
  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @ManyToOne(() => CommitmentCategory, { deleteRule: 'restrict' })
  category!: Rel<CommitmentCategory>;

  @Property({ type: 'string', length: 120 })
  @Field(() => String)
  title!: string;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  description: string = '';

  @Enum({ items: () => Measure, type: 'string', length: 20 })
  @Field(() => Measure)
  measure!: Measure;

  /** numeric(14,2), read as a string to stay exact. */
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Enum({ items: () => NeedStatus, type: 'string', length: 10, default: NeedStatus.OPEN })
  @Field(() => NeedStatus)
  status: NeedStatus = NeedStatus.OPEN;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  createdBy!: Rel<User>;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;
}
