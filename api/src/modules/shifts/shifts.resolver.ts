// GraphQL surface of activities, shifts and sign-ups (volunteer profiles: volunteer.resolver.ts);
// the rules are in a file per use case, who may do what in shifts.policy.ts.
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { registerNode } from '../../graphql/node.js';
import { ConnectionArgs } from '../../graphql/connections.js';
import { User } from '../auth/user.entity.js';
import { CommitmentCategory } from '../commitments/category.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { canReadCommitment } from '../commitments/commitments.policy.js';
import { Need } from '../commitments/need.entity.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { ShiftStatus, SignupStatus } from './shift.enums.js';
import { cancelShift } from './cancel-shift.js';
import { createActivity } from './create-activity.js';
import { createShift } from './create-shift.js';
import { listActivities } from './list-activities.js';
import { listShifts } from './list-shifts.js';
import {
  ActivityConnection,
  ActivityFilter,
  ActivityPayload,
  CancelShiftInput,
  CancelSignupInput,
  CancelSignupPayload,
  CreateActivityInput,
  CreateShiftInput,
  ShiftConnection,
  ShiftEligibility,
  ShiftFilter,
  ShiftPayload,
  SignUpForShiftInput,
  SignupPayload,
} from './shifts.types.js';
import { Signup } from './signup.entity.js';
import * as signups from './signups.service.js';
import { canManageActivity, isOwnVolunteer } from './shifts.policy.js';
import { Volunteer } from './volunteer.entity.js';

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => ActivityConnection)
  activities(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter: ActivityFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listActivities(ctx, filter ?? {}, args);
  }

  @FieldResolver(() => Community)
  community(@Root() a: Activity, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(a.community.id);
  }

  @FieldResolver(() => Unit, { nullable: true })
  organiserUnit(@Root() a: Activity, @Ctx() ctx: Context) {
    return a.organiserUnit ? ctx.loaders.directory.unit.load(a.organiserUnit.id) : null;
  }

  @FieldResolver(() => User)
  createdBy(@Root() a: Activity, @Ctx() ctx: Context) {
    return ctx.loaders.auth.user.load(a.createdBy.id);
  }

  @FieldResolver(() => CommitmentCategory, { nullable: true })
  category(@Root() a: Activity, @Ctx() ctx: Context) {
    return a.category ? ctx.loaders.commitments.category.load(a.category.id) : null;
  }

  @FieldResolver(() => Commitment, { nullable: true })
  async commitment(@Root() a: Activity, @Ctx() ctx: Context) {
    const c = a.commitment ? await ctx.loaders.commitments.commitment.load(a.commitment.id) : null;
    return c && canReadCommitment(ctx.viewer, c) ? c : null;
  }

  @FieldResolver(() => Need, { nullable: true })
  need(@Root() a: Activity, @Ctx() ctx: Context) {
    return a.need ? ctx.loaders.commitments.need.load(a.need.id) : null;
  }

  @FieldResolver(() => ShiftConnection)
  shifts(
    @Root() a: Activity,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.loaders.shifts.shiftsOfActivity.load({ parentId: a.id, args });
  }

  @FieldResolver(() => Boolean, { description: 'Whether you run it (shifts, attendance, hours).' })
  viewerCanManage(@Root() a: Activity, @Ctx() ctx: Context) {
    return canManageActivity(ctx.viewer, a);
  }

  @Mutation(() => ActivityPayload)
  createActivity(
    @Arg('input', () => CreateActivityInput) input: CreateActivityInput,
    @Ctx() ctx: Context,
  ) {
    return createActivity(ctx, input);
  }
}

