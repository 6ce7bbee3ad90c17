// The one structured logger (pino); modules take children of it.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, pretty = false): Logger {
  return pino({
    level,
    base: { service: 'gongjian-api' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', 'password'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  });
}
