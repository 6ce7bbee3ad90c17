// Security review, issue 13, defect 6: giving up a place must not show the canceller who got it.
// `cancelSignup.promoted` is for those who run the activity (policy `activity.manage`), and even
// they read the promoted volunteer through the `volunteer.read` rule.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
  Skill,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Activity } from './activity.entity.js';
import { Volunteer } from './volunteer.entity.js';

const t = useTestApp();

const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status } errors { code message } } }`;
const CANCEL = `mutation($input: CancelSignupInput!) {
  cancelSignup(input: $input) {
    signup { id status }
    promoted { id status volunteer { id realName phone skills verifiedHours } }
    errors { code message }
  }
}`;

let community: Community;
let staff: User;
let staffToken: string;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  staffToken = await t.login(staff.username);
});

async function volunteer(realName: string) {
  const { user, volunteer: profile } = await makeVolunteer(t.orm, community, {
    skills: [Skill.FIRST_AID],
  });
  const em = t.orm.em.fork();
  (await em.findOneOrFail(Volunteer, profile.id)).realName = realName;
  await em.flush();
  return { user, profile, token: await t.login(user.username) };
}

/** A full shift of one place: `first` holds it, `next` waits for it. */
async function fullShift(activity: Activity) {
  const shift = await makeShift(t.orm, activity, { capacity: 1 });
  const first = await volunteer('吴晓东');
  const next = await volunteer('郑秀兰');
  const held = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, first.token);
  const waiting = await t.gql(SIGN_UP, { input: { shiftId: shift.nodeId } }, next.token);
  expect(held.data!.signUpForShift.signup.status).toBe('CONFIRMED');
  expect(waiting.data!.signUpForShift.signup.status).toBe('WAITLISTED');
  return {
    first,
    next,
    heldId: held.data!.signUpForShift.signup.id as string,
    waitingId: waiting.data!.signUpForShift.signup.id as string,
  };
}

describe('cancelSignup.promoted', () => {
  it('is null for a volunteer giving up their own place, who still frees it for the next', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const { first, next, heldId, waitingId } = await fullShift(activity);

    const res = await t.gql(CANCEL, { input: { signupId: heldId } }, first.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelSignup).toEqual({
      signup: { id: heldId, status: 'CANCELLED' },
      promoted: null,
      errors: [],
    });
    // The next in line did get the place.
    const now = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Signup { status } } }`,
      { id: waitingId },
      next.token,
    );
    expect(now.data!.node).toEqual({ status: 'CONFIRMED' });
  });

  it('names the promoted volunteer to the staff running the activity', async () => {
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const { next, heldId, waitingId } = await fullShift(activity);

    const res = await t.gql(CANCEL, { input: { signupId: heldId } }, staffToken);
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelSignup.promoted).toEqual([
      {
        id: waitingId,
        status: 'CONFIRMED',
        volunteer: {
          id: next.profile.nodeId,
          realName: '郑秀兰',
          phone: '13600000000',
          skills: ['FIRST_AID'],
          verifiedHours: 0,
        },
      },
    ]);
  });

  it('gives a unit’s liaison running the activity the promoted place, the person masked', async () => {
    const unit = await makeUnit(t.orm, community);
    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
    const activity = await makeActivity(t.orm, community, {
      createdBy: liaison,
      organiserUnit: unit,
    });
    const { heldId, waitingId } = await fullShift(activity);

    const res = await t.gql(
      CANCEL,
      { input: { signupId: heldId } },
      await t.login(liaison.username),
    );
    expect(res.errors).toBeUndefined();
    const [promoted] = res.data!.cancelSignup.promoted;
    expect(promoted).toMatchObject({ id: waitingId, status: 'CONFIRMED' });
    // Not their volunteer (policy volunteer.read): name and phone stay masked.
    expect(promoted.volunteer).toMatchObject({ realName: '郑**', phone: '136****0000' });
  });
});
