// `activities(filter: { mine })` and `shifts(filter: { mine })`: the activities a viewer runs are
// exactly those whose viewerCanManage is true, for every role; the page costs the same number of
// statements whatever its size.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import { toGlobalId } from '../../graphql/ids.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Activity } from './activity.entity.js';
import type { Shift } from './shift.entity.js';

const t = useTestApp();

const ACTIVITIES = `query($filter: ActivityFilter, $first: Int) {
  activities(filter: $filter, first: $first) {
    totalCount
    edges { node { id title viewerCanManage } }
  } }`;

const SHIFTS = `query($filter: ShiftFilter) {
  shifts(filter: $filter, first: 100) { edges { node { id activity { id } } } } }`;

let communityA: Community;
let communityB: Community;
const users: Record<string, User> = {};
const tokens: Record<string, string> = {};
const activities: Record<string, Activity> = {};
const shifts: Record<string, Shift> = {};

beforeAll(async () => {
  communityA = await makeCommunity(t.orm);
  communityB = await makeCommunity(t.orm);
  const unit = await makeUnit(t.orm, communityA);
  const people: [string, Role, Community | null][] = [
    ['admin', Role.STREET_ADMIN, null],
    ['staffA', Role.COMMUNITY_STAFF, communityA],
    ['staffB', Role.COMMUNITY_STAFF, communityB],
    ['social1', Role.SOCIAL_WORKER, communityA],
    ['social2', Role.SOCIAL_WORKER, communityA],
    ['volunteer', Role.VOLUNTEER, communityA],
  ];
  for (const [key, role, community] of people) {
    users[key] = await makeUser(t.orm, { role, community });
  }
  users.liaison = await makeUser(t.orm, {
    role: Role.UNIT_LIAISON,
    community: communityA,
    unit,
  });
  for (const key of Object.keys(users)) tokens[key] = await t.login(users[key]!.username);

  activities.byStaffA = await makeActivity(t.orm, communityA, { createdBy: users.staffA! });
  activities.bySocial1 = await makeActivity(t.orm, communityA, { createdBy: users.social1! });
  activities.bySocial2 = await makeActivity(t.orm, communityA, { createdBy: users.social2! });
  activities.ofUnit = await makeActivity(t.orm, communityA, {
    createdBy: users.liaison!,
    organiserUnit: unit,
  });
  // Staff made it for the unit: the liaison runs it as the organiser, not as its creator.
  activities.forUnitByStaff = await makeActivity(t.orm, communityA, {
    createdBy: users.staffA!,
    organiserUnit: unit,
  });
  activities.byStaffB = await makeActivity(t.orm, communityB, { createdBy: users.staffB! });
  // A social worker of community A who organises in community B still runs what they created.
  activities.bySocial1InB = await makeActivity(t.orm, communityB, { createdBy: users.social1! });
  for (const [key, activity] of Object.entries(activities)) {
    shifts[key] = await makeShift(t.orm, activity);
  }
});

const ids = (keys: string[]) => keys.map((key) => activities[key]!.nodeId).sort();

async function mine(viewer: string, communityId?: string) {
  const res = await t.gql(
    ACTIVITIES,
    { filter: { mine: true, ...(communityId ? { communityId } : {}) }, first: 100 },
    tokens[viewer],
  );
  expect(res.errors).toBeUndefined();
  return res.data!.activities.edges.map((e: { node: { id: string } }) => e.node.id).sort();
}

