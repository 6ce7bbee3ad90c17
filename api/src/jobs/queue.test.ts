import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../tests/support/test-app.js';
import { JOB_SCHEMA, shanghaiCron, startJobQueue, type JobDefinition } from './queue.js';

const t = useTestApp();

type Line = Record<string, unknown> & { msg: string; level: number };

function captureLogger() {
  const lines: Line[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s)) });
  return { logger, lines };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  ms = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sql = async <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  (await t.orm.em.getConnection().execute(query, params)) as T[];

function start(handlers: JobDefinition[], logger = captureLogger().logger) {
  return startJobQueue({
    connectionString: t.orm.config.get('clientUrl')!,
    logger,
    handlers,
    pollingIntervalSeconds: 0.5,
  });
}

describe('job queue', () => {
  it('runs a sent job once, keeps cron schedules in Shanghai time, and refuses unknown jobs', async () => {
    const seen: object[] = [];
    const queue = await start([
      {
        name: 'test.echo',
        handler: async (data) => void seen.push(data),
      },
      { name: 'test.daily', cron: shanghaiCron('5 0 * * *'), handler: async () => {} },
    ]);
    try {
      const id = await queue.send('test.echo', { hello: '世界' });
      expect(id).toBeTruthy();
      await waitFor('the job', () => seen.length > 0);
      expect(seen).toEqual([{ hello: '世界' }]);
      const schedules = await sql<{ name: string; cron: string; timezone: string }>(
        `select name, cron, timezone from ${JOB_SCHEMA}.schedule order by name`,
      );
      expect(schedules).toEqual([
        { name: 'test.daily', cron: '5 0 * * *', timezone: 'Asia/Shanghai' },
      ]);
      await expect(queue.send('test.nothing', {})).rejects.toThrow('Unknown job');
    } finally {
      await queue.stop();
    }
  });

  it('logs a failing handler and lets pg-boss retry it', async () => {
    const { logger, lines } = captureLogger();
    let calls = 0;
    const queue = await start(
      [
        {
          name: 'test.flaky',
          queue: { retryLimit: 2, retryDelay: 0 },
          handler: async () => {
            calls += 1;
            if (calls === 1) throw new Error('the printer is on fire');
            return { calls };
          },
        },
      ],
      logger,
    );
    try {
      const id = await queue.send('test.flaky', {});
      const [job] = await waitFor('the retry to complete', async () => {
        const rows = await sql<{ state: string; retry_count: number }>(
          `select state, retry_count from ${JOB_SCHEMA}.job where id = ?`,
          [id],
        );
        return rows[0]?.state === 'completed' ? rows : null;
      });
      expect(job).toMatchObject({ state: 'completed', retry_count: 1 });
      expect(calls).toBe(2);
      const failure = lines.find((l) => l.msg === 'job failed; it will be retried');
      expect(failure).toMatchObject({
        level: 50,
        component: 'jobs',
        job: { id, name: 'test.flaky', retry: 0, retryLimit: 2 },
        err: { message: 'the printer is on fire' },
      });
    } finally {
      await queue.stop();
    }
  });

  it('hands each job to one of several processes, and stops only after running jobs end', async () => {
    const handled: string[] = [];
    let slowDone = false;
    const definitions = (who: string): JobDefinition[] => [
      {
        name: 'test.shared',
        handler: async (data) => void handled.push(`${(data as { n: number }).n}:${who}`),
      },
      {
        name: 'test.slow',
        handler: async () => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          slowDone = true;
        },
      },
    ];
    const first = await start(definitions('a'));
    const second = await start(definitions('b'));
    try {
      for (let n = 0; n < 12; n++) await (n % 2 ? first : second).send('test.shared', { n });
      await waitFor('every job', () => handled.length >= 12);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const numbers = handled.map((h) => Number(h.split(':')[0])).sort((a, b) => a - b);
      expect(numbers).toEqual([...Array(12).keys()]);

      await second.stop();
      await first.send('test.slow', {});
      await waitFor('the slow job to start', async () => {
        const rows = await sql(`select 1 from ${JOB_SCHEMA}.job where name = ? and state = ?`, [
          'test.slow',
          'active',
        ]);
        return rows.length > 0;
      });
      await first.stop();
      expect(slowDone).toBe(true);
      const [slow] = await sql<{ state: string }>(
        `select state from ${JOB_SCHEMA}.job where name = ?`,
        ['test.slow'],
      );
      expect(slow?.state).toBe('completed');
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('refuses two definitions with one name', async () => {
    const job = { name: 'test.twice', handler: async () => {} };
    await expect(start([job, job])).rejects.toThrow('defined twice');
  });
});
