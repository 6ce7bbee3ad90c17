// What a scanned check-in code means for the volunteer who opened it: the shift, their place on
// it, and the one step they can take now (the rule is selfCheckInStep in check-in.ts).
import type { Context } from '../../context.js';
import { UserErrorCode, type UserError } from '../../graphql/errors.js';
import { can } from '../auth/policy.js';
import { codeProblem, selfCheckInStep, type Step } from './check-in.js';
import { verifyCheckInCode } from './check-in-code.js';
import { Shift } from './shift.entity.js';
import { SignupStatus } from './shift.enums.js';
import { Signup } from './signup.entity.js';
import { volunteerOf } from './volunteers.service.js';

export interface CheckInScanResult {
  shift: Shift | null;
  signup: Signup | null;
  step: Step | null;
  /** Why there is no step. */
  reason: UserError | null;
  codeExpiresAt: Date | null;
}

const nothing = (reason: UserError): CheckInScanResult => ({
  shift: null,
  signup: null,
  step: null,
  reason,
  codeExpiresAt: null,
});

export async function checkInScan(ctx: Context, code: string): Promise<CheckInScanResult> {
  const user = ctx.viewer.requireUser();
  const now = new Date();
  const { appSecret, shifts } = ctx.app.config;
  const checked = verifyCheckInCode(appSecret, code, shifts.qrCodeTtlSeconds, now);
  if (!checked.ok) return nothing(codeProblem(checked.code));
  const shift = await ctx.em.findOne(Shift, checked.shiftId);
  // Signed by us for a shift that is gone: as good as no code.
  if (!shift) return nothing(codeProblem(UserErrorCode.INVALID_CODE));
  const volunteer = can(ctx.viewer, 'attendance.selfCheckIn')
    ? await volunteerOf(ctx.em, user)
    : null;
  const signup = volunteer
    ? await ctx.em.findOne(Signup, {
        shift: shift.id,
        volunteer: volunteer.id,
        status: { $ne: SignupStatus.CANCELLED },
      })
    : null;
  // Someone who is no volunteer (staff trying the code) has no place on the shift either.
  const { step, problem } = selfCheckInStep({ signup, shift }, now);
  return { shift, signup, step, reason: problem, codeExpiresAt: checked.expiresAt };
}
