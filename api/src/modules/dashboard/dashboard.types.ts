// GraphQL types of the staff dashboard: one object of aggregate figures for a community or the
// whole sub-district and a year.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Measure } from '../commitments/commitment.enums.js';
import { Community } from '../directory/community.entity.js';
import { PairingCoverage } from '../pairing/pairing.types.js';
import type { ReadRow } from '../../graphql/read-rows.js';

@ObjectType({
  description:
    'Counted commitments (active, completed, lapsed) of one category in one measure overlapping the year. Amounts and ratios are comparable only within a measure.',
})
export class CategoryProgress {
  /** Resolved through the category loader. */
  categoryId!: number;
  @Field(() => Measure, {
    nullable: true,
    description: 'Null for a category without counted commitments (all figures 0).',
  })
  measure!: Measure | null;
  @Field(() => Int) commitmentCount!: number;
  @Field(() => Float, { description: 'Sum of the targets.' }) targetAmount!: number;
  @Field(() => Float, { description: 'Sum of the verified amounts.' }) verifiedAmount!: number;
  @Field(() => Float, { description: 'verifiedAmount / targetAmount (0 without a target).' })
  ratio!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Mean over the commitments of verified/target, each capped at 1 (as a unit’s standing rate); comparable across measures; null without commitments.',
  })
  rate!: number | null;
}

@ObjectType({ description: 'Confirmed volunteer hours of the shifts held in a month.' })
export class MonthHours {
  @Field(() => String, { description: 'YYYY-MM (Asia/Shanghai).' }) month!: string;
  @Field(() => Int, { description: 'Confirmed service minutes.' }) minutes!: number;
  @Field(() => Float, { description: 'minutes / 60, two decimals.' }) hours!: number;
}

@ObjectType({ description: 'Shifts held in a month (cancelled ones left out) and their places.' })
export class MonthShifts {
  @Field(() => String, { description: 'YYYY-MM (Asia/Shanghai).' }) month!: string;
  @Field(() => Int) shifts!: number;
  @Field(() => Int, { description: 'Places offered.' }) capacity!: number;
  @Field(() => Int, { description: 'Confirmed places taken.' }) filled!: number;
  @Field(() => Float, { description: 'filled / capacity (0 without shifts).' }) fillRatio!: number;
}

@ObjectType({ description: 'What waits for the community’s review.' })
export class PendingReviews {
  @Field(() => Int, { description: 'Commitments submitted and not yet accepted or rejected.' })
  commitments!: number;
  @Field(() => Int, { description: 'Fulfilment records waiting for verification.' })
  fulfilments!: number;
  @Field(() => Int) total!: number;
}

@ObjectType({ description: 'The staff dashboard of a community, or of the whole sub-district.' })
export class Dashboard {
  @Field(() => Int) year!: number;
  @Field(() => Community, { nullable: true, description: 'Null: the whole sub-district.' })
  community!: ReadRow<Community> | null;
  @Field(() => String, { description: 'The day figures are measured at (Asia/Shanghai).' })
  asOf!: string;
  @Field(() => [CategoryProgress], {
    description: 'In display order; one entry per category and measure.',
  })
  categories!: CategoryProgress[];
  @Field(() => [MonthHours], { description: 'Twelve entries, January first.' })
  hoursByMonth!: MonthHours[];
  @Field(() => [MonthShifts], { description: 'Twelve entries, January first.' })
  shiftsByMonth!: MonthShifts[];
  @Field(() => PairingCoverage) pairingCoverage!: PairingCoverage;
  @Field(() => Int, { description: 'Units in scope.' }) unitCount!: number;
  @Field(() => Int, {
    description:
      'Units lagging in the year (one commitment lapsed or behind), as in unitStandings.',
  })
  laggingUnits!: number;
  @Field(() => Int, {
    description:
      'Units not yet rated (no commitment yet, or only ones in their first 15 %), as in unitStandings.',
  })
  unratedUnits!: number;
  @Field(() => PendingReviews) pendingReviews!: PendingReviews;
}
