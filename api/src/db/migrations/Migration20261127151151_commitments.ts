import { Migration } from '@mikro-orm/migrations';

export class Migration20261127151151_commitments extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "commitment_category" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(40) not null, "name" varchar(50) not null, "name_en" varchar(80) not null, "sort_order" int not null default 0, "active" boolean not null default true);`,
    );
    this.addSql(
      `alter table "commitment_category" add constraint "commitment_category_code_unique" unique ("code");`,
    );
    this.addSql(
      `alter table "commitment_category" add constraint "commitment_category_name_unique" unique ("name");`,
    );

    this.addSql(
      `create table "need" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "community_id" int not null, "category_id" int not null, "title" varchar(120) not null, "description" text not null default '', "measure" text check ("measure" in ('VOLUNTEER_HOURS', 'EVENTS', 'PEOPLE_SERVED', 'FUNDS_YUAN', 'VENUE_SESSIONS', 'ITEMS')) not null, "amount" numeric(14,2) not null, "status" text check ("status" in ('OPEN', 'CLOSED')) not null default 'OPEN', "created_by_id" int not null, "version" int not null default 1, constraint need_amount_positive check (amount > 0));`,
    );
    this.addSql(
      `create index "need_community_id_status_id_index" on "need" ("community_id", "status", "id");`,
    );

    this.addSql(
      `create table "commitment" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "unit_id" int not null, "community_id" int not null, "category_id" int not null, "need_id" int null, "title" varchar(120) not null, "description" text not null default '', "measure" text check ("measure" in ('VOLUNTEER_HOURS', 'EVENTS', 'PEOPLE_SERVED', 'FUNDS_YUAN', 'VENUE_SESSIONS', 'ITEMS')) not null, "target_amount" numeric(14,2) not null, "period_start" date not null, "period_end" date not null, "status" text check ("status" in ('DRAFT', 'SUBMITTED', 'ACTIVE', 'COMPLETED', 'LAPSED', 'REJECTED', 'WITHDRAWN')) not null default 'DRAFT', "verified_amount" numeric(14,2) not null default '0', "pending_amount" numeric(14,2) not null default '0', "proposed_target_amount" numeric(14,2) null, "created_by_id" int not null, "version" int not null default 1, constraint commitment_amounts_non_negative check (verified_amount >= 0 and pending_amount >= 0), constraint commitment_period_ordered check (period_start <= period_end), constraint commitment_target_positive check (target_amount > 0));`,
    );
    this.addSql(
      `create index "commitment_status_period_end_index" on "commitment" ("status", "period_end");`,
    );
    this.addSql(`create index "commitment_need_id_index" on "commitment" ("need_id");`);
    this.addSql(
      `create index "commitment_unit_id_status_index" on "commitment" ("unit_id", "status");`,
    );
    this.addSql(
      `create index "commitment_community_id_status_period_end_index" on "commitment" ("community_id", "status", "period_end");`,
    );

    this.addSql(
      `create table "fulfilment" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "commitment_id" int not null, "amount" numeric(14,2) not null, "date" date not null, "note" text not null default '', "status" text check ("status" in ('PENDING', 'VERIFIED', 'REJECTED')) not null default 'PENDING', "source" text check ("source" in ('MANUAL', 'ATTENDANCE')) not null default 'MANUAL', "source_key" varchar(80) null, "recorded_by_id" int null, "reviewed_by_id" int null, "reviewed_at" timestamptz null, "review_note" text not null default '', constraint fulfilment_amount_positive check (amount > 0));`,
    );
    this.addSql(
      `alter table "fulfilment" add constraint "fulfilment_source_key_unique" unique ("source_key");`,
    );
    this.addSql(
      `create index "fulfilment_status_commitment_id_index" on "fulfilment" ("status", "commitment_id");`,
    );
    this.addSql(
      `create index "fulfilment_commitment_id_date_id_index" on "fulfilment" ("commitment_id", "date", "id");`,
    );

    this.addSql(
      `create table "evidence_file" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "sha256" varchar(64) not null, "file_name" varchar(200) not null, "mime_type" varchar(100) not null, "size" int not null, "uploaded_by_id" int not null, "fulfilment_id" int null);`,
    );
    this.addSql(
      `create index "evidence_file_fulfilment_id_index" on "evidence_file" ("fulfilment_id");`,
    );

    this.addSql(
      `create table "commitment_event" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "commitment_id" int not null, "actor_id" int null, "action" text check ("action" in ('CREATE', 'EDIT', 'SUBMIT', 'ACCEPT', 'REJECT', 'WITHDRAW', 'COMPLETE', 'LAPSE', 'REQUEST_TARGET_CHANGE', 'APPROVE_TARGET_CHANGE', 'DECLINE_TARGET_CHANGE')) not null, "from_status" text check ("from_status" in ('DRAFT', 'SUBMITTED', 'ACTIVE', 'COMPLETED', 'LAPSED', 'REJECTED', 'WITHDRAWN')) null, "to_status" text check ("to_status" in ('DRAFT', 'SUBMITTED', 'ACTIVE', 'COMPLETED', 'LAPSED', 'REJECTED', 'WITHDRAWN')) not null, "note" text not null default '');`,
    );
    this.addSql(
      `create index "commitment_event_commitment_id_id_index" on "commitment_event" ("commitment_id", "id");`,
    );

    this.addSql(
      `alter table "need" add constraint "need_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "need" add constraint "need_category_id_foreign" foreign key ("category_id") references "commitment_category" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "need" add constraint "need_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "commitment" add constraint "commitment_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_category_id_foreign" foreign key ("category_id") references "commitment_category" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_need_id_foreign" foreign key ("need_id") references "need" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "fulfilment" add constraint "fulfilment_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "fulfilment" add constraint "fulfilment_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "fulfilment" add constraint "fulfilment_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "evidence_file" add constraint "evidence_file_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "evidence_file" add constraint "evidence_file_fulfilment_id_foreign" foreign key ("fulfilment_id") references "fulfilment" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "commitment_event" add constraint "commitment_event_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "commitment_event" add constraint "commitment_event_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
    // The ten links of "十联十促", the categories every installation starts with.
    this.addSql(`insert into "commitment_category" ("code", "name", "name_en", "sort_order") values
      ('organisation', '组织共建', 'Organisation building', 10),
      ('venues', '阵地共用', 'Shared venues', 20),
      ('activities', '活动共办', 'Joint activities', 30),
      ('resources', '资源共享', 'Shared resources', 40),
      ('security', '治安共防', 'Joint security', 50),
      ('environment', '环境共治', 'Environment', 60),
      ('hardship', '困难共帮', 'Help for those in hardship', 70),
      ('culture', '文化共建', 'Culture and education', 80),
      ('information', '信息共通', 'Information sharing', 90),
      ('talent', '人才共育', 'Talent development', 100);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "need" drop constraint "need_category_id_foreign";`);

    this.addSql(`alter table "commitment" drop constraint "commitment_category_id_foreign";`);

    this.addSql(`alter table "commitment" drop constraint "commitment_need_id_foreign";`);

    this.addSql(`alter table "fulfilment" drop constraint "fulfilment_commitment_id_foreign";`);

    this.addSql(
      `alter table "commitment_event" drop constraint "commitment_event_commitment_id_foreign";`,
    );

    this.addSql(
      `alter table "evidence_file" drop constraint "evidence_file_fulfilment_id_foreign";`,
    );

    this.addSql(`drop table if exists "commitment_category" cascade;`);

    this.addSql(`drop table if exists "need" cascade;`);

    this.addSql(`drop table if exists "commitment" cascade;`);

    this.addSql(`drop table if exists "fulfilment" cascade;`);

    this.addSql(`drop table if exists "evidence_file" cascade;`);

    this.addSql(`drop table if exists "commitment_event" cascade;`);
  }
}
