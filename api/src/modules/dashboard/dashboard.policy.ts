// Who may read the staff dashboard.
import { managesCommunity, type Rule } from '../auth/roles.js';

export const dashboardRules = {
  /** The staff dashboard's figures: the office (any community or all), a community's staff (their own). */
  'dashboard.read': (user, scope) => managesCommunity(user, scope.communityId),
} satisfies Record<string, Rule>;
