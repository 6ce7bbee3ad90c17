import { Migration } from '@mikro-orm/migrations';

export class Migration20261127182538_commitment_community_id extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "commitment_community_id_id_index" on "commitment" ("community_id", "id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "commitment_community_id_id_index";`);
  }
}
