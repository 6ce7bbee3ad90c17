// A login: an opaque bearer token, stored only as its SHA-256, revocable and expiring.
import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from './user.entity.js';

@Entity({ tableName: 'auth_session' })
@Index({ properties: ['user', 'revokedAt'] })
export class Session extends BaseEntity<'revokedAt' | 'userAgent' | 'ip'> {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Unique()
  @Property({ type: 'string', length: 64 })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;
}
