// A volunteer's profile (志愿者档案): who they are, what they can do, when, and for which unit.
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
import { Unit } from '../directory/unit.entity.js';
import { Affiliation, Skill } from './shift.enums.js';

/** A weekly window the volunteer is usually free: day 1 = Monday … 7 = Sunday, times HH:MM. */
export interface AvailabilitySlot {
  day: number;
  start: string;
  end: string;
}

@Entity({ tableName: 'volunteer' })
@Index({ properties: ['community'] })
@Index({ properties: ['unit', 'affiliation'] })
@Check({ name: 'volunteer_minutes_non_negative', expression: 'verified_minutes >= 0' })
// A declared affiliation names its unit (deleting the unit is refused rather than orphaning it).
@Check({
  name: 'volunteer_affiliation_has_unit',
  expression: `affiliation = 'NONE' or unit_id is not null`,
})
@ObjectType('Volunteer', {
  implements: Node,
  description: 'A volunteer’s profile and service totals.',
})
export class Volunteer extends BaseEntity<
  | 'grid'
  | 'skills'
  | 'availability'
  | 'unit'
  | 'affiliation'
  | 'verifiedMinutes'
  | 'calendarTokenHash'
  | 'version'
> {
  @OneToOne(() => User, { owner: true, unique: true, deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'string', length: 50 })
  realName!: string;

  /** Personal data: exposed masked through a field resolver. */
  @Property({ type: 'string', length: 20 })
  phone!: string;

  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @ManyToOne(() => Grid, { nullable: true, deleteRule: 'set null' })
  grid: Rel<Grid> | null = null;

  @Property({ type: 'text[]', default: '{}' })
  @Field(() => [Skill])
  skills: Skill[] = [];

  @Property({ type: 'json', default: '[]' })
  availability: AvailabilitySlot[] = [];

  /** The resident unit the volunteer works for, as they declared it. */
  @ManyToOne(() => Unit, { nullable: true, deleteRule: 'set null' })
  unit: Rel<Unit> | null = null;

  @Enum({ items: () => Affiliation, type: 'string', length: 10, default: Affiliation.NONE })
  @Field(() => Affiliation)
  affiliation: Affiliation = Affiliation.NONE;

  /** Confirmed service time, kept under the sign-up's lock when hours are confirmed. */
  @Property({ type: 'integer', default: 0 })
  verifiedMinutes: number = 0;

  /** SHA-256 of the private calendar token; null when no feed was issued or it was revoked. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  calendarTokenHash: string | null = null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;
}
