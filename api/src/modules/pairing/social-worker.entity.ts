// A social worker's profile (社工档案): specialties, qualification, caseload cap, weekly hours.
import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToOne,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { Grid } from '../directory/grid.entity.js';
import type { AvailabilitySlot } from '../shifts/volunteer.entity.js';
import { Qualification, Specialty } from './pairing.enums.js';

@Entity({ tableName: 'social_worker' })
@Index({ properties: ['community', 'id'] })
@Check({
  name: 'social_worker_caseload_cap_range',
  expression: 'caseload_cap >= 0 and caseload_cap <= 200',
})
@ObjectType('SocialWorker', {
  implements: Node,
  description: 'A social worker’s profile (社工), with the caseload they can take.',
})
export class SocialWorker extends BaseEntity<
  'grid' | 'specialties' | 'qualification' | 'caseloadCap' | 'availability' | 'version'
> {
  @OneToOne(() => User, { owner: true, unique: true, deleteRule: 'cascade' })
  user!: Rel<User>;

  /** The user's community when the profile was made; pairings stay inside it. */
  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @ManyToOne(() => Grid, { nullable: true, deleteRule: 'set null' })
  grid: Rel<Grid> | null = null;

  @Property({ type: 'text[]', default: '{}' })
  @Field(() => [Specialty])
  specialties: Specialty[] = [];

  @Enum({
    items: () => Qualification,
    type: 'string',
    length: 20,
    default: Qualification.ASSISTANT,
  })
  @Field(() => Qualification)
  qualification: Qualification = Qualification.ASSISTANT;

  /** Most active pairings at once. */
  @Property({ type: 'integer', default: 10 })
  @Field(() => Int)
  caseloadCap: number = 10;

  @Property({ type: 'json', default: '[]' })
  availability: AvailabilitySlot[] = [];

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;
}
