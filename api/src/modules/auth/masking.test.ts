// Security review, issue 13: personal names are masked (PIPL) wherever a person shows up, not
// only in the unit's contact fields — User.displayName (defect 4), Grid.leaderName and the
// volunteers a unit rejected (defect 9).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Affiliation,
  CommitmentStatus,
  makeActivity,
  makeCommitment,
  makeCommunity,
  makeGrid,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import { CommitmentEvent } from '../commitments/commitment-event.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { CommitmentAction, FulfilmentStatus } from '../commitments/commitment.enums.js';
import { Fulfilment } from '../commitments/fulfilment.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import type { Activity } from '../shifts/activity.entity.js';
import { Volunteer } from '../shifts/volunteer.entity.js';
import { User } from './user.entity.js';

const t = useTestApp();

const LIAISON_NAME = '潘建国';
const STAFF_NAME = '周晓梅';

async function rename(user: User, displayName: string): Promise<void> {
  const em = t.orm.em.fork();
  (await em.findOneOrFail(User, user.id)).displayName = displayName;
  await em.flush();
}

let community: Community;
let unit: Unit;
let liaison: User;
let staff: User;
let commitment: Commitment;
let activity: Activity;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  unit = await makeUnit(t.orm, community);
  // A liaison account that carries only its unit: its community is the unit's.
  liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, unit });
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  await rename(liaison, LIAISON_NAME);
  await rename(staff, STAFF_NAME);

  commitment = await makeCommitment(t.orm, unit, {
    createdBy: liaison,
    status: CommitmentStatus.ACTIVE,
  });
  const em = t.orm.em.fork();
  const c = em.getReference(Commitment, commitment.id);
  em.create(CommitmentEvent, {
    commitment: c,
    actor: em.getReference(User, liaison.id),
    action: CommitmentAction.SUBMIT,
    fromStatus: CommitmentStatus.DRAFT,
    toStatus: CommitmentStatus.SUBMITTED,
  });
  em.create(CommitmentEvent, {
    commitment: c,
    actor: em.getReference(User, staff.id),
    action: CommitmentAction.ACCEPT,
    fromStatus: CommitmentStatus.SUBMITTED,
    toStatus: CommitmentStatus.ACTIVE,
  });
  em.create(Fulfilment, {
    commitment: c,
    amount: '2.00',
    date: '2026-03-01',
    status: FulfilmentStatus.VERIFIED,
    recordedBy: em.getReference(User, liaison.id),
    reviewedBy: em.getReference(User, staff.id),
    reviewedAt: new Date(),
  });
  await em.flush();
  activity = await makeActivity(t.orm, community, { createdBy: liaison, organiserUnit: unit });

  const otherUnit = await makeUnit(t.orm, community);
  const otherCommunity = await makeCommunity(t.orm);
  const people: Record<string, User> = {
    liaison,
    staff,
    admin: await makeUser(t.orm, { role: Role.STREET_ADMIN }),
    sameUnitLiaison: await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit }),
    volunteer: (await makeVolunteer(t.orm, community)).user,
    socialWorker: await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community }),
    otherUnitLiaison: await makeUser(t.orm, {
      role: Role.UNIT_LIAISON,
      community,
      unit: otherUnit,
    }),
    otherStaff: await makeUser(t.orm, {
      role: Role.COMMUNITY_STAFF,
      community: otherCommunity,
    }),
  };
  for (const [key, user] of Object.entries(people)) tokens[key] = await t.login(user.username);
});

