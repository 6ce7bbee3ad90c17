// An in-app notification (消息): reminders, promotions from the waitlist, cancelled shifts.
import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/relay.js';
import { User } from '../auth/user.entity.js';

@Entity({ tableName: 'notification' })
@Index({ properties: ['user', 'id'] })
@Index({ properties: ['user', 'readAt'] })
@ObjectType('Notification', { implements: Node, description: 'A message to one user.' })
export class Notification extends BaseEntity<'body' | 'link' | 'readAt' | 'dedupeKey' | 'data'> {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  /** Machine-readable kind, e.g. SHIFT_REMINDER, WAITLIST_PROMOTED, SHIFT_CANCELLED. */
  @Property({ type: 'string', length: 40 })
  @Field(() => String)
  kind!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title!: string;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  body: string = '';

  /** Path in the web app to open, e.g. /shifts/<id>. */
  @Property({ type: 'string', length: 300, nullable: true })
  @Field(() => String, { nullable: true })
  link: string | null = null;

  /** Structured details for the web to render in the reader's language. */
  @Property({ type: 'json', nullable: true })
  data: Record<string, unknown> | null = null;

  /** The same event never notifies twice (e.g. "reminder-24h:signup:42"). */
  @Property({ type: 'string', length: 120, nullable: true, unique: true })
  dedupeKey: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  readAt: Date | null = null;
}
