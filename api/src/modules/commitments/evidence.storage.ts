// Evidence bytes on disk, content-addressed: `<dataDir>/evidence/<first 2 hex>/<sha256>`.
// The same bytes are stored once however often they are uploaded; a file appears under its
// final name only complete. An upload is streamed (never held whole in memory) into
// `<dataDir>/evidence/.incoming/`, hashed on the way, synced, checked, then renamed into place:
// the same file system, so the move is atomic and copies nothing.
import { createHash, randomBytes } from 'node:crypto';
import {
  mkdir,
  open,
  readdir,
  rename,
  stat,
  statfs,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { imageSize } from 'image-size';

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

/** Uploads being received; a name here is never a stored file. */
const INCOMING = '.incoming';
/** Bytes on their way out (cleanup): renamed here, deleted once the rows' deletion committed. */
const OUTGOING = '.outgoing';

/** `<dataDir>/evidence`: stored files, uploads being received, and nothing else. */
export function evidenceRoot(dataDir: string): string {
  return path.join(dataDir, 'evidence');
}

export function incomingDir(dataDir: string): string {
  return path.join(evidenceRoot(dataDir), INCOMING);
}

/**
 * The MIME type sniffed from the bytes when it is one evidence may have, else null.
 *
 * file-type reads the leading magic number, so HTML, scripts and executables (PE `MZ`, ELF, …)
 * are refused however they are named. A polyglot (a real JPEG with HTML or a PE appended, or in
 * a comment segment) still sniffs as a JPEG: no header check can refuse it. What makes it
 * harmless is how it is served (evidence-download.ts): with the sniffed type, `nosniff`, as an
 * attachment and under a `sandbox` CSP, so no browser ever runs it as a page or a script.
 * Reads only as much of the file as the sniffing needs.
 */
export async function sniffEvidenceFile(filePath: string): Promise<string | null> {
  const type = await fileTypeFromFile(filePath);
  return type && EVIDENCE_MIME_TYPES.has(type.mime) ? type.mime : null;
}

/**
 * An image's declared width and height, read from its header only (the first 64 KiB, or 1 MiB
 * when metadata comes first); null when the header cannot be read. Nothing is decoded, so a
 * 100000 × 100000 PNG of a few bytes costs nothing here.
 */
export async function imageDimensions(
  filePath: string,
): Promise<{ width: number; height: number } | null> {
  const handle = await open(filePath, 'r');
  try {
    for (const length of [64 * 1024, 1024 * 1024]) {
      const head = new Uint8Array(length);
      const { bytesRead } = await handle.read(head, 0, length, 0);
      try {
        const { width, height } = imageSize(head.subarray(0, bytesRead));
        if (Number.isFinite(width) && Number.isFinite(height)) return { width, height };
      } catch {
        // Not found within this much: try more, then give up.
      }
      if (bytesRead < length) break;
    }
    return null;
  } finally {
    await handle.close();
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where the bytes with this hash live. Refuses anything that is not a hex SHA-256. */
export function evidencePath(dataDir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
  return path.join(evidenceRoot(dataDir), sha256.slice(0, 2), sha256);
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

/** Deletes a file; one that is already gone is fine. */
export async function removeFile(filePath: string): Promise<void> {
  await unlink(filePath).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

/** Bytes free for unprivileged writers on the file system holding the evidence. */
export async function freeEvidenceBytes(dataDir: string): Promise<number> {
  const root = evidenceRoot(dataDir);
  await mkdir(root, { recursive: true });
  const fs = await statfs(root);
  return fs.bavail * fs.bsize;
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.byteLength;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** An upload written to a temp file: where, how many bytes, and their SHA-256. */
export interface IncomingEvidence {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Streams `source` into a new temp file under `.incoming`, hashing and counting the bytes as
 * they pass (the memory used is the streams' buffers, whatever the size), then syncs it. On any
 * failure, the source's included, the temp file is removed and the error rethrown.
 */
export async function receiveEvidence(
  dataDir: string,
  source: Readable,
): Promise<IncomingEvidence> {
  const dir = incomingDir(dataDir);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let handle: FileHandle | undefined;
  try {
    const file = await open(temp, 'wx', 0o640);
    handle = file;
    // Each chunk is hashed and written before the next is asked for (back-pressure).
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.byteLength;
        writeAll(file, chunk).then(() => callback(), callback);
      },
    });
    await pipeline(source, sink);
    await file.sync();
    await file.close();
    handle = undefined;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await removeFile(temp).catch(() => undefined);
    throw error;
  }
  return { path: temp, size, sha256: hash.digest('hex') };
}

/**
 * Moves a received upload to its place under its SHA-256, unless a complete copy is already
 * there (then the temp file is removed). `written` says whether this call put the bytes there.
 * Callers hold the hash's lock (evidence.jobs.ts `lockEvidenceBytes`) and have committed the
 * row that refers to the bytes, so the cleanup job either sees that row and keeps a copy found
 * here, or withdrew the copy before and this call writes it anew.
 */
export async function placeEvidence(
  dataDir: string,
  incoming: IncomingEvidence,
): Promise<{ path: string; written: boolean }> {
  const target = evidencePath(dataDir, incoming.sha256);
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const existing = await stat(target).catch((error: unknown) => {
    if (isMissing(error)) return null;
    throw error;
  });
  // Files only ever appear complete (rename), so a file of the right size is this content.
  if (existing?.isFile() && existing.size === incoming.size) {
    await removeFile(incoming.path);
    return { path: target, written: false };
  }
  // Atomic within one file system; two uploads of the same bytes racing here both end up right.
  await rename(incoming.path, target);
  await syncDirectory(dir);
  return { path: target, written: true };
}

/**
 * Takes the bytes of `sha256` out of their place before the rows' deletion commits: renamed
 * under `.outgoing`, so `commit()` deletes them for good and `restore()` puts them back. Nothing
 * to do when they are already gone.
 */
export async function withdrawEvidence(
  dataDir: string,
  sha256: string,
): Promise<{ commit(): Promise<void>; restore(): Promise<void> }> {
  const target = evidencePath(dataDir, sha256);
  const outDir = path.join(evidenceRoot(dataDir), OUTGOING);
  await mkdir(outDir, { recursive: true });
  const parked = path.join(outDir, `${sha256}.${randomBytes(6).toString('hex')}`);
  try {
    await rename(target, parked);
  } catch (error) {
    if (!isMissing(error)) throw error;
    return { commit: async () => undefined, restore: async () => undefined };
  }
  return {
    commit: () => removeFile(parked),
    restore: () => rename(parked, target),
  };
}

/**
 * Deletes what a crashed process left in `.incoming` and `.outgoing` (an upload in progress is
 * younger than `olderThan`); returns how many files went.
 */
export async function sweepLeftovers(dataDir: string, olderThan: Date): Promise<number> {
  let removed = 0;
  for (const name of [INCOMING, OUTGOING]) {
    const dir = path.join(evidenceRoot(dataDir), name);
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(dir, entry.name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtime < olderThan) {
        await removeFile(file);
        removed++;
      }
    }
  }
  return removed;
}

/** Opens stored bytes for reading; rejects with ENOENT when they are missing. */
export function openEvidence(dataDir: string, sha256: string): Promise<FileHandle> {
  return open(evidencePath(dataDir, sha256), 'r');
}
