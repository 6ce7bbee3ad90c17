// Every environment variable the API reads, typed and defaulted, in one place.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function str(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function int(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(name, fallback);
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

export function loadConfig() {
  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dataDir = path.resolve(repoRoot, str('DATA_DIR', '.data'));
  return {
    nodeEnv,
    isProduction: nodeEnv === 'production',
    /** Where the API listens. */
    host: str('HOST', '127.0.0.1'),
    port: int('PORT', 4000),
    /** PostgreSQL; when unset, `npm start` runs an embedded server under dataDir. */
    databaseUrl: optional('DATABASE_URL'),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329, 1),
    dataDir,
    logLevel: oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    /** Lifetime of a login token. */
    tokenTtlHours: int('TOKEN_TTL_HOURS', 24 * 14, 1),
    /** Largest accepted JSON request body (spreadsheet imports travel base64 inside it). */
    bodyLimit: str('BODY_LIMIT', '8mb'),
    maxPageSize: int('MAX_PAGE_SIZE', 100, 1),
    graphql: {
      maxDepth: int('GRAPHQL_MAX_DEPTH', 12, 1),
      maxCost: int('GRAPHQL_MAX_COST', 20000, 1),
      maxAliases: int('GRAPHQL_MAX_ALIASES', 20, 1),
      maxTokens: int('GRAPHQL_MAX_TOKENS', 2000, 1),
      introspection: bool('GRAPHQL_INTROSPECTION', nodeEnv !== 'production'),
    },
    loginLimits: {
      /** Consecutive failures allowed for one username from one IP before blocking. */
      perUserAndIp: int('LOGIN_MAX_FAILURES_PER_USER_IP', 10, 1),
      /** Failures allowed for one username from anywhere within the window. */
      perUser: int('LOGIN_MAX_FAILURES_PER_USER', 50, 1),
      /** Failures allowed from one IP within the window. */
      perIp: int('LOGIN_MAX_FAILURES_PER_IP', 100, 1),
      windowSeconds: int('LOGIN_FAILURE_WINDOW_SECONDS', 15 * 60, 1),
      /** Volunteer self-registrations accepted from one IP per hour. */
      registrationsPerIpPerHour: int('REGISTRATIONS_PER_IP_PER_HOUR', 20, 1),
    },
    shifts: {
      /** Volunteers may cancel their own place until this many minutes before the start. */
      cancelCutoffMinutes: int('SHIFT_CANCEL_CUTOFF_MINUTES', 120),
      /** Service time is rounded to this many minutes… */
      hoursRoundingMinutes: int('HOURS_ROUNDING_MINUTES', 15, 1),
      /** …down (the national rule counts actual time served), to the nearest, or up. */
      hoursRoundingMode: oneOf('HOURS_ROUNDING_MODE', ['down', 'nearest', 'up'] as const, 'down'),
      /** How long a shift's check-in QR code stays valid. */
      qrCodeTtlSeconds: int('SHIFT_QR_TTL_SECONDS', 300, 30),
      /** Hours for one to five stars. */
      starLevelHours: str('STAR_LEVEL_HOURS', '100,300,600,1000,1500')
        .split(',')
        .map((h) => {
          const hours = Number(h.trim());
          if (!Number.isFinite(hours) || hours <= 0)
            throw new Error(`STAR_LEVEL_HOURS: "${h}" is not a number of hours`);
          return hours;
        }),
      /** Reminders go out this many hours before a confirmed shift. */
      reminderHours: [24, 2] as const,
    },
    pairing: {
      /** A pairing with no supervision for this many days is overdue (alert job and flag). */
      supervisionOverdueDays: int('SUPERVISION_OVERDUE_DAYS', 14, 1),
    },
    /** Signs short-lived codes (shift QR check-in). Set a long random value in production. */
    appSecret: str('APP_SECRET', 'gongjian-development-secret-change-me'),
    /** Outgoing e-mail (reminders); unset means in-app notifications only. */
    smtpUrl: optional('SMTP_URL'),
    mailFrom: str('MAIL_FROM', 'Gongjian 共建 <no-reply@localhost>'),
    /** Where people reach the web app and the API from outside (links in e-mails, calendar feeds). */
    publicWebUrl: str('PUBLIC_WEB_URL', 'http://localhost:3000'),
    publicApiUrl: str('PUBLIC_API_URL', 'http://localhost:4000'),
    /** Seed the Qingshan demo data when the database is empty (used by `npm start`). */
    seedDemo: bool('SEED_DEMO', false),
    migrateOnStart: bool('MIGRATE_ON_START', true),
    /** Run background jobs (pg-boss, e.g. lapsing overdue commitments) in this API process. */
    jobsEnabled: bool('JOBS_ENABLED', true),
    /** The web app (started by `npm start`). */
    webPort: int('WEB_PORT', 3000),
    trustProxy: bool('TRUST_PROXY', false),
  };
}

export type Config = ReturnType<typeof loadConfig>;
