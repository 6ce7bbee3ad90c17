import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE } from './errors.js';
import { useTestApp } from '../../../tests/support/test-app.js';

const t = useTestApp(() => ({ bodyLimit: '64kb' }));

describe('error masking', () => {
  it('turns an internal failure into a generic message without SQL or stack', async () => {
    // A genuine internal failure: the table the resolver reads is gone.
    await t.orm.em.getConnection().execute('alter table "community" rename to "community_away"');
    try {
      const res = await t.gql('{ communities(first: 1) { edges { node { id name } } } }');
      expect(res.errors).toEqual([
        {
          message: INTERNAL_ERROR_MESSAGE,
          path: ['communities'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(JSON.stringify(res)).not.toMatch(/select|community_away|stack|relation/i);
    } finally {
      await t.orm.em.getConnection().execute('alter table "community_away" rename to "community"');
    }
  });

  it('keeps client errors readable', async () => {
    const res = await t.gql('{ communities { edges { node { nope } } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toContain('nope');
  });
});

describe('query limits', () => {
  it('refuses a query deeper than the limit before running it', async () => {
    const deep = `{ communities { edges { node { grids { edges { node { units { edges { node {
      community { grids { edges { node { id } } } } } } } } } } } } } }`;
    const statements = await t.countStatements(async () => {
      const res = await t.gql(deep);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded/);
      expect(res.data).toBeUndefined();
    });
    expect(statements).toBe(0);
  });

  it('refuses a query costlier than the limit before running it', async () => {
    const costly = `{ communities(first: 100) { edges { node { units(first: 100) { edges { node {
      grid { units(first: 100) { edges { node { id } } } } } } } } } } }`;
    const statements = await t.countStatements(async () => {
      const res = await t.gql(costly);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect(res.data).toBeUndefined();
    });
    expect(statements).toBe(0);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: viewer { id }`).join(' ');
    const res = await t.gql(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses a body above the size limit', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { id } }', variables: { pad: 'x'.repeat(70_000) } }),
    });
    expect(res.status).toBe(413);
    expect(
      ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions
        .code,
    ).toBe('PAYLOAD_TOO_LARGE');
  });

  it('does not accept batched requests', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ viewer { id } }' }, { query: '{ viewer { id } }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('marks answers as not to be stored by caches, errors included', async () => {
    for (const query of ['{ viewer { id } }', '{ nope }']) {
      const res = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(res.headers.get('cache-control'), query).toBe('no-store');
    }
  });
});

describe('health check', () => {
  it('answers ok when the database answers', async () => {
    const res = await fetch(t.url.replace('/graphql', '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
