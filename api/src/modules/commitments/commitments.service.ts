// The rules of commitments: writing them, their lifecycle, target changes, and who sees what.
import { LockMode, OptimisticLockError, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { shanghaiDate } from '../../graphql/dates.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type UserError,
} from '../../graphql/errors.js';
import { reasonSchema } from '../../graphql/validation.js';
import { idOf, paginate, type ConnectionArgs, type ConnectionData } from '../../graphql/relay.js';
import { authorize, can } from '../auth/policy.js';
import type { User } from '../auth/user.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { amountProblem, atLeast, fromHundredths, toHundredths } from './amounts.js';
import { CommitmentCategory } from './category.entity.js';
import { CommitmentEvent } from './commitment-event.entity.js';
import { Commitment } from './commitment.entity.js';
import {
  CommitmentAction,
  CommitmentDecision,
  CommitmentStatus,
  type Measure,
} from './commitment.enums.js';
import {
  commitmentSchema,
  titleSchema,
  descriptionSchema,
  isoDate,
} from './commitments.validation.js';
import {
  commitmentScope,
  readableCommitments,
  reviewableCommitments,
} from './commitments.policy.js';
import { nextStatus, TRANSITIONS, type TransitionAction } from './lifecycle.js';
import { Need } from './need.entity.js';
import { NeedStatus } from './commitment.enums.js';

export interface CommitmentResult {
  commitment: Commitment | null;
  errors: UserError[];
}

/** Appends to the audit trail. */
export function recordEvent(
  em: EntityManager,
  commitment: Commitment,
  action: CommitmentAction,
  actor: User | null,
  fromStatus: CommitmentStatus | null,
  note = '',
): CommitmentEvent {
  return em.create(CommitmentEvent, {
    commitment,
    action,
    actor,
    fromStatus,
    toStatus: commitment.status,
    note,
  });
}

// ---------------------------------------------------------------- reads

export function listCommitments(
  ctx: Context,
  filter: {
    communityId?: string | null;
    unitId?: string | null;
    categoryId?: string | null;
    needId?: string | null;
    statuses?: CommitmentStatus[] | null;
    awaitingReview?: boolean | null;
    myUnit?: boolean | null;
  },
  args: ConnectionArgs,
): Promise<ConnectionData<Commitment>> {
  const user = ctx.viewer.requireUser();
  const where: FilterQuery<Commitment>[] = [];
  if (filter.myUnit) where.push({ unit: user.unit?.id ?? 0 });
  if (filter.awaitingReview) {
    // The staff review queue: submissions and target change requests the viewer may decide on.
    where.push({
      $or: [{ status: CommitmentStatus.SUBMITTED }, { proposedTargetAmount: { $ne: null } }],
    });
    where.push(reviewableCommitments(user));
  }
  if (filter.communityId) where.push({ community: idOf(filter.communityId, 'Community') ?? 0 });
  if (filter.unitId) where.push({ unit: idOf(filter.unitId, 'Unit') ?? 0 });
  if (filter.categoryId)
    where.push({ category: idOf(filter.categoryId, 'CommitmentCategory') ?? 0 });
  if (filter.needId) where.push({ need: idOf(filter.needId, 'Need') ?? 0 });
  if (filter.statuses?.length) where.push({ status: { $in: filter.statuses } });
  where.push(readableCommitments(user));
  return paginate(ctx.em, Commitment, { where: { $and: where }, keys: ['id'], args });
}

// ---------------------------------------------------------------- create and edit

async function checkRefs(
  em: EntityManager,
  input: { categoryId?: string | null; needId?: string | null },
  communityId: number,
  measure: Measure | undefined,
): Promise<{ category?: CommitmentCategory; need?: Need | null; errors: UserError[] }> {
  const errors: UserError[] = [];
  let category: CommitmentCategory | undefined;
  let need: Need | null | undefined;
  if (input.categoryId !== undefined && input.categoryId !== null) {
    const id = idOf(input.categoryId, 'CommitmentCategory');
    const found = id ? await em.findOne(CommitmentCategory, id) : null;
    if (!found || !found.active) {
      errors.push(
        userError(UserErrorCode.NOT_FOUND, 'Choose an active category.', inputField('categoryId')),
      );
    } else category = found;
  }
  if (input.needId) {
    const id = idOf(input.needId, 'Need');
    const found = id ? await em.findOne(Need, id) : null;
    if (!found || found.community.id !== communityId) {
      errors.push(noSuch('need in this community', 'needId'));
    } else if (found.status !== NeedStatus.OPEN) {
      errors.push(userError(UserErrorCode.INVALID, 'This need is closed.', inputField('needId')));
    } else if (measure && found.measure !== measure) {
      errors.push(
        userError(
          UserErrorCode.INVALID,
          'The commitment must be counted in the need’s measure.',
          inputField('measure'),
        ),
      );
    } else need = found;
  } else if (input.needId === null) {
    need = null;
  }
  return { category, need, errors };
}

