// GraphQL types of the pairing capability: inputs, payloads, the plan, the load view.
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { ConnectionType } from '../../graphql/connections.js';
import { AvailabilitySlotInput } from '../shifts/shifts.types.js';
import { Volunteer } from '../shifts/volunteer.entity.js';
import { Pairing } from './pairing.entity.js';
import { Qualification, Specialty, SupervisionMode, UnmatchedReason } from './pairing.enums.js';
import { SocialWorker } from './social-worker.entity.js';
import { SupervisionLog } from './supervision-log.entity.js';

export const PairingConnection = ConnectionType('Pairing', Pairing);
export const SocialWorkerConnection = ConnectionType('SocialWorker', SocialWorker);
export const SupervisionLogConnection = ConnectionType('SupervisionLog', SupervisionLog);

@ObjectType({ description: 'Why a pair scores what it does; `total` is the sum of the parts.' })
export class PairingScore {
  @Field(() => Int, { description: 'specialtyMatch × specialties the volunteer’s skills serve.' })
  skillFit!: number;
  @Field(() => [Specialty]) matchedSpecialties!: Specialty[];
  @Field(() => Int, { description: 'sameGrid when both are in the same grid.' })
  sameGrid!: number;
  @Field(() => Int, {
    description:
      'overlapPerHour × shared weekly hours (capped), or a penalty when they never meet.',
  })
  availability!: number;
  @Field(() => Float) overlapHoursPerWeek!: number;
  @Field(() => Int, { description: 'perFreePlace × the worker’s free places before the plan.' })
  capacity!: number;
  @Field(() => Int) total!: number;
}

@ObjectType('PairingWeights', {
  description: 'The weights of the pairing score (PAIRING_WEIGHTS), for explaining a score.',
})
export class PairingWeightsType {
  @Field(() => Int, { description: 'Points per worker specialty the volunteer’s skills serve.' })
  specialtyMatch!: number;
  @Field(() => Int, { description: 'Points when both are in the same grid.' }) sameGrid!: number;
  @Field(() => Int, { description: 'Points per shared free hour a week…' }) overlapPerHour!: number;
  @Field(() => Int, { description: '…counted up to this many hours.' }) overlapCapHours!: number;
  @Field(() => Int, {
    description: 'Points (negative) when both gave their hours and never meet.',
  })
  noOverlapPenalty!: number;
  @Field(() => Int, { description: 'Points per free place of the worker…' }) perFreePlace!: number;
  @Field(() => Int, { description: '…counted up to this many places.' }) capacityCapPlaces!: number;
}

@ObjectType({ description: 'A pair the optimal plan proposes.' })
export class PairingProposal {
  @Field(() => SocialWorker) socialWorker!: SocialWorker;
  @Field(() => Volunteer) volunteer!: Volunteer;
  @Field(() => PairingScore) score!: PairingScore;
}

@ObjectType({ description: 'A volunteer the plan leaves unpaired, and why.' })
export class UnmatchedVolunteer {
  @Field(() => Volunteer) volunteer!: Volunteer;
  @Field(() => UnmatchedReason) reason!: UnmatchedReason;
}

@ObjectType({ description: 'The best pairing of a community’s unpaired volunteers.' })
export class PairingPlan {
  @Field(() => [PairingProposal]) proposals!: PairingProposal[];
  @Field(() => [UnmatchedVolunteer]) unmatched!: UnmatchedVolunteer[];
  @Field(() => Int, { description: 'Sum of the proposals’ totals: the largest possible.' })
  totalScore!: number;
}

@ObjectType({ description: 'Volunteers in an active pairing out of all volunteers.' })
export class PairingCoverage {
  @Field(() => Int) volunteers!: number;
  @Field(() => Int) paired!: number;
  @Field(() => Float, { description: 'paired / volunteers (0 when there are none).' })
  ratio!: number;
}

@InputType()
export class UpdateSocialWorkerProfileInput {
  @Field(() => ID, { nullable: true, description: 'The social worker’s user; default: you.' })
  userId?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version you loaded.' })
  version?: number | null;
  @Field(() => [Specialty], { nullable: true }) specialties?: Specialty[] | null;
  @Field(() => Qualification, { nullable: true }) qualification?: Qualification | null;
  @Field(() => Int, { nullable: true }) caseloadCap?: number | null;
  @Field(() => [AvailabilitySlotInput], { nullable: true }) availability?:
    AvailabilitySlotInput[] | null;
  @Field(() => ID, { nullable: true, description: 'Empty string clears it.' })
  gridId?: string | null;
}

@ObjectType()
export class SocialWorkerPayload {
  @Field(() => SocialWorker, { nullable: true }) socialWorker!: SocialWorker | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class PairingProposalInput {
  @Field(() => ID) socialWorkerId!: string;
  @Field(() => ID) volunteerId!: string;
}

@InputType()
export class ConfirmPairingsInput {
  @Field(() => ID) communityId!: string;
  @Field(() => [PairingProposalInput]) proposals!: PairingProposalInput[];
}

@ObjectType()
export class ConfirmPairingsPayload {
  @Field(() => [Pairing], { description: 'The pairings made.' }) pairings!: Pairing[];
  @Field(() => [UserError], {
    description: 'One per refused proposal, field ["input", "proposals", "<index>"(, …)].',
  })
  errors!: UserError[];
}

@InputType()
export class EndPairingInput {
  @Field(() => ID) id!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD the pairing ended: not after today, not before it began; default today.',
  })
  endDate?: string | null;
}

@ObjectType()
export class PairingPayload {
  @Field(() => Pairing, { nullable: true }) pairing!: Pairing | null;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class LogSupervisionInput {
  @Field(() => ID) pairingId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD, not in the future.' }) date!: string;
  @Field(() => SupervisionMode) mode!: SupervisionMode;
  @Field(() => Int, { description: 'How long it took: 5–600 whole minutes.' })
  durationMinutes!: number;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@ObjectType()
export class SupervisionLogPayload {
  @Field(() => SupervisionLog, { nullable: true }) supervisionLog!: SupervisionLog | null;
  @Field(() => Pairing, { nullable: true }) pairing!: Pairing | null;
  @Field(() => [UserError]) errors!: UserError[];
}
