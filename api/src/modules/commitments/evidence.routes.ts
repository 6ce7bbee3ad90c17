// HTTP routes for evidence files (佐证材料), mounted at /files:
//   POST /files/evidence      multipart/form-data with one file in the field `file` → 201 JSON
//   GET  /files/evidence/:id  the bytes: before it is attached, for its uploader; then for the
//                             office, the commitment's community staff and unit (policy
//                             'evidence.read') — sign-in sheets and photos show residents
// Both authenticate with `Authorization: Bearer <token>` exactly like /graphql, and answer errors
// as JSON in the GraphQL error shape: `{ errors: [{ message, extensions: { code } }] }`.
//
// Any signed-in user may upload: a file grants nothing until its uploader attaches it with
// `recordFulfilment`, which authorises through the policy ('commitment.write'). What an upload
// may cost is capped here: 10 MB and one file per request, type sniffed from the content, image
// dimensions read from the header, bytes per user per 24 hours and uploads in progress per user
// and per process (config `evidence`), and a floor of free disk. The body is streamed to a temp
// file beside the stored evidence (evidence.storage.ts), never held in memory; unattached
// uploads are deleted after a grace period (evidence.jobs.ts).
//
// Every file is served as an attachment with its sniffed type, `nosniff` and a `sandbox` CSP:
// sniffing refuses what merely claims to be a photo, but not a polyglot (a valid JPEG that is
// also HTML or carries an executable), nor a PDF's scripts; served this way, no browser renders
// one as a page of this origin or runs its scripts.
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { App } from '../../app.js';
import { contextOf, encodeFileName, sendError } from '../../http/responses.js';
import { idOf } from '../../graphql/ids.js';
import { User } from '../auth/user.entity.js';
import { canReadEvidence } from './commitments.policy.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { bytesUploadedToday, lockEvidenceBytes, lockUploader } from './evidence.jobs.js';
import {
  freeEvidenceBytes,
  imageDimensions,
  MAX_EVIDENCE_BYTES,
  openEvidence,
  placeEvidence,
  receiveEvidence,
  removeFile,
  sniffEvidenceFile,
  type IncomingEvidence,
} from './evidence.storage.js';

export { MAX_EVIDENCE_BYTES };

/** The longest file name kept (the column's length, in characters). */
const MAX_FILE_NAME = 200;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'application/pdf': 'pdf',
};

interface Problem {
  status: number;
  code: string;
  message: string;
}

const sendProblem = (res: Response, { status, code, message }: Problem): void =>
  sendError(res, status, code, message);

const UNAUTHENTICATED: Problem = {
  status: 401,
  code: 'UNAUTHENTICATED',
  message: 'Sign in first.',
};
const FILE_REQUIRED: Problem = {
  status: 400,
  code: 'FILE_REQUIRED',
  message: 'Send one file in the form field "file".',
};
const NOT_FOUND: Problem = { status: 404, code: 'NOT_FOUND', message: 'No such file.' };

/** The request's context (em fork and viewer), built exactly as for /graphql. */

/** Control, format and bidirectional characters: invisible, or able to disguise an extension. */
function isUnsafeCodePoint(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff
  );
}

/**
 * The name shown for an upload: the client's base name without path, control or bidi
 * characters, NFC, at most 200 characters (keeping a short extension), never empty.
 */
