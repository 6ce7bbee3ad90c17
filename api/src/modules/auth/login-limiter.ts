// Login attempts limited per username+IP, per username and per IP, counted in PostgreSQL
// (rate-limiter-flexible) so every API process shares the same counters.
import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';

export interface LoginLimiter {
  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(username: string, ip: string): Promise<number>;
  recordFailure(username: string, ip: string): Promise<void>;
  recordSuccess(username: string, ip: string): Promise<void>;
}

export function createLoginLimiter(orm: MikroORM, limits: Config['loginLimits']): LoginLimiter {
  const knex = orm.em.getConnection().getKnex();
  const limiter = (keyPrefix: string, points: number) =>
    new RateLimiterPostgres({
      storeClient: knex,
      storeType: 'knex',
      tableName: 'login_throttle',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix,
      points,
      duration: limits.windowSeconds,
    });
  const perUserAndIp = limiter('user_ip', limits.perUserAndIp);
  const perUser = limiter('user', limits.perUser);
  const perIp = limiter('ip', limits.perIp);
  const checks = (username: string, ip: string) =>
    [
      [perUserAndIp, `${username}|${ip}`, limits.perUserAndIp],
      [perUser, username, limits.perUser],
      [perIp, ip, limits.perIp],
    ] as const;

  return {
    async retryAfter(username, ip) {
      let wait = 0;
      for (const [store, key, points] of checks(username, ip)) {
        const res: RateLimiterRes | null = await store.get(key);
        if (res && res.consumedPoints >= points) {
          wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
        }
      }
      return wait;
    },
    async recordFailure(username, ip) {
      // penalty() adds a point without throwing once the limit is reached.
      await Promise.all(checks(username, ip).map(([store, key]) => store.penalty(key)));
    },
    async recordSuccess(username, ip) {
      await perUserAndIp.delete(`${username}|${ip}`);
    },
  };
}
