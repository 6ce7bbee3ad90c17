// GraphQL surface of volunteer profiles: one's own, a community's or unit's list, the masked
// name and phone, and the unit's review of a volunteer's claim to work for it.
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../graphql/connections.js';
import { registerNode } from '../../graphql/node.js';
import { maskName, maskPhone } from '../auth/masking.js';
import { Community } from '../directory/community.entity.js';
import { Grid } from '../directory/grid.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { canReadVolunteer } from './shifts.policy.js';
import {
  AvailabilitySlotType,
  NextStarType,
  ReviewAffiliationInput,
  UpdateMyVolunteerProfileInput,
  VolunteerConnection,
  VolunteerFilter,
  VolunteerPayload,
} from './shifts.types.js';
import { nextStar, starLevel } from './star-level.js';
import { Volunteer } from './volunteer.entity.js';
import * as volunteers from './volunteers.service.js';

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => Volunteer, {
    nullable: true,
    description: 'Your volunteer profile, once you have one.',
  })
  myVolunteerProfile(@Ctx() ctx: Context) {
    return volunteers.volunteerOf(ctx.em, ctx.viewer.requireUser());
  }

  @Query(() => VolunteerConnection, {
    description: 'Volunteers of a community (staff, social workers, the office).',
  })
  volunteers(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => VolunteerFilter, { nullable: true }) filter: VolunteerFilter | null,
    @Ctx() ctx: Context,
  ) {
    return volunteers.listVolunteers(ctx, filter ?? {}, args);
  }

  @FieldResolver(() => String, { description: 'Masked (张*) unless phoneMasked is false.' })
  realName(@Root() v: Volunteer, @Ctx() ctx: Context) {
    return canReadVolunteer(ctx.viewer, v) ? v.realName : maskName(v.realName);
  }

  @FieldResolver(() => String, { description: 'Masked (138****5678) unless phoneMasked is false.' })
  phone(@Root() v: Volunteer, @Ctx() ctx: Context) {
    return canReadVolunteer(ctx.viewer, v) ? v.phone : maskPhone(v.phone);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether realName and phone are shown to you masked (not yours to call).',
  })
  phoneMasked(@Root() v: Volunteer, @Ctx() ctx: Context): boolean {
    return !canReadVolunteer(ctx.viewer, v);
  }

  @FieldResolver(() => [AvailabilitySlotType])
  availability(@Root() v: Volunteer) {
    return v.availability;
  }

  @FieldResolver(() => Community)
  community(@Root() v: Volunteer, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(v.community.id);
  }

  @FieldResolver(() => Grid, { nullable: true })
  grid(@Root() v: Volunteer, @Ctx() ctx: Context) {
    return v.grid ? ctx.loaders.directory.grid.load(v.grid.id) : null;
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The unit they say they work for; see affiliation.',
  })
  unit(@Root() v: Volunteer, @Ctx() ctx: Context) {
    return v.unit ? ctx.loaders.directory.unit.load(v.unit.id) : null;
  }

  @FieldResolver(() => Float, { description: 'Confirmed service hours.' })
  verifiedHours(@Root() v: Volunteer) {
    return Math.round((v.verifiedMinutes / 60) * 100) / 100;
  }

  @FieldResolver(() => Int, {
    description: 'Stars reached at the configured hours (default 100 / 300 / 600 / 1,000 / 1,500).',
  })
  starLevel(@Root() v: Volunteer, @Ctx() ctx: Context) {
    return starLevel(v.verifiedMinutes, ctx.app.config.shifts.starLevelHours);
  }

  @FieldResolver(() => NextStarType, {
    nullable: true,
    description: 'The next star level and the confirmed hours still needed; null at the top level.',
  })
  nextStar(@Root() v: Volunteer, @Ctx() ctx: Context) {
    return nextStar(v.verifiedMinutes, ctx.app.config.shifts.starLevelHours);
  }

  @Mutation(() => VolunteerPayload)
  updateMyVolunteerProfile(
    @Arg('input', () => UpdateMyVolunteerProfileInput) input: UpdateMyVolunteerProfileInput,
    @Ctx() ctx: Context,
  ) {
    return volunteers.updateMyVolunteerProfile(ctx, input);
  }

  @Mutation(() => VolunteerPayload, {
    description: 'A unit confirms (or not) that a volunteer works for it.',
  })
  reviewAffiliation(
    @Arg('input', () => ReviewAffiliationInput) input: ReviewAffiliationInput,
    @Ctx() ctx: Context,
  ) {
    return volunteers.reviewAffiliation(ctx, input);
  }
}

registerNode('Volunteer', async (ctx, id) => {
  const v = await ctx.loaders.shifts.volunteer.load(id);
  return v && canReadVolunteer(ctx.viewer, v) ? v : null;
});
