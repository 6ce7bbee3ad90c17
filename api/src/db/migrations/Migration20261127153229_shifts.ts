import { Migration } from '@mikro-orm/migrations';

export class Migration20261127153229_shifts extends Migration {
  override async up(): Promise<void> {
    // For the exclusion constraint that keeps one volunteer's confirmed shifts from overlapping.
    this.addSql(`create extension if not exists btree_gist;`);

    this.addSql(
      `create table "notification" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" int not null, "kind" varchar(40) not null, "title" varchar(200) not null, "body" text not null default '', "link" varchar(300) null, "data" jsonb null, "dedupe_key" varchar(120) null, "read_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_dedupe_key_unique" unique ("dedupe_key");`,
    );
    this.addSql(
      `create index "notification_user_id_read_at_index" on "notification" ("user_id", "read_at");`,
    );
    this.addSql(
      `create index "notification_user_id_id_index" on "notification" ("user_id", "id");`,
    );

    this.addSql(
      `create table "activity" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "community_id" int not null, "organiser_kind" text check ("organiser_kind" in ('COMMUNITY', 'SOCIAL_WORKER', 'UNIT')) not null, "organiser_unit_id" int null, "created_by_id" int not null, "category_id" int null, "title" varchar(120) not null, "description" text not null default '', "location" varchar(200) not null, "required_skills" text[] not null default '{}', "commitment_id" int null, "need_id" int null);`,
    );
    this.addSql(`create index "activity_commitment_id_index" on "activity" ("commitment_id");`);
    this.addSql(
      `create index "activity_community_id_id_index" on "activity" ("community_id", "id");`,
    );

    this.addSql(
      `create table "shift" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "activity_id" int not null, "community_id" int not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "capacity" int not null, "status" text check ("status" in ('OPEN', 'CANCELLED')) not null default 'OPEN', "confirmed_count" int not null default 0, "waitlist_count" int not null default 0, "last_waitlist_seq" int not null default 0, "cancel_reason" text not null default '', constraint shift_places_within_capacity check (confirmed_count >= 0 and confirmed_count <= capacity and waitlist_count >= 0), constraint shift_capacity_positive check (capacity >= 1), constraint shift_times_ordered check (ends_at > starts_at));`,
    );
    this.addSql(
      `create index "shift_activity_id_starts_at_index" on "shift" ("activity_id", "starts_at");`,
    );
    this.addSql(
      `create index "shift_community_id_starts_at_index" on "shift" ("community_id", "starts_at");`,
    );
    this.addSql(`create index "shift_starts_at_id_index" on "shift" ("starts_at", "id");`);

    this.addSql(
      `create table "volunteer" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" int not null, "real_name" varchar(50) not null, "phone" varchar(20) not null, "community_id" int not null, "grid_id" int null, "skills" text[] not null default '{}', "availability" jsonb not null default '[]', "unit_id" int null, "affiliation" text check ("affiliation" in ('NONE', 'PENDING', 'CONFIRMED', 'REJECTED')) not null default 'NONE', "verified_minutes" int not null default 0, "calendar_token_hash" varchar(64) null, "version" int not null default 1, constraint volunteer_minutes_non_negative check (verified_minutes >= 0));`,
    );
    this.addSql(
      `alter table "volunteer" add constraint "volunteer_user_id_unique" unique ("user_id");`,
    );
    this.addSql(
      `alter table "volunteer" add constraint "volunteer_calendar_token_hash_unique" unique ("calendar_token_hash");`,
    );
    this.addSql(
      `create index "volunteer_unit_id_affiliation_index" on "volunteer" ("unit_id", "affiliation");`,
    );
    this.addSql(`create index "volunteer_community_id_index" on "volunteer" ("community_id");`);

    this.addSql(
      `create table "signup" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "shift_id" int not null, "volunteer_id" int not null, "status" text check ("status" in ('CONFIRMED', 'WAITLISTED', 'CANCELLED')) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "waitlist_seq" int null, "cancelled_at" timestamptz null, "promoted_at" timestamptz null, "attendance" text check ("attendance" in ('EXPECTED', 'CHECKED_IN', 'CHECKED_OUT', 'NO_SHOW')) not null default 'EXPECTED', "checked_in_at" timestamptz null, "checked_out_at" timestamptz null, "minutes" int null, "hours_confirmed_at" timestamptz null, "hours_confirmed_by_id" int null, constraint signup_minutes_non_negative check (minutes is null or minutes >= 0), constraint signup_waitlist_has_ticket check (status <> 'WAITLISTED' or waitlist_seq is not null));`,
    );
    this.addSql(
      `create index "signup_volunteer_id_starts_at_index" on "signup" ("volunteer_id", "starts_at");`,
    );
    this.addSql(
      `create index "signup_shift_id_status_waitlist_seq_index" on "signup" ("shift_id", "status", "waitlist_seq");`,
    );
    this.addSql(
      `alter table "signup" add constraint "signup_no_overlap" exclude using gist ("volunteer_id" with =, tstzrange("starts_at", "ends_at") with &&) where ("status" = 'CONFIRMED');`,
    );
    this.addSql(
      `create unique index "signup_live_unique" on "signup" ("shift_id", "volunteer_id") where "status" <> 'CANCELLED';`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "activity" add constraint "activity_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_organiser_unit_id_foreign" foreign key ("organiser_unit_id") references "unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_category_id_foreign" foreign key ("category_id") references "commitment_category" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_need_id_foreign" foreign key ("need_id") references "need" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "shift" add constraint "shift_activity_id_foreign" foreign key ("activity_id") references "activity" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "shift" add constraint "shift_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "volunteer" add constraint "volunteer_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "volunteer" add constraint "volunteer_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer" add constraint "volunteer_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "volunteer" add constraint "volunteer_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "signup" add constraint "signup_shift_id_foreign" foreign key ("shift_id") references "shift" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "signup" add constraint "signup_volunteer_id_foreign" foreign key ("volunteer_id") references "volunteer" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "signup" add constraint "signup_hours_confirmed_by_id_foreign" foreign key ("hours_confirmed_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "shift" drop constraint "shift_activity_id_foreign";`);

    this.addSql(`alter table "signup" drop constraint "signup_shift_id_foreign";`);

    this.addSql(`alter table "signup" drop constraint "signup_volunteer_id_foreign";`);

    this.addSql(`drop table if exists "notification" cascade;`);

    this.addSql(`drop table if exists "activity" cascade;`);

    this.addSql(`drop table if exists "shift" cascade;`);

    this.addSql(`drop table if exists "volunteer" cascade;`);

    this.addSql(`drop table if exists "signup" cascade;`);
  }
}
