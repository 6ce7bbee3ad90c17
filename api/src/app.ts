// What lives for the whole process and is shared by every request: config, logger, ORM, limiters.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createLoginLimiter, type LoginLimiter } from './modules/auth/login-limiter.js';

export interface App {
  config: Config;
  logger: Logger;
  orm: MikroORM;
  loginLimiter: LoginLimiter;
}

export function createApp(config: Config, logger: Logger, orm: MikroORM): App {
  return { config, logger, orm, loginLimiter: createLoginLimiter(orm, config.loginLimits) };
}
