// Counts the statements a pg.Pool sends (every client's query calls), for statements per request.
import type pg from 'pg';

export function countingPool(pool: pg.Pool): { pool: pg.Pool; statements: () => number } {
  let count = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
      ...args: unknown[]
    ) => {
      count++;
      return query(...args);
    };
  });
  return { pool, statements: () => count };
}
