// The four read benchmarks, each written three ways that answer the same question: a GraphQL
// document for our API, one for PostGraphile 4 (public + bench schemas, see bench-schema.ts), and
// ONE hand-written SQL statement for the bare node:http server (the limit). `essentials` reduces
// each answer to the figures that must agree (database ids, statuses, amounts, ranks…) so the run
// can refuse to time servers that give different answers.

/** What the fixture picked in the database (fixture.ts). */
export interface ReadFixture {
  communityId: number;
  communityNodeId: string;
  year: number;
  shiftId: number;
  shiftNodeId: string;
  /** PostGraphile's global id of the same shift. */
  shiftPgNodeId: string;
  adminToken: string;
  volunteerToken: string;
}

/** Page sizes: `full` is the benchmark's; `small` shows the statement count does not grow. */
export interface PageSizes {
  units: number;
  commitments: number;
  shifts: number;
  deepUnits: number;
}

export const FULL_PAGE: PageSizes = { units: 50, commitments: 100, shifts: 30, deepUnits: 20 };
export const SMALL_PAGE: PageSizes = { units: 10, commitments: 20, shifts: 5, deepUnits: 5 };

export type ServerKind = 'ours' | 'postgraphile' | 'sql';
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'postgraphile', 'sql'];

export interface Request {
  /** Path below the server's base URL. */
  path: string;
  body: string;
  token: string;
}

export interface ReadQuery {
  id: 'q1' | 'q2' | 'q3' | 'q4';
  title: string;
  request(kind: ServerKind, fx: ReadFixture, page: PageSizes): Request;
  /** The comparable figures of one answer, as a JSON-able value. */
  essentials(kind: ServerKind, body: unknown): unknown;
}

/** The database id inside our global id (base64url of `Type:id`). */
export const dbId = (globalId: string): number =>
  Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

const round = (x: number | null | undefined) =>
  x === null || x === undefined ? null : Math.round(x * 1e6) / 1e6;

const gql = (query: string, variables: Record<string, unknown>) =>
  JSON.stringify({ query, variables });

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field */
type Any = any;

// ---------------------------------------------------------------- Q1 community dashboard

const Q1_OURS = `query Q1($communityId: ID!, $units: Int!, $commitments: Int!) {
  community(id: $communityId) {
    id name
    units(first: $units) { totalCount edges { node { id name kind } } }
  }
  commitments(filter: { communityId: $communityId }, first: $commitments) {
    totalCount
    edges { node { id title status targetAmount unit { id name }
      progress { verified ratio expectedRatio behind } } }
  }
}`;

const Q1_PG = `query Q1($id: Int!, $units: Int!, $commitments: Int!) {
  communityById(id: $id) {
    id name
    unitsByCommunityId(first: $units, orderBy: [NAME_ASC, ID_ASC]) { totalCount nodes { id name kind } }
    commitmentsByCommunityId(first: $commitments, orderBy: ID_ASC) {
      totalCount
      nodes { id title status targetAmount unitByUnitId { id name }
        commitmentProgressByCommitmentId { verified ratio expectedRatio behind } }
    }
  }
}`;

export const Q1_SQL = `
select json_build_object('data', (
  select json_build_object(
    'id', co.id, 'name', co.name,
    'units', json_build_object(
      'totalCount', (select count(*) from unit where community_id = co.id),
      'nodes', coalesce((
        select json_agg(json_build_object('id', u.id, 'name', u.name, 'kind', u.kind)
                        order by u.name, u.id)
          from (select id, name, kind from unit where community_id = co.id
                 order by name, id limit $2) u), '[]')),
    'commitments', json_build_object(
      'totalCount', (select count(*) from commitment where community_id = co.id),
      'nodes', coalesce((
        select json_agg(json_build_object(
                 'id', c.id, 'title', c.title, 'status', c.status,
                 'targetAmount', c.target_amount::float8,
                 'unit', json_build_object('id', u.id, 'name', u.name),
                 'progress', json_build_object('verified', p.verified, 'ratio', p.ratio,
                   'expectedRatio', p.expected_ratio, 'behind', p.behind))
                 order by c.id)
          from (select * from commitment where community_id = co.id order by id limit $3) c
          join unit u on u.id = c.unit_id
          join bench.commitment_progress p on p.commitment_id = c.id), '[]')))
  from community co where co.id = $1))::text as body`;

