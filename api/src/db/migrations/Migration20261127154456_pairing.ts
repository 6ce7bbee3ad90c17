import { Migration } from '@mikro-orm/migrations';

export class Migration20261127154456_pairing extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "social_worker" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" int not null, "community_id" int not null, "grid_id" int null, "specialties" text[] not null default '{}', "qualification" text check ("qualification" in ('ASSISTANT', 'INTERMEDIATE', 'SENIOR')) not null default 'ASSISTANT', "caseload_cap" int not null default 10, "availability" jsonb not null default '[]', "version" int not null default 1, constraint social_worker_caseload_cap_range check (caseload_cap >= 0 and caseload_cap <= 200));`,
    );
    this.addSql(
      `alter table "social_worker" add constraint "social_worker_user_id_unique" unique ("user_id");`,
    );
    this.addSql(
      `create index "social_worker_community_id_id_index" on "social_worker" ("community_id", "id");`,
    );

    this.addSql(
      `create table "pairing" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "social_worker_id" int not null, "volunteer_id" int not null, "community_id" int not null, "status" text check ("status" in ('ACTIVE', 'ENDED')) not null default 'ACTIVE', "confirmed_by_id" int not null, "confirmed_at" timestamptz not null, "ended_at" timestamptz null, "ended_by_id" int null, "end_reason" text null, "score" int null, "components" jsonb null, "last_contact_date" date not null);`,
    );
    this.addSql(
      `create index "pairing_status_last_contact_date_index" on "pairing" ("status", "last_contact_date");`,
    );
    this.addSql(
      `create index "pairing_social_worker_id_status_index" on "pairing" ("social_worker_id", "status");`,
    );
    this.addSql(
      `create index "pairing_community_id_status_id_index" on "pairing" ("community_id", "status", "id");`,
    );
    this.addSql(
      `create unique index "pairing_one_active_per_volunteer" on "pairing" ("volunteer_id") where "status" = 'ACTIVE';`,
    );

    this.addSql(
      `create table "supervision_log" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "pairing_id" int not null, "author_id" int not null, "date" date not null, "mode" text check ("mode" in ('IN_PERSON', 'PHONE', 'ONLINE', 'GROUP')) not null, "notes" text not null default '');`,
    );
    this.addSql(
      `create index "supervision_log_pairing_id_date_id_index" on "supervision_log" ("pairing_id", "date", "id");`,
    );

    this.addSql(
      `alter table "social_worker" add constraint "social_worker_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "social_worker" add constraint "social_worker_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "social_worker" add constraint "social_worker_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "pairing" add constraint "pairing_social_worker_id_foreign" foreign key ("social_worker_id") references "social_worker" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "pairing" add constraint "pairing_volunteer_id_foreign" foreign key ("volunteer_id") references "volunteer" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "pairing" add constraint "pairing_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "pairing" add constraint "pairing_confirmed_by_id_foreign" foreign key ("confirmed_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "pairing" add constraint "pairing_ended_by_id_foreign" foreign key ("ended_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "supervision_log" add constraint "supervision_log_pairing_id_foreign" foreign key ("pairing_id") references "pairing" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "supervision_log" add constraint "supervision_log_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pairing" drop constraint "pairing_social_worker_id_foreign";`);

    this.addSql(
      `alter table "supervision_log" drop constraint "supervision_log_pairing_id_foreign";`,
    );

    this.addSql(`drop table if exists "social_worker" cascade;`);

    this.addSql(`drop table if exists "pairing" cascade;`);

    this.addSql(`drop table if exists "supervision_log" cascade;`);
  }
}
