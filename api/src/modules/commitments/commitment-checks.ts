// What creating and editing a commitment both check: the category and need it refers to, the
// measure the need is counted in, and the length of its period.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  inputField,
  noSuch,
  userError,
  UserErrorCode,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { amountProblem } from './amounts.js';
import { CommitmentCategory } from './category.entity.js';
import { NeedStatus, type Measure } from './commitment.enums.js';
import { Need } from './need.entity.js';

/** How a measure is named in an English message (VENUE_SESSIONS → "venue sessions"). */
const measureName = (measure: Measure): string => measure.toLowerCase().replace(/_/g, ' ');

/**
 * A commitment answering a need is counted in the need's measure: MEASURE_MISMATCH on the
 * `measure` field, naming the need's measure (the web shows it translated, from the need chosen).
 */
export const measureMismatch = (need: Pick<Need, 'measure' | 'title'>): UserError =>
  userError(
    UserErrorCode.MEASURE_MISMATCH,
    `The need “${need.title}” is counted in ${measureName(need.measure)}; count the commitment in ${measureName(need.measure)} too.`,
    inputField('measure'),
  );

/** A target must be an amount the measure counts in (whole numbers for whole measures). */
export function targetError(amount: number, measure: Measure): UserError | null {
  const problem = amountProblem(amount, measure);
  return problem ? userError(UserErrorCode.INVALID, problem, inputField('targetAmount')) : null;
}

/**
 * The category and need named in the input (an active category; an open need of the
 * commitment's community, in `measure` when given); `need` is null when the input clears it and
 * undefined when it does not name one.
 */
export async function checkRefs(
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
      errors.push(measureMismatch(found));
    } else need = found;
  } else if (input.needId === null) {
    need = null;
  }
  return { category, need, errors };
}

/** A period ends on or after its start and lasts at most three years. */
export function periodErrors(start: string, end: string): UserError[] {
  if (start > end)
    return [
      userError(
        UserErrorCode.ENDS_BEFORE_START,
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