const q1: ReadQuery = {
  id: 'q1',
  title: 'Q1 community dashboard',
  request(kind, fx, page) {
    if (kind === 'ours')
      return {
        path: '/graphql',
        token: fx.adminToken,
        body: gql(Q1_OURS, {
          communityId: fx.communityNodeId,
          units: page.units,
          commitments: page.commitments,
        }),
      };
    if (kind === 'postgraphile')
      return {
        path: '/graphql',
        token: fx.adminToken,
        body: gql(Q1_PG, { id: fx.communityId, units: page.units, commitments: page.commitments }),
      };
    return {
      path: '/q1',
      token: fx.adminToken,
      body: JSON.stringify([fx.communityId, page.units, page.commitments]),
    };
  },
  essentials(kind, body: Any) {
    let community: Any,
      units: Any[],
      unitTotal: number,
      commitments: Any[],
      commitmentTotal: number;
    if (kind === 'ours') {
      community = body.data.community;
      units = community.units.edges.map((e: Any) => ({ ...e.node, id: dbId(e.node.id) }));
      unitTotal = community.units.totalCount;
      commitmentTotal = body.data.commitments.totalCount;
      commitments = body.data.commitments.edges.map(({ node: c }: Any) => ({
        id: dbId(c.id),
        unit: dbId(c.unit.id),
        status: c.status,
        target: c.targetAmount,
        ...c.progress,
      }));
    } else if (kind === 'postgraphile') {
      community = body.data.communityById;
      units = community.unitsByCommunityId.nodes;
      unitTotal = community.unitsByCommunityId.totalCount;
      commitmentTotal = community.commitmentsByCommunityId.totalCount;
      commitments = community.commitmentsByCommunityId.nodes.map((c: Any) => ({
        id: c.id,
        unit: c.unitByUnitId.id,
        status: c.status,
        target: Number(c.targetAmount),
        ...c.commitmentProgressByCommitmentId,
      }));
    } else {
      community = body.data;
      units = community.units.nodes;
      unitTotal = community.units.totalCount;
      commitmentTotal = community.commitments.totalCount;
      commitments = community.commitments.nodes.map((c: Any) => ({
        id: c.id,
        unit: c.unit.id,
        status: c.status,
        target: c.targetAmount,
        ...c.progress,
      }));
    }
    return {
      community: community.name,
      unitTotal: Number(unitTotal),
      units: units.map((u) => [u.id, u.name, u.kind]),
      commitmentTotal: Number(commitmentTotal),
      commitments: commitments.map((c) => [
        c.id,
        c.unit,
        c.status,
        c.target,
        round(c.verified),
        round(c.ratio),
        round(c.expectedRatio),
        c.behind,
      ]),
    };
  },
};

// ---------------------------------------------------------------- Q2 eligible shifts

const Q2_OURS = `query Q2($first: Int!) {
  shifts(filter: { eligibleForMe: true }, first: $first) {
    edges { node { id startsAt endsAt capacity spotsRemaining
      activity { id title location requiredSkills } community { id name } } }
    pageInfo { hasNextPage }
  }
}`;

const Q2_PG = `query Q2($first: Int!) {
  eligibleShifts(first: $first) {
    nodes { id startsAt endsAt capacity confirmedCount status
      activityByActivityId { id title location requiredSkills } communityByCommunityId { id name } }
    pageInfo { hasNextPage }
  }
}`;

// The volunteer is the one whose session token hash the server passes as $1.
export const Q2_SQL = `
with page as (
  select * from bench.eligible_shifts_for($1) limit $2 + 1
)
select json_build_object('data', json_build_object(
  'nodes', coalesce((
    select json_agg(json_build_object(
             'id', s.id, 'startsAt', s.starts_at, 'endsAt', s.ends_at, 'capacity', s.capacity,
             'spotsRemaining', case when s.status = 'OPEN' then s.capacity - s.confirmed_count else 0 end,
             'activity', json_build_object('id', a.id, 'title', a.title, 'location', a.location,
                                           'requiredSkills', a.required_skills),
             'community', json_build_object('id', co.id, 'name', co.name))
             order by s.starts_at, s.id)
      from (select * from page order by starts_at, id limit $2) s
      join activity a on a.id = s.activity_id
      join community co on co.id = s.community_id), '[]'),
  'hasNextPage', (select count(*) > $2 from page)))::text as body`;

