// Types the dashboard's parts share: its figures, a unit's standing, a community to pick.
import type { StaffDashboardQuery } from '../../../../schema/generated/graphql';

export type Figures = StaffDashboardQuery['dashboard'];
export type Standing = StaffDashboardQuery['unitStandings'][number];
export type Community = NonNullable<StaffDashboardQuery['communities']>['edges'][number]['node'];
