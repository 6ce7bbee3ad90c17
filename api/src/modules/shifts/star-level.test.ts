import { beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity, makeVolunteer } from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { Community } from '../directory/community.entity.js';
import { Volunteer } from './volunteer.entity.js';

// Thresholds other than the defaults, so the answer can only come from the configuration.
const t = useTestApp((config) => ({
  shifts: { ...config.shifts, starLevelHours: [10, 20, 40] },
}));

const PROFILE = '{ myVolunteerProfile { verifiedHours starLevel nextStar { level hoursNeeded } } }';

let community: Community;
beforeAll(async () => {
  community = await makeCommunity(t.orm);
});

async function profileWith(minutes: number) {
  const { user, volunteer } = await makeVolunteer(t.orm, community);
  await t.orm.em.fork().nativeUpdate(Volunteer, volunteer.id, { verifiedMinutes: minutes });
  const res = await t.gql(PROFILE, {}, await t.login(user.username));
  return res.data!.myVolunteerProfile;
}

describe('Volunteer.nextStar', () => {
  it('says the next level and the hours still missing, from the configured thresholds', async () => {
    expect(await profileWith(0)).toEqual({
      verifiedHours: 0,
      starLevel: 0,
      nextStar: { level: 1, hoursNeeded: 10 },
    });
    // 12.5 hours: one star, 7.5 hours to the second.
    expect(await profileWith(750)).toMatchObject({
      starLevel: 1,
      nextStar: { level: 2, hoursNeeded: 7.5 },
    });
    // Exactly at a threshold the star is reached and the next one is counted in full.
    expect(await profileWith(20 * 60)).toMatchObject({
      starLevel: 2,
      nextStar: { level: 3, hoursNeeded: 20 },
    });
  });

  it('is null once the top level is reached', async () => {
    expect(await profileWith(41 * 60)).toMatchObject({ starLevel: 3, nextStar: null });
  });
});