function periodErrors(start: string, end: string): UserError[] {
  if (start > end)
    return [
      userError(
        UserErrorCode.INVALID,
        'The period must end on or after its start.',
        inputField('periodEnd'),
      ),
    ];
  // At most three years: the last day may be the day before the start's third anniversary.
  const limit = `${Number(start.slice(0, 4)) + 3}${start.slice(4)}`;
  if (end >= limit) {
    return [
      userError(
        UserErrorCode.OUT_OF_RANGE,
        'A period can last at most three years.',
        inputField('periodEnd'),
      ),
    ];
  }
  return [];
}

export async function createCommitment(
  ctx: Context,
  input: {
    unitId: string;
    categoryId: string;
    needId?: string | null;
    title: string;
    description?: string | null;
    measure: Measure;
    targetAmount: number;
    periodStart: string;
    periodEnd: string;
    submit?: boolean | null;
  },
): Promise<CommitmentResult> {
  const user = ctx.viewer.requireUser();
  const unitId = idOf(input.unitId, 'Unit');
  const unit = unitId ? await ctx.em.findOne(Unit, unitId) : null;
  if (!unit) return refused('commitment', noSuch('unit', 'unitId'));
  authorize(ctx.viewer, 'commitment.write', { communityId: unit.community.id, unitId: unit.id });

  const parsed = commitmentSchema.safeParse(input);
  if (!parsed.success) return refused('commitment', ...userErrorsFromZod(parsed.error));
  const data = parsed.data;
  const problem = amountProblem(data.targetAmount, data.measure);
  if (problem)
    return refused(
      'commitment',
      userError(UserErrorCode.INVALID, problem, inputField('targetAmount')),
    );
  const refs = await checkRefs(ctx.em, input, unit.community.id, data.measure);
  const errors = [...refs.errors, ...periodErrors(data.periodStart, data.periodEnd)];
  if (errors.length) return refused('commitment', ...errors);

  const commitment = ctx.em.create(Commitment, {
    unit,
    community: unit.community,
    category: refs.category!,
    need: refs.need ?? null,
    title: data.title,
    description: data.description ?? '',
    measure: data.measure,
    targetAmount: fromHundredths(toHundredths(data.targetAmount)),
    periodStart: data.periodStart,
    periodEnd: data.periodEnd,
    createdBy: user,
  });
  recordEvent(ctx.em, commitment, CommitmentAction.CREATE, user, null);
  if (input.submit) {
    commitment.status = CommitmentStatus.SUBMITTED;
    recordEvent(ctx.em, commitment, CommitmentAction.SUBMIT, user, CommitmentStatus.DRAFT);
  }
  await ctx.em.flush();
  return { commitment, errors: [] };
}

const conflict = () =>
  userError(
    UserErrorCode.CONFLICT,
    'Someone else changed this commitment after you opened it. Reload to see their change, then apply yours again.',
    inputField('version'),
  );

/**
 * The commitment, locked and freshly read, once `check` (an authorize call) has passed on an
 * unlocked read: rights come first, so an outsider neither waits on the lock nor learns the
 * record's version. A stale `version` is a CONFLICT. Every write to a commitment goes through
 * here, so concurrent writes are serialised.
 */
