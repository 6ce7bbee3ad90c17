// What the non-GraphQL routes (downloads, uploads, feeds) share: the request's context, file
// names in headers, and errors in the same shape and with the same codes as GraphQL's.
import type { Request, Response } from 'express';
import type { App } from '../app.js';
import { createContext, type Context } from '../context.js';
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
  app.logger.error({ err: error, url: req.baseUrl }, `${what} failed`);
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_ERROR_MESSAGE);
}

const CALENDAR_TOKEN = /(\/volunteer\/calendar\/)[^/?#]+/;

/** A URL fit for the logs: the calendar feed's token (its only key) is replaced. */
export function redactSecrets(url: string): string {
  return url.replace(CALENDAR_TOKEN, '$1[redacted]');
}
