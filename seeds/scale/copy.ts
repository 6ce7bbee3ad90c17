// Streams generated rows into PostgreSQL with COPY … FROM STDIN (text format).
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A column value; JSON columns take their JSON text, text[] columns an array of strings. */
export type Cell = string | number | boolean | Date | null | undefined | readonly string[];

/** Escapes one value for COPY's text format; null is \N. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return escape(value);
  {
    // text[] of plain identifiers (enum values): no quoting needed; anything else is quoted.
    const items = value.map((v) =>
      /^[A-Za-z0-9_]+$/.test(v) ? v : `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
    );
    return escape(`{${items.join(',')}}`);
  }
}

function escape(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text
        .replaceAll('\\', '\\\\')
        .replaceAll('\t', '\\t')
        .replaceAll('\n', '\\n')
        .replaceAll('\r', '\\r')
    : text;
}

/** One COPY line (with its newline) for a row. */
export function copyLine(values: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + cell(values[i]);
  return `${line}\n`;
}

const CHUNK = 256 * 1024;

/**
 * COPYs the rows into `table` on `client` (inside the caller's transaction); `onRows` is told
 * every few thousand rows how many were written. Returns the number of rows.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
  onRows: (n: number) => void = () => {},
): Promise<number> {
  const sql = `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`;
  const stream = client.query(copyFrom(sql));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let failed: unknown = null;
  stream.on('error', (error) => (failed = error));
  let buffer = '';
  let count = 0;
  let reported = 0;
  try {
    for (const row of rows) {
      if (row.length !== columns.length)
        throw new Error(`${table}: row has ${row.length} values for ${columns.length} columns`);
      buffer += copyLine(row);
      count++;
      if (buffer.length >= CHUNK) {
        if (failed) break;
        const ok = stream.write(buffer);
        buffer = '';
        onRows(count - reported);
        reported = count;
        if (!ok)
          await new Promise<void>((resolve) => {
            stream.once('drain', resolve);
            stream.once('error', () => resolve());
          });
      }
    }
    if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  } catch (error) {
    // Ends the COPY with CopyFail so the connection is usable (for the rollback) again.
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await done.catch(() => {});
    throw error;
  }
  if (buffer) stream.write(buffer);
  stream.end();
  await done;
  onRows(count - reported);
  return count;
}
