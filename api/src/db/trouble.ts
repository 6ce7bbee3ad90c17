// What a database failure means to the client: a request that waited too long for a lock or a
// statement (nothing was changed: try again), or a database that cannot be reached (503).

export type DatabaseTrouble = 'TRY_AGAIN' | 'SERVICE_UNAVAILABLE';

/** SQLSTATEs after which the same request, sent again, can succeed; the transaction rolled back. */
const RETRYABLE = new Set([
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** The server is down, starting, shutting down, or refuses more connections. */
const UNAVAILABLE = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000', // connection_exception
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

const CONNECTION_LOST =
  /Connection terminated|terminating connection|Client has encountered a connection error|Timeout acquiring a connection/;

/** TRY_AGAIN, SERVICE_UNAVAILABLE, or null when the error is not the database's state (a bug). */
export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  // The driver's error may sit under the ORM's, which may sit under GraphQL's.
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const e = current as { code?: unknown; name?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (RETRYABLE.has(code)) return 'TRY_AGAIN';
    if (UNAVAILABLE.has(code)) return 'SERVICE_UNAVAILABLE';
    if (e.name === 'KnexTimeoutError') return 'SERVICE_UNAVAILABLE';
    if (typeof e.message === 'string' && CONNECTION_LOST.test(e.message))
      return 'SERVICE_UNAVAILABLE';
    const next = current as { originalError?: unknown; cause?: unknown; previous?: unknown };
    current = next.originalError ?? next.cause ?? next.previous;
  }
  return null;
}

export const TROUBLE_MESSAGES: Record<DatabaseTrouble, string> = {
  TRY_AGAIN:
    'Someone else is changing the same record right now, so nothing was changed. Try again in a moment.',
  SERVICE_UNAVAILABLE: 'The database cannot be reached right now. Try again in a moment.',
};

/** Seconds a client should wait before trying again (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;
