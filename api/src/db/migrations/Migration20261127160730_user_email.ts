import { Migration } from '@mikro-orm/migrations';

export class Migration20261127160730_user_email extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "email" varchar(254) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop column "email";`);
  }
}
