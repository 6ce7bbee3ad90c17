// GraphQL surface of notifications. Implementation in progress.
import { Resolver } from 'type-graphql';
import { Notification } from './notification.entity.js';

@Resolver(() => Notification)
export class NotificationResolver {}
