// GraphQL types of volunteer service: inputs, payloads, connections, availability.
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { ConnectionType } from '../../graphql/connections.js';
import { Activity } from './activity.entity.js';
import { Shift } from './shift.entity.js';
import { Skill } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { Volunteer } from './volunteer.entity.js';

export const ActivityConnection = ConnectionType('Activity', Activity);
export const ShiftConnection = ConnectionType('Shift', Shift);
export const VolunteerConnection = ConnectionType('Volunteer', Volunteer);

@ObjectType('AvailabilitySlot', { description: 'A weekly window: day 1 = Monday … 7 = Sunday.' })
export class AvailabilitySlotType {
  @Field(() => Int) day!: number;
  @Field(() => String, { description: 'HH:MM' }) start!: string;
  @Field(() => String, { description: 'HH:MM' }) end!: string;
}

@ObjectType('NextStar', { description: 'The next star level a volunteer can reach.' })
export class NextStarType {
  @Field(() => Int, { description: 'The star level reached next (1–5).' }) level!: number;
  @Field(() => Float, { description: 'Confirmed service hours still needed to reach it.' })
  hoursNeeded!: number;
}

@InputType()
export class AvailabilitySlotInput {
  @Field(() => Int) day!: number;
  @Field(() => String) start!: string;
  @Field(() => String) end!: string;
}

@InputType()
export class UpdateMyVolunteerProfileInput {
  @Field(() => Int, { nullable: true }) version?: number | null;
  @Field(() => String, { nullable: true }) realName?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => ID, { nullable: true }) communityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Empty string clears it.' }) gridId?:
    string | null;
  @Field(() => [Skill], { nullable: true }) skills?: Skill[] | null;
  @Field(() => [AvailabilitySlotInput], { nullable: true }) availability?:
    AvailabilitySlotInput[] | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The unit you work for (its liaison confirms); empty string clears it.',
  })
  unitId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'For e-mail reminders; empty string clears it.',
  })
  email?: string | null;
}

@ObjectType()
export class VolunteerPayload {
  @Field(() => Volunteer, { nullable: true }) volunteer!: Volunteer | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class ReviewAffiliationInput {
  @Field(() => ID) volunteerId!: string;
  @Field(() => Boolean, { description: 'true: they work for the unit; false: they do not.' })
  confirm!: boolean;
}

@InputType()
export class CreateActivityInput {
  @Field(() => ID, { nullable: true, description: 'Default: your community.' }) communityId?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'For activities a unit organises.' })
  organiserUnitId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'A VOLUNTEER_HOURS commitment the hours count toward.',
  })
  commitmentId?: string | null;
  @Field(() => ID, { nullable: true }) needId?: string | null;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String) location!: string;
  @Field(() => [Skill], { nullable: true }) requiredSkills?: Skill[] | null;
}

@ObjectType()
export class ActivityPayload {
  @Field(() => Activity, { nullable: true }) activity!: Activity | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class CreateShiftInput {
  @Field(() => ID) activityId!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => Int) capacity!: number;
}

@InputType()
export class CancelShiftInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Sent to everyone signed up.' }) reason!: string;
}

@ObjectType()
export class ShiftPayload {
  @Field(() => Shift, { nullable: true }) shift!: Shift | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class ShiftFilter {
  @Field(() => Date, { nullable: true, description: 'Default: now.' }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => ID, { nullable: true }) communityId?: string | null;
  @Field(() => ID, { nullable: true }) activityId?: string | null;
  @Field(() => Skill, { nullable: true }) skill?: Skill | null;
  @Field(() => Boolean, { nullable: true, description: 'Only shifts you could sign up for now.' })
  eligibleForMe?: boolean | null;
  @Field(() => Boolean, { nullable: true }) includeCancelled?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only shifts of activities you run (see ActivityFilter.mine).',
  })
  mine?: boolean | null;
}

@InputType()
export class ActivityFilter {
  @Field(() => ID, { nullable: true }) communityId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only activities you run, as viewerCanManage decides: those you created, your unit’s (liaisons), your community’s (staff); the office runs all.',
  })
  mine?: boolean | null;
}

@ObjectType('ShiftEligibility', {
  description:
    'Whether you may sign up for a shift now, by the rules sign-up applies (eligibility.ts).',
})
export class ShiftEligibility {
  @Field(() => Boolean) eligible!: boolean;
  @Field(() => UserError, {
    nullable: true,
    description:
      'Why not, as signUpForShift would answer (code: SHIFT_CANCELLED, SHIFT_STARTED, MISSING_SKILL, ALREADY_SIGNED_UP, OVERLAPPING_SHIFT); null when eligible.',
  })
  reason!: UserError | null;
  @Field(() => [Skill], { description: 'The skills the shift needs that you have not listed.' })
  missingSkills!: Skill[];
}

@InputType()
export class SignUpForShiftInput {
  @Field(() => ID) shiftId!: string;
}

@InputType()
export class CancelSignupInput {
  @Field(() => ID) signupId!: string;
}

@ObjectType()
export class SignupPayload {
  @Field(() => Signup, { nullable: true }) signup!: Signup | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class CancelSignupPayload {
  @Field(() => Signup, { nullable: true }) signup!: Signup | null;
  @Field(() => [Signup], {
    nullable: true,
    description:
      'Waitlisted sign-ups moved into the freed place; null unless you run the activity.',
  })
  promoted!: Signup[] | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class VolunteerFilter {
  @Field(() => ID, { nullable: true }) communityId?: string | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => Skill, { nullable: true }) skill?: Skill | null;
}
