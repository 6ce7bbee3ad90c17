// Names of evidence files: the one kept for an upload (cleaned of paths, control and bidi
// characters) and how it is written into a download's Content-Disposition.
import { encodeFileName } from '../../http/responses.js';

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

/** The extension for a sniffed type; `bin` for one without. */
export const evidenceExtension = (mimeType: string): string => EXTENSIONS[mimeType] ?? 'bin';

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
  const name = cleaned || `evidence.${evidenceExtension(mimeType)}`;
  const chars = [...name];
  if (chars.length <= MAX_FILE_NAME) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
  return [...chars.slice(0, MAX_FILE_NAME - extension.length), ...extension].join('');
}

/** RFC 8187 value for `filename*=UTF-8''…`. */
export function encodeEvidenceFileName(name: string): string {
  try {
    return encodeFileName(name);
  } catch {
    return 'evidence'; // a lone surrogate cannot be percent-encoded
  }
}
