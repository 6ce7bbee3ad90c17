// When supervision is due and overdue: the one rule the daily alert job and the
// `Pairing.supervisionOverdue` / `nextContactDue` fields share. The number of days comes from
// config (`SUPERVISION_OVERDUE_DAYS`, default 14).
import { daysBetween, shanghaiDate } from '../../graphql/dates.js';
import { PairingStatus } from './pairing.enums.js';

const DAY_MS = 86_400_000;

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The last day a contact keeps the pairing on time: `overdueDays − 1` days after the last
 * contact. From the day after it (the `overdueDays`-th day without contact) it is overdue.
 */
export function nextContactDue(lastContactDate: string, overdueDays: number): string {
  return addDays(lastContactDate, overdueDays - 1);
}

/** Pairings whose last contact is on or before this day are overdue `today`. */
export function overdueCutoff(today: string, overdueDays: number): string {
  return addDays(today, -overdueDays);
}

/** Whole days since the pairing's last contact (Asia/Shanghai). */
export const daysSinceContact = (pairing: { lastContactDate: string }, today = shanghaiDate()) =>
  daysBetween(pairing.lastContactDate, today);

/** An active pairing is overdue when `overdueDays` or more days passed since its last contact. */
export function isSupervisionOverdue(
  pairing: { status: PairingStatus; lastContactDate: string },
  today: string,
  overdueDays: number,
): boolean {
  return pairing.status === PairingStatus.ACTIVE && daysSinceContact(pairing, today) >= overdueDays;
}
