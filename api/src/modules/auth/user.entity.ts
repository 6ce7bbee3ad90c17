// A person who signs in, with one role and the community or unit that role is scoped to.
import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';

export enum Role {
  STREET_ADMIN = 'STREET_ADMIN',
  COMMUNITY_STAFF = 'COMMUNITY_STAFF',
  UNIT_LIAISON = 'UNIT_LIAISON',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(Role, {
  name: 'Role',
  valuesConfig: {
    STREET_ADMIN: { description: '街道工委 sub-district office: everything, all communities' },
    COMMUNITY_STAFF: { description: '社区工作者 community worker, scoped to one community' },
    UNIT_LIAISON: { description: '联络员 contact person of one resident unit' },
    SOCIAL_WORKER: { description: '社工 professional social worker' },
    VOLUNTEER: { description: '志愿者 volunteer' },
  },
});

@Entity({ tableName: 'app_user' })
@Check({
  name: 'app_user_username_lower_case',
  expression: `username = lower(username) and username <> ''`,
})
@Check({
  name: 'app_user_scope_matches_role',
  expression: `(role <> 'COMMUNITY_STAFF' or community_id is not null) and (role <> 'UNIT_LIAISON' or unit_id is not null)`,
})
@Index({ properties: ['community', 'role'] })
@ObjectType('User', { implements: Node, description: 'A person who can sign in.' })
export class User extends BaseEntity<
  'community' | 'unit' | 'phone' | 'email' | 'language' | 'active' | 'passwordHash'
> {
  /** Stored lower-case; compared case-insensitively. A sign-in name: exposed by a field resolver. */
  @Unique()
  @Property({ type: 'string', length: 32 })
  username!: string;

  /** Null for a liaison invited but not yet signed up (liaison_invitation): no password opens it. */
  @Property({ type: 'string', length: 200, hidden: true, nullable: true })
  passwordHash: string | null = null;

  /** Personal data (实名 for volunteers): exposed masked through a field resolver. */
  @Property({ type: 'string', length: 50 })
  displayName!: string;

  @Enum({ items: () => Role, type: 'string', length: 20 })
  @Field(() => Role)
  role!: Role;

  /** Set for community staff (their scope) and for volunteers and social workers (home community). */
  @ManyToOne(() => Community, { nullable: true, deleteRule: 'restrict' })
  community: Rel<Community> | null = null;

  /** Set for unit liaisons: the unit they speak for. */
  @ManyToOne(() => Unit, { nullable: true, deleteRule: 'restrict' })
  unit: Rel<Unit> | null = null;

  /** Personal data: exposed masked through a field resolver. */
  @Property({ type: 'string', length: 20, nullable: true })
  phone: string | null = null;

  /** Personal data: where e-mail reminders go when SMTP is configured; never shown to others. */
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  /** The interface language they chose (zh-CN or en); null until they choose. */
  @Property({ type: 'string', length: 10, nullable: true })
  language: string | null = null;

  @Property({ type: 'boolean', default: true })
  active: boolean = true;
}