export function evidenceFileName(original: string | undefined, mimeType: string): string {
  const base = (original ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC')]
    .filter((ch) => !isUnsafeCodePoint(ch.codePointAt(0)!))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const name = cleaned || `evidence.${EXTENSIONS[mimeType] ?? 'bin'}`;
  const chars = [...name];
  if (chars.length <= MAX_FILE_NAME) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
  return [...chars.slice(0, MAX_FILE_NAME - extension.length), ...extension].join('');
}

/** RFC 8187 value for `filename*=UTF-8''…`. */
function safeEncodeFileName(name: string): string {
  try {
    return encodeFileName(name);
  } catch {
    return 'evidence'; // a lone surrogate cannot be percent-encoded
  }
}

/** `If-None-Match` (weak comparison, as RFC 9110 prescribes for it). */
function matchesETag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

const MB = 1024 * 1024;
const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;

/**
 * Generously more than a multipart body adds around one file and the few small fields allowed
 * (see the limits below), so an early refusal by Content-Length never refuses a file that fits.
 */
const MULTIPART_OVERHEAD = 128 * 1024;

const fileTooLarge = (): Problem => ({
  status: 413,
  code: 'FILE_TOO_LARGE',
  message: `The file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`,
});

const quotaExceeded = (cap: number, used: number): Problem => ({
  status: 429,
  code: 'QUOTA_EXCEEDED',
  message: `You may upload ${megabytes(cap)} of evidence in 24 hours and have ${megabytes(
    Math.max(0, cap - used),
  )} left: this file does not fit. Try again tomorrow, or attach fewer or smaller files.`,
});

const TOO_MANY_UPLOADS: Problem = {
  status: 429,
  code: 'TOO_MANY_UPLOADS',
  message: 'Too many uploads are in progress; wait for them to finish, then try again.',
};

const INSUFFICIENT_STORAGE: Problem = {
  status: 507,
  code: 'INSUFFICIENT_STORAGE',
  message:
    'The server is running out of disk space, so uploads are paused. Try again later; the administrator has been told.',
};

const UNSUPPORTED_FILE: Problem = {
  status: 415,
  code: 'UNSUPPORTED_FILE',
  message: 'Upload a photo (JPEG, PNG, WebP or HEIC) or a PDF.',
};

/** What multer's error means for an upload allowed `allowed` bytes (the quota may be less). */
function uploadProblem(error: unknown, allowed: number, quota: () => Problem): Problem {
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return allowed < MAX_EVIDENCE_BYTES ? quota() : fileTooLarge();
      case 'LIMIT_UNEXPECTED_FILE':
        return FILE_REQUIRED;
      case 'LIMIT_FILE_COUNT':
        return { status: 400, code: 'BAD_REQUEST', message: 'Upload one file at a time.' };
    }
  }
  return { status: 400, code: 'BAD_REQUEST', message: 'The upload is not a valid multipart form.' };
}

/** Stores the file part in a temp file as it arrives (hashing it on the way), never in memory. */
function streamingStorage(dataDir: string): multer.StorageEngine {
  return {
    _handleFile(_req, file, callback) {
      receiveEvidence(dataDir, file.stream).then(
        (incoming) => callback(null, incoming),
        (error: unknown) => callback(error),
      );
    },
    _removeFile(_req, file, callback) {
      removeFile(file.path).then(
        () => callback(null),
        (error: unknown) => callback(error as Error),
      );
    },
  };
}

