import { Migration } from '@mikro-orm/migrations';

export class Migration20261207170122_hours_claims extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "fulfilment" add column "served_minutes" int null, add column "confirmed_minutes" int null, add column "hours_reason" text not null default '';`,
    );

    this.addSql(
      `alter table "signup" add column "served_minutes" int null, add column "minutes_reason" text not null default '';`,
    );

    // Checked out and not yet confirmed: the minutes on record are the minutes served.
    this.addSql(
      `update "signup" set "served_minutes" = "minutes" where "attendance" = 'CHECKED_OUT' and "hours_confirmed_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "fulfilment" drop column "served_minutes", drop column "confirmed_minutes", drop column "hours_reason";`,
    );

    this.addSql(`alter table "signup" drop column "served_minutes", drop column "minutes_reason";`);
  }
}
