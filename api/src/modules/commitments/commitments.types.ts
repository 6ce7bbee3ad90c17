// GraphQL types of the co-building capability: inputs, payloads, connections, progress, standings.
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { ConnectionType } from '../../graphql/connections.js';
import { Unit } from '../directory/unit.entity.js';
import { CommitmentCategory } from './category.entity.js';
import { Commitment } from './commitment.entity.js';
import {
  CommitmentDecision,
  CommitmentStatus,
  FulfilmentStatus,
  Measure,
  NeedStatus,
  ReviewDecision,
} from './commitment.enums.js';
import { Fulfilment } from './fulfilment.entity.js';
import { Need } from './need.entity.js';

export const CommitmentConnection = ConnectionType('Commitment', Commitment);
export const FulfilmentConnection = ConnectionType('Fulfilment', Fulfilment);
export const NeedConnection = ConnectionType('Need', Need);

@ObjectType({ description: 'Verified progress against the share of the period already elapsed.' })
export class CommitmentProgress {
  @Field(() => Float) verified!: number;
  @Field(() => Float, { description: 'Recorded, waiting for review; does not count yet.' })
  pending!: number;
  @Field(() => Float) target!: number;
  @Field(() => Float, { description: 'verified / target (may exceed 1).' }) ratio!: number;
  @Field(() => Float, { description: 'Share of the period elapsed (Asia/Shanghai days), 0–1.' })
  expectedRatio!: number;
  @Field(() => Boolean, {
    description:
      'Active, ≥ 10 % of the period gone, and ratio more than 15 points below expectedRatio.',
  })
  behind!: boolean;
}

@ObjectType({
  description:
    'Volunteer hours credited from attendance: what check-in and check-out measured, what the organiser confirmed, and why, when more was confirmed.',
})
export class HoursClaim {
  @Field(() => Int, {
    nullable: true,
    description: 'Null for hours confirmed before this was kept.',
  })
  servedMinutes!: number | null;
  @Field(() => Int) confirmedMinutes!: number;
  @Field(() => String, { description: 'Empty unless more minutes were confirmed than served.' })
  reason!: string;
}

@ObjectType({ description: 'What the viewer may do with a commitment now.' })
export class CommitmentPermissions {
  @Field(() => Boolean, {
    description:
      'Change it: every field of a draft, or (editDetails false) only the target of an active one, which the unit requests and staff approve.',
  })
  edit!: boolean;
  @Field(() => Boolean, {
    description: 'Change every field (title, category, need, measure, target, period): a draft.',
  })
  editDetails!: boolean;
  @Field(() => Boolean) submit!: boolean;
  @Field(() => Boolean) withdraw!: boolean;
  @Field(() => Boolean) review!: boolean;
  @Field(() => Boolean, {
    description:
      'Record fulfilment: accepted and not yet completed (lapsed ones take late records).',
  })
  recordFulfilment!: boolean;
}

@InputType()
export class CommitmentFilter {
  @Field(() => ID, { nullable: true }) communityId?: string | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true }) needId?: string | null;
  @Field(() => [CommitmentStatus], { nullable: true }) statuses?: CommitmentStatus[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only what waits for your review: submitted, or with a target change requested (staff: their community; the office: all; others: none).',
  })
  awaitingReview?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only those with a target change requested and not yet decided (true), or only those without (false).',
  })
  targetChangeRequested?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Only your own unit's (unit liaisons; nothing for anyone else).",
  })
  myUnit?: boolean | null;
}

@InputType({ description: 'Which fulfilment records to list; scoped to what the viewer reviews.' })
export class FulfilmentFilter {
  @Field(() => ID, { nullable: true }) communityId?: string | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => [FulfilmentStatus], { nullable: true, description: 'e.g. [PENDING] for the queue.' })
  statuses?: FulfilmentStatus[] | null;
}

@InputType()
export class NeedFilter {
  @Field(() => ID, { nullable: true }) communityId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => NeedStatus, { nullable: true }) status?: NeedStatus | null;
}

// ---------------------------------------------------------------- categories and needs

@InputType()
export class CreateCategoryInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => Int, { nullable: true }) sortOrder?: number | null;
}

@InputType()
export class UpdateCategoryInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => Int, { nullable: true }) sortOrder?: number | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@ObjectType()
export class CategoryPayload {
  @Field(() => CommitmentCategory, { nullable: true }) category!: CommitmentCategory | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class CreateNeedInput {
  @Field(() => ID) communityId!: string;
  @Field(() => ID) categoryId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Measure) measure!: Measure;
  @Field(() => Float) amount!: number;
}

