// POST /files/evidence: multipart/form-data with one file in the field `file` → 201 JSON.
//
// Any signed-in user may upload: a file grants nothing until its uploader attaches it with
// `recordFulfilment`, which authorises through the policy ('commitment.write'). What an upload
// may cost is capped here: 10 MB and one file per request, type sniffed from the content, image
// dimensions read from the header, bytes per user per 24 hours and uploads in progress per user
// and per process (config `evidence`), and a floor of free disk. The body is streamed to a temp
// file beside the stored evidence (evidence.storage.ts), never held in memory; unattached
// uploads are deleted after a grace period (evidence.jobs.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { App } from '../../app.js';
import { contextOf } from '../../http/responses.js';
import { User } from '../auth/user.entity.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { evidenceFileName } from './evidence-names.js';
import {
  FILE_REQUIRED,
  fileTooLarge,
  INSUFFICIENT_STORAGE,
  quotaExceeded,
  sendProblem,
  TOO_MANY_UPLOADS,
  UNAUTHENTICATED,
  UNSUPPORTED_FILE,
  type Problem,
} from './evidence-problems.js';
import { bytesUploadedToday, lockEvidenceBytes, lockUploader } from './evidence.jobs.js';
import {
  freeEvidenceBytes,
  imageDimensions,
  MAX_EVIDENCE_BYTES,
  placeEvidence,
  receiveEvidence,
  removeFile,
  sniffEvidenceFile,
  type IncomingEvidence,
} from './evidence.storage.js';

/**
 * Generously more than a multipart body adds around one file and the few small fields allowed
 * (see the limits below), so an early refusal by Content-Length never refuses a file that fits.
 */
const MULTIPART_OVERHEAD = 128 * 1024;

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

export function evidenceUpload(app: App): RequestHandler {
  const { logger } = app;
  const limits = app.config.evidence;
  const { dataDir } = app.config;
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
    // A refusal is answered once the temporary file is gone, so nothing of it outlives the answer.
    const refuse = async (problem: Problem) => {
      await removeFile(incoming.path);
      sendProblem(res, problem);
    };
    try {
      const mimeType = await inspect(incoming);
      if (typeof mimeType !== 'string') return await refuse(mimeType);

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
      if (!(stored instanceof EvidenceFile)) return await refuse(stored);

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

  return async (req, res) => {
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
}
