// Evidence bytes on disk, content-addressed: `<dataDir>/evidence/<first 2 hex>/<sha256>`.
// The same bytes are stored once however often they are uploaded; a file appears under its
// final name only complete (written to a temp file in the same folder, synced, then renamed).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/** The largest evidence file accepted, in bytes (10 MB). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** What evidence may be, decided from the content (never from the client's name or type). */
export const EVIDENCE_MIME_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
]);

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The MIME type sniffed from the bytes when it is one evidence may have, else null. */
export async function sniffEvidenceType(bytes: Uint8Array): Promise<string | null> {
  const type = await fileTypeFromBuffer(bytes);
  return type && EVIDENCE_MIME_TYPES.has(type.mime) ? type.mime : null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where the bytes with this hash live. Refuses anything that is not a hex SHA-256. */
export function evidencePath(dataDir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
  return path.join(dataDir, 'evidence', sha256.slice(0, 2), sha256);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Makes a rename in `dir` durable; best effort where directories cannot be synced. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms and file systems cannot fsync a directory; the rename is atomic anyway.
  } finally {
    await handle?.close();
  }
}

/**
 * Stores the bytes under their SHA-256 unless a complete copy is already there.
 * `written` says whether this call wrote them.
 */
export async function storeEvidence(
  dataDir: string,
  bytes: Uint8Array,
): Promise<{ sha256: string; path: string; written: boolean }> {
  const sha256 = sha256Hex(bytes);
  const target = evidencePath(dataDir, sha256);
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });

  const existing = await stat(target).catch((error: unknown) => {
    if (isMissing(error)) return null;
    throw error;
  });
  // Files only ever appear complete (rename below), so a file of the right size is this content.
  if (existing?.isFile() && existing.size === bytes.byteLength) {
    return { sha256, path: target, written: false };
  }

  const temp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Atomic within one folder; two uploads of the same bytes racing here both end up correct.
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
  return { sha256, path: target, written: true };
}

/** Opens stored bytes for reading; rejects with ENOENT when they are missing. */
export function openEvidence(dataDir: string, sha256: string): Promise<FileHandle> {
  return open(evidencePath(dataDir, sha256), 'r');
}
