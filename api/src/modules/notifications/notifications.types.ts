// GraphQL types of notifications: the viewer's list and marking them read.
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { ConnectionArgs, ConnectionType } from '../../graphql/connections.js';
import { Notification } from './notification.entity.js';

export const NotificationConnection = ConnectionType('Notification', Notification);

@ArgsType()
export class NotificationsArgs extends ConnectionArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only those not read yet.' })
  unreadOnly?: boolean | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Your notifications to mark read.' })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Mark every one of yours read.' })
  all?: boolean | null;
}

@ObjectType()
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'How many were unread and are now read.' })
  count!: number;

  @Field(() => Int, { description: 'Your unread notifications after this change.' })
  unreadCount!: number;

  @Field(() => [UserError]) errors!: UserError[];
}
