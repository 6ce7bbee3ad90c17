import { Migration } from '@mikro-orm/migrations';

export class Migration20261207225107_row_invariants extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "app_user" add constraint app_user_username_lower_case check(username = lower(username) and username <> '');`,
    );

    this.addSql(
      `alter table "commitment" add constraint commitment_proposed_target_positive check(proposed_target_amount is null or proposed_target_amount > 0);`,
    );

    this.addSql(
      `alter table "fulfilment" add constraint fulfilment_attendance_has_source_key check(source <> 'ATTENDANCE' or source_key is not null);`,
    );
    this.addSql(
      `alter table "fulfilment" add constraint fulfilment_decided_has_review check(status = 'PENDING' or reviewed_at is not null);`,
    );

    this.addSql(
      `alter table "evidence_file" add constraint evidence_file_sha256_hex check(sha256 ~ '^[0-9a-f]{64}$');`,
    );
    this.addSql(
      `alter table "evidence_file" add constraint evidence_file_size_non_negative check(size >= 0);`,
    );

    this.addSql(
      `alter table "activity" add constraint activity_unit_organiser_has_unit check(organiser_kind <> 'UNIT' or organiser_unit_id is not null);`,
    );

    this.addSql(
      `alter table "volunteer" add constraint volunteer_affiliation_has_unit check(affiliation = 'NONE' or unit_id is not null);`,
    );

    this.addSql(
      `alter table "signup" add constraint signup_hours_confirmed_after_check_out check(hours_confirmed_at is null or (attendance = 'CHECKED_OUT' and hours_confirmed_by_id is not null));`,
    );
    this.addSql(
      `alter table "signup" add constraint signup_checked_out_complete check(attendance <> 'CHECKED_OUT' or (checked_out_at is not null and minutes is not null));`,
    );
    this.addSql(
      `alter table "signup" add constraint signup_checked_in_has_time check(attendance = 'EXPECTED' or attendance = 'NO_SHOW' or checked_in_at is not null);`,
    );
    this.addSql(
      `alter table "signup" add constraint signup_attendance_only_confirmed check(attendance = 'EXPECTED' or status = 'CONFIRMED');`,
    );

    this.addSql(
      `alter table "pairing" add constraint pairing_ended_has_time check(status <> 'ENDED' or ended_at is not null);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "activity" drop constraint activity_unit_organiser_has_unit;`);

    this.addSql(`alter table "app_user" drop constraint app_user_username_lower_case;`);

    this.addSql(`alter table "commitment" drop constraint commitment_proposed_target_positive;`);

    this.addSql(`alter table "evidence_file" drop constraint evidence_file_sha256_hex;`);
    this.addSql(`alter table "evidence_file" drop constraint evidence_file_size_non_negative;`);

    this.addSql(`alter table "fulfilment" drop constraint fulfilment_attendance_has_source_key;`);
    this.addSql(`alter table "fulfilment" drop constraint fulfilment_decided_has_review;`);

    this.addSql(`alter table "pairing" drop constraint pairing_ended_has_time;`);

    this.addSql(`alter table "signup" drop constraint signup_hours_confirmed_after_check_out;`);
    this.addSql(`alter table "signup" drop constraint signup_checked_out_complete;`);
    this.addSql(`alter table "signup" drop constraint signup_checked_in_has_time;`);
    this.addSql(`alter table "signup" drop constraint signup_attendance_only_confirmed;`);

    this.addSql(`alter table "volunteer" drop constraint volunteer_affiliation_has_unit;`);
  }
}
