// Social workers (社工) and their pairings with volunteers (社工+义工), with supervision logs:
// - a worker's ACTIVE pairings never exceed their caseload cap; a volunteer has at most one
//   ACTIVE pairing (pairing_one_active_per_volunteer);
// - each pairing keeps the score and components `scorePair` gives for the free places at the
//   moment it was confirmed; ENDED pairings have ended_at / ended_by / end_reason / end_date;
// - supervision logs have no duration_minutes, like those recorded before durations were;
// - last_contact_date is the day of the latest supervision log, or of the confirmation.
import { scorePair, type ScoreComponents } from '../../api/src/modules/pairing/scoring.js';
import { Qualification, Specialty } from '../../api/src/modules/pairing/pairing.enums.js';
import type { AvailabilitySlot } from '../../api/src/modules/shifts/volunteer.entity.js';
import type { Directory, GenerationContext } from './context.js';
import type { Cell } from './copy.js';
import { USER_COLUMNS } from './directory.js';
import { mobile, personName } from './names.js';
import { createRandom, distribute } from './random.js';
import { at, DAY, MINUTE, shanghaiDay } from './time.js';
import { PAIRING_END_REASONS, SUPERVISION_NOTES } from './vocabulary.js';

export interface SocialWorkers {
  /** Per worker (id = index + 1). */
  userIds: number[];
  communityIndex: number[];
  gridId: (number | null)[];
  specialties: Specialty[][];
  availability: AvailabilitySlot[][];
  caseloadCap: number[];
  byCommunity: number[][];
}

export const socialUsername = (i: number) => `social.s${String(i + 1).padStart(4, '0')}`;

/** The volunteers as the pairing plan sees them. */
export interface VolunteerFacts {
  count: number;
  communityIndex: Int32Array;
  gridId: Int32Array;
  skills: (v: number) => string[];
  availability: (v: number) => AvailabilitySlot[];
  byCommunity: number[][];
}

export async function generateSocialWorkers(
  ctx: GenerationContext,
  directory: Directory,
): Promise<SocialWorkers> {
  const r = createRandom(ctx.seed, 'social-workers');
  const counts = distribute(
    r,
    ctx.preset.socialWorkers,
    directory.communities.length,
    0.3,
    ctx.preset.socialWorkers >= directory.communities.length ? 1 : 0,
  );
  const sw: SocialWorkers = {
    userIds: [],
    communityIndex: [],
    gridId: [],
    specialties: [],
    availability: [],
    caseloadCap: [],
    byCommunity: directory.communities.map(() => []),
  };
  const users: Cell[][] = [];
  const rows: Cell[][] = [];
  const joined = new Date(at(`${ctx.year - 1}-12-15`, 9 * 60));
  const allSpecialties = Object.values(Specialty);
  directory.communities.forEach((community, ci) => {
    for (let k = 0; k < counts[ci]!; k++) {
      const index = sw.userIds.length;
      const userId = directory.nextUserId++;
      const name = personName(r);
      users.push([
        userId,
        joined,
        joined,
        socialUsername(index),
        ctx.passwordHash,
        name,
        'SOCIAL_WORKER',
        community.id,
        null,
        mobile(4, index),
        true,
        null,
      ]);
      const specialties = r.shuffle(allSpecialties).slice(0, r.int(1, 3)).sort() as Specialty[];
      const availability: AvailabilitySlot[] = r
        .shuffle([1, 2, 3, 4, 5])
        .slice(0, r.int(3, 5))
        .sort()
        .map((day) =>
          r.chance(0.5)
            ? { day, start: '08:30', end: '12:00' }
            : { day, start: '13:30', end: '17:30' },
        );
      const cap = r.int(8, 30);
      const gridId = r.chance(0.8) ? r.pick(community.gridIds) : null;
      sw.userIds.push(userId);
      sw.communityIndex.push(ci);
      sw.gridId.push(gridId);
      sw.specialties.push(specialties);
      sw.availability.push(availability);
      sw.caseloadCap.push(cap);
      sw.byCommunity[ci]!.push(index);
      rows.push([
        index + 1,
        joined,
        joined,
        userId,
        community.id,
        gridId,
        specialties,
        r.weighted([
          [Qualification.ASSISTANT, 50],
          [Qualification.INTERMEDIATE, 40],
          [Qualification.SENIOR, 10],
        ]),
        cap,
        JSON.stringify(availability),
        1,
      ]);
    }
  });
  await ctx.copy('app_user', USER_COLUMNS, users);
  await ctx.copy(
    'social_worker',
    [
      'id',
      'created_at',
      'updated_at',
      'user_id',
      'community_id',
      'grid_id',
      'specialties',
      'qualification',
      'caseload_cap',
      'availability',
      'version',
    ],
    rows,
  );
  return sw;
}

