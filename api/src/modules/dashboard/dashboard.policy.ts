// Who may read the staff dashboard.
import { isAdmin, isStaffOf, type Rule } from '../auth/roles.js';

export const dashboardRules = {
  /** The staff dashboard's figures: the office (any community or all), a community's staff (their own). */
  'dashboard.read': (user, scope) => isAdmin(user) || isStaffOf(user, scope.communityId),
} satisfies Record<string, Rule>;
