// The authorisation matrix (issue 13): one row per GraphQL root field, per type `node(id:)` can
// be asked for, and per HTTP route outside GraphQL. Each row says which policy rules it goes
// through (api/src/modules/auth/policy.ts joins the `*.policy.ts` files), what "in scope" and
// "out of scope" mean for it, what "refused" looks like, and the outcome per role:
//
//   expect: 'anonymous STREET_ADMIN COMMUNITY_STAFF UNIT_LIAISON SOCIAL_WORKER VOLUNTEER'
//   each token: A (allowed in every scope), R (refused in every scope), or three letters for
//   in / out / near, e.g. ARA: allowed in scope, refused out of scope, allowed near. A row whose
//   scope is null has one case per role (A or R).
//
// The callers belong to community A: the staff member is A's, the liaison is A's unit's, the
// social worker and the volunteer have their profiles in A (tests/authz/world.ts).
// - in: A's object — where it matters, the one of A's unit, created by A's social worker, of
//   A's volunteer (the caller);
// - out: the same kind of object of community B (B's unit, B's social worker, B's volunteer);
// - near: the same kind of object of community A again, but of another unit of A, another
//   social worker of A, another volunteer of A: out of scope for a liaison, a social worker or
//   a volunteer whose rights stop at their unit or at themselves, in scope for A's staff.
//
// After every refusal the test checks that the database did not change.
import { LiaisonInvitation } from '../../api/src/modules/auth/liaison-invitation.entity.js';
import { tokenHash } from '../../api/src/modules/auth/password.js';
import type { Action } from '../../api/src/modules/auth/policy.js';
import { User } from '../../api/src/modules/auth/user.entity.js';
import { CommitmentEvent } from '../../api/src/modules/commitments/commitment-event.entity.js';
import {
  CommitmentAction,
  FulfilmentStatus,
  NeedStatus,
} from '../../api/src/modules/commitments/commitment.enums.js';
import { SupervisionMode } from '../../api/src/modules/pairing/pairing.enums.js';
import { SupervisionLog } from '../../api/src/modules/pairing/supervision-log.entity.js';
import { Attendance } from '../../api/src/modules/shifts/shift.enums.js';
import { makeUnit, makeUser, Role } from '../support/factories.js';
import type { AnyData } from '../support/test-app.js';
import {
  allowed,
  httpOutcome,
  idsOf,
  listed,
  mutationOutcome,
  readOutcome,
  refused,
  unexpected,
  type Observed,
  type Outcome,
} from './outcomes.js';
import {
  Affiliation,
  CommitmentStatus,
  freshCommitment,
  freshShift,
  freshVolunteer,
  gid,
  gqlAs,
  HOUR,
  httpAs,
  makeFulfilment,
  makeNeed,
  makeNotification,
  makePairing,
  makeSignup,
  ROLES,
  sessionFor,
  unique,
  type RoleName,
  type ScopeName,
  type Side,
  type World,
} from './world.js';

export type Cell = `${RoleName}/${ScopeName}`;

export interface Row {
  /** `Query.x`, `Mutation.x`, `node(Type)`, or `METHOD /path` (tests/authz/operations.ts). */
  op: string;
  /** The policy rules the operation asks (empty: none; who may is decided by sign-in alone). */
  rules: readonly Action[];
  /** What in and out of scope are for this row; null: scope does not apply (one case per role). */
  scope: string | null;
  /** What a refusal looks like for this row. */
  refused: string;
  /** Six tokens, one per role in ROLES order (see the top of this file). */
  expect: string;
  /**
   * Cells where today's code disagrees with the rule's own doc comment: the matrix keeps the
   * intended outcome in `expect`, the test asserts `today` here so that the cell stays visible,
   * and fails once the code is fixed (then delete the entry).
   */
  knownDefects?: Partial<Record<Cell, { today: Outcome; why: string }>>;
  /** Builds the case's fixtures, and returns the request, which reports what it observed. */
  prepare(w: World, role: RoleName, scope: ScopeName): Promise<() => Promise<Observed>>;
}

/** The expected outcome of each role × scope of a row. */
export function expectations(row: Row): Map<Cell, Outcome> {
  const tokens = row.expect.trim().split(/\s+/);
  if (tokens.length !== ROLES.length)
    throw new Error(`${row.op}: expect has ${tokens.length} tokens, not ${ROLES.length}`);
  const word = (c: string | undefined): Outcome => {
    if (c === 'A') return 'allowed';
    if (c === 'R') return 'refused';
    throw new Error(`${row.op}: bad expect token in "${row.expect}"`);
  };
  const cells = new Map<Cell, Outcome>();
  ROLES.forEach((role, i) => {
    const token = tokens[i]!;
    if (token.length !== 1 && (row.scope === null || token.length !== 3))
      throw new Error(`${row.op}: bad token ${token} (A, R, or in/out/near like ARA)`);
    cells.set(`${role}/in`, word(token[0]));
    if (row.scope === null) return;
    cells.set(`${role}/out`, word(token[1] ?? token[0]));
    cells.set(`${role}/near`, word(token[2] ?? token[0]));
  });
  return cells;
}

// ---------------------------------------------------------------- helpers for the rows

const sideOf = (w: World, scope: ScopeName): Side =>
  scope === 'in' ? w.A : scope === 'out' ? w.B : w.A2;
const today = () => new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10); // Asia/Shanghai

/** A mutation row's request: `input` in, the payload's errors out. */
const mutate =
  (w: World, role: RoleName, field: string, inputType: string, input: unknown) =>
  async (payloadRefusals?: readonly string[]) =>
    mutationOutcome(
      await gqlAs(
        w,
        role,
        `mutation($input: ${inputType}) { ${field}(input: $input) { errors { code } } }`,
        { input },
      ),
      field,
      payloadRefusals,
    );

/** A read row's request. */
const read =
  (
    w: World,
    role: RoleName,
    query: string,
    variables: Record<string, unknown>,
    visible: (data: AnyData) => true | string,
  ) =>
  async () =>
    readOutcome(await gqlAs(w, role, query, variables), visible);

const NODE = (fields = '') => `query($id: ID!) { node(id: $id) { __typename id ${fields} } }`;

/** `node(id)` returns the object (allowed) or null (refused). */
const nodeRow = (
  type: string,
  rules: readonly Action[],
  scope: string | null,
  expect: string,
  target: (w: World, role: RoleName, scope: ScopeName) => number | Promise<number>,
  extra: Partial<Row> = {},
): Row => ({
  op: `node(${type})`,
  rules,
  scope,
  refused: 'node returns null',
  expect,
  async prepare(w, role, scope) {
    const id = gid(type, await target(w, role, scope));
    return read(w, role, NODE(), { id }, (d) =>
      d.node === null ? 'null' : d.node.id === id ? true : `unexpected ${JSON.stringify(d)}`,
    );
  },
  ...extra,
});

/** Not fetchable by anyone: `node` has no fetcher for the type (api/src/graphql/node.ts). */
const notFetchable = (type: string, target: (w: World) => Promise<number>): Row =>
  nodeRow(type, [], null, 'R R R R R R', (w) => target(w), {
    refused:
      'node returns null: no fetcher is registered for the type (registerNode), so not even the office can fetch it by id; it is read through its parent',
  });