@InputType()
export class SetNeedStatusInput {
  @Field(() => ID) id!: string;
  @Field(() => NeedStatus) status!: NeedStatus;
}

@ObjectType()
export class NeedPayload {
  @Field(() => Need, { nullable: true }) need!: Need | null;
  @Field(() => [UserError]) errors!: UserError[];
}

// ---------------------------------------------------------------- commitments

@InputType()
export class CreateCommitmentInput {
  @Field(() => ID) unitId!: string;
  @Field(() => ID) categoryId!: string;
  @Field(() => ID, { nullable: true }) needId?: string | null;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Measure) measure!: Measure;
  @Field(() => Float) targetAmount!: number;
  @Field(() => String, { description: 'YYYY-MM-DD' }) periodStart!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) periodEnd!: string;
  @Field(() => Boolean, { nullable: true, description: 'Submit for review straight away.' })
  submit?: boolean | null;
}

@InputType({
  description:
    'Drafts can change freely; an active commitment only its target, with staff approval.',
})
export class UpdateCommitmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you loaded.' }) version!: number;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true }) needId?: string | null;
  @Field(() => Measure, { nullable: true }) measure?: Measure | null;
  @Field(() => Float, { nullable: true }) targetAmount?: number | null;
  @Field(() => String, { nullable: true }) periodStart?: string | null;
  @Field(() => String, { nullable: true }) periodEnd?: string | null;
  @Field(() => String, { nullable: true, description: 'Why the target changes.' }) note?:
    string | null;
}

@InputType()
export class SubmitCommitmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) version?: number | null;
}

@InputType()
export class ReviewCommitmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) version?: number | null;
  @Field(() => CommitmentDecision) decision!: CommitmentDecision;
  @Field(() => String, { nullable: true, description: 'Required when rejecting.' }) reason?:
    string | null;
}

@InputType()
export class WithdrawCommitmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) version?: number | null;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType()
export class ReviewTargetChangeInput {
  @Field(() => ID) id!: string;
  @Field(() => CommitmentDecision) decision!: CommitmentDecision;
  @Field(() => String, { nullable: true, description: 'Required when rejecting.' }) note?:
    string | null;
}

@ObjectType()
export class CommitmentPayload {
  @Field(() => Commitment, { nullable: true }) commitment!: Commitment | null;
  @Field(() => [UserError]) errors!: UserError[];
}

// ---------------------------------------------------------------- fulfilment

@InputType()
export class RecordFulfilmentInput {
  @Field(() => ID) commitmentId!: string;
  @Field(() => Float) amount!: number;
  @Field(() => String, { description: 'Day of delivery, YYYY-MM-DD, within the period.' })
  date!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Files uploaded to POST /files/evidence.' })
  evidenceIds?: string[] | null;
}

@InputType()
export class ReviewFulfilmentInput {
  @Field(() => ID) id!: string;
  @Field(() => ReviewDecision) decision!: ReviewDecision;
  @Field(() => String, { nullable: true, description: 'Required when rejecting.' }) reason?:
    string | null;
}

@ObjectType()
export class FulfilmentPayload {
  @Field(() => Fulfilment, { nullable: true }) fulfilment!: Fulfilment | null;
  @Field(() => [UserError]) errors!: UserError[];
}

// ---------------------------------------------------------------- standings

@ObjectType({ description: 'A unit’s standing in the co-building programme for a year.' })
export class UnitStanding {
  @Field(() => Unit) unit!: Unit;
  @Field(() => Int, {
    nullable: true,
    description: '1 = best pace; ties share a rank; null while not yet rated.',
  })
  rank!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean of verified/target over its commitments, each capped at 1.',
  })
  rate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Mean over its rated commitments of verified ÷ expected so far (target × elapsed share of the commitment’s own period), each capped at 1; what units rank by. Null while not yet rated: no commitment, or none past the first 15 % of its period.',
  })
  pace!: number | null;
  @Field(() => Int, {
    description: 'Commitments past the first 15 % of their period, or ended.',
  })
  ratedCount!: number;
  @Field(() => Int) commitmentCount!: number;
  @Field(() => Int) activeCount!: number;
  @Field(() => Int) completedCount!: number;
  @Field(() => Int) lapsedCount!: number;
  @Field(() => Int) behindCount!: number;
  @Field(() => Boolean, {
    description: 'One commitment lapsed or behind schedule; never while not yet rated.',
  })
  lagging!: boolean;
  @Field(() => [Commitment]) commitments!: Commitment[];
}
