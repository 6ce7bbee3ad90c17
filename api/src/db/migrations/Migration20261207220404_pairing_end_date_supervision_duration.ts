import { Migration } from '@mikro-orm/migrations';

/**
 * A pairing's end day (`end_date`), and how long each supervision took (`duration_minutes`).
 *
 * Ended pairings before this migration get the Asia/Shanghai day they were ended on.
 *
 * Durations: logs recorded before this migration have none, and nobody can say afterwards how
 * long they took, so the column is nullable. Every new log must have one; that rule lives in
 * the application (`logSupervision`: the GraphQL input requires it, 5–600 whole minutes),
 * which is the only writer of supervision logs. The CHECK only bounds the range (NULL passes a
 * CHECK). A `check (duration_minutes is not null …) not valid` would make PostgreSQL require it
 * on new rows too, but it would also refuse any later UPDATE of an old row and would be
 * validated by the first dump/restore or `validate constraint`; the application rule keeps old
 * rows editable and the schema honest (nullable in the database and in GraphQL output).
 */
export class Migration20261207220404_pairing_end_date_supervision_duration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "pairing" add column "end_date" date null;`);
    this.addSql(
      `update "pairing" set "end_date" = ("ended_at" at time zone 'Asia/Shanghai')::date where "status" = 'ENDED' and "ended_at" is not null;`,
    );

    this.addSql(`alter table "supervision_log" add column "duration_minutes" int null;`);
    this.addSql(
      `alter table "supervision_log" add constraint supervision_log_duration_range check(duration_minutes >= 5 and duration_minutes <= 600);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pairing" drop column "end_date";`);

    this.addSql(`alter table "supervision_log" drop constraint supervision_log_duration_range;`);
    this.addSql(`alter table "supervision_log" drop column "duration_minutes";`);
  }
}
