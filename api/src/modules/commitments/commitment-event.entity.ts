// The audit trail of a commitment: every transition and edit, with who, when, from, to and why.
import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentAction, CommitmentStatus } from './commitment.enums.js';

@Entity({ tableName: 'commitment_event' })
@Index({ properties: ['commitment', 'id'] })
@ObjectType('CommitmentEvent', {
  implements: Node,
  description: 'One entry of a commitment’s history.',
})
export class CommitmentEvent extends BaseEntity<'actor' | 'fromStatus' | 'note' | 'at'> {
  @ManyToOne(() => Commitment, { deleteRule: 'cascade' })
  commitment!: Rel<Commitment>;

  /** Null when the system acted (completion, lapsing). */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  actor: Rel<User> | null = null;

  @Enum({ items: () => CommitmentAction, type: 'string', length: 30 })
  @Field(() => CommitmentAction)
  action!: CommitmentAction;

  @Enum({ items: () => CommitmentStatus, type: 'string', length: 12, nullable: true })
  @Field(() => CommitmentStatus, { nullable: true })
  fromStatus: CommitmentStatus | null = null;

  @Enum({ items: () => CommitmentStatus, type: 'string', length: 12 })
  @Field(() => CommitmentStatus)
  toStatus!: CommitmentStatus;

  @Property({ type: 'text', default: '' })
  @Field(() => String, {
    description: 'Why: a rejection reason, the changed fields, the new target…',
  })
  note: string = '';

  @Field(() => Date, { name: 'at' })
  get at(): Date {
    return this.createdAt;
  }
}
