// HTTP routes for evidence files (佐证材料), mounted at /files:
//   POST /files/evidence      multipart/form-data with one file in the field `file` → 201 JSON
//   GET  /files/evidence/:id  the bytes: before it is attached, for its uploader; then for the
//                             office, the commitment's community staff and unit (policy
//                             'evidence.read') — sign-in sheets and photos show residents
// Both authenticate with `Authorization: Bearer <token>` exactly like /graphql, and answer errors
// as JSON in the GraphQL error shape: `{ errors: [{ message, extensions: { code } }] }`.
//
// Any signed-in user may upload: a file grants nothing until its uploader attaches it with
// `recordFulfilment`, which authorises through the policy ('commitment.write'). Size (10 MB,
// one file per request) and type (sniffed from the content) are capped here.
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import multer from 'multer';
import type { App } from '../../app.js';
import { contextOf, encodeFileName, sendError } from '../../http/responses.js';
import { idOf } from '../../graphql/relay.js';
import { can, type Viewer } from '../auth/policy.js';
import { EvidenceFile } from './evidence-file.entity.js';
import {
  MAX_EVIDENCE_BYTES,
  openEvidence,
  sniffEvidenceType,
  storeEvidence,
} from './evidence.storage.js';

export { MAX_EVIDENCE_BYTES };

/** The longest file name kept (the column's length, in characters). */
const MAX_FILE_NAME = 200;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
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

/**
 * Policy 'evidence.read': an unattached upload is its uploader's; an attached one belongs to the
 * commitment's unit and community, whoever uploaded it and however public the commitment is.
 */
function mayDownload(viewer: Viewer, file: EvidenceFile): boolean {
  const commitment = file.fulfilment?.commitment;
  return can(
    viewer,
    'evidence.read',
    commitment
      ? { communityId: commitment.community.id, unitId: commitment.unit.id }
      : { userId: file.uploadedBy.id },
  );
}

function uploadProblem(error: unknown): Problem {
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return {
          status: 413,
          code: 'FILE_TOO_LARGE',
          message: `The file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`,
        };
      case 'LIMIT_UNEXPECTED_FILE':
        return FILE_REQUIRED;
      case 'LIMIT_FILE_COUNT':
        return { status: 400, code: 'BAD_REQUEST', message: 'Upload one file at a time.' };
    }
  }
  return { status: 400, code: 'BAD_REQUEST', message: 'The upload is not a valid multipart form.' };
}

export function evidenceRouter(app: App): Router {
  const { logger } = app;
  const router = Router();

  const parseUpload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: MAX_EVIDENCE_BYTES,
      files: 1,
      fields: 5,
      fieldSize: 1024,
      parts: 6,
      headerPairs: 50,
    },
    // Browsers send file names as raw UTF-8 (e.g. 捐赠照片.jpg), not Latin-1.
    defParamCharset: 'utf8',
  }).single('file');

  /** Reads the multipart body; resolves with what is wrong with it, or null. */
  const receive = (req: Request, res: Response): Promise<Problem | null> =>
    new Promise((resolve) => {
      parseUpload(req, res, (error?: unknown) => {
        if (error === undefined || error === null) return resolve(null);
        if (!(error instanceof multer.MulterError)) {
          logger.warn({ err: error }, 'evidence upload could not be parsed');
        }
        resolve(uploadProblem(error));
      });
    });

  const upload: RequestHandler = async (req, res) => {
    // Authenticate before reading the body: anonymous requests never get to send 10 MB.
    const ctx = await contextOf(app, req);
    const user = ctx.viewer.user;
    if (!user) return sendProblem(res, UNAUTHENTICATED);

    const problem = await receive(req, res);
    if (problem) return sendProblem(res, problem);
    const file = req.file;
    if (!file?.buffer) return sendProblem(res, FILE_REQUIRED);
    if (file.buffer.byteLength === 0) {
      return sendProblem(res, { ...FILE_REQUIRED, message: 'The file is empty.' });
    }

    const mimeType = await sniffEvidenceType(file.buffer);
    if (!mimeType) {
      return sendProblem(res, {
        status: 415,
        code: 'UNSUPPORTED_FILE',
        message: 'Upload a photo (JPEG, PNG, WebP or HEIC) or a PDF.',
      });
    }

    const stored = await storeEvidence(app.config.dataDir, file.buffer);
    const evidence = ctx.em.create(EvidenceFile, {
      sha256: stored.sha256,
      fileName: evidenceFileName(file.originalname, mimeType),
      mimeType,
      size: file.buffer.byteLength,
      uploadedBy: user,
    });
    await ctx.em.flush();
    logger.debug(
      { evidenceId: evidence.id, size: evidence.size, written: stored.written },
      'evidence uploaded',
    );
    const url = `/files/evidence/${evidence.nodeId}`;
    res.status(201).location(url).json({
      id: evidence.nodeId,
      fileName: evidence.fileName,
      mimeType: evidence.mimeType,
      size: evidence.size,
      url,
    });
  };

  const download: RequestHandler<{ id: string }> = async (req, res) => {
    const ctx = await contextOf(app, req);
    if (!ctx.viewer.user) return sendProblem(res, UNAUTHENTICATED);
    const id = idOf(req.params.id, 'EvidenceFile');
    const file = id
      ? await ctx.em.findOne(EvidenceFile, id, { populate: ['fulfilment.commitment'] })
      : null;
    // Refused and unknown look the same, so IDs reveal nothing.
    if (!file || !mayDownload(ctx.viewer, file)) return sendProblem(res, NOT_FOUND);

    const etag = `"${file.sha256}"`;
    res.set({
      ETag: etag,
      'Cache-Control': 'private, max-age=3600',
      Vary: 'Authorization',
      'X-Content-Type-Options': 'nosniff',
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
      'Content-Disposition': `inline; filename*=UTF-8''${safeEncodeFileName(file.fileName)}`,
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

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    logger.error({ err: error, url: req.originalUrl }, 'evidence request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendProblem(res, {
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
    });
  };
  router.use(onError);

  return router;
}