describe('User.displayName (defect 4)', () => {
  const NAMES = `query($commitment: ID!, $activity: ID!) {
    commitment(id: $commitment) {
      createdBy { displayName phone }
      history { action actor { displayName } }
      fulfilments(first: 10) { edges { node {
        recordedBy { displayName } reviewedBy { displayName }
      } } }
    }
    activity: node(id: $activity) { ... on Activity { createdBy { displayName } } }
  }`;

  /** Every name the viewer reads for the liaison and for the staff member who reviewed. */
  async function namesSeenBy(viewer: string) {
    const res = await t.gql(
      NAMES,
      { commitment: commitment.nodeId, activity: activity.nodeId },
      tokens[viewer],
    );
    expect(res.errors, viewer).toBeUndefined();
    const c = res.data!.commitment;
    const record = c.fulfilments.edges[0].node;
    const actor = (action: string) =>
      c.history.find((e: { action: string }) => e.action === action).actor.displayName;
    return {
      liaison: [
        c.createdBy.displayName,
        actor('SUBMIT'),
        record.recordedBy.displayName,
        res.data!.activity.createdBy.displayName,
      ],
      staff: [actor('ACCEPT'), record.reviewedBy.displayName],
    };
  }

  it('is masked for a volunteer, a social worker, another unit and another community', async () => {
    for (const viewer of ['volunteer', 'socialWorker', 'otherUnitLiaison', 'otherStaff']) {
      const seen = await namesSeenBy(viewer);
      expect(seen.liaison, viewer).toEqual(Array(4).fill('潘**'));
      expect(seen.staff, viewer).toEqual(Array(2).fill('周**'));
    }
  });

  it('is shown to the office, the community’s staff, the person and their unit’s liaisons', async () => {
    for (const viewer of ['admin', 'staff', 'liaison', 'sameUnitLiaison']) {
      expect((await namesSeenBy(viewer)).liaison, viewer).toEqual(Array(4).fill(LIAISON_NAME));
    }
    for (const viewer of ['admin', 'staff']) {
      expect((await namesSeenBy(viewer)).staff, viewer).toEqual(Array(2).fill(STAFF_NAME));
    }
  });

  it('masks the phone with the name, and leaves your own account unmasked', async () => {
    const res = await t.gql(
      `query($id: ID!) { commitment(id: $id) { createdBy { displayName phone } } }`,
      { id: commitment.nodeId },
      tokens.volunteer,
    );
    expect(res.data!.commitment.createdBy).toEqual({ displayName: '潘**', phone: '137****0000' });
    const own = await t.gql(`{ viewer { displayName phone } }`, {}, tokens.liaison);
    expect(own.data!.viewer).toEqual({ displayName: LIAISON_NAME, phone: '13700000000' });
  });
});

describe('User.username', () => {
  const CREATOR = `query($id: ID!) { activity: node(id: $id) { ... on Activity { createdBy { username } } } }`;

  it('is not handed to those who may not read the account (a login name to guess passwords for)', async () => {
    for (const viewer of ['volunteer', 'socialWorker', 'otherUnitLiaison', 'otherStaff']) {
      const res = await t.gql(CREATOR, { id: activity.nodeId }, tokens[viewer]);
      expect(res.errors, viewer).toBeUndefined();
      expect(res.data!.activity.createdBy.username, viewer).toBeNull();
    }
  });

  it('is shown to the person, the office, the community’s staff and the unit’s liaisons', async () => {
    for (const viewer of ['liaison', 'admin', 'staff', 'sameUnitLiaison']) {
      const res = await t.gql(CREATOR, { id: activity.nodeId }, tokens[viewer]);
      expect(res.data!.activity.createdBy.username, viewer).toBe(liaison.username);
    }
  });
});

