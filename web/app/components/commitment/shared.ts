// What the commitment page's parts share: the commitment and its fulfilment records as the page's
// query has them.
import type { CommitmentPageQuery } from '../../../../schema/generated/graphql';

export type Commitment = NonNullable<CommitmentPageQuery['commitment']>;
export type Fulfilment = Commitment['fulfilments']['edges'][number]['node'];
