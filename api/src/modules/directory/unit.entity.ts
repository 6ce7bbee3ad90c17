// A resident unit (驻区单位): a company, school, hospital, agency… stationed in a community.
import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { Community } from './community.entity.js';
import { Grid } from './grid.entity.js';

export enum UnitKind {
  ENTERPRISE = 'ENTERPRISE',
  INSTITUTION = 'INSTITUTION',
  SCHOOL = 'SCHOOL',
  HOSPITAL = 'HOSPITAL',
  GOVERNMENT_DEPARTMENT = 'GOVERNMENT_DEPARTMENT',
  SOCIAL_ORGANISATION = 'SOCIAL_ORGANISATION',
}
registerEnumType(UnitKind, {
  name: 'UnitKind',
  valuesConfig: {
    ENTERPRISE: { description: '企业 enterprise' },
    INSTITUTION: { description: '事业单位 public institution' },
    SCHOOL: { description: '学校 school' },
    HOSPITAL: { description: '医院 hospital or clinic' },
    GOVERNMENT_DEPARTMENT: { description: '政府部门 government department' },
    SOCIAL_ORGANISATION: { description: '社会组织 social organisation' },
  },
});

@Entity({ tableName: 'unit' })
@Index({ properties: ['community', 'name', 'id'] })
@Index({ properties: ['grid', 'name', 'id'] })
@Check({ name: 'unit_staff_count_non_negative', expression: 'staff_count >= 0' })
@ObjectType('Unit', { implements: Node, description: 'A resident unit (驻区单位).' })
export class Unit extends BaseEntity<'grid' | 'address' | 'version'> {
  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @ManyToOne(() => Grid, { nullable: true, deleteRule: 'set null' })
  grid: Rel<Grid> | null = null;

  @Unique()
  @Property({ type: 'string', length: 120 })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => UnitKind, type: 'string', length: 30 })
  @Field(() => UnitKind)
  kind!: UnitKind;

  @Property({ type: 'integer' })
  @Field(() => Int)
  staffCount!: number;

  @Property({ type: 'string', length: 200, default: '' })
  @Field(() => String)
  address: string = '';

  /** Personal data: exposed through field resolvers that mask it for outsiders. */
  @Property({ type: 'string', length: 50 })
  liaisonName!: string;

  @Property({ type: 'string', length: 20 })
  liaisonPhone!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, {
    description: 'Increases on every change; send it back to detect concurrent edits.',
  })
  version: number = 1;
}
