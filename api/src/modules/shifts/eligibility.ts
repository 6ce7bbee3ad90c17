// Whether a volunteer may take a place on a shift, written once. Each condition is an SQL
// predicate over the shift `t` and the volunteer `v`; the same predicates
//   - filter `shifts(filter: { eligibleForMe: true })` (all of them, for the viewer's profile),
//   - decide a sign-up (all of them, for one volunteer and one shift: the first that fails names
//     the refusal), and tell the viewer beforehand (`Shift.viewerEligibility`, the same verdict
//     for a page of shifts in one statement), and
//   - choose who gets a freed place (those a waitlisted volunteer must still meet).
// The database backs the last two up when requests race: a partial unique index allows one live
// sign-up per volunteer and shift, and an exclusion constraint refuses overlapping confirmed
// places (see signups.service.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { userError, UserErrorCode, type UserError } from '../../graphql/errors.js';
import type { SqlCondition } from '../../graphql/read-rows.js';
import { ShiftStatus, SignupStatus, type Skill } from './shift.enums.js';

interface Condition {
  /** Holds for the shift `t` and the volunteer `v` (`?` placeholders, bound to `params`). */
  sql: string;
  params: (now: Date) => unknown[];
  /** What sign-up answers when it does not hold; `missing` lists the skills the volunteer lacks. */
  refusal: (missing: readonly Skill[]) => UserError;
}

/** The shift's required skills (its activity's). */
const REQUIRED_SKILLS = '(select a.required_skills from activity a where a.id = t.activity_id)';

export type ConditionName = 'open' | 'upcoming' | 'skilled' | 'notSignedUp' | 'free';

/** Every condition, in the order sign-up checks them. */
const CONDITIONS: Record<ConditionName, Condition> = {
  /** The shift still takes place. */
  open: {
    sql: 't.status = ?',
    params: () => [ShiftStatus.OPEN],
    refusal: () => userError(UserErrorCode.SHIFT_CANCELLED, 'This shift was cancelled.'),
  },
  /** It has not started yet. */
  upcoming: {
    sql: 't.starts_at > ?',
    params: (now) => [now],
    refusal: () => userError(UserErrorCode.SHIFT_STARTED, 'This shift has already started.'),
  },
  /** The volunteer has listed every skill it needs. */
  skilled: {
    sql: `${REQUIRED_SKILLS} <@ v.skills`,
    params: () => [],
    refusal: (missing) =>
      userError(
        UserErrorCode.MISSING_SKILL,
        `This shift needs skills you have not listed: ${missing.join(', ')}.`,
      ),
  },
  /** They hold no live sign-up (a place or a waitlist ticket) on it. */
  notSignedUp: {
    sql: `not exists (select 1 from signup g
                       where g.volunteer_id = v.id and g.shift_id = t.id and g.status <> ?)`,
    params: () => [SignupStatus.CANCELLED],
    refusal: () =>
      userError(UserErrorCode.ALREADY_SIGNED_UP, 'You have already signed up for this shift.'),
  },
  /** No place they are confirmed on elsewhere overlaps it (back to back is fine). */
  free: {
    sql: `not exists (select 1 from signup g
                       where g.volunteer_id = v.id and g.shift_id <> t.id and g.status = ?
                         and g.starts_at < t.ends_at and t.starts_at < g.ends_at)`,
    params: () => [SignupStatus.CONFIRMED],
    refusal: () =>
      userError(
        UserErrorCode.OVERLAPPING_SHIFT,
        'You already have a confirmed shift at this time.',
      ),
  },
};

/** What a sign-up must meet: everything. */
const TO_SIGN_UP = Object.keys(CONDITIONS) as ConditionName[];

/**
 * What a waitlisted volunteer must still meet to be promoted: they already hold a ticket (a live
 * sign-up), met the rest when they took it, and a place freed after the start (an organiser
 * removing someone) still goes to the next in line.
 */
const TO_BE_PROMOTED: ConditionName[] = ['open', 'free'];

/** The named conditions, joined with `and`. */
function allOf(names: readonly ConditionName[], now: Date): SqlCondition {
  return {
    where: names.map((name) => `(${CONDITIONS[name].sql})`).join(' and '),
    params: names.flatMap((name) => CONDITIONS[name].params(now)),
  };
}

