// A community (社区) of the sub-district, with the figures the staffing standard needs.
import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';

@Entity({ tableName: 'community' })
@Check({
  name: 'community_figures_non_negative',
  expression:
    'households >= 0 and residents >= 0 and full_time_workers >= 0 and seconded_workers >= 0 and party_branches >= 0 and party_members >= 0',
})
@ObjectType('Community', {
  implements: Node,
  description: 'A community (社区) of the sub-district.',
})
export class Community extends BaseEntity<'partyBranches' | 'partyMembers' | 'address'> {
  @Unique()
  @Property({ type: 'string', length: 40 })
  @Field(() => String, { description: 'Short stable code, e.g. "jianan".' })
  code!: string;

  @Unique()
  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'Chinese name, e.g. 建安社区.' })
  name!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: "English name, e.g. Jian'an." })
  nameEn!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  households!: number;

  @Property({ type: 'integer' })
  @Field(() => Int)
  residents!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Full-time community workers (社区专职人员).' })
  fullTimeWorkers!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, {
    description:
      'Service staff seconded by government departments (下派人员); not counted against the staffing standard.',
  })
  secondedWorkers!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  partyBranches: number = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  partyMembers: number = 0;

  @Property({ type: 'string', length: 200, default: '' })
  @Field(() => String)
  address: string = '';
}
