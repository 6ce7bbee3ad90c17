import { Migration } from '@mikro-orm/migrations';

/** Notifications of commitment reviews and pairings: their kinds join the check. */
export class Migration20261207221045_notification_kinds_review_pairing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check("kind" in ('SHIFT_REMINDER', 'WAITLIST_PROMOTED', 'SHIFT_CANCELLED', 'AFFILIATION_REQUESTED', 'SUPERVISION_OVERDUE', 'COMMITMENT_SUBMITTED', 'COMMITMENT_ACCEPTED', 'COMMITMENT_REJECTED', 'TARGET_CHANGE_REQUESTED', 'TARGET_CHANGE_APPROVED', 'TARGET_CHANGE_DECLINED', 'FULFILMENT_RECORDED', 'FULFILMENT_VERIFIED', 'FULFILMENT_REJECTED', 'PAIRING_CONFIRMED', 'SOCIAL_WORKER_ASSIGNED', 'PAIRING_ENDED'));`,
    );
  }

  override async down(): Promise<void> {
    // The older code cannot word these kinds.
    this.addSql(
      `delete from "notification" where "kind" not in ('SHIFT_REMINDER', 'WAITLIST_PROMOTED', 'SHIFT_CANCELLED', 'AFFILIATION_REQUESTED', 'SUPERVISION_OVERDUE');`,
    );
    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check("kind" in ('SHIFT_REMINDER', 'WAITLIST_PROMOTED', 'SHIFT_CANCELLED', 'AFFILIATION_REQUESTED', 'SUPERVISION_OVERDUE'));`,
    );
  }
}
