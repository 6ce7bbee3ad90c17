// An end before its start is said as such (ENDS_BEFORE_START) on the field that is wrong, for a
// shift, a weekly free-time slot and a commitment's period, so the web can say it in words
// rather than "the value is not valid".
import { describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommunity,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';

const t = useTestApp();

describe('an end before its start', () => {
  it('is ENDS_BEFORE_START on endsAt for a new shift, and nothing is created', async () => {
    const community = await makeCommunity(t.orm);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const activity = await makeActivity(t.orm, community, { createdBy: staff });
    const token = await t.login(staff.username);
    const startsAt = new Date(Date.now() + 48 * 3_600_000);
    const res = await t.gql(
      `mutation($input: CreateShiftInput!) { createShift(input: $input) { shift { id } errors { code field } } }`,
      {
        input: {
          activityId: activity.nodeId,
          capacity: 5,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() - 3_600_000).toISOString(),
        },
      },
      token,
    );
    expect(res.data!.createShift).toEqual({
      shift: null,
      errors: [{ code: 'ENDS_BEFORE_START', field: ['input', 'endsAt'] }],
    });
  });

  it('is ENDS_BEFORE_START on the slot’s end for weekly free time', async () => {
    const community = await makeCommunity(t.orm);
    const { user } = await makeVolunteer(t.orm, community);
    const token = await t.login(user.username);
    const res = await t.gql(
      `mutation($input: UpdateMyVolunteerProfileInput!) {
        updateMyVolunteerProfile(input: $input) { errors { code field } } }`,
      {
        input: {
          availability: [
            { day: 1, start: '09:00', end: '11:00' },
            { day: 2, start: '18:00', end: '08:00' },
          ],
        },
      },
      token,
    );
    expect(res.data!.updateMyVolunteerProfile.errors).toEqual([
      { code: 'ENDS_BEFORE_START', field: ['input', 'availability', '1', 'end'] },
    ]);
  });
});
