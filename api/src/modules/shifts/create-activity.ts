// Organising an activity: in a community, by a unit, a social worker or the community itself,
// optionally counting toward a commitment of the organising unit or answering a need.
import { z } from 'zod';
import type { Context } from '../../context.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import { authorize, can } from '../auth/policy.js';
import { Role } from '../auth/user.entity.js';
import { CommitmentCategory } from '../commitments/category.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { commitmentScope } from '../commitments/commitments.policy.js';
import { Measure } from '../commitments/commitment.enums.js';
import { Need } from '../commitments/need.entity.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import { Activity } from './activity.entity.js';
import { OrganiserKind, Skill } from './shift.enums.js';

const activitySchema = z.object({
  title: z.string().trim().min(1, 'Title is required.').max(120),
  description: z.string().trim().max(4000).nullish(),
  location: z.string().trim().min(1, 'Where does it take place?').max(200),
  requiredSkills: z.array(z.enum(Skill)).max(8).nullish(),
});

export async function createActivity(
  ctx: Context,
  input: {
    communityId?: string | null;
    organiserUnitId?: string | null;
    categoryId?: string | null;
    commitmentId?: string | null;
    needId?: string | null;
    title: string;
    description?: string | null;
    location: string;
    requiredSkills?: Skill[] | null;
  },
): Promise<Payload<'activity', Activity>> {
  const user = ctx.viewer.requireUser();
  const em = ctx.em;
  let unit: Unit | null = null;
  let community: Community | null = null;
  if (input.organiserUnitId) {
    const id = idOf(input.organiserUnitId, 'Unit');
    unit = id ? await em.findOne(Unit, id, { populate: ['community'] }) : null;
    if (!unit) return refused('activity', noSuch('unit', 'organiserUnitId'));
    community = unit.community;
  } else {
    const id = input.communityId
      ? idOf(input.communityId, 'Community')
      : (user.community?.id ?? null);
    community = id ? await em.findOne(Community, id) : null;
    if (!community)
      return refused(
        'activity',
        userError(UserErrorCode.NOT_FOUND, 'Choose the community.', inputField('communityId')),
      );
  }
  // An activity that counts toward a commitment is organised by the commitment's unit.
  const commitmentDbId = input.commitmentId ? idOf(input.commitmentId, 'Commitment') : null;
  const commitment = commitmentDbId ? await em.findOne(Commitment, commitmentDbId) : null;
  if (!unit && commitment && commitment.community.id === community.id)
    unit = await em.findOneOrFail(Unit, commitment.unit.id);
  authorize(ctx.viewer, 'activity.create', { communityId: community.id, unitId: unit?.id ?? null });
  const parsed = activitySchema.safeParse(input);
  if (!parsed.success) return refused('activity', ...userErrorsFromZod(parsed.error));

  const errors: UserError[] = [];
  let category: CommitmentCategory | null = null;
  if (input.categoryId) {
    const id = idOf(input.categoryId, 'CommitmentCategory');
    category = id ? await em.findOne(CommitmentCategory, { id, active: true }) : null;
    if (!category)
      errors.push(
        userError(UserErrorCode.NOT_FOUND, 'Choose an active category.', inputField('categoryId')),
      );
  }
  if (input.commitmentId) {
    if (!commitment || commitment.community.id !== community.id) {
      errors.push(noSuch('commitment in this community', 'commitmentId'));
    } else if (!unit || commitment.unit.id !== unit.id) {
      // Hours count toward a commitment only at its own unit's activities…
      errors.push(
        userError(
          UserErrorCode.INVALID,
          'An activity counts toward a commitment only when the commitment’s unit organises it.',
          inputField('commitmentId'),
        ),
      );
    } else if (!can(ctx.viewer, 'commitment.write', commitmentScope(commitment))) {
      // …and only those who answer for the commitment may link it.
      errors.push(
        userError(
          UserErrorCode.OUT_OF_SCOPE,
          'Only those who record this commitment’s fulfilment may link an activity to it.',
          inputField('commitmentId'),
        ),
      );
    } else if (commitment.measure !== Measure.VOLUNTEER_HOURS) {
      errors.push(
        userError(
          UserErrorCode.INVALID,
          'Only a volunteer-hours commitment can collect hours.',
          inputField('commitmentId'),
        ),
      );
    }
  }
  let need: Need | null = null;
  if (input.needId) {
    const id = idOf(input.needId, 'Need');
    need = id ? await em.findOne(Need, { id, community: community.id }) : null;
    if (!need) errors.push(noSuch('need in this community', 'needId'));
  }
  if (errors.length) return refused('activity', ...errors);

  const organiserKind = unit
    ? OrganiserKind.UNIT
    : user.role === Role.SOCIAL_WORKER
      ? OrganiserKind.SOCIAL_WORKER
      : OrganiserKind.COMMUNITY;
  const activity = em.create(Activity, {
    community,
    organiserKind,
    organiserUnit: unit,
    createdBy: user,
    category,
    commitment,
    need,
    title: parsed.data.title,
    description: parsed.data.description ?? '',
    location: parsed.data.location,
    requiredSkills: [...new Set(parsed.data.requiredSkills ?? [])].sort(),
  });
  await em.flush();
  return { activity, errors: [] };
}
