// What the matching page's parts share: the plan's types, how a proposal is posted, and a
// confirmation's result per row.
import type {
  MatchingPageQuery,
  UserErrorFieldsFragment,
} from '../../../../schema/generated/graphql';

export type Plan = NonNullable<MatchingPageQuery['pairingSuggestions']>;
export type Proposal = Plan['proposals'][number];
export type Worker = NonNullable<MatchingPageQuery['socialWorkers']>['edges'][number]['node'];
export type Coverage = NonNullable<MatchingPageQuery['pairingCoverage']>;
export type Weights = MatchingPageQuery['pairingWeights'];

/** A proposal as the form posts it: "<socialWorkerId>.<volunteerId>" (global IDs are base64url). */
export const rowKey = (socialWorkerId: string, volunteerId: string) =>
  `${socialWorkerId}.${volunteerId}`;

export type RowStatus = 'created' | 'refused' | 'notDone';

export interface ConfirmResult {
  volunteerId: string;
  socialWorkerId: string;
  volunteerName: string;
  workerName: string;
  status: RowStatus;
  errors: UserErrorFieldsFragment[];
}
