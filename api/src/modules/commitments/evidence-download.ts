// GET /files/evidence/:id: the bytes of an evidence file. Before it is attached, for its
// uploader; then for the office, the commitment's community staff and unit (policy
// 'evidence.read', commitments.policy.ts) — sign-in sheets and photos show residents.
//
// Every file is served as an attachment with its sniffed type, `nosniff` and a `sandbox` CSP:
// sniffing refuses what merely claims to be a photo, but not a polyglot (a valid JPEG that is
// also HTML or carries an executable), nor a PDF's scripts; served this way, no browser renders
// one as a page of this origin or runs its scripts.
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { RequestHandler } from 'express';
import type { App } from '../../app.js';
import { idOf } from '../../graphql/ids.js';
import { contextOf } from '../../http/responses.js';
import { canReadEvidence } from './commitments.policy.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { encodeEvidenceFileName, evidenceExtension } from './evidence-names.js';
import { NOT_FOUND, sendProblem, UNAUTHENTICATED } from './evidence-problems.js';
import { openEvidence } from './evidence.storage.js';

/** `If-None-Match` (weak comparison, as RFC 9110 prescribes for it). */
function matchesETag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function evidenceDownload(app: App): RequestHandler<{ id: string }> {
  const { logger } = app;

  return async (req, res) => {
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
      'Content-Disposition': `attachment; filename="evidence.${evidenceExtension(
        file.mimeType,
      )}"; filename*=UTF-8''${encodeEvidenceFileName(file.fileName)}`,
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
}
