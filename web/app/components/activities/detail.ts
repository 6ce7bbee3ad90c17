// Types the activity page's parts share: the activity, its shifts, the API's refusals.
import type {
  ActivityPageQuery,
  ActivityUserErrorFragment,
} from '../../../../schema/generated/graphql';

export type ActivityNode = Extract<NonNullable<ActivityPageQuery['node']>, { title: string }>;
export type ActivityShift = ActivityNode['shifts']['edges'][number]['node'];
export type Errors = ActivityUserErrorFragment[];