describe('activities(filter: { mine: true })', () => {
  it('gives a social worker what they created, wherever it is', async () => {
    expect(await mine('social1')).toEqual(ids(['bySocial1', 'bySocial1InB']));
    expect(await mine('social2')).toEqual(ids(['bySocial2']));
  });

  it('gives staff their community’s activities, whoever organises them', async () => {
    expect(await mine('staffA')).toEqual(
      ids(['byStaffA', 'bySocial1', 'bySocial2', 'ofUnit', 'forUnitByStaff']),
    );
    expect(await mine('staffB')).toEqual(ids(['byStaffB', 'bySocial1InB']));
  });

  it('gives a liaison their unit’s activities, also those staff created for it', async () => {
    expect(await mine('liaison')).toEqual(ids(['ofUnit', 'forUnitByStaff']));
  });

  it('gives the office everything, within the community asked for', async () => {
    const inB = await mine('admin', toGlobalId('Community', communityB.id));
    expect(inB).toEqual(ids(['byStaffB', 'bySocial1InB']));
    const all = await mine('admin');
    expect(all).toEqual(expect.arrayContaining(ids(Object.keys(activities))));
  });

  it('gives a volunteer nothing', async () => {
    expect(await mine('volunteer')).toEqual([]);
  });

  it('combines with the community filter', async () => {
    expect(await mine('social1', toGlobalId('Community', communityB.id))).toEqual(
      ids(['bySocial1InB']),
    );
  });

  it('agrees with viewerCanManage for every viewer', async () => {
    for (const viewer of Object.keys(users)) {
      const res = await t.gql(ACTIVITIES, { first: 100 }, tokens[viewer]);
      const managed = res
        .data!.activities.edges.map((e: { node: { id: string; viewerCanManage: boolean } }) => e)
        .filter((e: { node: { viewerCanManage: boolean } }) => e.node.viewerCanManage)
        .map((e: { node: { id: string } }) => e.node.id)
        .sort();
      expect(await mine(viewer), viewer).toEqual(managed);
    }
  });

  it('lists newest first, with a total', async () => {
    const res = await t.gql(
      ACTIVITIES,
      { filter: { communityId: toGlobalId('Community', communityB.id) }, first: 100 },
      tokens.staffB,
    );
    expect(res.data!.activities.totalCount).toBe(2);
    expect(res.data!.activities.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      activities.bySocial1InB!.nodeId,
      activities.byStaffB!.nodeId,
    ]);
  });

  it('without mine, lists everyone’s', async () => {
    const res = await t.gql(
      ACTIVITIES,
      { filter: { communityId: toGlobalId('Community', communityA.id) }, first: 100 },
      tokens.social1,
    );
    expect(res.data!.activities.totalCount).toBe(5);
  });
});

describe('shifts(filter: { mine: true })', () => {
  async function mineShifts(viewer: string) {
    const res = await t.gql(SHIFTS, { filter: { mine: true } }, tokens[viewer]);
    expect(res.errors).toBeUndefined();
    return res.data!.shifts.edges.map((e: { node: { id: string } }) => e.node.id).sort();
  }
  const shiftIds = (keys: string[]) => keys.map((key) => shifts[key]!.nodeId).sort();

  it('keeps the shifts of the activities the viewer runs', async () => {
    expect(await mineShifts('social1')).toEqual(shiftIds(['bySocial1', 'bySocial1InB']));
    expect(await mineShifts('liaison')).toEqual(shiftIds(['ofUnit', 'forUnitByStaff']));
    expect(await mineShifts('staffB')).toEqual(shiftIds(['byStaffB', 'bySocial1InB']));
    expect(await mineShifts('volunteer')).toEqual([]);
  });
});

describe('the cost of a page of activities', () => {
  const PAGE = `query($filter: ActivityFilter, $first: Int) {
    activities(filter: $filter, first: $first) {
      totalCount
      edges { node {
        id title location requiredSkills viewerCanManage organiserKind
        community { id name }
        createdBy { id displayName }
        organiserUnit { id name }
        shifts(first: 3) { edges { node { id startsAt capacity confirmedCount status } } }
      } }
    } }`;

  it('does not grow with the page size', async () => {
    const community = await makeCommunity(t.orm);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const unit = await makeUnit(t.orm, community);
    const token = await t.login(staff.username);
    for (let i = 0; i < 6; i++) {
      const activity = await makeActivity(t.orm, community, {
        createdBy: staff,
        ...(i % 2 ? { organiserUnit: unit } : {}),
      });
      await makeShift(t.orm, activity, { startsInHours: 24 + i });
      await makeShift(t.orm, activity, { startsInHours: 48 + i });
    }
    const counts: number[] = [];
    for (const first of [1, 6]) {
      counts.push(
        await t.countStatements(async () => {
          const res = await t.gql(PAGE, { filter: { mine: true }, first }, token);
          expect(res.errors).toBeUndefined();
          expect(res.data!.activities.edges).toHaveLength(first);
        }),
      );
    }
    // Viewer; activities; their total; shifts (one window query); communities; units. The
    // creator is the viewer, already in the identity map.
    expect(counts).toEqual([6, 6]);
  });
});