const q2: ReadQuery = {
  id: 'q2',
  title: 'Q2 eligible upcoming shifts',
  request(kind, fx, page) {
    if (kind === 'ours')
      return {
        path: '/graphql',
        token: fx.volunteerToken,
        body: gql(Q2_OURS, { first: page.shifts }),
      };
    if (kind === 'postgraphile')
      return {
        path: '/graphql',
        token: fx.volunteerToken,
        body: gql(Q2_PG, { first: page.shifts }),
      };
    return { path: '/q2', token: fx.volunteerToken, body: JSON.stringify([page.shifts]) };
  },
  essentials(kind, body: Any) {
    let rows: Any[], more: boolean;
    if (kind === 'ours') {
      rows = body.data.shifts.edges.map(({ node: s }: Any) => ({
        id: dbId(s.id),
        spots: s.spotsRemaining,
        activity: dbId(s.activity.id),
        community: dbId(s.community.id),
      }));
      more = body.data.shifts.pageInfo.hasNextPage;
    } else if (kind === 'postgraphile') {
      rows = body.data.eligibleShifts.nodes.map((s: Any) => ({
        id: s.id,
        spots: s.status === 'OPEN' ? s.capacity - s.confirmedCount : 0,
        activity: s.activityByActivityId.id,
        community: s.communityByCommunityId.id,
      }));
      more = body.data.eligibleShifts.pageInfo.hasNextPage;
    } else {
      rows = body.data.nodes.map((s: Any) => ({
        id: s.id,
        spots: s.spotsRemaining,
        activity: s.activity.id,
        community: s.community.id,
      }));
      more = body.data.hasNextPage;
    }
    return { shifts: rows.map((r) => [r.id, r.spots, r.activity, r.community]), more };
  },
};

// ---------------------------------------------------------------- Q3 unit standings

const Q3_OURS = `query Q3($communityId: ID!, $year: Int!) {
  unitStandings(communityId: $communityId, year: $year) {
    unit { id name } rank rate commitmentCount activeCount completedCount lapsedCount
    behindCount lagging
  }
}`;

const Q3_PG = `query Q3($id: Int!, $year: Int!) {
  unitStandings(communityId: $id, year: $year) {
    nodes { unitId unitName rank rate commitmentCount activeCount completedCount lapsedCount
      behindCount lagging }
  }
}`;

export const Q3_SQL = `
select json_build_object('data', coalesce(json_agg(json_build_object(
         'unitId', s.unit_id, 'unitName', s.unit_name, 'rank', s.rank, 'rate', s.rate,
         'commitmentCount', s.commitment_count, 'activeCount', s.active_count,
         'completedCount', s.completed_count, 'lapsedCount', s.lapsed_count,
         'behindCount', s.behind_count, 'lagging', s.lagging)), '[]'))::text as body
  from bench.unit_standings($1, $2) s`;

const q3: ReadQuery = {
  id: 'q3',
  title: 'Q3 unit standings',
  request(kind, fx) {
    if (kind === 'ours')
      return {
        path: '/graphql',
        token: fx.adminToken,
        body: gql(Q3_OURS, { communityId: fx.communityNodeId, year: fx.year }),
      };
    if (kind === 'postgraphile')
      return {
        path: '/graphql',
        token: fx.adminToken,
        body: gql(Q3_PG, { id: fx.communityId, year: fx.year }),
      };
    return { path: '/q3', token: fx.adminToken, body: JSON.stringify([fx.communityId, fx.year]) };
  },
  essentials(kind, body: Any) {
    const rows: Any[] =
      kind === 'ours'
        ? body.data.unitStandings.map((r: Any) => ({ ...r, unitId: dbId(r.unit.id) }))
        : kind === 'postgraphile'
          ? body.data.unitStandings.nodes
          : body.data;
    // By unit: the order of equal rates among lagging units depends on name collation only.
    return rows
      .map((r) => [
        r.unitId,
        r.rank,
        round(r.rate),
        r.commitmentCount,
        r.activeCount,
        r.completedCount,
        r.lapsedCount,
        r.behindCount,
        r.lagging,
      ])
      .sort((a, b) => a[0] - b[0]);
  },
};