/** The declared body length, when there is a sane one. */
function declaredLength(req: Request): number | null {
  const raw = req.get('content-length');
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

export function evidenceRouter(app: App): Router {
  const { logger } = app;
  const limits = app.config.evidence;
  const { dataDir } = app.config;
  const router = Router();
  const storage = streamingStorage(dataDir);

  // Uploads being received by this process, in all and per user.
  let inProgress = 0;
  const inProgressByUser = new Map<number, number>();

  /** Reads the multipart body into a temp file; resolves with what is wrong with it, or null. */
  const receive = (
    req: Request,
    res: Response,
    allowed: number,
    quota: () => Problem,
  ): Promise<Problem | null> =>
    new Promise((resolve) => {
      multer({
        storage,
        limits: {
          fileSize: allowed,
          files: 1,
          fields: 5,
          fieldSize: 1024,
          parts: 6,
          headerPairs: 50,
        },
        // Browsers send file names as raw UTF-8 (e.g. 捐赠照片.jpg), not Latin-1.
        defParamCharset: 'utf8',
      }).single('file')(req, res, (error?: unknown) => {
        if (error === undefined || error === null) return resolve(null);
        if (!(error instanceof multer.MulterError)) {
          logger.warn({ err: error }, 'evidence upload could not be parsed');
        }
        resolve(uploadProblem(error, allowed, quota));
      });
    });

  /** Checks a received file; the problem with it, or its type. */
  const inspect = async (incoming: IncomingEvidence): Promise<Problem | string> => {
    if (incoming.size === 0) return { ...FILE_REQUIRED, message: 'The file is empty.' };
    const mimeType = await sniffEvidenceFile(incoming.path);
    if (!mimeType) return UNSUPPORTED_FILE;
    if (mimeType.startsWith('image/')) {
      // The header's claim, not decoded pixels: a decompression bomb is refused before any
      // viewer or thumbnailer gets to allocate width × height × 4 bytes for it.
      const size = await imageDimensions(incoming.path);
      if (!size) {
        return { ...UNSUPPORTED_FILE, message: 'The image is damaged: its size cannot be read.' };
      }
      const { width, height } = size;
      if (
        width > limits.maxImageSide ||
        height > limits.maxImageSide ||
        width * height > limits.maxImagePixels
      ) {
        return {
          status: 422,
          code: 'IMAGE_TOO_LARGE',
          message: `The image is ${width} × ${height} pixels; at most ${limits.maxImageSide} pixels a side and ${limits.maxImagePixels / 1_000_000} megapixels are accepted.`,
        };
      }
    }
    return mimeType;
  };

  const receiveAndStore = async (
    req: Request,
    res: Response,
    em: EntityManager,
    userId: number,
  ): Promise<void> => {
    const cap = limits.dailyBytesPerUser;
    const declared = declaredLength(req);

    // Refusals before the body is read: nothing is written, and Node drains and drops the body.
    if ((await freeEvidenceBytes(dataDir)) < limits.minFreeBytes + (declared ?? 0)) {
      logger.error(
        { minFreeBytes: limits.minFreeBytes },
        'evidence uploads refused: the evidence directory is short of free disk space',
      );
      return sendProblem(res, INSUFFICIENT_STORAGE);
    }
    if (declared !== null && declared > MAX_EVIDENCE_BYTES + MULTIPART_OVERHEAD) {
      return sendProblem(res, fileTooLarge());
    }
    // A first look, without the lock: the answer only ever shrinks while the body arrives, and
    // the transaction below decides.
    const usedBefore = await bytesUploadedToday(em, userId);
    const quota = () => quotaExceeded(cap, usedBefore);
    const left = cap - usedBefore;
    if (left <= 0 || (declared !== null && declared - MULTIPART_OVERHEAD > left)) {
      return sendProblem(res, quota());
    }

    const allowed = Math.min(MAX_EVIDENCE_BYTES, left);
    const problem = await receive(req, res, allowed, quota);
    if (problem) return sendProblem(res, problem);
    const incoming = req.file as (Express.Multer.File & IncomingEvidence) | undefined;
    if (!incoming?.path) return sendProblem(res, FILE_REQUIRED);
    try {
      const mimeType = await inspect(incoming);
      if (typeof mimeType !== 'string') return sendProblem(res, mimeType);

      // The row first, under the user's lock: one user's uploads check and take their share one
      // at a time, in every API process. Two statements, so the lock is held for milliseconds.
      const stored = await em.transactional(async (tx) => {
        const txEm = tx as EntityManager;
        await lockUploader(txEm, userId);
        const used = await bytesUploadedToday(txEm, userId);
        if (used + incoming.size > cap) return quotaExceeded(cap, used);
        const evidence = txEm.create(EvidenceFile, {
          sha256: incoming.sha256,
          fileName: evidenceFileName(incoming.originalname, mimeType),
          mimeType,
          size: incoming.size,
          uploadedBy: txEm.getReference(User, userId),
        });
        await txEm.flush();
        return evidence;
      });
      if (!(stored instanceof EvidenceFile)) return sendProblem(res, stored);

      // Then the bytes, under their own lock. The row is committed, so the cleanup job keeps a
      // copy already in place; and one it withdrew just before is put back from this upload.
      let written: boolean | undefined;
      try {
        await (app.orm.em.fork() as EntityManager).transactional(async (tx) => {
          await lockEvidenceBytes(tx as EntityManager, incoming.sha256);
          written = (await placeEvidence(dataDir, incoming)).written;
        });
      } catch (error) {
        // Placed, and only ending the (write-less) transaction failed: the upload stands.
        if (written === undefined) {
          await app.orm.em
            .fork()
            .nativeDelete(EvidenceFile, { id: stored.id })
            .catch((err: unknown) =>
              logger.warn({ err, evidenceId: stored.id }, 'evidence row without bytes remains'),
            );
          throw error;
        }
      }

      logger.debug({ evidenceId: stored.id, size: stored.size, written }, 'evidence uploaded');
      const url = `/files/evidence/${stored.nodeId}`;
      res.status(201).location(url).json({
        id: stored.nodeId,
        fileName: stored.fileName,
        mimeType: stored.mimeType,
        size: stored.size,
        url,
      });
    } finally {
      // Gone already when it was moved into place; otherwise refused or failed: never kept.
      await removeFile(incoming.path);
    }
  };

  const upload: RequestHandler = async (req, res) => {
    // Authenticate before reading the body: anonymous requests never get to send 10 MB.
    const ctx = await contextOf(app, req);
    const user = ctx.viewer.user;
    if (!user) return sendProblem(res, UNAUTHENTICATED);

    const mine = inProgressByUser.get(user.id) ?? 0;
    if (mine >= limits.concurrentPerUser || inProgress >= limits.concurrentPerProcess) {
      res.set('Retry-After', '5');
      return sendProblem(res, TOO_MANY_UPLOADS);
    }
    inProgress++;
    inProgressByUser.set(user.id, mine + 1);
    try {
      await receiveAndStore(req, res, ctx.em as EntityManager, user.id);
    } finally {
      inProgress--;
      const left = (inProgressByUser.get(user.id) ?? 1) - 1;
      if (left > 0) inProgressByUser.set(user.id, left);
      else inProgressByUser.delete(user.id);
    }
  };

  const download: RequestHandler<{ id: string }> = async (req, res) => {
    const ctx = await contextOf(app, req);
    if (!ctx.viewer.user) return sendProblem(res, UNAUTHENTICATED);
    const id = idOf(req.params.id, 'EvidenceFile');
    const file = id
      ? await ctx.em.findOne(EvidenceFile, id, { populate: ['fulfilment.commitment'] })
      : null;
    // Refused and unknown look the same, so IDs reveal nothing.
    if (!file || !canReadEvidence(ctx.viewer, file)) return sendProblem(res, NOT_FOUND);

    const etag = `"${file.sha256}"`;
    res.set({
      ETag: etag,
      'Cache-Control': 'private, max-age=3600',
      Vary: 'Authorization',
      'X-Content-Type-Options': 'nosniff',
      // Should the file still be opened as a document, it can run nothing and reach nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    if (matchesETag(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }

    let handle: FileHandle;
    try {
      handle = await openEvidence(app.config.dataDir, file.sha256);
    } catch (error) {
      throw new Error(`evidence file ${file.id}: its bytes ${file.sha256} cannot be read`, {
        cause: error,
      });
    }
    let size: number;
    try {
      size = (await handle.stat()).size;
    } catch (error) {
      await handle.close();
      throw error;
    }
    res.status(200).set({
      'Content-Type': file.mimeType,
      'Content-Length': String(size),
      // Always a download, under the uploaded name escaped (RFC 6266/8187), with a plain fallback;
      // <img> shows an attachment all the same.
      'Content-Disposition': `attachment; filename="evidence.${
        EXTENSIONS[file.mimeType] ?? 'bin'
      }"; filename*=UTF-8''${safeEncodeFileName(file.fileName)}`,
    });
    try {
      await pipeline(handle.createReadStream(), res);
    } catch (error) {
      // Most often the client went away; either way the response can only be cut short now.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        logger.error({ err: error, evidenceId: file.id }, 'evidence download failed');
      }
      res.destroy();
    }
  };

  router.post('/evidence', upload);
  router.get('/evidence/:id', download);
  // Errors go on to the server's handler (http/responses.ts `errorHandler`).

  return router;
}
