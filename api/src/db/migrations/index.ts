// The ordered list of migrations (kept by `npm run db:migration:create`).
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127144519_initial } from './Migration20261127144519_initial.js';
import { Migration20261127151151_commitments } from './Migration20261127151151_commitments.js';
import { Migration20261127153229_shifts } from './Migration20261127153229_shifts.js';
import { Migration20261127154456_pairing } from './Migration20261127154456_pairing.js';
import { Migration20261127160730_user_email } from './Migration20261127160730_user_email.js';
import { Migration20261127171039_user_language } from './Migration20261127171039_user_language.js';
import { Migration20261127182538_commitment_community_id } from './Migration20261127182538_commitment_community_id.js';
import { Migration20261207170122_hours_claims } from './Migration20261207170122_hours_claims.js';
import { Migration20261207183513_notification_kinds } from './Migration20261207183513_notification_kinds.js';
import { Migration20261207191843_evidence_quota_index } from './Migration20261207191843_evidence_quota_index.js';
import { Migration20261207194959_signup_expired } from './Migration20261207194959_signup_expired.js';
import { Migration20261207220404_pairing_end_date_supervision_duration } from './Migration20261207220404_pairing_end_date_supervision_duration.js';
import { Migration20261207220845_liaison_invitations } from './Migration20261207220845_liaison_invitations.js';
import { Migration20261207221045_notification_kinds_review_pairing } from './Migration20261207221045_notification_kinds_review_pairing.js';
import { Migration20261207225107_row_invariants } from './Migration20261207225107_row_invariants.js';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261127144519_initial', class: Migration20261127144519_initial },
  { name: 'Migration20261127151151_commitments', class: Migration20261127151151_commitments },
  { name: 'Migration20261127153229_shifts', class: Migration20261127153229_shifts },
  { name: 'Migration20261127154456_pairing', class: Migration20261127154456_pairing },
  { name: 'Migration20261127160730_user_email', class: Migration20261127160730_user_email },
  { name: 'Migration20261127171039_user_language', class: Migration20261127171039_user_language },
  {
    name: 'Migration20261127182538_commitment_community_id',
    class: Migration20261127182538_commitment_community_id,
  },
  { name: 'Migration20261207170122_hours_claims', class: Migration20261207170122_hours_claims },
  {
    name: 'Migration20261207183513_notification_kinds',
    class: Migration20261207183513_notification_kinds,
  },
  {
    name: 'Migration20261207191843_evidence_quota_index',
    class: Migration20261207191843_evidence_quota_index,
  },
  { name: 'Migration20261207194959_signup_expired', class: Migration20261207194959_signup_expired },
  {
    name: 'Migration20261207220404_pairing_end_date_supervision_duration',
    class: Migration20261207220404_pairing_end_date_supervision_duration,
  },
  {
    name: 'Migration20261207220845_liaison_invitations',
    class: Migration20261207220845_liaison_invitations,
  },
  {
    name: 'Migration20261207221045_notification_kinds_review_pairing',
    class: Migration20261207221045_notification_kinds_review_pairing,
  },
  { name: 'Migration20261207225107_row_invariants', class: Migration20261207225107_row_invariants },
];
