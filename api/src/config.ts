// Every environment variable the API reads, typed and defaulted, in one place.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
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

/** Signs check-in codes outside production; published here, so refused in production. */
export const DEVELOPMENT_APP_SECRET = 'gongjian-development-secret-change-me';
/** Values this repository has shown as APP_SECRET: anyone could forge codes with them. */
const PUBLISHED_APP_SECRETS = [DEVELOPMENT_APP_SECRET, 'change-me-to-a-long-random-string-too'];
export const MIN_APP_SECRET_LENGTH = 32;
const MAKE_A_SECRET = 'Generate one with `openssl rand -base64 32` and set APP_SECRET to it';

/** APP_SECRET, which must be a long value of its own in production. */
function appSecret(isProduction: boolean): string {
  const value = optional('APP_SECRET');
  if (!isProduction) return value ?? DEVELOPMENT_APP_SECRET;
  if (value === undefined) {
    throw new Error(
      `APP_SECRET is not set. In production (NODE_ENV=production) it must be a long random value: it signs the shifts' check-in codes. ${MAKE_A_SECRET}.`,
    );
  }
  if (PUBLISHED_APP_SECRETS.includes(value)) {
    throw new Error(
      `APP_SECRET is a value published with Gongjian, so anyone could forge check-in codes with it. ${MAKE_A_SECRET}.`,
    );
  }
  if (value.length < MIN_APP_SECRET_LENGTH) {
    throw new Error(
      `APP_SECRET is too short (${value.length} characters; at least ${MIN_APP_SECRET_LENGTH} in production). ${MAKE_A_SECRET}.`,
    );
  }
  return value;
}

/**
 * Where a server listening on `host`:`port` is reached: that address, or `localhost` when it
 * listens on every interface or on loopback only.
 */
