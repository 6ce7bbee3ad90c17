import { Migration } from '@mikro-orm/migrations';

/** A waitlisted sign-up whose shift has ended is closed as EXPIRED (waitlists.jobs.ts). */
export class Migration20261207194959_signup_expired extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "signup" drop constraint if exists "signup_status_check";`);

    this.addSql(
      `alter table "signup" add constraint "signup_status_check" check("status" in ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'EXPIRED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "signup" drop constraint if exists "signup_status_check";`);
    // No way back onto a closed waitlist: a closed place reads as cancelled when it closed.
    this.addSql(
      `update "signup" set "status" = 'CANCELLED', "cancelled_at" = coalesce("cancelled_at", "updated_at") where "status" = 'EXPIRED';`,
    );

    this.addSql(
      `alter table "signup" add constraint "signup_status_check" check("status" in ('CONFIRMED', 'WAITLISTED', 'CANCELLED'));`,
    );
  }
}