export async function generatePairings(
  ctx: GenerationContext,
  directory: Directory,
  sw: SocialWorkers,
  volunteers: VolunteerFacts,
): Promise<void> {
  const r = createRandom(ctx.seed, 'pairings');
  const pairings: Cell[][] = [];
  const logs: Cell[][] = [];
  const modes = ['IN_PERSON', 'PHONE', 'ONLINE', 'GROUP'] as const;
  directory.communities.forEach((community, ci) => {
    const free = r.shuffle(volunteers.byCommunity[ci]!);
    let next = 0;
    for (const w of sw.byCommunity[ci]!) {
      const cap = sw.caseloadCap[w]!;
      const active = Math.min(Math.round(cap * r.between(0.3, 0.95)), free.length - next);
      const ended = Math.min(r.int(0, Math.ceil(cap / 4)), free.length - next - active);
      let taken = 0;
      for (let k = 0; k < active + ended; k++) {
        const v = free[next++]!;
        const isEnded = k >= active;
        const confirmedAt =
          ctx.now - r.int(isEnded ? 60 : 3, 150) * DAY + r.int(9 * 60, 17 * 60) * MINUTE;
        const score: ScoreComponents = scorePair(
          {
            specialties: sw.specialties[w]!,
            gridId: sw.gridId[w]!,
            availability: sw.availability[w]!,
            freePlaces: cap - taken,
          },
          {
            skills: volunteers.skills(v) as never,
            gridId: volunteers.gridId[v] || null,
            availability: volunteers.availability(v),
          },
        );
        if (!isEnded) taken++;
        const endedAt = isEnded
          ? Math.min(confirmedAt + r.int(14, 50) * DAY, ctx.now - 2 * DAY)
          : null;
        // Supervision: every few weeks until the end (or now); a few fall behind.
        const until = endedAt ?? ctx.now - DAY;
        const days: string[] = [];
        let t = confirmedAt + r.int(3, 20) * DAY;
        const stale = !isEnded && r.chance(0.08);
        while (t < until - (stale ? 20 * DAY : 0)) {
          days.push(shanghaiDay(new Date(t)));
          t += r.int(7, 21) * DAY;
        }
        const pairingId = pairings.length + 1;
        for (const day of days) {
          const when = new Date(at(day, r.int(9 * 60, 17 * 60)));
          logs.push([
            logs.length + 1,
            when,
            when,
            pairingId,
            sw.userIds[w]!,
            day,
            r.pick(modes),
            r.pick(SUPERVISION_NOTES),
          ]);
        }
        const confirmedDay = shanghaiDay(new Date(confirmedAt));
        const lastContact = days.length ? days[days.length - 1]! : confirmedDay;
        const staff = r.pick(community.staffUserIds);
        pairings.push([
          pairingId,
          new Date(confirmedAt),
          new Date(endedAt ?? confirmedAt),
          w + 1,
          v + 1,
          community.id,
          isEnded ? 'ENDED' : 'ACTIVE',
          staff,
          new Date(confirmedAt),
          endedAt === null ? null : new Date(endedAt),
          endedAt === null ? null : staff,
          endedAt === null ? null : r.pick(PAIRING_END_REASONS),
          endedAt === null ? null : shanghaiDay(new Date(endedAt)),
          score.total,
          JSON.stringify(score),
          lastContact,
        ]);
      }
    }
  });
  await ctx.copy(
    'pairing',
    [
      'id',
      'created_at',
      'updated_at',
      'social_worker_id',
      'volunteer_id',
      'community_id',
      'status',
      'confirmed_by_id',
      'confirmed_at',
      'ended_at',
      'ended_by_id',
      'end_reason',
      'end_date',
      'score',
      'components',
      'last_contact_date',
    ],
    pairings,
  );
  await ctx.copy(
    'supervision_log',
    ['id', 'created_at', 'updated_at', 'pairing_id', 'author_id', 'date', 'mode', 'notes'],
    logs,
  );
}