@Resolver(() => Shift)
export class ShiftResolver {
  @Query(() => ShiftConnection, {
    description: 'Shifts by start time; upcoming unless `from` says otherwise.',
  })
  shifts(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ShiftFilter, { nullable: true }) filter: ShiftFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listShifts(ctx, filter ?? {}, args);
  }

  @FieldResolver(() => Activity)
  activity(@Root() s: Shift, @Ctx() ctx: Context) {
    return ctx.loaders.shifts.activity.load(s.activity.id);
  }

  @FieldResolver(() => Community)
  community(@Root() s: Shift, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(s.community.id);
  }

  @FieldResolver(() => Int, { description: 'Confirmed places still free (0 once cancelled).' })
  spotsRemaining(@Root() s: Shift) {
    return s.status === ShiftStatus.OPEN ? s.capacity - s.confirmedCount : 0;
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the shift can still be cancelled: open and not started (who may: Activity.viewerCanManage).',
  })
  cancellable(@Root() s: Shift) {
    return s.isCancellable();
  }

  @FieldResolver(() => Int)
  confirmedCount(@Root() s: Shift) {
    return s.confirmedCount;
  }

  @FieldResolver(() => Signup, {
    nullable: true,
    description: 'Your live sign-up on this shift, if any.',
  })
  async viewerSignup(@Root() s: Shift, @Ctx() ctx: Context) {
    const user = ctx.viewer.user;
    if (!user) return null;
    const volunteer = await ctx.loaders.shifts.volunteerOfUser.load(user.id);
    return volunteer ? ctx.loaders.shifts.signupOfVolunteer.load(`${volunteer.id}:${s.id}`) : null;
  }

  @FieldResolver(() => ShiftEligibility, {
    nullable: true,
    description:
      'Whether you may sign up for this shift, and if not why, as signUpForShift would decide now; null without a volunteer profile.',
  })
  async viewerEligibility(@Root() s: Shift, @Ctx() ctx: Context): Promise<ShiftEligibility | null> {
    const user = ctx.viewer.user;
    if (!user) return null;
    const volunteer = await ctx.loaders.shifts.volunteerOfUser.load(user.id);
    if (!volunteer) return null;
    const verdict = await ctx.loaders.shifts.eligibility.load(`${volunteer.id}:${s.id}`);
    if (!verdict) return null;
    return Object.assign(new ShiftEligibility(), {
      eligible: verdict.failed === null,
      reason: verdict.refusal,
      missingSkills: verdict.missing,
    });
  }

  @FieldResolver(() => [Signup], {
    nullable: true,
    description: 'Everyone signed up; only for those who run it.',
  })
  async signups(@Root() s: Shift, @Ctx() ctx: Context) {
    const activity = await ctx.loaders.shifts.activity.load(s.activity.id);
    if (!activity || !canManageActivity(ctx.viewer, activity)) return null;
    return ctx.loaders.shifts.liveSignupsOfShift.load(s.id);
  }

  @Mutation(() => ShiftPayload)
  createShift(@Arg('input', () => CreateShiftInput) input: CreateShiftInput, @Ctx() ctx: Context) {
    return createShift(ctx, input);
  }

  @Mutation(() => ShiftPayload, { description: 'Cancels the shift and tells everyone signed up.' })
  cancelShift(@Arg('input', () => CancelShiftInput) input: CancelShiftInput, @Ctx() ctx: Context) {
    return cancelShift(ctx, input);
  }
}

@Resolver(() => Signup)
export class SignupResolver {
  @Query(() => [Signup], {
    description: 'Your live sign-ups (confirmed and waitlisted), soonest first.',
  })
  mySignups(
    @Arg('includePast', () => Boolean, { nullable: true }) includePast: boolean | null,
    @Ctx() ctx: Context,
  ) {
    return signups.mySignups(ctx, includePast ?? false);
  }

  @FieldResolver(() => Shift)
  shift(@Root() s: Signup, @Ctx() ctx: Context) {
    return ctx.loaders.shifts.shift.load(s.shift.id);
  }

  @FieldResolver(() => Volunteer)
  volunteer(@Root() s: Signup, @Ctx() ctx: Context) {
    return ctx.loaders.shifts.volunteer.load(s.volunteer.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: '1 = next in line; null unless waitlisted.',
  })
  waitlistPosition(@Root() s: Signup, @Ctx() ctx: Context) {
    return s.status === SignupStatus.WAITLISTED
      ? ctx.loaders.shifts.waitlistPosition.load(s.id)
      : null;
  }

  @Mutation(() => SignupPayload, {
    description:
      'A place while places remain, else a waitlist ticket; never more than the capacity.',
  })
  async signUpForShift(
    @Arg('input', () => SignUpForShiftInput) input: SignUpForShiftInput,
    @Ctx() ctx: Context,
  ) {
    const { signup, errors } = await signups.signUpForShift(ctx, input);
    return { signup, errors };
  }

  @Mutation(() => CancelSignupPayload, {
    description: 'Gives up a place; the first waitlisted volunteer gets it.',
  })
  cancelSignup(
    @Arg('input', () => CancelSignupInput) input: CancelSignupInput,
    @Ctx() ctx: Context,
  ) {
    return signups.cancelSignup(ctx, input);
  }
}

registerNode('Activity', (ctx, id) =>
  ctx.viewer.isAuthenticated ? ctx.loaders.shifts.activity.load(id) : Promise.resolve(null),
);
registerNode('Shift', (ctx, id) =>
  ctx.viewer.isAuthenticated ? ctx.loaders.shifts.shift.load(id) : Promise.resolve(null),
);
registerNode('Signup', async (ctx, id) => {
  const s = await ctx.loaders.shifts.signup.load(id);
  if (!s) return null;
  const volunteer = await ctx.loaders.shifts.volunteer.load(s.volunteer.id);
  if (volunteer && isOwnVolunteer(ctx.viewer, volunteer)) return s;
  const shift = await ctx.loaders.shifts.shift.load(s.shift.id);
  const activity = shift && (await ctx.loaders.shifts.activity.load(shift.activity.id));
  return activity && canManageActivity(ctx.viewer, activity) ? s : null;
});
