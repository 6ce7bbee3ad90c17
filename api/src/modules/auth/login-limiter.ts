// Sign-in attempts limited per username+IP and per IP, a username under attack from anywhere
// slowed down (never locked: anyone could lock out the office admin), and self-registrations per
// IP. Counted in PostgreSQL (rate-limiter-flexible) so every API process shares the counters.
//
// An attempt takes its points BEFORE the password is checked, in one atomic upsert per counter:
// attempts sent at once cannot all pass a check that reads the counters first. A success gives
// the address's point back and ends the username's run at that address.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';

export interface LoginLimiter {
  /**
   * Takes the slots for one sign-in attempt before its password is checked: seconds to wait when
   * refused, else 0 once the username's slowdown (if it is under attack) has been waited out.
   */
  beginAttempt(username: string, ip: string): Promise<number>;
  /** The attempt's password was wrong: its slots stay taken; counts towards the slowdown. */
  recordFailure(username: string, ip: string): Promise<void>;
  /** The attempt succeeded: the address gets its slot back and the username's run there ends. */
  recordSuccess(username: string, ip: string): Promise<void>;
  /** Takes one of the address's self-registrations; seconds to wait when none is left. */
  takeRegistration(ip: string): Promise<number>;
}

/** A counter key within the table's 255 characters, whatever a client sends as username or IP. */
const keyOf = (...parts: string[]) => {
  const key = parts.join('|');
  return key.length <= 200 ? key : createHash('sha256').update(key).digest('base64url');
};

/** Seconds to wait from consume()'s rejection; store errors propagate. */
function refusal(rejection: unknown): number {
  if (!(rejection instanceof RateLimiterRes)) throw rejection;
  return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
}

export function createLoginLimiter(orm: MikroORM, limits: Config['loginLimits']): LoginLimiter {
  const knex = orm.em.getConnection().getKnex();
  const limiter = (keyPrefix: string, points: number, duration = limits.windowSeconds) =>
    new RateLimiterPostgres({
      storeClient: knex,
      storeType: 'knex',
      tableName: 'login_throttle',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix,
      points,
      duration,
    });
  const perUserAndIp = limiter('user_ip', limits.perUserAndIp);
  const perIp = limiter('ip', limits.perIp);
  const perUser = limiter('user', limits.perUser);
  const registrations = limiter('register', limits.registrationsPerIpPerHour, 3600);

  return {
    async beginAttempt(username, ip) {
      const ipKey = keyOf(ip);
      try {
        await perIp.consume(ipKey);
      } catch (rejection) {
        return refusal(rejection);
      }
      try {
        await perUserAndIp.consume(keyOf(username, ip));
      } catch (rejection) {
        // Refused for this username: the address's other users keep their allowance.
        const wait = refusal(rejection);
        await perIp.reward(ipKey);
        return wait;
      }
      const underAttack = await perUser.get(keyOf(username));
      if (underAttack && underAttack.consumedPoints >= limits.perUser && limits.slowdownMs > 0) {
        await sleep(limits.slowdownMs);
      }
      return 0;
    },
    async recordFailure(username) {
      // penalty() adds a point without ever refusing: this counter only slows down.
      await perUser.penalty(keyOf(username));
    },
    async recordSuccess(username, ip) {
      await Promise.all([perIp.reward(keyOf(ip)), perUserAndIp.delete(keyOf(username, ip))]);
    },
    async takeRegistration(ip) {
      try {
        await registrations.consume(keyOf(ip));
        return 0;
      } catch (rejection) {
        return refusal(rejection);
      }
    },
  };
}