async function lockCommitment(
  em: EntityManager,
  globalId: string,
  version: number | null | undefined,
  check: (commitment: Commitment) => void,
): Promise<Commitment | UserError> {
  const id = idOf(globalId, 'Commitment');
  const found = id ? await em.findOne(Commitment, id) : null;
  if (!found) return noSuch('commitment', 'id');
  check(found);
  const commitment = await em.findOneOrFail(Commitment, found.id, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  if (version != null && version !== commitment.version) return conflict();
  return commitment;
}

/** Runs `work` in a transaction; a lost optimistic race becomes a CONFLICT error. */
async function inTransaction(
  ctx: Context,
  work: (em: EntityManager) => Promise<CommitmentResult>,
): Promise<CommitmentResult> {
  try {
    return await ctx.em.transactional((em) => work(em as EntityManager));
  } catch (error) {
    if (error instanceof OptimisticLockError) return refused('commitment', conflict());
    throw error;
  }
}

export async function updateCommitment(
  ctx: Context,
  input: {
    id: string;
    version: number;
    title?: string | null;
    description?: string | null;
    categoryId?: string | null;
    needId?: string | null;
    measure?: Measure | null;
    targetAmount?: number | null;
    periodStart?: string | null;
    periodEnd?: string | null;
    note?: string | null;
  },
): Promise<CommitmentResult> {
  const user = ctx.viewer.requireUser();
  return inTransaction(ctx, async (em) => {
    const commitment = await lockCommitment(em, input.id, input.version, (c) =>
      authorize(ctx.viewer, 'commitment.write', commitmentScope(c)),
    );
    if (!(commitment instanceof Commitment)) return refused('commitment', commitment);

    if (commitment.status === CommitmentStatus.ACTIVE) {
      return changeActiveTarget(ctx, em, commitment, input, user);
    }
    if (commitment.status !== CommitmentStatus.DRAFT) {
      return refused(
        'commitment',
        userError(
          UserErrorCode.NOT_EDITABLE,
          `A ${commitment.status.toLowerCase()} commitment cannot be edited.`,
        ),
      );
    }
    const errors: UserError[] = [];
    const changes: string[] = [];
    const set = <
      K extends 'title' | 'description' | 'measure' | 'targetAmount' | 'periodStart' | 'periodEnd',
    >(
      key: K,
      value: Commitment[K],
    ) => {
      if (commitment[key] !== value) {
        changes.push(`${key}: ${commitment[key]} → ${value}`);
        commitment[key] = value;
      }
    };
    if (input.title != null) {
      const r = titleSchema.safeParse(input.title);
      if (r.success) set('title', r.data);
      else
        errors.push(
          ...userErrorsFromZod(r.error).map((e) => ({ ...e, field: inputField('title') })),
        );
    }
    if (input.description != null) {
      const r = descriptionSchema.safeParse(input.description);
      if (r.success) set('description', r.data);
      else
        errors.push(
          userError(UserErrorCode.TOO_LONG, r.error.issues[0]!.message, inputField('description')),
        );
    }
    if (input.measure != null) set('measure', input.measure);
    for (const key of ['periodStart', 'periodEnd'] as const) {
      const value = input[key];
      if (value == null) continue;
      const r = isoDate(key === 'periodStart' ? 'Start date' : 'End date').safeParse(value);
      if (r.success) set(key, r.data);
      else
        errors.push(userError(UserErrorCode.INVALID, r.error.issues[0]!.message, inputField(key)));
    }
    if (input.targetAmount != null) {
      const problem = amountProblem(input.targetAmount, commitment.measure);
      if (problem)
        errors.push(userError(UserErrorCode.INVALID, problem, inputField('targetAmount')));
      else set('targetAmount', fromHundredths(toHundredths(input.targetAmount)));
    }
    const refs = await checkRefs(em, input, commitment.community.id, commitment.measure);
    errors.push(...refs.errors, ...periodErrors(commitment.periodStart, commitment.periodEnd));
    // A new measure must still fit the target (whole numbers) and the need it answers.
    const targetProblem = amountProblem(Number(commitment.targetAmount), commitment.measure);
    if (targetProblem && input.targetAmount == null) {
      errors.push(userError(UserErrorCode.INVALID, targetProblem, inputField('targetAmount')));
    }
    const need =
      refs.need !== undefined
        ? refs.need
        : commitment.need && (await em.findOne(Need, commitment.need.id));
    if (need && need.measure !== commitment.measure) {
      errors.push(
        userError(
          UserErrorCode.INVALID,
          'The commitment must be counted in the need’s measure.',
          inputField('measure'),
        ),
      );
    }
    if (errors.length) {
      em.clear();
      return refused('commitment', ...errors);
    }
    if (refs.category && refs.category.id !== commitment.category.id) {
      changes.push(`category → ${refs.category.code}`);
      commitment.category = refs.category;
    }
    if (refs.need !== undefined && (refs.need?.id ?? null) !== (commitment.need?.id ?? null)) {
      changes.push(`need → ${refs.need?.id ?? 'none'}`);
      commitment.need = refs.need;
    }
    if (changes.length) {
      recordEvent(
        em,
        commitment,
        CommitmentAction.EDIT,
        user,
        commitment.status,
        changes.join('; '),
      );
    }
    return { commitment, errors: [] };
  });
}

/** On an active commitment only the target may change: staff change it, the unit asks. */
async function changeActiveTarget(
  ctx: Context,
  em: EntityManager,
  commitment: Commitment,
  input: { targetAmount?: number | null; note?: string | null } & Record<string, unknown>,
  user: User,
): Promise<CommitmentResult> {
  const others = [
    'title',
    'description',
    'categoryId',
    'needId',
    'measure',
    'periodStart',
    'periodEnd',
  ].filter((key) => input[key] != null);
  if (others.length || input.targetAmount == null) {
    return refused(
      'commitment',
      userError(
        UserErrorCode.NOT_EDITABLE,
        'Once accepted, only the target of a commitment can change, and only with staff approval.',
        inputField(others[0] ?? 'targetAmount'),
      ),
    );
  }
  const problem = amountProblem(input.targetAmount, commitment.measure);
  if (problem)
    return refused(
      'commitment',
      userError(UserErrorCode.INVALID, problem, inputField('targetAmount')),
    );
  const target = fromHundredths(toHundredths(input.targetAmount));
  const note = input.note?.trim().slice(0, 1000) ?? '';
  if (can(ctx.viewer, 'commitment.review', commitmentScope(commitment))) {
    const from = commitment.targetAmount;
    commitment.targetAmount = target;
    commitment.proposedTargetAmount = null;
    recordEvent(
      em,
      commitment,
      CommitmentAction.APPROVE_TARGET_CHANGE,
      user,
      commitment.status,
      `target ${from} → ${target}${note ? `: ${note}` : ''}`,
    );
    await completeIfReached(em, commitment);
  } else {
    commitment.proposedTargetAmount = target;
    recordEvent(
      em,
      commitment,
      CommitmentAction.REQUEST_TARGET_CHANGE,
      user,
      commitment.status,
      `target ${commitment.targetAmount} → ${target}${note ? `: ${note}` : ''}`,
    );
  }
  return { commitment, errors: [] };
}

export async function reviewTargetChange(
  ctx: Context,
  input: { id: string; decision: CommitmentDecision; note?: string | null },
): Promise<CommitmentResult> {
  const user = ctx.viewer.requireUser();
  return inTransaction(ctx, async (em) => {
    const commitment = await lockCommitment(em, input.id, null, (c) =>
      authorize(ctx.viewer, 'commitment.review', commitmentScope(c)),
    );
    if (!(commitment instanceof Commitment)) return refused('commitment', commitment);
    if (commitment.proposedTargetAmount === null) {
      return refused(
        'commitment',
        userError(UserErrorCode.INVALID_TRANSITION, 'No target change is waiting for review.'),
      );
    }
    const proposed = commitment.proposedTargetAmount;
    const note = input.note?.trim() ?? '';
    commitment.proposedTargetAmount = null;
    if (input.decision === CommitmentDecision.ACCEPT) {
      const from = commitment.targetAmount;
      commitment.targetAmount = proposed;
      recordEvent(
        em,
        commitment,
        CommitmentAction.APPROVE_TARGET_CHANGE,
        user,
        commitment.status,
        `target ${from} → ${proposed}${note ? `: ${note}` : ''}`,
      );
      await completeIfReached(em, commitment);
    } else {
      if (!note)
        return refused(
          'commitment',
          userError(UserErrorCode.REQUIRED, 'Give a reason.', inputField('note')),
        );
      recordEvent(
        em,
        commitment,
        CommitmentAction.DECLINE_TARGET_CHANGE,
        user,
        commitment.status,
        `target stays ${commitment.targetAmount} (asked ${proposed}): ${note}`,
      );
    }
    return { commitment, errors: [] };
  });
}

// ---------------------------------------------------------------- lifecycle

/** Takes one lifecycle step as `user`, or explains why it cannot be taken now. */
async function transition(
  ctx: Context,
  input: { id: string; version?: number | null },
  action: TransitionAction,
  note: string,
): Promise<CommitmentResult> {
  const user = ctx.viewer.requireUser();
  return inTransaction(ctx, async (em) => {
    const by = TRANSITIONS[action].by;
    const commitment = await lockCommitment(em, input.id, input.version, (c) =>
      authorize(
        ctx.viewer,
        by === 'staff' ? 'commitment.review' : 'commitment.write',
        commitmentScope(c),
      ),
    );
    if (!(commitment instanceof Commitment)) return refused('commitment', commitment);
    const to = nextStatus(commitment.status, action);
    if (!to) {
      return refused(
        'commitment',
        userError(
          UserErrorCode.INVALID_TRANSITION,
          `A ${commitment.status.toLowerCase()} commitment cannot be ${pastTense[action]}.`,
        ),
      );
    }
    const from = commitment.status;
    commitment.status = to;
    if (action === CommitmentAction.WITHDRAW) commitment.proposedTargetAmount = null;
    recordEvent(em, commitment, action, user, from, note);
    if (to === CommitmentStatus.ACTIVE) await completeIfReached(em, commitment);
    return { commitment, errors: [] };
  });
}

const pastTense: Record<TransitionAction, string> = {
  SUBMIT: 'submitted',
  ACCEPT: 'accepted',
  REJECT: 'rejected',
  WITHDRAW: 'withdrawn',
  COMPLETE: 'completed',
  LAPSE: 'lapsed',
};

export function submitCommitment(ctx: Context, input: { id: string; version?: number | null }) {
  return transition(ctx, input, CommitmentAction.SUBMIT, '');
}

const rejectionReason = reasonSchema(1000);

export async function reviewCommitment(
  ctx: Context,
  input: {
    id: string;
    version?: number | null;
    decision: CommitmentDecision;
    reason?: string | null;
  },
): Promise<CommitmentResult> {
  if (input.decision === CommitmentDecision.ACCEPT) {
    return transition(ctx, input, CommitmentAction.ACCEPT, input.reason?.trim() ?? '');
  }
  ctx.viewer.requireUser();
  const reason = rejectionReason.safeParse(input.reason ?? '');
  if (!reason.success)
    return refused(
      'commitment',
      userError(
        UserErrorCode.REQUIRED,
        'Say why the commitment is rejected.',
        inputField('reason'),
      ),
    );
  return transition(ctx, input, CommitmentAction.REJECT, reason.data);
}

export function withdrawCommitment(
  ctx: Context,
  input: { id: string; version?: number | null; reason?: string | null },
): Promise<CommitmentResult> {
  return transition(
    ctx,
    input,
    CommitmentAction.WITHDRAW,
    input.reason?.trim().slice(0, 1000) ?? '',
  );
}

/**
 * Completes a commitment whose verified total reached its target (after a verification or a
 * lower target). Completion is the system's step, so its event has no actor; the verification
 * or approval that caused it is the event just before.
 */
export async function completeIfReached(em: EntityManager, commitment: Commitment): Promise<void> {
  if (!atLeast(commitment.verifiedAmount, commitment.targetAmount)) return;
  const to = nextStatus(commitment.status, CommitmentAction.COMPLETE);
  if (!to) return;
  const from = commitment.status;
  commitment.status = to;
  recordEvent(
    em,
    commitment,
    CommitmentAction.COMPLETE,
    null,
    from,
    `verified ${commitment.verifiedAmount} of ${commitment.targetAmount}`,
  );
}

/**
 * Lapses every active commitment whose period ended before today (Asia/Shanghai). Rows another
 * process is already changing are skipped and picked up on the next run.
 */
export async function lapseOverdueCommitments(
  em: EntityManager,
  today = shanghaiDate(),
): Promise<number> {
  return em.transactional(async (tx) => {
    const overdue = await tx.find(
      Commitment,
      { status: CommitmentStatus.ACTIVE, periodEnd: { $lt: today } },
      { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, orderBy: { id: 'asc' }, limit: 1000 },
    );
    for (const commitment of overdue) {
      commitment.status = CommitmentStatus.LAPSED;
      recordEvent(
        tx as EntityManager,
        commitment,
        CommitmentAction.LAPSE,
        null,
        CommitmentStatus.ACTIVE,
        `period ended ${commitment.periodEnd}; verified ${commitment.verifiedAmount} of ${commitment.targetAmount}`,
      );
    }
    return overdue.length;
  });
}
