import { describe, expect, it } from 'vitest';
import {
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { startAppJobs } from '../../jobs/jobs.js';
import { JOB_SCHEMA } from '../../jobs/queue.js';
import { CommitmentEvent } from './commitment-event.entity.js';
import { Commitment } from './commitment.entity.js';
import { CommitmentAction } from './commitment.enums.js';
import { LAPSE_JOB } from './commitments.jobs.js';

const t = useTestApp();

const DAY = 86_400_000;
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * DAY));

async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  ms = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sql = async <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  (await t.orm.em.getConnection().execute(query, params)) as T[];

const completedRuns = () =>
  sql<{ output: { lapsed: number } }>(
    `select output from ${JOB_SCHEMA}.job where name = ? and state = 'completed' order by completed_on`,
    [LAPSE_JOB],
  );

describe('commitments.lapse', () => {
  it('lapses overdue active commitments through the queue, as the system, and only those', async () => {
    const community = await makeCommunity(t.orm);
    const unit = await makeUnit(t.orm, community);
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
    const overdue = await makeCommitment(t.orm, unit, {
      createdBy: liaison,
      status: CommitmentStatus.ACTIVE,
      periodStart: day(-60),
      periodEnd: day(-1),
    });
    const running = await makeCommitment(t.orm, unit, {
      createdBy: liaison,
      status: CommitmentStatus.ACTIVE,
      periodStart: day(-60),
      periodEnd: day(30),
    });
    const endsToday = await makeCommitment(t.orm, unit, {
      createdBy: liaison,
      status: CommitmentStatus.ACTIVE,
      periodStart: day(-60),
      periodEnd: day(0),
    });

    const queue = await startAppJobs(t.app);
    try {
      const [schedule] = await sql<{ cron: string; timezone: string }>(
        `select cron, timezone from ${JOB_SCHEMA}.schedule where name = ?`,
        [LAPSE_JOB],
      );
      expect(schedule).toEqual({ cron: '5 0 * * *', timezone: 'Asia/Shanghai' });

      await queue.send(LAPSE_JOB, {});
      await waitFor('the overdue commitment to lapse', async () => {
        const c = await t.orm.em.fork().findOneOrFail(Commitment, overdue.id);
        return c.status === CommitmentStatus.LAPSED;
      });
      const runs = await waitFor('the job to complete', async () => {
        const rows = await completedRuns();
        return rows.length === 1 ? rows : null;
      });
      expect(runs[0]!.output).toEqual({ lapsed: 1 });

      const em = t.orm.em.fork();
      expect((await em.findOneOrFail(Commitment, running.id)).status).toBe(CommitmentStatus.ACTIVE);
      expect((await em.findOneOrFail(Commitment, endsToday.id)).status).toBe(
        CommitmentStatus.ACTIVE,
      );
      const events = await em.find(CommitmentEvent, {
        commitment: overdue.id,
        action: CommitmentAction.LAPSE,
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: null,
        fromStatus: CommitmentStatus.ACTIVE,
        toStatus: CommitmentStatus.LAPSED,
      });
      expect(events[0]!.note).toContain(`period ended ${day(-1)}`);

      // A second run finds nothing left and writes nothing.
      await queue.send(LAPSE_JOB, {});
      const again = await waitFor('the second run', async () => {
        const rows = await completedRuns();
        return rows.length === 2 ? rows : null;
      });
      expect(again[1]!.output).toEqual({ lapsed: 0 });
      expect(await em.fork().count(CommitmentEvent, { action: CommitmentAction.LAPSE })).toBe(1);
    } finally {
      await queue.stop();
    }
  });
});
