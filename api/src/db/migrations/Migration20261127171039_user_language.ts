import { Migration } from '@mikro-orm/migrations';

export class Migration20261127171039_user_language extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "language" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop column "language";`);
  }
}
