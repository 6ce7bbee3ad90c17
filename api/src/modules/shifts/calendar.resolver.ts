// GraphQL surface of the private calendar feed: issue (or replace) and revoke its URL.
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context.js';
import { UserError } from '../../graphql/errors.js';
import * as calendar from './calendar.js';
import { isOwnVolunteer } from './shifts.policy.js';
import { Volunteer } from './volunteer.entity.js';

@InputType({ description: 'Nothing to choose: the feed is always your own.' })
export class CalendarFeedInput {
  @Field(() => String, { nullable: true, description: 'Echoed back in the payload.' })
  clientMutationId?: string | null;
}

@ObjectType()
export class CalendarFeedPayload {
  @Field(() => String, {
    nullable: true,
    description: 'The private iCal URL to subscribe to; keep it secret. Null after revoking.',
  })
  url!: string | null;

  @Field(() => String, { nullable: true }) clientMutationId!: string | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@Resolver(() => Volunteer)
export class CalendarFeedResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether your private calendar feed is on; null on anyone else’s profile.',
  })
  calendarFeedActive(@Root() v: Volunteer, @Ctx() ctx: Context) {
    return isOwnVolunteer(ctx.viewer, v) ? v.calendarTokenHash !== null : null;
  }

  @Mutation(() => CalendarFeedPayload, {
    description:
      'A new private calendar (iCal) URL of your shifts; the previous URL stops working.',
  })
  async issueCalendarFeed(
    @Arg('input', () => CalendarFeedInput, { nullable: true }) input: CalendarFeedInput | null,
    @Ctx() ctx: Context,
  ): Promise<CalendarFeedPayload> {
    const result = await calendar.issueCalendarFeed(ctx);
    return { ...result, clientMutationId: input?.clientMutationId ?? null };
  }

  @Mutation(() => CalendarFeedPayload, { description: 'Stops your calendar URL from working.' })
  async revokeCalendarFeed(
    @Arg('input', () => CalendarFeedInput, { nullable: true }) input: CalendarFeedInput | null,
    @Ctx() ctx: Context,
  ): Promise<CalendarFeedPayload> {
    const result = await calendar.revokeCalendarFeed(ctx);
    return { ...result, clientMutationId: input?.clientMutationId ?? null };
  }
}
