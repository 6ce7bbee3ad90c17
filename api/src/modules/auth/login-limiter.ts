// Login attempts limited per username+IP, per username and per IP, and self-registrations per
// IP, counted in PostgreSQL (rate-limiter-flexible) so every API process shares the counters.
import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';

export interface LoginLimiter {
  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(username: string, ip: string): Promise<number>;
  recordFailure(username: string, ip: string): Promise<void>;
  recordSuccess(username: string, ip: string): Promise<void>;
  /** Takes one of the address's self-registrations; seconds to wait when none is left. */
  takeRegistration(ip: string): Promise<number>;
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
  const registrations = new RateLimiterPostgres({
    storeClient: knex,
    storeType: 'knex',
    tableName: 'login_throttle',
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: 'register',
    points: limits.registrationsPerIpPerHour,
    duration: 3600,
  });
  const checks = (username: string, ip: string) =>
    [
      [perUserAndIp, `${username}|${ip}`, limits.perUserAndIp],
      [perUser, username, limits.perUser],
      [perIp, ip, limits.perIp],
    ] as const;

  return {
    async retryAfter(username, ip) {
      const states = await Promise.all(
        checks(username, ip).map(async ([store, key, points]) => ({
          res: await store.get(key),
          points,
        })),
      );
      return Math.max(
        0,
        ...states
          .filter(({ res, points }) => res !== null && res.consumedPoints >= points)
          .map(({ res }) => Math.ceil((res as RateLimiterRes).msBeforeNext / 1000)),
      );
    },
    async recordFailure(username, ip) {
      // penalty() adds a point without throwing once the limit is reached.
      await Promise.all(checks(username, ip).map(([store, key]) => store.penalty(key)));
    },
    async recordSuccess(username, ip) {
      await perUserAndIp.delete(`${username}|${ip}`);
    },
    async takeRegistration(ip) {
      try {
        await registrations.consume(ip);
        return 0;
      } catch (rejection) {
        // consume() rejects with the limiter's state once no point is left.
        if (rejection instanceof Error) throw rejection;
        return Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000);
      }
    },
  };
}
