// The table rate-limiter-flexible keeps its login-failure counters in (shared by all API processes).
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points!: number;

  /** Epoch milliseconds after which the counter restarts. */
  @Property({ type: 'bigint', nullable: true })
  expire!: string | null;
}
