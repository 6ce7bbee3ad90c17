// The authorisation matrix (issue 13, "Done when"): every GraphQL operation, every type node(id:)
// serves and every HTTP route outside GraphQL × every role × an object in the caller's scope, out
// of it (another community) and near it (the caller's community, another unit or person), against
// a real API and PostgreSQL. The table and what each row means are in tests/authz/matrix.ts; the
// world (communities A and B, the callers) in tests/authz/world.ts.
//
// AUTHZ_MATRIX_SDL=<file> checks the rows against another SDL (to see the test fail on an
// operation without a row); AUTHZ_MATRIX_REPORT=1 prints how every case was answered.
//
// - Completeness: the rows are exactly the operations of schema/schema.graphql (buildSchema) and
//   the HTTP routes (a list, checked against the routes the sources declare); a missing or stale
//   row fails. Every policy rule (ACTIONS) is asked by some row.
// - Outcomes: each row's cells must come out as its `expect` says (known defects excepted, and
//   asserted as they are today).
// - Refusals change nothing: the database's fingerprint (tests/authz/world.ts says what it leaves
//   out and why) is the same before and after every refused case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../api/src/modules/auth/policy.js';
import { useTestApp } from '../support/test-app.js';
import { expectations, MATRIX, type Cell, type Row } from './matrix.js';
import {
  coverageProblems,
  discoverRoutes,
  HTTP_ROUTES,
  operationsOf,
  readSdl,
} from './operations.js';
import type { Outcome } from './outcomes.js';
import {
  applicationSchemas,
  buildWorld,
  changedTables,
  fingerprint,
  ROLES,
  type ScopeName,
  type World,
} from './world.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gj-authz-matrix-'));
const t = useTestApp(() => ({ dataDir }));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let world: World;
beforeAll(async () => {
  world = await buildWorld(t);
});

describe('the matrix covers', () => {
  const sdl = readSdl();

  it('every operation of the SDL and every HTTP route, once', () => {
    expect(
      coverageProblems(
        operationsOf(sdl),
        MATRIX.map((r) => r.op),
      ),
    ).toEqual([]);
  });

  it('fails for an operation added without a row, and for a row whose operation is gone', () => {
    const added = sdl.replace(/^type Query \{/m, 'type Query {\n  somethingNew(id: ID!): Boolean');
    // Query.viewer (with its description) taken out of the Query type.
    const query = sdl.indexOf('type Query {');
    const dropped =
      sdl.slice(0, query) +
      sdl.slice(query).replace(/\n(\s*"""[^"]*""")?\s*\n\s*viewer: User\n/, '\n');
    expect(dropped).not.toBe(sdl);
    const rows = MATRIX.map((r) => r.op);
    expect(coverageProblems(operationsOf(added), rows)).toEqual([
      'operation Query.somethingNew has no row in the authorisation matrix',
    ]);
    expect(coverageProblems(operationsOf(dropped), rows)).toEqual([
      'the authorisation matrix has a row for Query.viewer, which no longer exists',
    ]);
    expect(coverageProblems(operationsOf(sdl, [...HTTP_ROUTES, 'GET /new']), rows)).toEqual([
      'operation GET /new has no row in the authorisation matrix',
    ]);
    expect(coverageProblems(operationsOf(sdl), [...rows, 'Mutation.login'])).toEqual([
      'the authorisation matrix has 2 rows for Mutation.login',
    ]);
  });

  it('every HTTP route the sources declare (server.ts mounts, *.routes.ts)', () => {
    expect(discoverRoutes()).toEqual([...HTTP_ROUTES].sort());
  });

  it('every policy rule', () => {
    const asked = new Set(MATRIX.flatMap((r) => r.rules));
    expect(ACTIONS.filter((a) => !asked.has(a))).toEqual([]);
  });

  it('with a well-formed row each', () => {
    for (const row of MATRIX) {
      expectations(row); // throws on a malformed `expect`
      for (const cell of Object.keys(row.knownDefects ?? {}))
        expect(expectations(row).has(cell as Cell), `${row.op} ${cell}`).toBe(true);
    }
  });
});

describe('the database fingerprint', () => {
  it('covers every application schema', async () => {
    // pg-boss (schema pgboss) is not in a test database; were it there, its job rows would
    // change on their own and would have to stay out of the fingerprint.
    expect(await applicationSchemas(t)).toEqual(['public']);
  });

  it('sees a change', async () => {
    const before = await fingerprint(t);
    await t.orm.em
      .getConnection()
      .execute('update community set residents = residents + 1 where id = ?', [
        world.B.community.id,
      ]);
    expect(changedTables(before, await fingerprint(t))).toEqual(['community']);
    await t.orm.em
      .getConnection()
      .execute('update community set residents = residents - 1 where id = ?', [
        world.B.community.id,
      ]);
  });
});

/** Runs every case of a row; returns the observed outcome of each cell (with how, when unexpected). */
async function runRow(row: Row): Promise<{ actual: Record<string, string>; details: string[] }> {
  const actual: Record<string, string> = {};
  const details: string[] = [];
  const expected = expectations(row);
  for (const role of ROLES) {
    const scopes: ScopeName[] = row.scope === null ? ['in'] : ['in', 'out', 'near'];
    for (const scope of scopes) {
      const cell: Cell = `${role}/${scope}`;
      const send = await row.prepare(world, role, scope);
      const before = await fingerprint(t);
      const observed = await send();
      let outcome: string = observed.outcome;
      if (observed.outcome === 'unexpected') outcome = `unexpected: ${observed.how}`;
      if (observed.outcome === 'refused' || expected.get(cell) === 'refused') {
        const changed = changedTables(before, await fingerprint(t));
        if (observed.outcome === 'refused' && changed.length)
          outcome = `refused (${observed.how}) but changed ${changed.join(', ')}`;
      }
      actual[cell] = outcome;
      details.push(`${cell}: ${observed.outcome} (${observed.how})`);
    }
  }
  return { actual, details };
}

describe('the authorisation matrix', () => {
  it.each(MATRIX.map((row) => [row.op, row] as const))('%s', async (_op, row) => {
    const { actual, details } = await runRow(row);
    if (process.env.AUTHZ_MATRIX_REPORT) console.warn(`${row.op}\n  ${details.join('\n  ')}`);
    const wanted: Record<string, Outcome> = {};
    const fixed: string[] = [];
    for (const [cell, outcome] of expectations(row)) {
      const defect = row.knownDefects?.[cell];
      wanted[cell] = defect?.today ?? outcome;
      if (defect && actual[cell] === outcome)
        fixed.push(`${cell} is now ${outcome}: the known defect is fixed, delete its entry`);
    }
    expect(fixed, row.op).toEqual([]);
    expect(actual, `${row.op}: ${row.refused}`).toEqual(wanted);
  });
});
