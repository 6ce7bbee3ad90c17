// A commitment (承诺): what a resident unit pledges, measurably, for a period.
import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { CommitmentCategory } from './category.entity.js';
import { CommitmentStatus, Measure } from './commitment.enums.js';
import { Need } from './need.entity.js';

@Entity({ tableName: 'commitment' })
@Index({ properties: ['community', 'status', 'periodEnd'] })
// A community's commitments by id: the `commitments(filter: { communityId })` page.
@Index({ properties: ['community', 'id'] })
@Index({ properties: ['unit', 'status'] })
@Index({ properties: ['need'] })
@Index({ properties: ['status', 'periodEnd'] })
@Check({
  name: 'commitment_proposed_target_positive',
  expression: 'proposed_target_amount is null or proposed_target_amount > 0',
})
@Check({ name: 'commitment_target_positive', expression: 'target_amount > 0' })
@Check({ name: 'commitment_period_ordered', expression: 'period_start <= period_end' })
@Check({
  name: 'commitment_amounts_non_negative',
  expression: 'verified_amount >= 0 and pending_amount >= 0',
})
@ObjectType('Commitment', { implements: Node, description: 'What a resident unit pledged (承诺).' })
export class Commitment extends BaseEntity<
  | 'description'
  | 'need'
  | 'status'
  | 'verifiedAmount'
  | 'pendingAmount'
  | 'proposedTargetAmount'
  | 'version'
> {
  @ManyToOne(() => Unit, { deleteRule: 'restrict' })
  unit!: Rel<Unit>;

  /** The unit's community, kept here so scope checks and reports need no join. */
  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @ManyToOne(() => CommitmentCategory, { deleteRule: 'restrict' })
  category!: Rel<CommitmentCategory>;

  @ManyToOne(() => Need, { nullable: true, deleteRule: 'set null' })
  need: Rel<Need> | null = null;

  @Property({ type: 'string', length: 120 })
  @Field(() => String)
  title!: string;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  description: string = '';

  @Enum({ items: () => Measure, type: 'string', length: 20 })
  @Field(() => Measure)
  measure!: Measure;

  /** numeric(14,2) as an exact string; arithmetic goes through amounts.ts. */
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  targetAmount!: string;

  @Property({ type: 'date' })
  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD, Asia/Shanghai).' })
  periodStart!: string;

  @Property({ type: 'date' })
  @Field(() => String, { description: 'Last day of the period (YYYY-MM-DD, Asia/Shanghai).' })
  periodEnd!: string;

  @Enum({
    items: () => CommitmentStatus,
    type: 'string',
    length: 12,
    default: CommitmentStatus.DRAFT,
  })
  @Field(() => CommitmentStatus)
  status: CommitmentStatus = CommitmentStatus.DRAFT;

  /** Sum of verified fulfilment records, kept under the commitment's row lock. */
  @Property({ type: 'decimal', precision: 14, scale: 2, default: '0' })
  verifiedAmount: string = '0';

  /** Sum of records waiting for review, kept under the same lock. */
  @Property({ type: 'decimal', precision: 14, scale: 2, default: '0' })
  pendingAmount: string = '0';

  /** A new target the unit asked for on an active commitment, waiting for staff. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  proposedTargetAmount: string | null = null;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  createdBy!: Rel<User>;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, {
    description: 'Send it back with an edit; a newer one means someone else changed it.',
  })
  version: number = 1;
}
