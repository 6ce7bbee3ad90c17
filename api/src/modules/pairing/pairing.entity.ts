// A confirmed social worker – volunteer pair (结对), with the score that proposed it.
import { Check, Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Community } from '../directory/community.entity.js';
import { Volunteer } from '../shifts/volunteer.entity.js';
import { PairingStatus } from './pairing.enums.js';
import type { ScoreComponents } from './scoring.js';
import { SocialWorker } from './social-worker.entity.js';

@Entity({ tableName: 'pairing' })
// One active pairing per volunteer, whatever races.
@Index({
  name: 'pairing_one_active_per_volunteer',
  expression: `create unique index "pairing_one_active_per_volunteer" on "pairing" ("volunteer_id") where "status" = 'ACTIVE'`,
})
@Index({ properties: ['community', 'status', 'id'] })
@Index({ properties: ['socialWorker', 'status'] })
@Index({ properties: ['status', 'lastContactDate'] })
@Check({ name: 'pairing_ended_has_time', expression: `status <> 'ENDED' or ended_at is not null` })
@ObjectType('Pairing', {
  implements: Node,
  description: 'A social worker paired with a volunteer.',
})
export class Pairing extends BaseEntity<
  'status' | 'endedAt' | 'endedBy' | 'endReason' | 'endDate' | 'lastContactDate'
> {
  @ManyToOne(() => SocialWorker, { deleteRule: 'cascade' })
  socialWorker!: Rel<SocialWorker>;

  @ManyToOne(() => Volunteer, { deleteRule: 'cascade' })
  volunteer!: Rel<Volunteer>;

  @ManyToOne(() => Community, { deleteRule: 'restrict' })
  community!: Rel<Community>;

  @Enum({ items: () => PairingStatus, type: 'string', length: 10, default: PairingStatus.ACTIVE })
  @Field(() => PairingStatus)
  status: PairingStatus = PairingStatus.ACTIVE;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  confirmedBy!: Rel<User>;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  confirmedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  endedAt: Date | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  endedBy: Rel<User> | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  endReason: string | null = null;

  /** The day the pairing ended (Asia/Shanghai), as whoever ended it gave it; `endedAt` is when. */
  @Property({ type: 'date', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: the day it ended (null while active).',
  })
  endDate: string | null = null;

  /** The score when confirmed (null when the pair was not one the plan scored). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  score: number | null = null;

  /** Snapshot of the score's components when confirmed. */
  @Property({ type: 'json', nullable: true })
  components: ScoreComponents | null = null;

  /**
   * Day of the latest supervision (Asia/Shanghai), or of the confirmation while there is none;
   * kept by `logSupervision` so the 14-day alert is one indexed query.
   */
  @Property({ type: 'date' })
  @Field(() => String, { description: 'YYYY-MM-DD: latest supervision, else confirmation day.' })
  lastContactDate!: string;
}
