// GraphQL surface of attendance and hours; the rules are in check-in.ts, no-show.ts and
// confirm-hours.ts, who may in shifts.policy.ts.
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import type { Context } from '../../context.js';
import { UserError } from '../../graphql/errors.js';
import { checkIn, checkInWithCode, checkOut, checkOutWithCode } from './check-in.js';
import { shiftCheckInCode } from './check-in-code.js';
import { checkInScan } from './check-in-scan.js';
import { confirmHours } from './confirm-hours.js';
import { minutesToHours } from './hours.js';
import { markNoShow } from './no-show.js';
import { Shift } from './shift.entity.js';
import { SignupPayload } from './shifts.types.js';
import { Signup } from './signup.entity.js';

export enum CheckInAction {
  CHECK_IN = 'CHECK_IN',
  CHECK_OUT = 'CHECK_OUT',
}
registerEnumType(CheckInAction, {
  name: 'CheckInAction',
  description: 'The step a scanned check-in code allows: checkInWithCode or checkOutWithCode.',
});

@InputType()
export class CheckInInput {
  @Field(() => ID) signupId!: string;
  @Field(() => Date, { nullable: true, description: 'When they arrived; default now.' })
  at?: Date | null;
}

@InputType()
export class CheckOutInput {
  @Field(() => ID) signupId!: string;
  @Field(() => Date, { nullable: true, description: 'When they left; default now.' })
  at?: Date | null;
}

@InputType()
export class CheckInWithCodeInput {
  @Field(() => String, { description: 'The code from the QR code shown at the venue.' })
  code!: string;
}

@InputType()
export class CheckOutWithCodeInput {
  @Field(() => String, { description: 'The code from the QR code shown at the venue.' })
  code!: string;
}

@InputType()
export class MarkNoShowInput {
  @Field(() => ID) signupId!: string;
}

@InputType()
export class ConfirmHoursInput {
  @Field(() => ID) signupId!: string;
  @Field(() => Int, {
    nullable: true,
    description: 'A correction, from 0 to the shift’s length; default the checked minutes.',
  })
  minutes?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why more minutes are confirmed than were served (required then; kept and shown to the reviewer).',
  })
  reason?: string | null;
}

@ObjectType('ShiftCheckInCode', {
  description: 'A short-lived, signed code for volunteers to check themselves in and out.',
})
export class ShiftCheckInCode {
  @Field(() => String) code!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => String, { description: 'The web page the QR code opens.' }) url!: string;
  @Field(() => String, { description: 'The QR code as an SVG document.' }) qrSvg!: string;
}

@ObjectType('CheckInScan', {
  description:
    'What a scanned check-in code means for you now: the shift, your place on it, and the one step you can take.',
})
export class CheckInScan {
  @Field(() => Shift, {
    nullable: true,
    description: 'Null when the code is not valid or expired.',
  })
  shift!: Shift | null;

  @Field(() => Signup, { nullable: true, description: 'Your live sign-up on the shift, if any.' })
  signup!: Signup | null;

  @Field(() => CheckInAction, { nullable: true, description: 'Null: no step applies (`reason`).' })
  action!: CheckInAction | null;

  @Field(() => UserError, {
    nullable: true,
    description:
      'Why no step applies, as checkInWithCode / checkOutWithCode would refuse it now (e.g. CODE_EXPIRED, NOT_SIGNED_UP, TOO_EARLY, ALREADY_CHECKED_OUT).',
  })
  reason!: UserError | null;

  @Field(() => Date, { nullable: true, description: 'When the code stops being accepted.' })
  codeExpiresAt!: Date | null;
}

@Resolver(() => Signup)
export class AttendanceResolver {
  @Query(() => CheckInScan, {
    description:
      'Resolves a check-in code scanned at the venue to its shift, your place on it and the step you can take now.',
  })
  async checkInScan(@Arg('code', () => String) code: string, @Ctx() ctx: Context) {
    const scan = await checkInScan(ctx, code);
    return Object.assign(new CheckInScan(), {
      shift: scan.shift,
      signup: scan.signup,
      action:
        scan.step === 'in'
          ? CheckInAction.CHECK_IN
          : scan.step === 'out'
            ? CheckInAction.CHECK_OUT
            : null,
      reason: scan.reason,
      codeExpiresAt: scan.codeExpiresAt,
    });
  }

  @Query(() => ShiftCheckInCode, {
    nullable: true,
    description:
      'A QR code to show at the venue, for those who run the activity; null for no such (or a cancelled) shift.',
  })
  shiftCheckInCode(@Arg('shiftId', () => ID) shiftId: string, @Ctx() ctx: Context) {
    return shiftCheckInCode(ctx, shiftId);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Service hours (minutes / 60, two decimals); null until checked out.',
  })
  hours(@Root() s: Signup) {
    return s.minutes === null ? null : minutesToHours(s.minutes);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the organiser confirmed the hours.' })
  hoursConfirmed(@Root() s: Signup) {
    return s.hoursConfirmedAt !== null;
  }

  @Mutation(() => SignupPayload, {
    description:
      'The organiser checks a confirmed volunteer in (from 60 minutes before the start).',
  })
  checkIn(@Arg('input', () => CheckInInput) input: CheckInInput, @Ctx() ctx: Context) {
    return checkIn(ctx, input);
  }

  @Mutation(() => SignupPayload, {
    description: 'The organiser checks a volunteer out; the minutes served are computed.',
  })
  checkOut(@Arg('input', () => CheckOutInput) input: CheckOutInput, @Ctx() ctx: Context) {
    return checkOut(ctx, input);
  }

  @Mutation(() => SignupPayload, { description: 'A volunteer checks in with the venue’s QR code.' })
  checkInWithCode(
    @Arg('input', () => CheckInWithCodeInput) input: CheckInWithCodeInput,
    @Ctx() ctx: Context,
  ) {
    return checkInWithCode(ctx, input);
  }

  @Mutation(() => SignupPayload, {
    description: 'A volunteer checks out with the venue’s QR code.',
  })
  checkOutWithCode(
    @Arg('input', () => CheckOutWithCodeInput) input: CheckOutWithCodeInput,
    @Ctx() ctx: Context,
  ) {
    return checkOutWithCode(ctx, input);
  }

  @Mutation(() => SignupPayload, {
    description:
      'The organiser marks a confirmed volunteer who did not come, once the shift started.',
  })
  markNoShow(@Arg('input', () => MarkNoShowInput) input: MarkNoShowInput, @Ctx() ctx: Context) {
    return markNoShow(ctx, input);
  }

  @Mutation(() => SignupPayload, {
    description:
      'The organiser confirms (or corrects) the hours: they count toward the volunteer’s total and any linked commitment of their unit.',
  })
  confirmHours(
    @Arg('input', () => ConfirmHoursInput) input: ConfirmHoursInput,
    @Ctx() ctx: Context,
  ) {
    return confirmHours(ctx, input);
  }
}
