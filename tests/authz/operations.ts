// What the authorisation matrix must cover: every root field of the committed SDL, one `node`
// row per type implementing Node, and every HTTP route outside GraphQL. The check is a plain
// function of the SDL text and the route list, so the test can feed it a modified SDL and see
// it fail.
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const SDL_PATH = path.join(repoRoot, 'schema/schema.graphql');

/**
 * The HTTP routes outside GraphQL, as mounted in api/src/server.ts (`/files`, `/reports`,
 * `/volunteer`) and declared in the `*.routes.ts` files. `discoverRoutes` reads the sources
 * and the test checks that it finds exactly these, so a new route cannot slip past the list.
 */
export const HTTP_ROUTES = [
  'GET /files/evidence/:id',
  'POST /files/evidence',
  'GET /reports/co-building',
  'GET /reports/staffing',
  'GET /volunteer/service-record.:format',
  'GET /volunteer/calendar/:token.ics',
] as const;

/** `Query.x`, `Mutation.x`, `node(Type)` for `node(id:)`, and the HTTP routes. */
export function operationsOf(sdl: string, routes: readonly string[] = HTTP_ROUTES): string[] {
  const schema: GraphQLSchema = buildSchema(sdl);
  const ops: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const name of Object.keys(root.getFields())) {
      if (root.name === 'Query' && name === 'node') continue; // one row per Node type instead
      ops.push(`${root.name}.${name}`);
    }
  }
  const node = schema.getType('Node');
  if (node) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
        ops.push(`node(${type.name})`);
    }
  }
  return [...ops, ...routes].sort();
}

/** What is wrong between the operations and the matrix's rows (empty when they agree). */
export function coverageProblems(operations: readonly string[], rows: readonly string[]): string[] {
  const problems: string[] = [];
  const have = new Map<string, number>();
  for (const op of rows) have.set(op, (have.get(op) ?? 0) + 1);
  for (const op of operations)
    if (!have.has(op)) problems.push(`operation ${op} has no row in the authorisation matrix`);
  const known = new Set(operations);
  for (const [op, count] of have) {
    if (!known.has(op))
      problems.push(`the authorisation matrix has a row for ${op}, which no longer exists`);
    if (count > 1) problems.push(`the authorisation matrix has ${count} rows for ${op}`);
  }
  return problems;
}

export function readSdl(): string {
  return fs.readFileSync(process.env.AUTHZ_MATRIX_SDL ?? SDL_PATH, 'utf8');
}

/**
 * The routes the sources declare: each `server.use('/prefix', someRouter(app), …)` in
 * api/src/server.ts, joined with the `router.<method>('path'` calls inside the function of that
 * name in api/src/modules/<module>/*.routes.ts.
 */
export function discoverRoutes(): string[] {
  const api = path.join(repoRoot, 'api/src');
  const server = fs.readFileSync(path.join(api, 'server.ts'), 'utf8');
  const prefixOf = new Map<string, string>();
  for (const use of server.matchAll(/server\.use\(\s*'([^']+)'\s*,([^;]*?)\)\s*;/g)) {
    for (const fn of use[2]!.matchAll(/(\w+Router)\(app\)/g)) prefixOf.set(fn[1]!, use[1]!);
  }
  const modules = path.join(api, 'modules');
  const routes: string[] = [];
  for (const dir of fs.readdirSync(modules)) {
    const folder = path.join(modules, dir);
    if (!fs.statSync(folder).isDirectory()) continue;
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.routes.ts'))) {
      const source = fs.readFileSync(path.join(folder, file), 'utf8');
      // Split the file at each exported router function, so routes go with their mount prefix.
      const parts = source.split(/export function (\w+Router)\(/);
      for (let i = 1; i < parts.length; i += 2) {
        const name = parts[i]!;
        const body = parts[i + 1]!;
        const prefix = prefixOf.get(name);
        for (const m of body.matchAll(/router\.(get|post|put|patch|delete|all)\(\s*'([^']+)'/g)) {
          routes.push(`${m[1]!.toUpperCase()} ${prefix ?? `<${name} not mounted>`}${m[2]}`);
        }
      }
    }
  }
  return routes.sort();
}