export function listenUrl(host: string, port: number): string {
  const anywhere = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost', ''];
  const name = anywhere.includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** An absolute http(s) address without a trailing slash (links are built onto it). */
function publicUrl(name: string, fallback: string): string {
  const raw = str(name, fallback);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute http(s) address, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new Error(`${name} must be an http(s) address without ? or #, got "${raw}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** DATA_DIR, resolved against the repository root. */
export function dataDirFromEnv(): string {
  return path.resolve(repoRoot, str('DATA_DIR', '.data'));
}

/**
 * The secret `npm start` signs with when APP_SECRET is not set: random, made on the first start
 * and kept in `<dataDir>/app-secret` (readable by its owner only), so codes survive restarts.
 */
export function appSecretInDataDir(dataDir: string): string {
  const file = path.join(dataDir, 'app-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    // Written whole under another name, then linked into place: a second process starting at
    // the same moment finds either no file or the complete one, and the first link wins.
    const draft = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_APP_SECRET_LENGTH) {
    throw new Error(
      `${file} holds no usable secret (fewer than ${MIN_APP_SECRET_LENGTH} characters): delete it to have a new one made, or set APP_SECRET.`,
    );
  }
  return secret;
}

export function loadConfig() {
  if (optional('LOGIN_MAX_FAILURES_PER_USER') !== undefined) {
    throw new Error(
      'LOGIN_MAX_FAILURES_PER_USER is gone: a username is no longer locked after failures from anywhere (anyone could lock out any account), only slowed down. Use LOGIN_SLOWDOWN_AFTER_FAILURES_PER_USER and LOGIN_SLOWDOWN_MS instead.',
    );
  }
  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dataDir = dataDirFromEnv();
  const host = str('HOST', '127.0.0.1');
  const port = int('PORT', 4000);
  const webPort = int('WEB_PORT', 3000);
  const webHost = str('WEB_HOST', host);
  return {
    nodeEnv,
    isProduction: nodeEnv === 'production',
    /** Where the API listens. */
    host,
    port,
    /** PostgreSQL; when unset, `npm start` runs an embedded server under dataDir. */
    databaseUrl: optional('DATABASE_URL'),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329, 1),
    /**
     * How long the API lets the database make a request wait. A blocked write fails fast with a
     * retryable TRY_AGAIN instead of holding a connection; migrations and seeds run without them.
     */
    db: {
      /** Connections in the API's pool (the health check has its own). */
      poolSize: int('DB_POOL_SIZE', 10, 1),
      /** Waiting for a row or table lock another request holds. */
      lockTimeoutMs: int('DB_LOCK_TIMEOUT_MS', 3000, 1),
      /** Any one statement. */
      statementTimeoutMs: int('DB_STATEMENT_TIMEOUT_MS', 15000, 1),
      /** Waiting for a free connection from the pool. */
      acquireTimeoutMs: int('DB_ACQUIRE_TIMEOUT_MS', 5000, 1),
    },
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
    /** A request's headers must arrive within this, its whole body within the next (slow clients). */
    headersTimeoutMs: int('HTTP_HEADERS_TIMEOUT_MS', 15000, 1),
    requestTimeoutMs: int('HTTP_REQUEST_TIMEOUT_MS', 120000, 1),
    maxPageSize: int('MAX_PAGE_SIZE', 100, 1),
    graphql: {
      maxDepth: int('GRAPHQL_MAX_DEPTH', 12, 1),
      maxCost: int('GRAPHQL_MAX_COST', 20000, 1),
      maxAliases: int('GRAPHQL_MAX_ALIASES', 20, 1),
      maxTokens: int('GRAPHQL_MAX_TOKENS', 2000, 1),
      introspection: bool('GRAPHQL_INTROSPECTION', nodeEnv !== 'production'),
    },
    loginLimits: {
      /** Attempts in a row (a success starts again) for one username from one IP, then refused. */
      perUserAndIp: int('LOGIN_MAX_FAILURES_PER_USER_IP', 10, 1),
      /**
       * Failures for one username from anywhere within the window after which each attempt at it
       * waits `slowdownMs`. Never a refusal: anyone could otherwise lock out any account.
       */
      perUser: int('LOGIN_SLOWDOWN_AFTER_FAILURES_PER_USER', 20, 1),
      slowdownMs: int('LOGIN_SLOWDOWN_MS', 1000),
      /** Failed attempts allowed from one IP within the window, then refused. */
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
    /** Evidence uploads (POST /files/evidence): what one user and the disk can take. */
    evidence: {
      /** Bytes one user may upload in any 24 hours, counted from the stored uploads. */
      dailyBytesPerUser: int('EVIDENCE_DAILY_BYTES_PER_USER', 200 * 1024 * 1024, 1),
      /** Uploads one user may have in progress at once (per API process). */
      concurrentPerUser: int('EVIDENCE_CONCURRENT_UPLOADS_PER_USER', 3, 1),
      /** Uploads one API process receives at once, all users together. */
      concurrentPerProcess: int('EVIDENCE_CONCURRENT_UPLOADS', 20, 1),
      /** Uploads not attached to a fulfilment record within this are deleted, bytes and all. */
      unattachedGraceHours: int('EVIDENCE_UNATTACHED_GRACE_HOURS', 24, 1),
      /** Uploads are refused (507) while the evidence's file system has less free than this. */
      minFreeBytes: int('EVIDENCE_MIN_FREE_BYTES', 1024 * 1024 * 1024, 0),
      /** Photos larger than this on either side, or in pixels, are refused (header only). */
      maxImageSide: int('EVIDENCE_MAX_IMAGE_SIDE', 12000, 1),
      maxImagePixels: int('EVIDENCE_MAX_IMAGE_PIXELS', 80_000_000, 1),
    },
    /** Signs short-lived codes (shift QR check-in); production refuses to start without its own. */
    appSecret: appSecret(nodeEnv === 'production'),
    /** Outgoing e-mail (reminders); unset means in-app notifications only. */
    smtpUrl: optional('SMTP_URL'),
    mailFrom: str('MAIL_FROM', 'Gongjian 共建 <no-reply@localhost>'),
    /**
     * Where people reach the web app and the API from outside: the check-in QR codes, calendar
     * feeds, links in e-mails. By default where the platform listens (WEB_HOST:WEB_PORT,
     * HOST:PORT); behind a proxy, or for phones on the network, set the address they use.
     */
    publicWebUrl: publicUrl('PUBLIC_WEB_URL', listenUrl(webHost, webPort)),
    publicApiUrl: publicUrl('PUBLIC_API_URL', listenUrl(host, port)),
    migrateOnStart: bool('MIGRATE_ON_START', true),
    /** Run background jobs (pg-boss, e.g. lapsing overdue commitments) in this API process. */
    jobsEnabled: bool('JOBS_ENABLED', true),
    /** The web app (started by `npm start`). */
    webPort,
    /** The web app's interface: the API's (loopback) unless set, e.g. 0.0.0.0 behind no proxy. */
    webHost,
    trustProxy: bool('TRUST_PROXY', false),
  };
}

export type Config = ReturnType<typeof loadConfig>;
