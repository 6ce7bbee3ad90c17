// How a case's answer reads as `allowed` or `refused`, for GraphQL and for the HTTP routes. An
// answer that is neither (a validation error, a 500, a leak) is `unexpected` with what came back,
// so a fixture that no longer suits an operation fails loudly instead of passing as a refusal.
import type { AnyData, GraphQLResponse } from '../support/test-app.js';

export type Outcome = 'allowed' | 'refused';

export interface Observed {
  outcome: Outcome | 'unexpected';
  /** How: the error code, "null", "absent", "masked", the HTTP status… */
  how: string;
}

export const allowed = (how = 'ok'): Observed => ({ outcome: 'allowed', how });
export const refused = (how: string): Observed => ({ outcome: 'refused', how });
export const unexpected = (how: string): Observed => ({ outcome: 'unexpected', how });

/** GraphQL errors that refuse: signed out, or not allowed. */
const REFUSING_ERRORS = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

function graphqlErrors(res: GraphQLResponse<AnyData>): Observed | null {
  if (!res.errors?.length) return null;
  const codes = res.errors.map((e) => String(e.extensions?.code ?? 'NO_CODE'));
  if (codes.every((c) => REFUSING_ERRORS.has(c))) return refused(codes[0]!);
  return unexpected(`HTTP ${res.status}: ${JSON.stringify(res.errors)}`);
}

/**
 * A mutation: refused by a GraphQL error UNAUTHENTICATED or FORBIDDEN, or by a payload error
 * whose code is one of `payloadRefusals` (FORBIDDEN unless the row says otherwise); allowed when
 * the payload has no errors. Any other payload error is unexpected.
 */
export function mutationOutcome(
  res: GraphQLResponse<AnyData>,
  field: string,
  payloadRefusals: readonly string[] = ['FORBIDDEN'],
): Observed {
  const failed = graphqlErrors(res);
  if (failed) return failed;
  const payload = res.data?.[field];
  if (!payload) return unexpected(`no ${field} payload: ${JSON.stringify(res)}`);
  const errors = (payload.errors ?? []) as { code: string }[];
  if (errors.length === 0) return allowed();
  const codes = errors.map((e) => e.code);
  if (codes.every((c) => payloadRefusals.includes(c))) return refused(`payload ${codes[0]}`);
  return unexpected(`payload errors ${JSON.stringify(errors)}`);
}

/**
 * A read: refused by UNAUTHENTICATED or FORBIDDEN, or when `visible` says how the data withholds
 * the object (a string: "null", "absent", "masked"); allowed when it returns true.
 */
export function readOutcome(
  res: GraphQLResponse<AnyData>,
  visible: (data: AnyData) => true | string,
): Observed {
  const failed = graphqlErrors(res);
  if (failed) return failed;
  if (!res.data) return unexpected(`no data: ${JSON.stringify(res)}`);
  const seen = visible(res.data);
  return seen === true
    ? allowed()
    : seen.startsWith('unexpected')
      ? unexpected(seen)
      : refused(seen);
}

/** A connection's node ids. */
export const idsOf = (connection: AnyData | null | undefined): string[] =>
  ((connection?.edges ?? []) as { node: { id: string } }[]).map((e) => e.node.id);

/** Listed or absent. */
export const listed = (ids: string[], id: string): true | string =>
  ids.includes(id) ? true : 'absent';

/** An HTTP route: 2xx allowed; a status in `refusing` refused; anything else unexpected. */
export async function httpOutcome(
  res: Response,
  refusing: readonly number[] = [401, 403, 404],
): Promise<Observed> {
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status >= 200 && res.status < 300) return allowed(String(res.status));
  if (refusing.includes(res.status)) {
    let code = '';
    try {
      code = JSON.parse(body.toString('utf8')).errors?.[0]?.extensions?.code ?? '';
    } catch {
      code = '';
    }
    return refused(`${res.status}${code ? ` ${code}` : ''}`);
  }
  return unexpected(`HTTP ${res.status}: ${body.toString('utf8').slice(0, 300)}`);
}
