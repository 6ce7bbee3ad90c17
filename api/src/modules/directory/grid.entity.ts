// A grid (网格) of a community, led by a grid leader (网格长).
import { Check, Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { Community } from './community.entity.js';

@Entity({ tableName: 'grid' })
@Unique({ properties: ['community', 'name'] })
@Check({ name: 'grid_households_non_negative', expression: 'households >= 0' })
@ObjectType('Grid', { implements: Node, description: 'A grid (网格) of a community.' })
export class Grid extends BaseEntity<'leaderName' | 'leaderPhone'> {
  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @Unique()
  @Property({ type: 'string', length: 40 })
  @Field(() => String)
  code!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  name!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  households!: number;

  /** Grid leader (网格长), null when the post is vacant. Personal data: exposed masked. */
  @Property({ type: 'string', length: 50, nullable: true })
  leaderName: string | null = null;

  /** Personal data: exposed masked through a field resolver. */
  @Property({ type: 'string', length: 20, nullable: true })
  leaderPhone: string | null = null;
}
