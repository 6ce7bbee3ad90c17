// Types the check-in screen's parts share: the shift, its QR code, and a roster post's outcome.
import type {
  ActivityUserErrorFragment,
  ShiftManagePageQuery,
} from '../../../../schema/generated/graphql';

export type ManagedShift = Extract<NonNullable<ShiftManagePageQuery['node']>, { startsAt: string }>;
export type CheckInCode = NonNullable<ShiftManagePageQuery['shiftCheckInCode']>;

export type Intent = 'checkIn' | 'checkOut' | 'noShow' | 'confirmHours';

/** A roster post as the action answers it: what was asked, for whom, and the API's errors. */
export interface ActionResult {
  intent: Intent;
  signupId: string;
  name: string;
  hours: string;
  reason: string;
  ok: boolean;
  errors: ActivityUserErrorFragment[];
}
