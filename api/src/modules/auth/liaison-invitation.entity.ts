// An invitation for a unit's liaison to take up their account: a one-time link whose token is
// stored only as its SHA-256. Kept after use or replacement: who invited whom, and when.
import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { User } from './user.entity.js';

@Entity({ tableName: 'liaison_invitation' })
// One open invitation per account, whatever races: issuing a new one revokes the old.
@Index({
  name: 'liaison_invitation_open_unique',
  expression: `create unique index "liaison_invitation_open_unique" on "liaison_invitation" ("liaison_id") where "accepted_at" is null and "revoked_at" is null`,
})
@Index({ properties: ['unit', 'createdAt'] })
export class LiaisonInvitation extends BaseEntity<'acceptedAt' | 'revokedAt'> {
  @ManyToOne(() => Unit, { deleteRule: 'cascade' })
  unit!: Rel<Unit>;

  /** The account the link opens: a liaison of `unit`, without a password until accepted. */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  liaison!: Rel<User>;

  /** Who issued the link (the office or the community's staff). */
  @ManyToOne(() => User, { deleteRule: 'restrict' })
  invitedBy!: Rel<User>;

  @Unique()
  @Property({ type: 'string', length: 64 })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  acceptedAt: Date | null = null;

  /** Set when a newer link for the same account replaced this one. */
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
