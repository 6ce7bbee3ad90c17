import { Migration } from '@mikro-orm/migrations';

export class Migration20261207220845_liaison_invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "liaison_invitation" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "unit_id" int not null, "liaison_id" int not null, "invited_by_id" int not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "revoked_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "liaison_invitation" add constraint "liaison_invitation_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "liaison_invitation_unit_id_created_at_index" on "liaison_invitation" ("unit_id", "created_at");`,
    );
    this.addSql(
      `create unique index "liaison_invitation_open_unique" on "liaison_invitation" ("liaison_id") where "accepted_at" is null and "revoked_at" is null;`,
    );

    this.addSql(
      `alter table "liaison_invitation" add constraint "liaison_invitation_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "liaison_invitation" add constraint "liaison_invitation_liaison_id_foreign" foreign key ("liaison_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "liaison_invitation" add constraint "liaison_invitation_invited_by_id_foreign" foreign key ("invited_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "app_user" alter column "password_hash" type varchar(200) using ("password_hash"::varchar(200));`,
    );
    this.addSql(`alter table "app_user" alter column "password_hash" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "liaison_invitation" cascade;`);

    this.addSql(
      `alter table "app_user" alter column "password_hash" type varchar(200) using ("password_hash"::varchar(200));`,
    );
    this.addSql(`alter table "app_user" alter column "password_hash" set not null;`);
  }
}
