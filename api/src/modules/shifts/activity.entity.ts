// A service activity (服务活动): organised by a community, a social worker or a unit; has shifts.
import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { CommitmentCategory } from '../commitments/category.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { Need } from '../commitments/need.entity.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { OrganiserKind, Skill } from './shift.enums.js';

@Entity({ tableName: 'activity' })
@Index({ properties: ['community', 'id'] })
@Index({ properties: ['commitment'] })
@Check({
  name: 'activity_unit_organiser_has_unit',
  expression: `organiser_kind <> 'UNIT' or organiser_unit_id is not null`,
})
@ObjectType('Activity', {
  implements: Node,
  description: 'A volunteer service activity (服务活动).',
})
export class Activity extends BaseEntity<
  'description' | 'requiredSkills' | 'organiserUnit' | 'category' | 'commitment' | 'need'
> {
  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @Enum({ items: () => OrganiserKind, type: 'string', length: 15 })
  @Field(() => OrganiserKind)
  organiserKind!: OrganiserKind;

  /** For unit-organised activities. */
  @ManyToOne(() => Unit, { nullable: true, deleteRule: 'restrict' })
  organiserUnit: Rel<Unit> | null = null;

  /** Who created it: a staff member, the social worker, or the unit's liaison. */
  @ManyToOne(() => User, { deleteRule: 'restrict' })
  createdBy!: Rel<User>;

  @ManyToOne(() => CommitmentCategory, { nullable: true, deleteRule: 'restrict' })
  category: Rel<CommitmentCategory> | null = null;

  @Property({ type: 'string', length: 120 })
  @Field(() => String)
  title!: string;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  description: string = '';

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  location!: string;

  @Property({ type: 'text[]', default: '{}' })
  @Field(() => [Skill])
  requiredSkills: Skill[] = [];

  /** Volunteer hours served here count toward this (VOLUNTEER_HOURS) commitment. */
  @ManyToOne(() => Commitment, { nullable: true, deleteRule: 'set null' })
  commitment: Rel<Commitment> | null = null;

  @ManyToOne(() => Need, { nullable: true, deleteRule: 'set null' })
  need: Rel<Need> | null = null;
}
