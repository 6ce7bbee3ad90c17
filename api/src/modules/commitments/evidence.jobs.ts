// Evidence housekeeping: uploads nobody attached to a fulfilment record within the grace period
// are deleted, rows and bytes, so uploads cannot pile up on the database's disk; and the locks
// uploads and this job share.
//
// Bytes are content-addressed (evidence.storage.ts), so rows of several uploads may share one
// file. Every change to which rows point at a file runs under the file's advisory lock
// (`lockEvidenceBytes`): an upload of the same bytes either commits its row before the job looks
// (the bytes stay) or finds them gone and writes them anew.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { shanghaiCron, type JobDefinition } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import { sweepLeftovers, withdrawEvidence } from './evidence.storage.js';

export const EVIDENCE_CLEANUP_JOB = 'commitments.evidence-cleanup';

/** Advisory lock key spaces (the two-int4 form; pg-boss uses the single bigint one). */
const UPLOADER_LOCK = 0x45564431; // 'EVD1': one user's quota
const BYTES_LOCK = 0x45564432; // 'EVD2': the rows pointing at one stored file

const UPLOADER_LOCK_TIMEOUT = '10s';

/** Leftover temp files older than this are a crashed process's (uploads end long before). */
const LEFTOVER_AGE_MS = 60 * 60 * 1000;

const execute = <T = unknown>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> =>
  em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());

/**
 * Serialises, across API processes, the quota check and insert of one user's uploads until the
 * transaction ends: parallel uploads cannot all see the same room left.
 */
export async function lockUploader(em: EntityManager, userId: number): Promise<void> {
  // The holder runs two short statements; the waiters are the same user's other uploads (a few
  // per process, EVIDENCE_CONCURRENT_UPLOADS_PER_USER), so they may queue longer than a write
  // waits for a row. Still under the statement timeout; the setting ends with the transaction.
  await execute(em, "select set_config('lock_timeout', ?, true)", [UPLOADER_LOCK_TIMEOUT]);
  await execute(em, 'select pg_advisory_xact_lock(?, ?)', [UPLOADER_LOCK, userId]);
}

/** Serialises, until the transaction ends, every change to the rows of the bytes `sha256`. */
export async function lockEvidenceBytes(em: EntityManager, sha256: string): Promise<void> {
  // Any 32 bits of a SHA-256 spread evenly; two files sharing a key only wait for each other.
  await execute(em, 'select pg_advisory_xact_lock(?, ?)', [
    BYTES_LOCK,
    Number.parseInt(sha256.slice(0, 8), 16) | 0,
  ]);
}

/** Bytes `userId` uploaded in the last 24 hours (rows of deleted uploads no longer count). */
export async function bytesUploadedToday(em: EntityManager, userId: number): Promise<number> {
  const [row] = await execute<{ bytes: string | number | null }>(
    em,
    `select coalesce(sum("size"), 0) as bytes from "evidence_file"
      where "uploaded_by_id" = ? and "created_at" > now() - interval '24 hours'`,
    [userId],
  );
  return Number(row?.bytes ?? 0);
}

/**
 * Deletes evidence uploaded before `olderThan` that no fulfilment record refers to, and the
 * bytes no remaining row refers to. A row being attached at this moment is left alone: the
 * delete locks its rows `skip locked` and re-checks `fulfilment_id is null` on the row it locks,
 * so an attachment that committed first wins, and one in progress keeps its row.
 */
export async function deleteUnattachedEvidence(
  orm: MikroORM,
  dataDir: string,
  olderThan: Date,
): Promise<{ rows: number; files: number }> {
  let rows = 0;
  let files = 0;
  for (;;) {
    const candidates = await execute<{ sha256: string }>(
      orm.em.fork() as EntityManager,
      `select distinct "sha256" from "evidence_file"
        where "fulfilment_id" is null and "created_at" < ? limit 500`,
      [olderThan],
    );
    let deletedThisRound = 0;
    for (const { sha256 } of candidates) {
      const parked: { bytes?: Awaited<ReturnType<typeof withdrawEvidence>> } = {};
      let deleted: number;
      try {
        deleted = await (orm.em.fork() as EntityManager).transactional(async (tx) => {
          const em = tx as EntityManager;
          await lockEvidenceBytes(em, sha256);
          const gone = await execute<{ id: number }>(
            em,
            `delete from "evidence_file" where "fulfilment_id" is null and "id" in (
               select "id" from "evidence_file"
                where "sha256" = ? and "fulfilment_id" is null and "created_at" < ?
                for update skip locked)
             returning "id"`,
            [sha256, olderThan],
          );
          const [kept] = await execute(
            em,
            'select 1 from "evidence_file" where "sha256" = ? limit 1',
            [sha256],
          );
          // Out of place before the commit (still under the lock), deleted for good after it.
          if (gone.length > 0 && !kept) parked.bytes = await withdrawEvidence(dataDir, sha256);
          return gone.length;
        });
      } catch (error) {
        await parked.bytes?.restore();
        throw error;
      }
      if (parked.bytes) {
        await parked.bytes.commit();
        files++;
      }
      rows += deleted;
      deletedThisRound += deleted;
    }
    // Nothing left, or only rows being attached right now (the next run looks again).
    if (candidates.length === 0 || deletedThisRound === 0) break;
  }
  return { rows, files };
}

export function evidenceJobs(
  orm: MikroORM,
  logger: Logger,
  config: Pick<Config, 'dataDir' | 'evidence'>,
): JobDefinition[] {
  const log = logger.child({ job: EVIDENCE_CLEANUP_JOB });
  return [
    {
      name: EVIDENCE_CLEANUP_JOB,
      // Every hour: an upload lives at most the grace period and an hour.
      cron: shanghaiCron('20 * * * *'),
      queue: { retryLimit: 3, retryDelay: 300 },
      async handler(): Promise<{ rows: number; files: number; leftovers: number }> {
        const now = Date.now();
        const olderThan = new Date(now - config.evidence.unattachedGraceHours * 3600 * 1000);
        const result = await deleteUnattachedEvidence(orm, config.dataDir, olderThan);
        const leftovers = await sweepLeftovers(config.dataDir, new Date(now - LEFTOVER_AGE_MS));
        log.info({ ...result, leftovers, olderThan }, 'unattached evidence deleted');
        return { ...result, leftovers };
      },
    },
  ];
}
