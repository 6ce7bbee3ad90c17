// An in-app notification (消息): reminders, promotions from the waitlist, cancelled shifts. It
// holds a kind and the facts of the event, no text: the reader's language words it.
import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { NotificationKind, type StoredNotificationData } from './notification.kinds.js';

@Entity({ tableName: 'notification' })
@Index({ properties: ['user', 'id'] })
@Index({ properties: ['user', 'readAt'] })
@ObjectType('Notification', { implements: Node, description: 'A message to one user.' })
export class Notification extends BaseEntity<'link' | 'readAt' | 'dedupeKey'> {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  /** What it is about; `data` holds the facts of that kind. */
  @Enum({ items: () => NotificationKind, type: 'string', length: 40 })
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  /** Path in the web app to open, e.g. /shifts/<id>. */
  @Property({ type: 'string', length: 300, nullable: true })
  @Field(() => String, { nullable: true })
  link: string | null = null;

  /** The facts of the event, for the web to word in the reader's language (GraphQL `data`). */
  @Property({ type: 'json' })
  data!: StoredNotificationData;

  /** The same event never notifies twice (e.g. "reminder-24h:signup:42"). */
  @Property({ type: 'string', length: 120, nullable: true, unique: true })
  dedupeKey: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  readAt: Date | null = null;
}
