import { Migration } from '@mikro-orm/migrations';

export class Migration20261207191843_evidence_quota_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "evidence_file_uploaded_by_id_created_at_index" on "evidence_file" ("uploaded_by_id", "created_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "evidence_file_uploaded_by_id_created_at_index";`);
  }
}
