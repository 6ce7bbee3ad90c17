import { Migration } from '@mikro-orm/migrations';

export class Migration20261127144519_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "community" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(40) not null, "name" varchar(100) not null, "name_en" varchar(100) not null, "households" int not null, "residents" int not null, "full_time_workers" int not null, "seconded_workers" int not null, "party_branches" int not null default 0, "party_members" int not null default 0, "address" varchar(200) not null default '', constraint community_figures_non_negative check (households >= 0 and residents >= 0 and full_time_workers >= 0 and seconded_workers >= 0 and party_branches >= 0 and party_members >= 0));`,
    );
    this.addSql(`alter table "community" add constraint "community_code_unique" unique ("code");`);
    this.addSql(`alter table "community" add constraint "community_name_unique" unique ("name");`);

    this.addSql(
      `create table "grid" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "community_id" int not null, "code" varchar(40) not null, "name" varchar(100) not null, "households" int not null, "leader_name" varchar(50) null, "leader_phone" varchar(20) null, constraint grid_households_non_negative check (households >= 0));`,
    );
    this.addSql(`alter table "grid" add constraint "grid_code_unique" unique ("code");`);
    this.addSql(
      `alter table "grid" add constraint "grid_community_id_name_unique" unique ("community_id", "name");`,
    );

    this.addSql(
      `create table "login_throttle" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "login_throttle_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "unit" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "community_id" int not null, "grid_id" int null, "name" varchar(120) not null, "kind" text check ("kind" in ('ENTERPRISE', 'INSTITUTION', 'SCHOOL', 'HOSPITAL', 'GOVERNMENT_DEPARTMENT', 'SOCIAL_ORGANISATION')) not null, "staff_count" int not null, "address" varchar(200) not null default '', "liaison_name" varchar(50) not null, "liaison_phone" varchar(20) not null, "version" int not null default 1, constraint unit_staff_count_non_negative check (staff_count >= 0));`,
    );
    this.addSql(`alter table "unit" add constraint "unit_name_unique" unique ("name");`);
    this.addSql(`create index "unit_grid_id_name_id_index" on "unit" ("grid_id", "name", "id");`);
    this.addSql(
      `create index "unit_community_id_name_id_index" on "unit" ("community_id", "name", "id");`,
    );

    this.addSql(
      `create table "app_user" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "username" varchar(32) not null, "password_hash" varchar(200) not null, "display_name" varchar(50) not null, "role" text check ("role" in ('STREET_ADMIN', 'COMMUNITY_STAFF', 'UNIT_LIAISON', 'SOCIAL_WORKER', 'VOLUNTEER')) not null, "community_id" int null, "unit_id" int null, "phone" varchar(20) null, "active" boolean not null default true, constraint app_user_scope_matches_role check ((role <> 'COMMUNITY_STAFF' or community_id is not null) and (role <> 'UNIT_LIAISON' or unit_id is not null)));`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_username_unique" unique ("username");`,
    );
    this.addSql(
      `create index "app_user_community_id_role_index" on "app_user" ("community_id", "role");`,
    );

    this.addSql(
      `create table "auth_session" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" int not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "user_agent" varchar(300) null, "ip" varchar(64) null);`,
    );
    this.addSql(
      `alter table "auth_session" add constraint "auth_session_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "auth_session_user_id_revoked_at_index" on "auth_session" ("user_id", "revoked_at");`,
    );

    this.addSql(
      `alter table "grid" add constraint "grid_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "unit" add constraint "unit_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "unit" add constraint "unit_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "auth_session" add constraint "auth_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "grid" drop constraint "grid_community_id_foreign";`);

    this.addSql(`alter table "unit" drop constraint "unit_community_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_community_id_foreign";`);

    this.addSql(`alter table "unit" drop constraint "unit_grid_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_unit_id_foreign";`);

    this.addSql(`alter table "auth_session" drop constraint "auth_session_user_id_foreign";`);

    this.addSql(`drop table if exists "community" cascade;`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "login_throttle" cascade;`);

    this.addSql(`drop table if exists "unit" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "auth_session" cascade;`);
  }
}
