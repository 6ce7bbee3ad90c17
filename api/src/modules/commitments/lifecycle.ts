// The commitment lifecycle: which transitions exist and who may take each. Nothing else
// changes a commitment's status.
//
//   DRAFT ─submit→ SUBMITTED ─accept→ ACTIVE ─(verified ≥ target)→ COMPLETED
//     │               │                 └─(period over, job)→ LAPSED ─(late verification)→ COMPLETED
//     │               └─reject→ REJECTED
//     └─withdraw (from DRAFT, SUBMITTED or ACTIVE)→ WITHDRAWN
import { CommitmentAction, CommitmentStatus } from './commitment.enums.js';

/** Who takes a transition: the unit (its liaison, or staff acting for it), staff, or the system. */
export type Actor = 'unit' | 'staff' | 'system';

interface Transition {
  from: readonly CommitmentStatus[];
  to: CommitmentStatus;
  by: Actor;
}

const S = CommitmentStatus;

export const TRANSITIONS = {
  [CommitmentAction.SUBMIT]: { from: [S.DRAFT], to: S.SUBMITTED, by: 'unit' },
  [CommitmentAction.ACCEPT]: { from: [S.SUBMITTED], to: S.ACTIVE, by: 'staff' },
  [CommitmentAction.REJECT]: { from: [S.SUBMITTED], to: S.REJECTED, by: 'staff' },
  [CommitmentAction.WITHDRAW]: {
    from: [S.DRAFT, S.SUBMITTED, S.ACTIVE],
    to: S.WITHDRAWN,
    by: 'unit',
  },
  [CommitmentAction.COMPLETE]: { from: [S.ACTIVE, S.LAPSED], to: S.COMPLETED, by: 'system' },
  [CommitmentAction.LAPSE]: { from: [S.ACTIVE], to: S.LAPSED, by: 'system' },
} as const satisfies Partial<Record<CommitmentAction, Transition>>;

export type TransitionAction = keyof typeof TRANSITIONS;

/** The status a transition leads to, or null when it cannot start from `status`. */
export function nextStatus(
  status: CommitmentStatus,
  action: TransitionAction,
): CommitmentStatus | null {
  const transition: Transition = TRANSITIONS[action];
  return transition.from.includes(status) ? transition.to : null;
}

/** Statuses in which fulfilment may be recorded (late records for a lapsed period included). */
export const RECORDABLE_STATUSES: ReadonlySet<CommitmentStatus> = new Set([
  S.ACTIVE,
  S.LAPSED,
  S.COMPLETED,
]);

/**
 * Statuses in which the unit may record fulfilment: accepted and not yet kept (late records for
 * a lapsed period included). A completed commitment has reached its target, so nothing more is
 * recorded for it; records pending when it completed are still reviewed (RECORDABLE_STATUSES).
 */
export const OPEN_FOR_RECORDS: ReadonlySet<CommitmentStatus> = new Set([S.ACTIVE, S.LAPSED]);

/** Statuses counted in standings and reports. */
export const COUNTED_STATUSES = [S.ACTIVE, S.COMPLETED, S.LAPSED] as const;