// ---------------------------------------------------------------- Q4 deep node fetch

const Q4_OURS = `query Q4($id: ID!, $units: Int!) {
  node(id: $id) {
    id
    ... on Shift { startsAt endsAt capacity
      activity { id title
        community { id name households
          units(first: $units) { totalCount
            edges { node { id name grid { id name households } } } } } } }
  }
}`;

const Q4_PG = `query Q4($id: ID!, $units: Int!) {
  node(nodeId: $id) {
    nodeId
    ... on Shift { id startsAt endsAt capacity
      activityByActivityId { id title
        communityByCommunityId { id name households
          unitsByCommunityId(first: $units, orderBy: [NAME_ASC, ID_ASC]) { totalCount
            nodes { id name gridByGridId { id name households } } } } } }
  }
}`;

export const Q4_SQL = `
select json_build_object('data', (
  select json_build_object('id', s.id, 'startsAt', s.starts_at, 'endsAt', s.ends_at,
    'capacity', s.capacity,
    'activity', json_build_object('id', a.id, 'title', a.title,
      'community', json_build_object('id', co.id, 'name', co.name, 'households', co.households,
        'units', json_build_object(
          'totalCount', (select count(*) from unit where community_id = co.id),
          'nodes', coalesce((
            select json_agg(json_build_object('id', u.id, 'name', u.name,
                     'grid', case when g.id is null then null else
                       json_build_object('id', g.id, 'name', g.name, 'households', g.households) end)
                     order by u.name, u.id)
              from (select id, name, grid_id from unit where community_id = co.id
                     order by name, id limit $2) u
              left join grid g on g.id = u.grid_id), '[]')))))
    from shift s join activity a on a.id = s.activity_id join community co on co.id = a.community_id
   where s.id = $1))::text as body`;

const q4: ReadQuery = {
  id: 'q4',
  title: 'Q4 deep node fetch',
  request(kind, fx, page) {
    if (kind === 'ours')
      return {
        path: '/graphql',
        token: fx.adminToken,
        body: gql(Q4_OURS, { id: fx.shiftNodeId, units: page.deepUnits }),
      };
    if (kind === 'postgraphile')
      return {
        path: '/graphql',
        token: fx.adminToken,
        body: gql(Q4_PG, { id: fx.shiftPgNodeId, units: page.deepUnits }),
      };
    return {
      path: '/q4',
      token: fx.adminToken,
      body: JSON.stringify([fx.shiftId, page.deepUnits]),
    };
  },
  essentials(kind, body: Any) {
    let shift: Any, activity: Any, community: Any, units: Any[], total: number;
    if (kind === 'ours') {
      shift = { ...body.data.node, id: dbId(body.data.node.id) };
      activity = shift.activity;
      community = activity.community;
      total = community.units.totalCount;
      units = community.units.edges.map(({ node: u }: Any) => ({
        id: dbId(u.id),
        grid: u.grid && { ...u.grid, id: dbId(u.grid.id) },
      }));
      activity = { ...activity, id: dbId(activity.id) };
    } else if (kind === 'postgraphile') {
      shift = body.data.node;
      activity = shift.activityByActivityId;
      community = activity.communityByCommunityId;
      total = community.unitsByCommunityId.totalCount;
      units = community.unitsByCommunityId.nodes.map((u: Any) => ({
        id: u.id,
        grid: u.gridByGridId,
      }));
    } else {
      shift = body.data;
      activity = shift.activity;
      community = activity.community;
      total = community.units.totalCount;
      units = community.units.nodes;
    }
    return {
      shift: [shift.id, new Date(shift.startsAt).toISOString(), shift.capacity],
      activity: [activity.id, activity.title],
      community: [community.name, community.households, Number(total)],
      units: units.map((u) => [u.id, u.grid?.id ?? null, u.grid?.households ?? null]),
    };
  },
};
/* eslint-enable @typescript-eslint/no-explicit-any */

export const READ_QUERIES: readonly ReadQuery[] = [q1, q2, q3, q4];
