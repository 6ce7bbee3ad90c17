// What the non-GraphQL routes (downloads, uploads, feeds) share: the request's context, file
// names in headers, and errors in the same shape and with the same codes as GraphQL's.
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { App } from '../app.js';
import { createContext, type Context } from '../context.js';
import { databaseTrouble, RETRY_AFTER_SECONDS, TROUBLE_MESSAGES } from '../db/trouble.js';
import { INTERNAL_ERROR_MESSAGE } from '../graphql/errors.js';

export function contextOf(app: App, req: Request): Promise<Context> {
  return createContext(app, {
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    userAgent: req.get('user-agent') ?? null,
    authorization: req.get('authorization'),
  });
}

/** RFC 5987 `filename*`: percent-encoded UTF-8, with the characters it reserves encoded too. */
export function encodeFileName(name: string): string {
  return encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function contentDisposition(
  fileName: string,
  fallback: string,
  kind: 'attachment' | 'inline' = 'attachment',
): string {
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeFileName(fileName)}`;
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  if (status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
};

/** Answers a thrown error: client errors with their status, anything else logged and masked. */
export function sendThrown(
  app: App,
  req: Request,
  res: Response,
  error: unknown,
  what: string,
): void {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  const status = typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
  if (status && typeof code === 'string') {
    sendError(res, status, code, (error as Error).message);
    return;
  }
  const trouble = databaseTrouble(error);
  if (trouble) {
    app.logger.warn({ err: error, url: req.baseUrl }, `${what}: database ${trouble}`);
    res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    sendError(res, 503, trouble, TROUBLE_MESSAGES[trouble]);
    return;
  }
  app.logger.error({ err: error, url: redactSecrets(req.originalUrl) }, `${what} failed`);
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_ERROR_MESSAGE);
}

const CALENDAR_TOKEN = /(\/volunteer\/calendar\/)[^/?#]+/;

/** A URL fit for the logs: the calendar feed's token (its only key) is replaced. */
export function redactSecrets(url: string): string {
  return url.replace(CALENDAR_TOKEN, '$1[redacted]');
}

/** An error Express or its body parsers raised for the client's request, with its answer. */
export interface ClientError {
  status: number;
  code: string;
  message: string;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * What to tell the client about an error raised before a route's own code ran (a body that is
 * not JSON, too large, in another charset; a URL that does not decode), or null when the error
 * is ours (5xx: logged and masked by the caller). Messages are fixed texts, never the input.
 */
export function clientErrorOf(error: unknown, limits: { bodyLimit: string }): ClientError | null {
  const e = (error ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status =
    typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status < 400 || status > 499) return null;
  const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
  if (error instanceof URIError)
    return { status: 400, code, message: 'The URL is not valid: a %-escape does not decode.' };
  switch (e.type) {
    case 'entity.parse.failed':
      return { status, code, message: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return { status, code, message: `The request body is larger than ${limits.bodyLimit}.` };
    case 'charset.unsupported':
      return { status, code, message: 'Send the request body in UTF-8 (charset=utf-8).' };
    case 'encoding.unsupported':
      return { status, code, message: 'Send the request body uncompressed or gzip/deflate/br.' };
    case 'request.aborted':
      return { status, code, message: 'The request body ended before its stated length.' };
    case 'request.size.invalid':
      return { status, code, message: 'The request body does not match its Content-Length.' };
    case 'parameters.too.many':
      return { status, code, message: 'The request has too many parameters.' };
    default:
      return { status, code, message: 'The request is not valid.' };
  }
}

/**
 * The last handler of every route: what Express and the body parsers raise for a client's
 * request gets its own status and a message saying which; the database's trouble a 503; anything
 * else is ours, logged and masked. A response already under way is cut off.
 */
export function errorHandler(app: App): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      app.logger.error({ err: error, url: redactSecrets(req.originalUrl) }, 'response failed');
      res.destroy();
      return;
    }
    const client = clientErrorOf(error, app.config);
    if (client) sendError(res, client.status, client.code, client.message);
    else sendThrown(app, req, res, error, 'request');
  };
}