/** A masked phone looks like 138****5678. */
const isMasked = (phone: string | null | undefined) =>
  typeof phone === 'string' && phone.includes('*');

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export async function uploadEvidence(w: World, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'sign-in.png');
  const res = await fetch(`${w.base}/files/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

const idOfGlobal = (id: string): number =>
  Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

/** An evidence file attached to the side's (non-public) fulfilment record. */
async function attachedEvidence(w: World, side: Side): Promise<number> {
  const dbId = idOfGlobal(await uploadEvidence(w, w.tokens.STREET_ADMIN!));
  await w.t.orm.em
    .getConnection()
    .execute('update evidence_file set fulfilment_id = ? where id = ?', [side.fulfilment.id, dbId]);
  return dbId;
}

/** Notifications of each caller, of B's staff and of A's other staff member, made once. */
const notifications = new WeakMap<
  World,
  { own: Map<RoleName, number>; out: number; near: number }
>();
async function notificationsOf(w: World) {
  let found = notifications.get(w);
  if (!found) {
    const own = new Map<RoleName, number>();
    for (const role of ROLES) {
      const user = w.callers[role];
      if (user) own.set(role, await makeNotification(w.t, user));
    }
    found = {
      own,
      out: await makeNotification(w.t, w.B.staff),
      near: await makeNotification(w.t, w.A2.staff),
    };
    notifications.set(w, found);
  }
  return found;
}

/** The caller's own notification (in), B's staff member's (out), A's other staff member's (near). */
async function notificationFor(w: World, role: RoleName, scope: ScopeName): Promise<number> {
  const found = await notificationsOf(w);
  // Anonymous has none of their own: any notification is someone else's.
  return scope === 'in' ? (found.own.get(role) ?? found.out) : found[scope];
}

/**
 * A shift starting in 45 minutes (check-in opens an hour before). checkOutWithCode's shifts end
 * 15 minutes from their creation, so A's volunteer, who takes a place on one of each, never holds
 * two overlapping places.
 */
const startingSoon = (w: World, side: Side) =>
  freshShift(w.t, side.activity, { startsInHours: 0.75, hours: 3 });

/** A shift that started an hour ago and lasts three. */
const startedAnHourAgo = (w: World, side: Side) =>
  freshShift(w.t, side.activity, { startsInHours: -1, hours: 3 });

const CSV = (community: string) =>
  Buffer.from(
    `单位名称,单位类型,职工人数,联络员,联系电话,所属社区\n导入单位${unique()},企业,12,张三,13812345678,${community}\n`,
    'utf8',
  ).toString('base64');

/** A fresh unit of community A, its liaison invited (no password yet): the link's token. */
async function freshInvitation(w: World): Promise<string> {
  const unit = await makeUnit(w.t.orm, w.A.community);
  const em = w.t.orm.em.fork();
  const token = `inv${unique()}${unique()}${unique()}`;
  const liaison = em.create(User, {
    username: `i${unique()}`,
    passwordHash: null,
    displayName: '周新',
    role: Role.UNIT_LIAISON,
    community: w.A.community.id,
    unit: unit.id,
  });
  em.create(LiaisonInvitation, {
    unit: unit.id,
    liaison,
    invitedBy: w.admin.id,
    tokenHash: tokenHash(token),
    expiresAt: new Date(Date.now() + 24 * HOUR),
  });
  await em.flush();
  return token;
}

// ---------------------------------------------------------------- the rows

export const MATRIX: Row[] = [
  // ============================================================== Query
  {
    op: 'Query.activities',
    rules: [],
    scope: 'an activity of community A / of community B (filter communityId)',
    refused: 'UNAUTHENTICATED; signed in, every community’s activities are listed (district-wide)',
    expect: 'R A A A A A',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        'query($c: ID) { activities(first: 100, filter: { communityId: $c }) { edges { node { id } } } }',
        { c: side.community.nodeId },
        (d) => listed(idsOf(d.activities), side.activity.nodeId),
      );
    },
  },
  {
    op: 'Query.commitment',
    rules: ['commitment.read'],
    scope: 'a draft commitment of unit A (community A) / of unit B',
    refused: 'null (a draft is for its unit, its community’s staff and the office)',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const c = sideOf(w, scope).draft;
      return read(
        w,
        role,
        'query($id: ID!) { commitment(id: $id) { id } }',
        { id: c.nodeId },
        (d) => (d.commitment ? true : 'null'),
      );
    },
  },
  {
    op: 'Query.commitmentCategories',
    rules: [],
    scope: null,
    refused: 'never: the ten categories are public (the registration and needs pages show them)',
    expect: 'A A A A A A',
    async prepare(w, role) {
      return read(w, role, '{ commitmentCategories { id } }', {}, (d) =>
        d.commitmentCategories.length > 0 ? true : 'unexpected: no categories',
      );
    },
  },
  {
    op: 'Query.commitments',
    rules: ['commitment.read'],
    scope: 'a draft commitment of unit A / of unit B (filter communityId, statuses DRAFT)',
    refused: 'UNAUTHENTICATED; the draft is not listed',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        'query($c: ID) { commitments(first: 100, filter: { communityId: $c, statuses: [DRAFT] }) { edges { node { id } } } }',
        { c: side.community.nodeId },
        (d) => listed(idsOf(d.commitments), side.draft.nodeId),
      );
    },
  },
  {
    op: 'Query.communities',
    rules: [],
    scope: null,
    refused: 'never: the list of communities is public (volunteers pick theirs when registering)',
    expect: 'A A A A A A',
    async prepare(w, role) {
      return read(w, role, '{ communities(first: 100) { edges { node { id } } } }', {}, (d) =>
        listed(idsOf(d.communities), w.B.community.nodeId),
      );
    },
  },
  {
    op: 'Query.community',
    rules: [],
    scope: 'community A / community B',
    refused:
      'never: a community’s public record is public (its staffing figures: see node(Community))',
    expect: 'A A A A A A',
    async prepare(w, role, scope) {
      const c = sideOf(w, scope).community;
      return read(
        w,
        role,
        'query($id: ID!) { community(id: $id) { id } }',
        { id: c.nodeId },
        (d) => (d.community ? true : 'null'),
      );
    },
  },
  {
    op: 'Query.dashboard',
    rules: ['dashboard.read'],
    scope: 'communityId A / B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      return read(
        w,
        role,
        'query($c: ID) { dashboard(communityId: $c) { asOf } }',
        { c: sideOf(w, scope).community.nodeId },
        () => true,
      );
    },
  },
  {
    op: 'Query.fulfilments',
    rules: ['commitment.write'],
    scope: 'a fulfilment record of unit A’s commitment / of unit B’s (filter communityId)',
    refused: 'UNAUTHENTICATED; the record is not listed (the queue is of those who answer for it)',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        'query($c: ID) { fulfilments(first: 100, filter: { communityId: $c }) { edges { node { id } } } }',
        { c: side.community.nodeId },
        (d) => listed(idsOf(d.fulfilments), side.fulfilment.nodeId),
      );
    },
  },
  {
    op: 'Query.liaisonInvitation',
    rules: [],
    scope: null,
    refused: 'never: what a link opens is told to whoever holds it (a fresh invitation)',
    expect: 'A A A A A A',
    async prepare(w, role) {
      const token = await freshInvitation(w);
      return read(
        w,
        role,
        'query($token: String!) { liaisonInvitation(token: $token) { status unitName } }',
        { token },
        (d) =>
          d.liaisonInvitation.status === 'VALID' && d.liaisonInvitation.unitName
            ? true
            : `unexpected ${JSON.stringify(d)}`,
      );
    },
  },
  {
    op: 'Query.mySignups',
    rules: [],
    scope: null,
    refused:
      'UNAUTHENTICATED. Allowed answers only the caller’s own: the volunteer sees their sign-up, nobody ever sees B’s volunteer’s (that would be unexpected)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      return read(w, role, '{ mySignups { id } }', {}, (d) => {
        const ids = (d.mySignups as { id: string }[]).map((s) => s.id);
        if (ids.includes(w.B.signup.nodeId)) return 'unexpected: B’s sign-up listed';
        if (role === 'VOLUNTEER' && !ids.includes(w.A.signup.nodeId))
          return 'unexpected: own sign-up missing';
        return true;
      });
    },
  },
  {
    op: 'Query.mySocialWorkerProfile',
    rules: [],
    scope: null,
    refused: 'UNAUTHENTICATED. Allowed answers the caller’s own profile (null when they have none)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      return read(w, role, '{ mySocialWorkerProfile { id } }', {}, (d) => {
        const own = role === 'SOCIAL_WORKER' ? w.A.socialWorker.nodeId : null;
        return (d.mySocialWorkerProfile?.id ?? null) === own
          ? true
          : `unexpected ${JSON.stringify(d)}`;
      });
    },
  },
  {
    op: 'Query.myVolunteerProfile',
    rules: [],
    scope: null,
    refused: 'UNAUTHENTICATED. Allowed answers the caller’s own profile (null when they have none)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      return read(w, role, '{ myVolunteerProfile { id } }', {}, (d) => {
        const own = role === 'VOLUNTEER' ? w.A.volunteer.nodeId : null;
        return (d.myVolunteerProfile?.id ?? null) === own
          ? true
          : `unexpected ${JSON.stringify(d)}`;
      });
    },
  },
  {
    op: 'Query.needs',
    rules: [],
    scope: 'a need of community A / of community B (filter communityId)',
    refused: 'UNAUTHENTICATED; signed in, every community’s needs are listed (units answer them)',
    expect: 'R A A A A A',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        'query($c: ID) { needs(first: 100, filter: { communityId: $c }) { edges { node { id } } } }',
        { c: side.community.nodeId },
        (d) => listed(idsOf(d.needs), side.need.nodeId),
      );
    },
  },
  {
    op: 'Query.notifications',
    rules: [],
    scope: 'the caller’s own notification / B’s staff member’s / A’s other staff member’s',
    refused: 'UNAUTHENTICATED; the notification is not listed',
    expect: 'R ARR ARR ARR ARR ARR',
    async prepare(w, role, scope) {
      const id = gid('Notification', await notificationFor(w, role, scope));
      return read(w, role, '{ notifications(first: 100) { edges { node { id } } } }', {}, (d) =>
        listed(idsOf(d.notifications), id),
      );
    },
  },
  {
    op: 'Query.pairingCoverage',
    rules: ['pairing.overview'],
    scope: 'communityId A / B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R ARA R',
    async prepare(w, role, scope) {
      return read(
        w,
        role,
        'query($c: ID) { pairingCoverage(communityId: $c) { __typename } }',
        { c: sideOf(w, scope).community.nodeId },
        () => true,
      );
    },
  },
  {
    op: 'Query.pairingSuggestions',
    rules: ['pairing.manage'],
    scope: 'communityId A / B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      return read(
        w,
        role,
        'query($c: ID) { pairingSuggestions(communityId: $c) { __typename } }',
        { c: sideOf(w, scope).community.nodeId },
        () => true,
      );
    },
  },
  {
    op: 'Query.pairingWeights',
    rules: [],
    scope: null,
    refused: 'UNAUTHENTICATED (the weights are the same for everyone signed in)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      return read(w, role, '{ pairingWeights { __typename } }', {}, () => true);
    },
  },
  {
    op: 'Query.pairings',
    rules: ['pairing.manage', 'pairing.overview', 'supervision.log'],
    scope: 'the pairing of A’s social worker (in A) / of B’s social worker (communityId A / B)',
    refused: 'UNAUTHENTICATED or FORBIDDEN (a social worker of the community sees only their own)',
    expect: 'R A ARA R ARR R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        'query($c: ID) { pairings(first: 100, communityId: $c) { edges { node { id } } } }',
        { c: side.community.nodeId },
        (d) => listed(idsOf(d.pairings), side.pairing.nodeId),
      );
    },
  },
  {
    op: 'Query.shiftCheckInCode',
    rules: ['activity.manage'],
    scope:
      'a shift of A’s activity (community A, organised by unit A, created by A’s social worker) / of B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARR R',
    async prepare(w, role, scope) {
      return read(
        w,
        role,
        'query($id: ID!) { shiftCheckInCode(shiftId: $id) { expiresAt } }',
        { id: sideOf(w, scope).shift.nodeId },
        (d) => (d.shiftCheckInCode ? true : 'null'),
      );
    },
  },
  {
    op: 'Query.checkInScan',
    rules: ['attendance.selfCheckIn'],
    scope:
      'the code of a shift where the caller has a confirmed place (a fresh shift of A’s activity starting in 45 minutes) / of B’s shift, where they have none',
    refused:
      'UNAUTHENTICATED; signed in, the shift with no step to take (reason NOT_SIGNED_UP): only a volunteer with a place is offered CHECK_IN',
    expect: 'R R R R R ARR',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const shift = await startingSoon(w, side);
      const place =
        scope === 'in' && role === 'VOLUNTEER' ? await makeSignup(w.t, shift, w.A.volunteer) : null;
      const code = await checkInCode(w, shift.nodeId);
      const scan = read(
        w,
        role,
        'query($code: String!) { checkInScan(code: $code) { shift { id } action reason { code } } }',
        { code },
        (d) => {
          const found = d.checkInScan;
          if (found.shift?.id !== shift.nodeId) return `unexpected ${JSON.stringify(found)}`;
          return found.action === 'CHECK_IN' ? true : (found.reason?.code ?? 'no step');
        },
      );
      // Reading changes nothing; the place goes again so that checkInWithCode's row can give A's
      // volunteer one at the same time.
      return async () => {
        try {
          return await scan();
        } finally {
          if (place)
            await w.t.orm.em
              .fork()
              .getConnection()
              .execute('delete from signup where id = ?', [place.id]);
        }
      };
    },
  },
  {
    op: 'Query.shifts',
    rules: [],
    scope: 'a shift in community A / in B (filter communityId)',
    refused: 'UNAUTHENTICATED; signed in, every community’s shifts are listed',
    expect: 'R A A A A A',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        'query($c: ID) { shifts(first: 100, filter: { communityId: $c }) { edges { node { id } } } }',
        { c: side.community.nodeId },
        (d) => listed(idsOf(d.shifts), side.shift.nodeId),
      );
    },
  },
  {
    op: 'Query.socialWorkers',
    rules: ['pairing.overview'],
    scope: 'communityId A / B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R ARA R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        'query($c: ID) { socialWorkers(first: 100, communityId: $c) { edges { node { id } } } }',
        { c: side.community.nodeId },
        (d) => listed(idsOf(d.socialWorkers), side.socialWorker.nodeId),
      );
    },
  },
  {
    op: 'Query.staffingReport',
    rules: ['staffing.read'],
    scope: 'communityId A / B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      return read(
        w,
        role,
        'query($c: ID) { staffingReport(communityId: $c) { __typename } }',
        { c: sideOf(w, scope).community.nodeId },
        () => true,
      );
    },
  },
  {
    op: 'Query.unitStandings',
    rules: ['standings.read'],
    scope:
      'communityId A / B, and unitId of unit A / of unit B / of another unit of A (ranked in its own community)',
    refused: 'UNAUTHENTICATED or FORBIDDEN (anyone of the community sees its standings)',
    expect: 'R A ARA ARA ARA ARA',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        `query($c: ID, $u: ID) {
          all: unitStandings(communityId: $c) { __typename }
          one: unitStandings(unitId: $u) { unit { id } }
        }`,
        { c: side.community.nodeId, u: side.unit.nodeId },
        (d) => (d.one?.[0]?.unit.id === side.unit.nodeId ? true : 'not the unit asked for'),
      );
    },
  },
  {
    op: 'Query.units',
    rules: [],
    scope: 'unit A / unit B (filter communityId)',
    refused:
      'never: the directory of resident units answers everyone, signed out too (liaison contacts come masked: see node(Unit)); the web asks it signed in only',
    expect: 'A A A A A A',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      return read(
        w,
        role,
        'query($c: ID) { units(first: 100, filter: { communityId: $c }) { edges { node { id } } } }',
        { c: side.community.nodeId },
        (d) => listed(idsOf(d.units), side.unit.nodeId),
      );
    },
  },
  {
    op: 'Query.unreadNotificationCount',
    rules: [],
    scope: null,
    refused: 'UNAUTHENTICATED (the count is of the caller’s own)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      return read(w, role, '{ unreadNotificationCount }', {}, () => true);
    },
  },
  {
    op: 'Query.viewer',
    rules: [],
    scope: null,
    refused: 'never: null when signed out, the caller otherwise (anything else is unexpected)',
    expect: 'A A A A A A',
    async prepare(w, role) {
      return read(w, role, '{ viewer { id } }', {}, (d) => {
        const caller = w.callers[role];
        const own = caller ? gid('User', caller.id) : null;
        return (d.viewer?.id ?? null) === own ? true : `unexpected ${JSON.stringify(d)}`;
      });
    },
  },
  {
    op: 'Query.volunteers',
    rules: ['volunteer.read', 'affiliation.review'],
    scope:
      'A’s volunteer / B’s volunteer / A’s other volunteer (filter communityId; for the liaison filter unitId, their way in: the unit’s people)',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARA R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const filter =
        role === 'UNIT_LIAISON'
          ? { unitId: side.unit.nodeId }
          : { communityId: side.community.nodeId };
      return read(
        w,
        role,
        'query($f: VolunteerFilter) { volunteers(first: 100, filter: $f) { edges { node { id } } } }',
        { f: filter },
        (d) => listed(idsOf(d.volunteers), side.volunteer.nodeId),
      );
    },
  },

  // ============================================================== node(id:)
  nodeRow(
    'Activity',
    [],
    'A’s activity / B’s',
    'R A A A A A',
    (w, _r, s) => sideOf(w, s).activity.id,
    {
      refused: 'null for anonymous; signed in, every activity is readable',
    },
  ),
  nodeRow(
    'Commitment',
    ['commitment.read'],
    'a draft commitment of unit A / of unit B',
    'R A ARA ARR R R',
    (w, _r, s) => sideOf(w, s).draft.id,
  ),
  nodeRow(
    'CommitmentCategory',
    [],
    null,
    'A A A A A A',
    async (w) =>
      (
        await w.t.orm.em
          .fork()
          .getConnection()
          .execute<{ id: number }[]>('select min(id) as id from commitment_category')
      )[0]!.id,
    {
      refused: 'never: categories are public',
    },
  ),
  notFetchable('CommitmentEvent', async (w) => {
    const em = w.t.orm.em.fork();
    const event = em.create(CommitmentEvent, {
      commitment: w.A.draft.id,
      action: CommitmentAction.SUBMIT,
      fromStatus: CommitmentStatus.DRAFT,
      toStatus: CommitmentStatus.SUBMITTED,
      actor: w.A.liaison.id,
    });
    await em.flush();
    return event.id;
  }),
  {
    op: 'node(Community)',
    rules: ['staffing.read'],
    scope: 'community A / community B',
    refused:
      'the community is public, its `staffing` figures are null (policy staffing.read: the office, the community’s staff)',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const id = sideOf(w, scope).community.nodeId;
      return read(w, role, NODE('... on Community { staffing { __typename } }'), { id }, (d) =>
        d.node === null ? 'unexpected: null' : d.node.staffing ? true : 'staffing null',
      );
    },
  },
  notFetchable('EvidenceFile', (w) => attachedEvidence(w, w.A)),
  nodeRow(
    'Fulfilment',
    ['commitment.read'],
    'a record of unit A’s draft commitment / of unit B’s',
    'R A ARA ARR R R',
    (w, _r, s) => sideOf(w, s).fulfilment.id,
  ),
  {
    op: 'node(Grid)',
    rules: ['grid.readContact'],
    scope: 'grid of community A / of B',
    refused:
      'the grid is public, its leader’s phone comes masked (policy grid.readContact: the office, the community’s staff)',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const id = sideOf(w, scope).grid.nodeId;
      return read(w, role, NODE('... on Grid { leaderPhone }'), { id }, (d) =>
        d.node === null
          ? 'unexpected: null'
          : isMasked(d.node.leaderPhone)
            ? 'masked'
            : d.node.leaderPhone
              ? true
              : `unexpected ${JSON.stringify(d)}`,
      );
    },
  },
  nodeRow(
    'Need',
    [],
    'a need of community A / of B',
    'R A A A A A',
    (w, _r, s) => sideOf(w, s).need.id,
    {
      refused: 'null for anonymous; signed in, every need is readable',
    },
  ),
  nodeRow(
    'Notification',
    [],
    'the caller’s own notification / B’s staff member’s / A’s other staff member’s',
    'R ARR ARR ARR ARR ARR',
    (w, r, s) => notificationFor(w, r, s),
  ),
  nodeRow(
    'Pairing',
    ['supervision.log'],
    'the pairing of A’s social worker / of B’s',
    'R A ARA R ARR R',
    (w, _r, s) => sideOf(w, s).pairing.id,
  ),
  nodeRow('Shift', [], 'a shift in A / in B', 'R A A A A A', (w, _r, s) => sideOf(w, s).shift.id, {
    refused: 'null for anonymous; signed in, every shift is readable',
  }),
  nodeRow(
    'Signup',
    ['activity.manage', 'volunteer.own'],
    'A’s volunteer’s sign-up for A’s activity (the caller’s own for the volunteer) / B’s',
    'R A ARA ARR ARR ARR',
    (w, _r, s) => sideOf(w, s).signup.id,
    { refused: 'null (the volunteer’s own, or for those who run the activity)' },
  ),
  nodeRow(
    'SocialWorker',
    ['socialWorker.read'],
    'A’s social worker (the caller themselves for the social worker) / B’s',
    'R A ARA R ARA R',
    (w, _r, s) => sideOf(w, s).socialWorker.id,
  ),
  notFetchable('SupervisionLog', async (w) => {
    const em = w.t.orm.em.fork();
    const log = em.create(SupervisionLog, {
      pairing: w.A.pairing.id,
      author: w.A.socialWorkerUser.id,
      date: '2026-01-02',
      mode: SupervisionMode.PHONE,
    });
    await em.flush();
    return log.id;
  }),
  {
    op: 'node(Unit)',
    rules: ['unit.readContact'],
    scope: 'unit A / unit B',
    refused:
      'the unit is public, its liaison’s phone comes masked (policy unit.readContact: the office, the community’s staff, the unit’s liaison)',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const id = sideOf(w, scope).unit.nodeId;
      return read(w, role, NODE('... on Unit { liaisonPhone }'), { id }, (d) =>
        d.node === null
          ? 'unexpected: null'
          : isMasked(d.node.liaisonPhone)
            ? 'masked'
            : d.node.liaisonPhone
              ? true
              : `unexpected ${JSON.stringify(d)}`,
      );
    },
  },
  nodeRow(
    'User',
    ['user.read'],
    'another liaison of unit A (community A) / of unit B',
    'R A ARA ARR R R',
    (w, _r, s) => sideOf(w, s).member.id,
    {
      refused:
        'null (policy user.read: the office, themselves, their community’s staff, their unit’s liaisons)',
    },
  ),
  nodeRow(
    'Volunteer',
    ['volunteer.read'],
    'A’s volunteer (the caller themselves for the volunteer; confirmed to work for unit A) / B’s',
    'R A ARA ARR ARA ARR',
    (w, _r, s) => sideOf(w, s).volunteer.id,
  ),

  // ============================================================== Mutation
  {
    op: 'Mutation.acceptLiaisonInvitation',
    rules: [],
    scope: null,
    refused:
      'never: the link is the right (a fresh invitation per case); whoever holds it signs up',
    expect: 'A A A A A A',
    async prepare(w, role) {
      const token = await freshInvitation(w);
      return async () =>
        mutationOutcome(
          await gqlAs(
            w,
            role,
            'mutation($input: AcceptLiaisonInvitationInput!) { acceptLiaisonInvitation(input: $input) { token errors { code } } }',
            { input: { token, username: `a${unique()}`, password: 'Test-password-1' } },
          ),
          'acceptLiaisonInvitation',
        );
    },
  },
  {
    op: 'Mutation.cancelShift',
    rules: ['activity.manage'],
    scope:
      'a fresh shift of A’s activity (community A, unit A, created by A’s social worker) / of B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARR R',
    async prepare(w, role, scope) {
      const shift = await freshShift(w.t, sideOf(w, scope).activity);
      return () =>
        mutate(w, role, 'cancelShift', 'CancelShiftInput!', { id: shift.nodeId, reason: '下雨' })();
    },
  },
  {
    op: 'Mutation.cancelSignup',
    rules: ['activity.manage', 'volunteer.own'],
    scope:
      'a fresh sign-up of A’s volunteer (the caller, for the volunteer) for A’s activity / of B’s volunteer for B’s',
    refused:
      'UNAUTHENTICATED or FORBIDDEN (the volunteer’s own place, or those who run the activity)',
    expect: 'R A ARA ARR ARR ARR',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const shift = await freshShift(w.t, side.activity);
      const signup = await makeSignup(w.t, shift, side.volunteer);
      return mutate(w, role, 'cancelSignup', 'CancelSignupInput!', { signupId: signup.nodeId });
    },
  },
  {
    op: 'Mutation.checkIn',
    rules: ['activity.manage'],
    scope: 'a fresh confirmed place on a shift of A’s activity starting in 45 minutes / of B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARR R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const signup = await makeSignup(
        w.t,
        await startingSoon(w, side),
        await freshVolunteer(w.t, side),
      );
      return mutate(w, role, 'checkIn', 'CheckInInput!', { signupId: signup.nodeId });
    },
  },
  {
    op: 'Mutation.checkInWithCode',
    rules: ['attendance.selfCheckIn'],
    scope:
      'the code of a shift where the caller has a confirmed place (a fresh shift of A’s activity starting in 45 minutes) / of B’s shift, where they have none',
    refused:
      'UNAUTHENTICATED or FORBIDDEN (only volunteers check themselves in); out of scope, payload NOT_SIGNED_UP',
    expect: 'R R R R R ARR',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const shift = await startingSoon(w, side);
      // Only the volunteer caller gets a place: A's volunteer never holds two overlapping places.
      if (scope === 'in' && role === 'VOLUNTEER') await makeSignup(w.t, shift, w.A.volunteer);
      const code = await checkInCode(w, shift.nodeId);
      return () =>
        mutate(w, role, 'checkInWithCode', 'CheckInWithCodeInput!', { code })(['NOT_SIGNED_UP']);
    },
  },
  {
    op: 'Mutation.checkOut',
    rules: ['activity.manage'],
    scope: 'a fresh checked-in place on a shift of A’s activity that started an hour ago / of B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARR R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const shift = await startedAnHourAgo(w, side);
      const signup = await makeSignup(w.t, shift, await freshVolunteer(w.t, side), {
        attendance: Attendance.CHECKED_IN,
        checkedInAt: shift.startsAt,
      });
      return mutate(w, role, 'checkOut', 'CheckOutInput!', { signupId: signup.nodeId });
    },
  },
  {
    op: 'Mutation.checkOutWithCode',
    rules: ['attendance.selfCheckIn'],
    scope:
      'the code of a shift where the caller is checked in (a fresh shift of A’s activity that started 2 hours ago and ends in 15 minutes) / of B’s shift, where they have no place',
    refused:
      'UNAUTHENTICATED or FORBIDDEN (only volunteers check themselves out); out of scope, payload NOT_SIGNED_UP',
    expect: 'R R R R R ARR',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      // Ends when checkInWithCode's shifts start: the volunteer's places never overlap.
      const shift = await freshShift(w.t, side.activity, { startsInHours: -2, hours: 2.25 });
      if (scope === 'in' && role === 'VOLUNTEER')
        await makeSignup(w.t, shift, w.A.volunteer, {
          attendance: Attendance.CHECKED_IN,
          checkedInAt: shift.startsAt,
        });
      const code = await checkInCode(w, shift.nodeId);
      return () =>
        mutate(w, role, 'checkOutWithCode', 'CheckOutWithCodeInput!', { code })(['NOT_SIGNED_UP']);
    },
  },
  {
    op: 'Mutation.confirmHours',
    rules: ['activity.manage'],
    scope: 'a fresh checked-out place (another volunteer’s) on a shift of A’s activity / of B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARR R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const shift = await freshShift(w.t, side.activity, { startsInHours: -10, hours: 3 });
      const signup = await makeSignup(w.t, shift, await freshVolunteer(w.t, side), {
        attendance: Attendance.CHECKED_OUT,
        checkedInAt: shift.startsAt,
        checkedOutAt: shift.endsAt,
        minutes: 180,
      });
      return mutate(w, role, 'confirmHours', 'ConfirmHoursInput!', { signupId: signup.nodeId });
    },
  },
  {
    op: 'Mutation.confirmPairings',
    rules: ['pairing.manage'],
    scope: 'community A with a fresh unpaired volunteer of A and A’s social worker / the same in B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const volunteer = await freshVolunteer(w.t, side);
      return mutate(w, role, 'confirmPairings', 'ConfirmPairingsInput!', {
        communityId: side.community.nodeId,
        proposals: [{ socialWorkerId: side.socialWorker.nodeId, volunteerId: volunteer.nodeId }],
      });
    },
  },
  {
    op: 'Mutation.createActivity',
    rules: ['activity.create'],
    scope: 'organised by unit A (so in community A) / by unit B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARA R',
    async prepare(w, role, scope) {
      return mutate(w, role, 'createActivity', 'CreateActivityInput!', {
        organiserUnitId: sideOf(w, scope).unit.nodeId,
        title: `活动${unique()}`,
        location: '社区服务中心',
      });
    },
  },
  {
    op: 'Mutation.createCategory',
    rules: ['category.manage'],
    scope: null,
    refused: 'UNAUTHENTICATED or FORBIDDEN (the office only)',
    expect: 'R A R R R R',
    async prepare(w, role) {
      const code = `c-${unique()}`;
      return mutate(w, role, 'createCategory', 'CreateCategoryInput!', {
        code,
        name: `类别${code}`,
        nameEn: `Category ${code}`,
      });
    },
  },
  {
    op: 'Mutation.createCommitment',
    rules: ['commitment.write'],
    scope: 'for unit A / for unit B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const [category] = await w.t.orm.em
        .getConnection()
        .execute<{ id: number }[]>('select min(id) as id from commitment_category where active');
      return mutate(w, role, 'createCommitment', 'CreateCommitmentInput!', {
        unitId: sideOf(w, scope).unit.nodeId,
        categoryId: gid('CommitmentCategory', category!.id),
        title: `承诺${unique()}`,
        measure: 'EVENTS',
        targetAmount: 4,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      });
    },
  },
  {
    op: 'Mutation.createCommunity',
    rules: ['community.create'],
    scope: null,
    refused: 'UNAUTHENTICATED or FORBIDDEN (the office only)',
    expect: 'R A R R R R',
    async prepare(w, role) {
      const code = `c-${unique()}`;
      return mutate(w, role, 'createCommunity', 'CreateCommunityInput!', {
        code,
        name: `社区${code}`,
        nameEn: `Community ${code}`,
        households: 3000,
        residents: 7000,
        fullTimeWorkers: 6,
      });
    },
  },
  {
    op: 'Mutation.createGrid',
    rules: ['directory.manage'],
    scope: 'in community A / in B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const code = `g-${unique()}`;
      return mutate(w, role, 'createGrid', 'CreateGridInput!', {
        communityId: sideOf(w, scope).community.nodeId,
        code,
        name: `网格${code}`,
        households: 300,
      });
    },
  },
  {
    op: 'Mutation.createNeed',
    rules: ['need.manage'],
    scope: 'in community A / in B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const [category] = await w.t.orm.em
        .getConnection()
        .execute<{ id: number }[]>('select min(id) as id from commitment_category where active');
      return mutate(w, role, 'createNeed', 'CreateNeedInput!', {
        communityId: sideOf(w, scope).community.nodeId,
        categoryId: gid('CommitmentCategory', category!.id),
        title: `需求${unique()}`,
        measure: 'EVENTS',
        amount: 3,
      });
    },
  },
  {
    op: 'Mutation.createShift',
    rules: ['activity.manage'],
    scope: 'for A’s activity (community A, unit A, created by A’s social worker) / for B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARR R',
    async prepare(w, role, scope) {
      const startsAt = new Date(Date.now() + 30 * 24 * HOUR);
      return mutate(w, role, 'createShift', 'CreateShiftInput!', {
        activityId: sideOf(w, scope).activity.nodeId,
        capacity: 5,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
      });
    },
  },
  {
    op: 'Mutation.createUnit',
    rules: ['directory.manage'],
    scope: 'in community A / in B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      return mutate(w, role, 'createUnit', 'CreateUnitInput!', {
        communityId: sideOf(w, scope).community.nodeId,
        name: `单位${unique()}`,
        kind: 'ENTERPRISE',
        staffCount: 20,
        liaisonName: '李四',
        liaisonPhone: '13812345678',
      });
    },
  },
  {
    op: 'Mutation.createUser',
    rules: ['user.create'],
    scope: 'a volunteer account in community A / in B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      return mutate(w, role, 'createUser', 'CreateUserInput!', {
        communityId: sideOf(w, scope).community.nodeId,
        username: `u${unique()}`,
        displayName: '王五',
        password: 'Test-password-1',
        role: 'VOLUNTEER',
      });
    },
  },
  {
    op: 'Mutation.endPairing',
    rules: ['pairing.end'],
    scope:
      'a fresh pairing of A’s social worker (the caller, for a social worker) / of B’s / of A’s other social worker',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R ARR R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const pairing = await makePairing(
        w.t,
        side.socialWorker,
        await freshVolunteer(w.t, side),
        w.admin,
      );
      return mutate(w, role, 'endPairing', 'EndPairingInput!', {
        id: pairing.nodeId,
        reason: '搬家',
      });
    },
  },
  {
    op: 'Mutation.importUnits',
    rules: ['directory.manage'],
    scope: 'a one-row sheet into community A / into B (communityId)',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const community = sideOf(w, scope).community;
      return async () => {
        const res = await gqlAs(
          w,
          role,
          'mutation($input: ImportUnitsInput!) { importUnits(input: $input) { importedCount rowErrors { message } errors { code } } }',
          {
            input: {
              communityId: community.nodeId,
              fileName: 'units.csv',
              contentBase64: CSV(community.name),
            },
          },
        );
        const observed = mutationOutcome(res, 'importUnits');
        if (observed.outcome !== 'allowed') return observed;
        // Allowed means the row went in; a row error here would be a broken fixture.
        const { importedCount, rowErrors } = res.data!.importUnits;
        return importedCount === 1 ? observed : unexpected(JSON.stringify(rowErrors));
      };
    },
  },
  {
    op: 'Mutation.inviteUnitLiaison',
    rules: ['unit.inviteLiaison'],
    scope: 'a fresh unit without a liaison in community A / in B (unitId)',
    refused:
      'UNAUTHENTICATED or FORBIDDEN (the office or the unit’s community staff, not a liaison)',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const unit = await makeUnit(w.t.orm, sideOf(w, scope).community);
      return mutate(w, role, 'inviteUnitLiaison', 'InviteUnitLiaisonInput!', {
        unitId: unit.nodeId,
        displayName: '周新',
      });
    },
  },
  {
    op: 'Mutation.issueCalendarFeed',
    rules: [],
    scope: null,
    refused:
      'UNAUTHENTICATED; payload REQUIRED for an account without a volunteer profile (the feed is of one’s own places)',
    expect: 'R R R R R A',
    async prepare(w, role) {
      return () => mutate(w, role, 'issueCalendarFeed', 'CalendarFeedInput', {})(['REQUIRED']);
    },
  },
  {
    op: 'Mutation.logSupervision',
    rules: ['supervision.log'],
    scope: 'the pairing of A’s social worker / of B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R ARR R',
    async prepare(w, role, scope) {
      return mutate(w, role, 'logSupervision', 'LogSupervisionInput!', {
        pairingId: sideOf(w, scope).pairing.nodeId,
        date: today(),
        mode: 'PHONE',
        durationMinutes: 30,
      });
    },
  },
  {
    op: 'Mutation.login',
    rules: [],
    scope: null,
    refused: 'never for good credentials, whoever asks (a fresh account of community A)',
    expect: 'A A A A A A',
    async prepare(w, role) {
      const user = await makeUser(w.t.orm, { role: Role.VOLUNTEER, community: w.A.community });
      return mutate(w, role, 'login', 'LoginInput!', {
        username: user.username,
        password: 'Test-password-1',
      });
    },
  },
  {
    op: 'Mutation.logout',
    rules: [],
    scope: null,
    refused: 'UNAUTHENTICATED (signing out ends the caller’s own session; a fresh one per case)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      const user = w.callers[role];
      const token = user ? await sessionFor(w.t, user) : null;
      return async () =>
        mutationOutcome(
          await w.t.gql('mutation { logout(input: {}) { ok errors { code } } }', {}, token),
          'logout',
        );
    },
  },
  {
    op: 'Mutation.markNoShow',
    rules: ['activity.manage'],
    scope: 'a fresh confirmed place on a started shift of A’s activity / of B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR ARR R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const signup = await makeSignup(
        w.t,
        await startedAnHourAgo(w, side),
        await freshVolunteer(w.t, side),
      );
      return mutate(w, role, 'markNoShow', 'MarkNoShowInput!', { signupId: signup.nodeId });
    },
  },
  {
    op: 'Mutation.markNotificationsRead',
    rules: [],
    scope:
      'a fresh notification of the caller’s / of B’s staff member / of A’s other staff member (ids given)',
    refused: 'UNAUTHENTICATED; others’ ids are ignored: count 0 and the notification stays unread',
    expect: 'R ARR ARR ARR ARR ARR',
    async prepare(w, role, scope) {
      const owner = scope === 'in' ? (w.callers[role] ?? w.B.staff) : sideOf(w, scope).staff;
      const id = gid('Notification', await makeNotification(w.t, owner));
      return async () => {
        const res = await gqlAs(
          w,
          role,
          'mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { count errors { code } } }',
          { input: { ids: [id] } },
        );
        const observed = mutationOutcome(res, 'markNotificationsRead');
        if (observed.outcome !== 'allowed') return observed;
        const count = res.data!.markNotificationsRead.count as number;
        return count === 1
          ? allowed()
          : count === 0
            ? refused('count 0')
            : unexpected(`count ${count}`);
      };
    },
  },
  {
    op: 'Mutation.recordFulfilment',
    rules: ['commitment.write'],
    scope: 'against unit A’s active commitment / unit B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      return mutate(w, role, 'recordFulfilment', 'RecordFulfilmentInput!', {
        commitmentId: sideOf(w, scope).active.nodeId,
        amount: 1,
        date: today(),
        note: '记录',
      });
    },
  },
  {
    op: 'Mutation.registerVolunteer',
    rules: [],
    scope: null,
    refused: 'never: registration is public',
    expect: 'A A A A A A',
    async prepare(w, role) {
      return mutate(w, role, 'registerVolunteer', 'RegisterVolunteerInput!', {
        communityId: w.A.community.nodeId,
        username: `r${unique()}`,
        displayName: '赵六',
        password: 'Test-password-1',
        phone: '13912345678',
      });
    },
  },
  {
    op: 'Mutation.reviewAffiliation',
    rules: ['affiliation.review'],
    scope: 'a fresh volunteer of A claiming unit A (PENDING) / of B claiming unit B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const volunteer = await freshVolunteer(w.t, sideOf(w, scope), Affiliation.PENDING);
      return mutate(w, role, 'reviewAffiliation', 'ReviewAffiliationInput!', {
        volunteerId: volunteer.nodeId,
        confirm: true,
      });
    },
  },
  {
    op: 'Mutation.reviewCommitment',
    rules: ['commitment.review'],
    scope: 'a fresh SUBMITTED commitment of unit A / of unit B (accept)',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const c = await freshCommitment(w.t, sideOf(w, scope), CommitmentStatus.SUBMITTED);
      return mutate(w, role, 'reviewCommitment', 'ReviewCommitmentInput!', {
        id: c.nodeId,
        decision: 'ACCEPT',
      });
    },
  },
  {
    op: 'Mutation.reviewFulfilment',
    rules: ['commitment.review'],
    scope: 'a fresh PENDING record (by the unit’s liaison) of unit A’s active commitment / of B’s',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const side = sideOf(w, scope);
      const c = await freshCommitment(w.t, side, CommitmentStatus.ACTIVE);
      const f = await makeFulfilment(w.t, c, side.liaison, FulfilmentStatus.PENDING);
      return mutate(w, role, 'reviewFulfilment', 'ReviewFulfilmentInput!', {
        id: f.nodeId,
        decision: 'VERIFY',
      });
    },
  },
  {
    op: 'Mutation.reviewTargetChange',
    rules: ['commitment.review'],
    scope: 'a fresh active commitment of unit A with a target change requested / of B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const c = await freshCommitment(w.t, sideOf(w, scope), CommitmentStatus.ACTIVE);
      await w.t.orm.em
        .getConnection()
        .execute('update commitment set proposed_target_amount = 200000 where id = ?', [c.id]);
      return mutate(w, role, 'reviewTargetChange', 'ReviewTargetChangeInput!', {
        id: c.nodeId,
        decision: 'ACCEPT',
      });
    },
  },
  {
    op: 'Mutation.revokeCalendarFeed',
    rules: [],
    scope: null,
    refused: 'UNAUTHENTICATED (revokes the caller’s own feed; nothing to do without one)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      return mutate(w, role, 'revokeCalendarFeed', 'CalendarFeedInput', {});
    },
  },
  {
    op: 'Mutation.setMyLanguage',
    rules: [],
    scope: null,
    refused: 'UNAUTHENTICATED (the caller’s own setting)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      return mutate(w, role, 'setMyLanguage', 'SetMyLanguageInput!', { language: 'en' });
    },
  },
  {
    op: 'Mutation.setNeedStatus',
    rules: ['need.manage'],
    scope: 'a fresh open need of community A / of B (close it)',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const need = await makeNeed(w.t, sideOf(w, scope).community, w.admin);
      return mutate(w, role, 'setNeedStatus', 'SetNeedStatusInput!', {
        id: need.nodeId,
        status: NeedStatus.CLOSED,
      });
    },
  },
  {
    op: 'Mutation.signUpForShift',
    rules: ['shift.signUp'],
    scope: 'a fresh shift of A’s activity / of B’s activity',
    refused:
      'UNAUTHENTICATED or FORBIDDEN (volunteers only; a volunteer may take a place in any community)',
    expect: 'R R R R R A',
    async prepare(w, role, scope) {
      const shift = await freshShift(w.t, sideOf(w, scope).activity);
      return mutate(w, role, 'signUpForShift', 'SignUpForShiftInput!', { shiftId: shift.nodeId });
    },
  },
  {
    op: 'Mutation.submitCommitment',
    rules: ['commitment.write'],
    scope: 'a fresh draft of unit A / of unit B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const c = await freshCommitment(w.t, sideOf(w, scope), CommitmentStatus.DRAFT);
      return mutate(w, role, 'submitCommitment', 'SubmitCommitmentInput!', { id: c.nodeId });
    },
  },
  {
    op: 'Mutation.updateCategory',
    rules: ['category.manage'],
    scope: null,
    refused: 'UNAUTHENTICATED or FORBIDDEN (the office only)',
    expect: 'R A R R R R',
    async prepare(w, role) {
      const [category] = await w.t.orm.em
        .getConnection()
        .execute<{ id: number }[]>('select max(id) as id from commitment_category');
      return mutate(w, role, 'updateCategory', 'UpdateCategoryInput!', {
        id: gid('CommitmentCategory', category!.id),
        nameEn: `Renamed ${unique()}`,
      });
    },
  },
  {
    op: 'Mutation.updateCommitment',
    rules: ['commitment.write'],
    scope: 'a fresh draft of unit A / of unit B (new title)',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const c = await freshCommitment(w.t, sideOf(w, scope), CommitmentStatus.DRAFT);
      return mutate(w, role, 'updateCommitment', 'UpdateCommitmentInput!', {
        id: c.nodeId,
        version: c.version,
        title: `改名${unique()}`,
      });
    },
  },
  {
    op: 'Mutation.updateMyVolunteerProfile',
    rules: ['shift.signUp'],
    scope: null,
    refused: 'UNAUTHENTICATED or FORBIDDEN (volunteers edit their own profile)',
    expect: 'R R R R R A',
    async prepare(w, role) {
      return mutate(w, role, 'updateMyVolunteerProfile', 'UpdateMyVolunteerProfileInput!', {
        skills: ['CLEANING'],
      });
    },
  },
  {
    op: 'Mutation.updateSocialWorkerProfile',
    rules: ['socialWorker.update'],
    scope: 'A’s social worker (the caller themselves for the social worker) / B’s (userId)',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA R ARR R',
    async prepare(w, role, scope) {
      return mutate(w, role, 'updateSocialWorkerProfile', 'UpdateSocialWorkerProfileInput!', {
        userId: gid('User', sideOf(w, scope).socialWorkerUser.id),
        caseloadCap: nextCap(),
      });
    },
  },
  {
    op: 'Mutation.updateUnit',
    rules: ['unit.update', 'unit.updateIdentity'],
    scope: 'rename unit A / unit B',
    refused:
      'UNAUTHENTICATED or FORBIDDEN (unit.update: the office, the community’s staff, the unit’s liaison; renaming also needs unit.updateIdentity, which the liaison lacks)',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      return mutate(w, role, 'updateUnit', 'UpdateUnitInput!', {
        id: sideOf(w, scope).unit.nodeId,
        name: `单位${unique()}`,
      });
    },
  },
  {
    op: 'Mutation.withdrawCommitment',
    rules: ['commitment.write'],
    scope: 'a fresh draft of unit A / of unit B',
    refused: 'UNAUTHENTICATED or FORBIDDEN',
    expect: 'R A ARA ARR R R',
    async prepare(w, role, scope) {
      const c = await freshCommitment(w.t, sideOf(w, scope), CommitmentStatus.DRAFT);
      return mutate(w, role, 'withdrawCommitment', 'WithdrawCommitmentInput!', { id: c.nodeId });
    },
  },

  // ============================================================== HTTP routes
  {
    op: 'GET /files/evidence/:id',
    rules: ['evidence.read'],
    scope:
      'a file attached to a record of unit A’s commitment / of unit B’s / near: a file A’s other liaison uploaded and has not attached yet (only its uploader and the office may open it)',
    refused: '401 signed out; 404 otherwise (refused and unknown look the same)',
    expect: 'R A ARR ARR R R',
    async prepare(w, role, scope) {
      const dbId =
        scope === 'near'
          ? idOfGlobal(await uploadEvidence(w, await sessionFor(w.t, w.A2.liaison)))
          : await attachedEvidence(w, sideOf(w, scope));
      const id = gid('EvidenceFile', dbId);
      return async () => httpOutcome(await httpAs(w, role, `/files/evidence/${id}`));
    },
  },
  {
    op: 'POST /files/evidence',
    rules: [],
    scope: null,
    refused:
      '401 signed out; anyone signed in may upload (a file grants nothing until recordFulfilment attaches it)',
    expect: 'R A A A A A',
    async prepare(w, role) {
      return async () => {
        const form = new FormData();
        form.append('file', new Blob([PNG], { type: 'image/png' }), 'photo.png');
        return httpOutcome(
          await httpAs(w, role, '/files/evidence', { method: 'POST', body: form }),
        );
      };
    },
  },
  {
    op: 'GET /reports/co-building',
    rules: ['coBuildingReport.read'],
    scope: 'communityId A / B',
    refused: '401 signed out, 403 FORBIDDEN',
    expect: 'R A ARA ARA R R',
    async prepare(w, role, scope) {
      const c = sideOf(w, scope).community.nodeId;
      return async () =>
        httpOutcome(
          await httpAs(w, role, `/reports/co-building?communityId=${c}&year=2026&format=csv`),
        );
    },
  },
  {
    op: 'GET /reports/staffing',
    rules: ['staffing.read'],
    scope: 'communityId A / B',
    refused: '401 signed out, 403 FORBIDDEN',
    expect: 'R A ARA R R R',
    async prepare(w, role, scope) {
      const c = sideOf(w, scope).community.nodeId;
      return async () =>
        httpOutcome(await httpAs(w, role, `/reports/staffing?communityId=${c}&format=csv`));
    },
  },
  {
    op: 'GET /volunteer/service-record.:format',
    rules: ['serviceRecord.read'],
    scope:
      'A’s volunteer’s record (the caller’s own for the volunteer) / B’s volunteer’s (volunteerId, xlsx)',
    refused:
      '401 signed out, 403 FORBIDDEN. The route’s own comment grants someone else’s record to the office and the volunteer’s community’s staff and social workers only — not to the liaison of the unit the volunteer works for',
    expect: 'R A ARA R ARA ARR',
    async prepare(w, role, scope) {
      const v = sideOf(w, scope).volunteer.nodeId;
      return async () =>
        httpOutcome(await httpAs(w, role, `/volunteer/service-record.xlsx?volunteerId=${v}`));
    },
  },
  {
    op: 'GET /volunteer/calendar/:token.ics',
    rules: [],
    scope:
      'a live feed token of A’s volunteer / B’s volunteer’s token revoked by issuing a new one / a live token of A’s other volunteer (the token is the only key)',
    refused:
      '404 for an unknown or revoked token, whoever asks; the bearer token plays no part, so a live token works for whoever holds it',
    expect: 'ARA ARA ARA ARA ARA ARA',
    async prepare(w, role, scope) {
      const issue = async () => {
        const res = await w.t.gql(
          'mutation { issueCalendarFeed(input: {}) { url errors { code } } }',
          {},
          await sessionFor(w.t, sideOf(w, scope).volunteerUser),
        );
        const url = res.data?.issueCalendarFeed?.url as string | undefined;
        if (!url) throw new Error(`issueCalendarFeed: ${JSON.stringify(res)}`);
        return url.split('/calendar/')[1]!.replace(/\.ics$/, '');
      };
      const token = await issue();
      if (scope === 'out') await issue(); // the first URL stops working
      return async () =>
        httpOutcome(await httpAs(w, role, `/volunteer/calendar/${token}.ics`), [404]);
    },
  },
];

let cap = 100;
/** A caseload cap no earlier case set, so every allowed update changes the profile. */
const nextCap = () => (cap = cap >= 200 ? 100 : cap + 1);

/** A check-in code for the shift, from the office (who runs every activity). */
async function checkInCode(w: World, shiftId: string): Promise<string> {
  const res = await gqlAs(
    w,
    'STREET_ADMIN',
    'query($id: ID!) { shiftCheckInCode(shiftId: $id) { code } }',
    { id: shiftId },
  );
  const code = res.data?.shiftCheckInCode?.code as string | undefined;
  if (!code) throw new Error(`shiftCheckInCode: ${JSON.stringify(res)}`);
  return code;
}
