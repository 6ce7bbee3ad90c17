// GraphQL surface of pairing (社工+义工): one use case per file beside it, the rules in pairing.policy.ts.
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { registerNode } from '../../graphql/node.js';
import { ConnectionArgs } from '../../graphql/connections.js';
import { can } from '../auth/policy.js';
import { User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { Grid } from '../directory/grid.entity.js';
import { AvailabilitySlotType } from '../shifts/shifts.types.js';
import { Volunteer } from '../shifts/volunteer.entity.js';
import { Pairing } from './pairing.entity.js';
import { PairingStatus } from './pairing.enums.js';
import { freePlaces } from './caseload.js';
import { confirmPairings } from './confirm-pairings.js';
import { pairingCoverage } from './coverage.js';
import { endPairing } from './end-pairing.js';
import { logSupervision } from './log-supervision.js';
import {
  findPairing,
  findSocialWorker,
  listPairings,
  listSocialWorkers,
  pairingsOfSocialWorker,
} from './pairing-lists.js';
import { socialWorkerOf, updateSocialWorkerProfile } from './profiles.js';
import { pairingSuggestions } from './propose-pairings.js';
import { pairingScopeOf } from './pairing.policy.js';
import { PAIRING_WEIGHTS } from './scoring.js';
import {
  ConfirmPairingsInput,
  ConfirmPairingsPayload,
  EndPairingInput,
  LogSupervisionInput,
  PairingConnection,
  PairingCoverage,
  PairingPayload,
  PairingPlan,
  PairingScore,
  PairingWeightsType,
  SocialWorkerConnection,
  SocialWorkerPayload,
  SupervisionLogConnection,
  SupervisionLogPayload,
  UpdateSocialWorkerProfileInput,
} from './pairing.types.js';
import type { ScoreComponents } from './scoring.js';
import { SocialWorker } from './social-worker.entity.js';
import { SupervisionLog } from './supervision-log.entity.js';
import { daysSinceContact, isSupervisionOverdue, nextContactDue } from './supervision.js';

registerNode('Pairing', (ctx, id) => findPairing(ctx, id));
registerNode('SocialWorker', (ctx, id) => findSocialWorker(ctx, id));

const scoreOf = (c: ScoreComponents): PairingScore => ({
  skillFit: c.skillFit,
  matchedSpecialties: c.matchedSpecialties,
  sameGrid: c.sameGrid,
  availability: c.availability,
  overlapHoursPerWeek: Math.round((c.overlapMinutesPerWeek / 60) * 100) / 100,
  capacity: c.capacity,
  total: c.total,
});

@Resolver(() => SocialWorker)
export class SocialWorkerResolver {
  @Query(() => SocialWorker, { nullable: true, description: 'Your social worker profile.' })
  mySocialWorkerProfile(@Ctx() ctx: Context) {
    return socialWorkerOf(ctx.em, ctx.viewer.requireUser());
  }

  @Query(() => SocialWorkerConnection, {
    description: 'A community’s social workers with their load (staff, social workers, office).',
  })
  socialWorkers(
    @Arg('communityId', () => ID, { nullable: true, description: 'Default: your community.' })
    communityId: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return listSocialWorkers(ctx, communityId, args);
  }

  @Mutation(() => SocialWorkerPayload, {
    description:
      'A social worker edits their profile; their community’s staff and the office may too.',
  })
  updateSocialWorkerProfile(
    @Arg('input', () => UpdateSocialWorkerProfileInput) input: UpdateSocialWorkerProfileInput,
    @Ctx() ctx: Context,
  ) {
    return updateSocialWorkerProfile(ctx, input);
  }

  @FieldResolver(() => User)
  user(@Root() w: SocialWorker, @Ctx() ctx: Context) {
    return ctx.loaders.auth.user.load(w.user.id);
  }

  @FieldResolver(() => Community)
  community(@Root() w: SocialWorker, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(w.community.id);
  }

  @FieldResolver(() => Grid, { nullable: true })
  grid(@Root() w: SocialWorker, @Ctx() ctx: Context) {
    return w.grid ? ctx.loaders.directory.grid.load(w.grid.id) : null;
  }

  @FieldResolver(() => [AvailabilitySlotType])
  availability(@Root() w: SocialWorker) {
    return w.availability;
  }

  @FieldResolver(() => Int, { description: 'Pairings now active.' })
  activePairings(@Root() w: SocialWorker, @Ctx() ctx: Context) {
    return ctx.loaders.pairing.activePairingCount.load(w.id);
  }

  @FieldResolver(() => Int, { description: 'caseloadCap − activePairings (never below 0).' })
  async freePlaces(@Root() w: SocialWorker, @Ctx() ctx: Context) {
    return freePlaces(w, await ctx.loaders.pairing.activePairingCount.load(w.id));
  }

  @FieldResolver(() => PairingConnection, {
    description:
      'This social worker’s pairings: active before ended, then the longest without contact ' +
      'first (most overdue first). For them, their community’s staff and the office.',
  })
  pairings(
    @Root() w: SocialWorker,
    @Arg('status', () => PairingStatus, { nullable: true }) status: PairingStatus | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return pairingsOfSocialWorker(ctx, w, status, args);
  }
}

@Resolver(() => Pairing)
export class PairingResolver {
  @Query(() => PairingPlan, {
    description:
      'The optimal pairing of the community’s unpaired volunteers with its social workers ' +
      '(largest total score, no caseload exceeded); nothing is saved until confirmPairings.',
  })
  async pairingSuggestions(
    @Arg('communityId', () => ID, { nullable: true, description: 'Default: your community.' })
    communityId: string | null,
    @Ctx() ctx: Context,
  ): Promise<PairingPlan> {
    const plan = await pairingSuggestions(ctx, communityId);
    return {
      ...plan,
      proposals: plan.proposals.map((p) => ({ ...p, score: scoreOf(p.score) })),
    };
  }

  @Query(() => PairingConnection, {
    description: 'A community’s pairings; a social worker sees their own.',
  })
  pairings(
    @Arg('communityId', () => ID, { nullable: true, description: 'Default: your community.' })
    communityId: string | null,
    @Arg('status', () => PairingStatus, { nullable: true }) status: PairingStatus | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return listPairings(ctx, communityId, status, args);
  }

  @Query(() => PairingWeightsType, {
    description: 'The weights of the pairing score, as the plan applies them.',
  })
  pairingWeights(@Ctx() ctx: Context): PairingWeightsType {
    ctx.viewer.requireUser();
    return { ...PAIRING_WEIGHTS };
  }

  @Query(() => PairingCoverage, { description: 'Volunteers paired / all volunteers.' })
  pairingCoverage(
    @Arg('communityId', () => ID, { nullable: true, description: 'Default: your community.' })
    communityId: string | null,
    @Ctx() ctx: Context,
  ) {
    return pairingCoverage(ctx, communityId);
  }

  @Mutation(() => ConfirmPairingsPayload, {
    description: 'Makes the chosen pairs; each refused one comes back in errors.',
  })
  confirmPairings(
    @Arg('input', () => ConfirmPairingsInput) input: ConfirmPairingsInput,
    @Ctx() ctx: Context,
  ) {
    return confirmPairings(ctx, input);
  }

  @Mutation(() => PairingPayload, {
    description:
      'Ends an active pairing with a reason and its end day (its social worker, its community’s staff or the office); to reassign, end it and confirm a new one.',
  })
  endPairing(@Arg('input', () => EndPairingInput) input: EndPairingInput, @Ctx() ctx: Context) {
    return endPairing(ctx, input);
  }

  @Mutation(() => SupervisionLogPayload)
  logSupervision(
    @Arg('input', () => LogSupervisionInput) input: LogSupervisionInput,
    @Ctx() ctx: Context,
  ) {
    return logSupervision(ctx, input);
  }

  @FieldResolver(() => SocialWorker)
  socialWorker(@Root() p: Pairing, @Ctx() ctx: Context) {
    return ctx.loaders.pairing.socialWorker.load(p.socialWorker.id);
  }

  @FieldResolver(() => Volunteer)
  volunteer(@Root() p: Pairing, @Ctx() ctx: Context) {
    return ctx.loaders.shifts.volunteer.load(p.volunteer.id);
  }

  @FieldResolver(() => Community)
  community(@Root() p: Pairing, @Ctx() ctx: Context) {
    return ctx.loaders.directory.community.load(p.community.id);
  }

  @FieldResolver(() => User)
  confirmedBy(@Root() p: Pairing, @Ctx() ctx: Context) {
    return ctx.loaders.auth.user.load(p.confirmedBy.id);
  }

  @FieldResolver(() => PairingScore, {
    nullable: true,
    description: 'The score and its parts when confirmed.',
  })
  components(@Root() p: Pairing) {
    return p.components ? scoreOf(p.components) : null;
  }

  @FieldResolver(() => Int, { description: 'Whole days since lastContactDate (Asia/Shanghai).' })
  daysSinceContact(@Root() p: Pairing) {
    return daysSinceContact(p);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Active, and no contact for SUPERVISION_OVERDUE_DAYS (default 14) days or more: what the ' +
      'daily supervision alert reports.',
  })
  supervisionOverdue(@Root() p: Pairing, @Ctx() ctx: Context) {
    return isSupervisionOverdue(p, shanghaiDate(), ctx.app.config.pairing.supervisionOverdueDays);
  }

  @FieldResolver(() => String, {
    description:
      'YYYY-MM-DD: the last day a contact keeps the pairing on time; overdue from the day after.',
  })
  nextContactDue(@Root() p: Pairing, @Ctx() ctx: Context) {
    return nextContactDue(p.lastContactDate, ctx.app.config.pairing.supervisionOverdueDays);
  }

  @FieldResolver(() => Int, {
    description:
      'Minutes of supervision logged on it, all logs together (older logs without a duration count nothing).',
  })
  supervisionMinutes(@Root() p: Pairing, @Ctx() ctx: Context) {
    return ctx.loaders.pairing.supervisionMinutes.load(p.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether you may end it now: it is active and you are its social worker, its community’s staff or the office.',
  })
  async viewerCanEnd(@Root() p: Pairing, @Ctx() ctx: Context) {
    if (p.status !== PairingStatus.ACTIVE || !ctx.viewer.user) return false;
    const worker = await ctx.loaders.pairing.socialWorker.load(p.socialWorker.id);
    return worker !== null && can(ctx.viewer, 'pairing.end', pairingScopeOf(p, worker));
  }

  @FieldResolver(() => SupervisionLogConnection, { description: 'Newest first.' })
  supervisionLogs(
    @Root() p: Pairing,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.loaders.pairing.supervisionOfPairing.load({ parentId: p.id, filter: null, args });
  }
}

@Resolver(() => SupervisionLog)
export class SupervisionLogResolver {
  @FieldResolver(() => User)
  author(@Root() log: SupervisionLog, @Ctx() ctx: Context) {
    return ctx.loaders.auth.user.load(log.author.id);
  }
}
