// GraphQL surface of notifications: the viewer's own feed, its unread count, marking read.
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { registerNode } from '../../graphql/node.js';
import { Notification } from './notification.entity.js';
import { NotificationData, notificationDataOf } from './notification.kinds.js';
import * as notifications from './notifications.service.js';
import {
  MarkNotificationsReadInput,
  MarkNotificationsReadPayload,
  NotificationConnection,
  NotificationsArgs,
} from './notifications.types.js';

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() ctx: Context) {
    return notifications.listMyNotifications(ctx, args);
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@Ctx() ctx: Context) {
    return notifications.unreadCount(ctx.em, ctx.viewer.requireUser().id);
  }

  @FieldResolver(() => Date)
  createdAt(@Root() n: Notification) {
    return n.createdAt;
  }

  @FieldResolver(() => NotificationData, {
    description: 'The facts of the event, for your language to word (see `kind`).',
  })
  data(@Root() n: Notification): NotificationData {
    return notificationDataOf(n.data);
  }

  @Mutation(() => MarkNotificationsReadPayload, {
    description: 'Marks your notifications read (the ids given, or all); others’ ids are ignored.',
  })
  markNotificationsRead(
    @Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput,
    @Ctx() ctx: Context,
  ) {
    return notifications.markNotificationsRead(ctx, input);
  }
}

registerNode('Notification', (ctx, id) => notifications.findMyNotification(ctx, id));