describe('Grid.leaderName (defect 9)', () => {
  const GRIDS = `query($id: ID!) {
    community(id: $id) { grids(first: 10) { edges { node { leaderName leaderPhone } } } }
  }`;

  it('is masked like the phone for anonymous callers and those who do not manage the community', async () => {
    const home = await makeCommunity(t.orm);
    await makeGrid(t.orm, home, { leaderName: '王建华', leaderPhone: '13900000001' });
    const grid = (token: string | null | undefined) =>
      t
        .gql(GRIDS, { id: home.nodeId }, token)
        .then((res) => res.data!.community.grids.edges[0].node);
    const volunteer = (await makeVolunteer(t.orm, home)).user;
    for (const token of [null, await t.login(volunteer.username), tokens.otherStaff]) {
      expect(await grid(token)).toEqual({ leaderName: '王**', leaderPhone: '139****0001' });
    }
    const homeStaff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: home });
    for (const token of [await t.login(homeStaff.username), tokens.admin]) {
      expect(await grid(token)).toEqual({ leaderName: '王建华', leaderPhone: '13900000001' });
    }
  });
});

describe('a unit’s volunteers, for its liaison (defect 9)', () => {
  const VOLUNTEERS = `query($unitId: ID!) {
    volunteers(filter: { unitId: $unitId }, first: 50) {
      edges { node { id affiliation realName phone } }
    }
  }`;
  const MASKED = `query($unitId: ID!) {
    volunteers(filter: { unitId: $unitId }, first: 50) { edges { node { id phoneMasked } } }
  }`;

  let home: Unit;
  let liaisonToken: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    home = await makeUnit(t.orm, community);
    const homeLiaison = await makeUser(t.orm, {
      role: Role.UNIT_LIAISON,
      community,
      unit: home,
    });
    liaisonToken = await t.login(homeLiaison.username);
    // Volunteers of another community: only the unit's own standing lets the liaison see them.
    const elsewhere = await makeCommunity(t.orm);
    const names: Record<string, string> = {
      PENDING: '钱多多',
      CONFIRMED: '孙立新',
      REJECTED: '赵丽华',
    };
    for (const affiliation of [Affiliation.PENDING, Affiliation.CONFIRMED, Affiliation.REJECTED]) {
      const { volunteer } = await makeVolunteer(t.orm, elsewhere, { unit: home, affiliation });
      const em = t.orm.em.fork();
      const row = await em.findOneOrFail(Volunteer, volunteer.id);
      row.realName = names[affiliation]!;
      row.phone = '13512345678';
      await em.flush();
      ids[affiliation] = volunteer.nodeId;
    }
  });

  it('lists PENDING and CONFIRMED volunteers unmasked, and a REJECTED one not at all', async () => {
    const res = await t.gql(VOLUNTEERS, { unitId: home.nodeId }, liaisonToken);
    expect(res.errors).toBeUndefined();
    const byAffiliation = Object.fromEntries(
      res.data!.volunteers.edges.map((e: { node: { affiliation: string } }) => [
        e.node.affiliation,
        e.node,
      ]),
    );
    expect(byAffiliation).toEqual({
      PENDING: {
        id: ids.PENDING,
        affiliation: 'PENDING',
        realName: '钱多多',
        phone: '13512345678',
      },
      CONFIRMED: {
        id: ids.CONFIRMED,
        affiliation: 'CONFIRMED',
        realName: '孙立新',
        phone: '13512345678',
      },
    });
  });

  it('answers node() on a REJECTED volunteer with nothing for the liaison', async () => {
    const res = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Volunteer { realName phone phoneMasked } } }`,
      { id: ids.REJECTED },
      liaisonToken,
    );
    expect(res.errors).toBeUndefined();
    // node() follows volunteer.read: the rejected claim gives the unit nothing.
    expect(res.data!.node).toBeNull();
  });

  it('says which are masked (phoneMasked), so the web need not guess from the text', async () => {
    const res = await t.gql(MASKED, { unitId: home.nodeId }, liaisonToken);
    expect(res.errors).toBeUndefined();
    const masked = Object.fromEntries(
      res.data!.volunteers.edges.map((e: { node: { id: string; phoneMasked: boolean } }) => [
        e.node.id,
        e.node.phoneMasked,
      ]),
    );
    expect(masked).toEqual({
      [ids.PENDING!]: false,
      [ids.CONFIRMED!]: false,
    });
  });
});
