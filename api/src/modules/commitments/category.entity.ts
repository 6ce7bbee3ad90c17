// A kind of co-building work ("十联十促" link), configurable by the sub-district office.
import { Entity, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';

@Entity({ tableName: 'commitment_category' })
@ObjectType('CommitmentCategory', {
  implements: Node,
  description: 'A co-building category (十联十促).',
})
export class CommitmentCategory extends BaseEntity<'sortOrder' | 'active'> {
  @Unique()
  @Property({ type: 'string', length: 40 })
  @Field(() => String)
  code!: string;

  @Unique()
  @Property({ type: 'string', length: 50 })
  @Field(() => String)
  name!: string;

  @Property({ type: 'string', length: 80 })
  @Field(() => String)
  nameEn!: string;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  sortOrder: number = 0;

  @Property({ type: 'boolean', default: true })
  @Field(() => Boolean, {
    description: 'Inactive categories keep their history but take no new needs or commitments.',
  })
  active: boolean = true;
}