/** Sign-up's answer when `name` fails (for what it checks again under its lock or after a race). */
export const refusalOf = (name: Exclude<ConditionName, 'skilled'>): UserError =>
  CONDITIONS[name].refusal([]);

/** `shifts(filter: { eligibleForMe })`: the condition on a listed shift `t` for the user. */
export function eligibleForUser(userId: number, now = new Date()): SqlCondition {
  const all = allOf(TO_SIGN_UP, now);
  return {
    where: `exists (select 1 from volunteer v where v.user_id = ? and ${all.where})`,
    params: [userId, ...all.params],
  };
}

export interface Verdict {
  /** The first condition that fails, in sign-up's order; null when the volunteer may sign up. */
  failed: ConditionName | null;
  /** Why, as sign-up answers it; null when nothing failed. */
  refusal: UserError | null;
  /** The skills the shift needs that the volunteer has not listed. */
  missing: Skill[];
}

/**
 * Whether the volunteer may sign up for the shift, in one statement; null when there is no such
 * shift. `only` checks just those conditions (still in sign-up's order).
 */
export async function checkSignUp(
  em: EntityManager,
  pair: { shiftId: number; volunteerId: number },
  options: { only?: readonly ConditionName[]; now?: Date } = {},
): Promise<Verdict | null> {
  const [verdict] = await checkSignUps(em, [pair], options);
  return verdict ?? null;
}

/**
 * `checkSignUp` for many (shift, volunteer) pairs in one statement (a page of shifts for the
 * viewer: `Shift.viewerEligibility`); the verdicts in the order of `pairs`, null where there is
 * no such shift or volunteer.
 */
export async function checkSignUps(
  em: EntityManager,
  pairs: readonly { shiftId: number; volunteerId: number }[],
  options: { only?: readonly ConditionName[]; now?: Date } = {},
): Promise<(Verdict | null)[]> {
  if (pairs.length === 0) return [];
  const names = TO_SIGN_UP.filter((name) => !options.only || options.only.includes(name));
  const now = options.now ?? new Date();
  // bigint: an id past the int range (a forged global ID) finds nothing rather than failing.
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select t.id as "shiftId", v.id as "volunteerId",
            ${names.map((name) => `(${CONDITIONS[name].sql}) as "${name}"`).join(', ')},
            ${REQUIRED_SKILLS} as "requiredSkills", v.skills as "skills"
       from (values ${pairs.map(() => '(?::bigint, ?::bigint)').join(', ')}) as p(shift_id, volunteer_id)
       join shift t on t.id = p.shift_id
       join volunteer v on v.id = p.volunteer_id`,
    [
      ...names.flatMap((name) => CONDITIONS[name].params(now)),
      ...pairs.flatMap((pair) => [pair.shiftId, pair.volunteerId]),
    ],
    'all',
    em.getTransactionContext(),
  );
  const byPair = new Map(rows.map((row) => [`${row.shiftId}:${row.volunteerId}`, row]));
  return pairs.map((pair) => {
    const row = byPair.get(`${pair.shiftId}:${pair.volunteerId}`);
    if (!row) return null;
    // Which skills are missing is only for the message; whether any are is the `skilled` predicate.
    const skills = row.skills as Skill[];
    const missing = (row.requiredSkills as Skill[]).filter((skill) => !skills.includes(skill));
    const failed = names.find((name) => row[name] !== true) ?? null;
    return { failed, refusal: failed ? CONDITIONS[failed].refusal(missing) : null, missing };
  });
}

/**
 * The waitlisted sign-ups of a shift that may take a freed place, first ticket first, at most
 * `limit`. Those who fail a condition (now confirmed on an overlapping shift) are passed over
 * and keep their ticket. Runs in the caller's transaction, under its lock on the shift.
 */
export async function promotable(
  em: EntityManager,
  shiftId: number,
  limit: number,
  now = new Date(),
): Promise<number[]> {
  if (limit <= 0) return [];
  const all = allOf(TO_BE_PROMOTED, now);
  const rows = await em.getConnection().execute<{ id: number }[]>(
    `select w.id
       from signup w
       join shift t on t.id = w.shift_id
       join volunteer v on v.id = w.volunteer_id
      where w.shift_id = ? and w.status = ? and ${all.where}
      order by w.waitlist_seq
      limit ?`,
    [shiftId, SignupStatus.WAITLISTED, ...all.params, limit],
    'all',
    em.getTransactionContext(),
  );
  return rows.map((row) => Number(row.id));
}
