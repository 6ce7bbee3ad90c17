// Volunteer service: volunteers (with their accounts), activities, a year of shifts and their
// sign-ups with attendance, keeping the invariants of modules/shifts:
// - a shift's confirmed_count is its number of CONFIRMED sign-ups (≤ capacity); waitlist_count
//   its number of WAITLISTED ones, with tickets 1..n (last_waitlist_seq = n); only full shifts
//   have a waitlist; cancelled shifts have only cancelled sign-ups and zero counters;
// - a sign-up's starts_at/ends_at are its shift's; one live sign-up per volunteer and shift; a
//   volunteer's live sign-ups never overlap (every shift lies in one block of its day: morning,
//   afternoon or evening, and a volunteer holds at most one live place per block);
// - volunteers have the skills their activity requires (each community has enough holders);
// - attendance only on shifts before today: CHECKED_OUT with minutes (time served within the
//   shift, rounded down to 15) and mostly hours_confirmed_at/by (the activity's creator), or
//   NO_SHOW; volunteer.verified_minutes = imported minutes + confirmed minutes of their
//   sign-ups (added by one UPDATE after the sign-ups are written);
// - activities linked to a unit's VOLUNTEER_HOURS commitment only have upcoming shifts, so no
//   attendance credit (fulfilment source ATTENDANCE) is owed yet.
import { Skill } from '../../api/src/modules/shifts/shift.enums.js';
import type { AvailabilitySlot } from '../../api/src/modules/shifts/volunteer.entity.js';
import type { CommitmentRef } from './commitments.js';
import type { Directory, GenerationContext } from './context.js';
import type { Cell } from './copy.js';
import { USER_COLUMNS } from './directory.js';
import { availabilityFor, type Persona } from '../shifts.js';
import { mobile, personName } from './names.js';
import type { SocialWorkers, VolunteerFacts } from './pairing.js';
import { apportion, createRandom, distribute, type Random } from './random.js';
import { addDays, at, DAY, daysBetween, HOUR, MINUTE, weekday } from './time.js';
import {
  CANCEL_REASONS,
  COMMUNITY_ACTIVITIES,
  SOCIAL_WORKER_ACTIVITY,
  UNIT_ACTIVITY,
  type ActivityTemplate,
} from './vocabulary.js';

export const volunteerUsername = (i: number) => `volunteer.v${String(i + 1).padStart(6, '0')}`;

const SKILL_WEIGHTS: Record<Skill, Record<Persona, number>> = {
  ELDER_CARE: { retired: 12, working: 4, student: 3 },
  CHILD_TUTORING: { retired: 4, working: 3, student: 12 },
  MEDICAL: { retired: 3, working: 4, student: 1 },
  FIRST_AID: { retired: 2, working: 5, student: 3 },
  LEGAL: { retired: 2, working: 3, student: 1 },
  PSYCHOLOGICAL_SUPPORT: { retired: 2, working: 3, student: 2 },
  IT: { retired: 1, working: 6, student: 8 },
  DRIVING: { retired: 3, working: 6, student: 0 },
  COOKING: { retired: 8, working: 3, student: 1 },
  PATROL: { retired: 10, working: 4, student: 1 },
  CLEANING: { retired: 9, working: 6, student: 6 },
  CULTURE_ARTS: { retired: 6, working: 3, student: 5 },
  TRANSLATION: { retired: 0, working: 1, student: 3 },
  SIGN_LANGUAGE: { retired: 1, working: 1, student: 1 },
  DISABILITY_SUPPORT: { retired: 2, working: 2, student: 2 },
  EVENT_SUPPORT: { retired: 4, working: 7, student: 8 },
};
const ALL_SKILLS = Object.values(Skill);
const NO_SKILL = ALL_SKILLS.length;

function pickSkills(r: Random, persona: Persona): number {
  const count = r.pick([1, 2, 2, 3, 3, 4]);
  let mask = 0;
  for (let n = 0; n < count; n++) {
    const entries = ALL_SKILLS.flatMap((s, i) =>
      mask & (1 << i) ? [] : [[i, SKILL_WEIGHTS[s][persona]] as const],
    );
    mask |= 1 << r.weighted(entries);
  }
  return mask;
}

const skillsOf = (mask: number): Skill[] => ALL_SKILLS.filter((_, i) => mask & (1 << i));

interface PlannedActivity {
  communityIndex: number;
  template: ActivityTemplate;
  skill: number;
  createdBy: number;
  upcomingOnly: boolean;
}

interface PlannedShift {
  activity: number;
  offset: number;
  block: number;
  startsAt: number;
  endsAt: number;
  createdAt: number;
  capacity: number;
  cancelled: boolean;
  confirmed: number;
  waitlisted: number;
  quitters: number;
}

export async function generateVolunteerService(
  ctx: GenerationContext,
  directory: Directory,
  sw: SocialWorkers,
  commitments: CommitmentRef[],
): Promise<VolunteerFacts> {
  const r = createRandom(ctx.seed, 'service');
  const { preset, today } = ctx;
  const communities = directory.communities;
  const windowStart = [`${ctx.year}-01-01`, addDays(today, -90)].sort()[0]!;
  const pastDays = daysBetween(windowStart, today);
  const UPCOMING_DAYS = 42;
  const windowDays = pastDays + UPCOMING_DAYS;

  // ---- activities: the community's own, the social workers', and units'
  const activities: PlannedActivity[] = [];
  const linkable = new Map<number, CommitmentRef[]>();
  for (const c of commitments)
    if (c.periodEnd >= addDays(today, UPCOMING_DAYS))
      linkable.set(c.unitIndex, [...(linkable.get(c.unitIndex) ?? []), c]);
  const activityRows: Cell[][] = [];
  communities.forEach((community, ci) => {
    const n = preset.activitiesPerCommunity;
    const hasWorker = sw.byCommunity[ci]!.length > 0;
    const own = r
      .shuffle(COMMUNITY_ACTIVITIES)
      .slice(0, Math.max(1, Math.min(COMMUNITY_ACTIVITIES.length, n - 1 - (hasWorker ? 1 : 0))));
    const units = r.shuffle(community.unitIndexes);
    const add = (
      template: ActivityTemplate,
      kind: string,
      createdBy: number,
      unitIndex: number | null,
      commitment: CommitmentRef | null,
    ) => {
      const unit = unitIndex === null ? null : directory.units[unitIndex]!;
      const upcomingOnly = commitment !== null;
      const created = upcomingOnly
        ? ctx.now - r.int(20, 30) * DAY
        : at(addDays(windowStart, -r.int(30, 60)), r.int(540, 1050));
      const title = commitment
        ? `${unit!.name}职工志愿服务`
        : unit
          ? `${unit.name}${template.title}`
          : template.title;
      activities.push({
        communityIndex: ci,
        template,
        skill: template.requiredSkills.length
          ? ALL_SKILLS.indexOf(template.requiredSkills[0]!)
          : NO_SKILL,
        createdBy,
        upcomingOnly,
      });
      activityRows.push([
        activities.length,
        new Date(created),
        new Date(created),
        community.id,
        kind,
        unit?.id ?? null,
        createdBy,
        ctx.categories.get(commitment ? 'activities' : template.category)!,
        title.slice(0, 120),
        template.description,
        template.location.replace('{c}', community.short).replace('{u}', unit?.name ?? ''),
        [...template.requiredSkills].sort(),
        commitment?.id ?? null,
        null,
      ]);
    };
    for (const template of own)
      add(template, 'COMMUNITY', r.pick(community.staffUserIds), null, null);
    if (hasWorker)
      add(
        SOCIAL_WORKER_ACTIVITY,
        'SOCIAL_WORKER',
        sw.userIds[r.pick(sw.byCommunity[ci]!)]!,
        null,
        null,
      );
    for (let k = 0; activities.filter((a) => a.communityIndex === ci).length < n; k++) {
      const unitIndex = units[k % Math.max(1, units.length)];
      if (unitIndex === undefined) break;
      const unit = directory.units[unitIndex]!;
      const link = linkable.get(unitIndex);
      const commitment = link && r.chance(0.3) ? r.pick(link) : null;
      add(UNIT_ACTIVITY, 'UNIT', unit.liaisonUserId, unitIndex, commitment);
    }
  });

  // ---- volunteers: planned in memory (small), enough holders of every required skill
  const perCommunity = distribute(r, preset.volunteers, communities.length, 0.3, 1);
  const count = preset.volunteers;
  const communityIndex = new Int32Array(count);
  const gridId = new Int32Array(count);
  const skillMask = new Int32Array(count);
  const availability: AvailabilitySlot[][] = [];
  const byCommunity: number[][] = communities.map(() => []);
  const rows: Cell[][] = [];
  const personas: Persona[] = [];
  {
    let v = 0;
    communities.forEach((community, ci) => {
      for (let k = 0; k < perCommunity[ci]!; k++, v++) {
        const persona = r.weighted<Persona>([
          ['retired', 40],
          ['working', 40],
          ['student', 20],
        ]);
        personas.push(persona);
        communityIndex[v] = ci;
        gridId[v] = r.chance(0.9) ? r.pick(community.gridIds) : 0;
        skillMask[v] = pickSkills(r, persona);
        availability.push(availabilityFor(r, persona));
        byCommunity[ci]!.push(v);
      }
    });
  }
  const MIN_HOLDERS = 40;
  communities.forEach((_, ci) => {
    const needed = new Set(activities.filter((a) => a.communityIndex === ci).map((a) => a.skill));
    for (const skill of needed) {
      if (skill === NO_SKILL) continue;
      const members = byCommunity[ci]!;
      let holders = members.filter((v) => skillMask[v]! & (1 << skill)).length;
      for (const v of r.shuffle(members)) {
        if (holders >= Math.min(MIN_HOLDERS, members.length)) break;
        if (skillMask[v]! & (1 << skill)) continue;
        skillMask[v] = skillMask[v]! | (1 << skill);
        holders++;
      }
    }
  });
  const userBase = directory.nextUserId;
  directory.nextUserId += count;
  const users = function* (): Generator<Cell[]> {
    for (let v = 0; v < count; v++) {
      const name = personName(r);
      const created = new Date(at(addDays(windowStart, -r.int(30, 900)), r.int(480, 1260)));
      rows[v] = [name, created];
      yield [
        userBase + v,
        created,
        created,
        volunteerUsername(v),
        ctx.passwordHash,
        name,
        'VOLUNTEER',
        communities[communityIndex[v]!]!.id,
        null,
        mobile(5, v),
        true,
        null,
      ];
    }
  };
  await ctx.copy('app_user', USER_COLUMNS, users());
  const volunteerRows = function* (): Generator<Cell[]> {
    for (let v = 0; v < count; v++) {
      const [name, created] = rows[v]!;
      const community = communities[communityIndex[v]!]!;
      const working = personas[v] === 'working';
      const unitIndex =
        working && community.unitIndexes.length && r.chance(0.3)
          ? r.pick(community.unitIndexes)
          : null;
      const imported = r.chance(0.01)
        ? r.int(100, 1600) * 60
        : r.chance(0.3)
          ? r.int(2, 400) * 15
          : 0;
      rows[v] = [];
      yield [
        v + 1,
        created,
        created,
        userBase + v,
        name,
        mobile(5, v),
        community.id,
        gridId[v] || null,
        skillsOf(skillMask[v]!),
        JSON.stringify(availability[v]!),
        unitIndex === null ? null : directory.units[unitIndex]!.id,
        unitIndex === null
          ? 'NONE'
          : r.weighted([
              ['CONFIRMED', 75],
              ['PENDING', 18],
              ['REJECTED', 7],
            ]),
        imported,
        null,
        1,
      ];
    }
  };
  await ctx.copy(
    'volunteer',
    [
      'id',
      'created_at',
      'updated_at',
      'user_id',
      'real_name',
      'phone',
      'community_id',
      'grid_id',
      'skills',
      'availability',
      'unit_id',
      'affiliation',
      'verified_minutes',
      'calendar_token_hash',
      'version',
    ],
    volunteerRows(),
  );
  rows.length = 0;
  await ctx.copy(
    'activity',
    [
      'id',
      'created_at',
      'updated_at',
      'community_id',
      'organiser_kind',
      'organiser_unit_id',
      'created_by_id',
      'category_id',
      'title',
      'description',
      'location',
      'required_skills',
      'commitment_id',
      'need_id',
    ],
    activityRows,
  );

  // ---- shifts: spread over the window; how full follows from seeded draws and a capacity
  // factor chosen so that the sign-ups add up exactly to the preset
  const shiftCounts = apportion(
    preset.shifts,
    activities.map((a) => (a.upcomingOnly ? 0.08 : a.template === UNIT_ACTIVITY ? 0.6 : 1)),
    1,
  );
  const shifts: PlannedShift[] = [];
  const draws: { cap: number; fill: number; popular: number; wait: number; quit: number }[] = [];
  activities.forEach((activity, ai) => {
    const created = activityRows[ai]![1] as Date;
    const lo = activity.upcomingOnly ? pastDays : 0;
    const taken = new Set<string>();
    const list: PlannedShift[] = [];
    for (let k = 0; k < shiftCounts[ai]!; k++) {
      let offset = 0;
      let slotIndex = 0;
      for (let attempt = 0; attempt < 12; attempt++) {
        slotIndex = r.int(0, activity.template.slots.length - 1);
        const [days] = activity.template.slots[slotIndex]!;
        offset = r.int(lo, windowDays - 1);
        const wd = weekday(addDays(windowStart, offset));
        const want = r.pick(days);
        offset += (want - wd + 7) % 7;
        if (offset >= windowDays) offset -= 7;
        if (offset < lo) offset += 7;
        if (!taken.has(`${offset}:${slotIndex}`)) break;
      }
      taken.add(`${offset}:${slotIndex}`);
      const [, start, minutes] = activity.template.slots[slotIndex]!;
      const day = addDays(windowStart, offset);
      const startsAt = at(day, start);
      const createdAt = Math.max(
        created.getTime() + HOUR,
        Math.min(startsAt - r.int(7, 28) * DAY, ctx.now - r.int(1, 48) * HOUR),
      );
      list.push({
        activity: ai,
        offset,
        block: start < 12 * 60 ? 0 : start < 18 * 60 ? 1 : 2,
        startsAt,
        endsAt: startsAt + minutes * MINUTE,
        createdAt,
        capacity: 0,
        cancelled: r.chance(0.02),
        confirmed: 0,
        waitlisted: 0,
        quitters: 0,
      });
    }
    list.sort((a, b) => a.startsAt - b.startsAt);
    for (const s of list) {
      const [capLo, capHi] = activity.template.capacity;
      shifts.push(s);
      draws.push({
        cap: r.int(capLo, capHi),
        fill: r.float(),
        popular: r.float(),
        wait: r.int(1, 5),
        quit: r.float(),
      });
    }
  });
  const size = (factor: number, apply: boolean): number => {
    let total = 0;
    shifts.forEach((s, i) => {
      const d = draws[i]!;
      const past = s.startsAt < ctx.now;
      const ahead = (s.startsAt - ctx.now) / DAY;
      const capacity = Math.max(1, Math.round(d.cap * factor));
      const popular = !s.cancelled && d.popular < (past ? 0.12 : ahead < 14 ? 0.16 : 0.05);
      const fill = past
        ? 0.55 + 0.45 * d.fill
        : Math.max(0.15, Math.min(1, 0.6 + 0.45 * d.fill - ahead * 0.025));
      const confirmed = popular
        ? capacity
        : Math.max(1, Math.min(capacity - (past ? 0 : 1), Math.round(capacity * fill)));
      const waitlisted = popular ? d.wait : 0;
      const quitters = !popular && !s.cancelled && d.quit < 0.1 ? 1 : 0;
      total += confirmed + waitlisted + quitters;
      if (apply) Object.assign(s, { capacity, confirmed, waitlisted, quitters });
    });
    return total;
  };
  let lo = 0.2;
  let hi = 6;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (size(mid, false) < preset.signups) lo = mid;
    else hi = mid;
  }
  let diff = preset.signups - size(lo, true);
  for (let guard = 0; diff !== 0; guard++) {
    if (guard > 50 * preset.shifts) throw new Error('could not size the shifts to the sign-ups');
    const s = shifts[r.int(0, shifts.length - 1)]!;
    if (diff > 0) {
      if (s.confirmed < s.capacity) s.confirmed++;
      else if (s.waitlisted < 8 && !s.cancelled) s.waitlisted++;
      else continue;
      diff--;
    } else {
      if (s.quitters > 0) s.quitters--;
      else if (s.waitlisted > 0) s.waitlisted--;
      else if (s.confirmed > 1) s.confirmed--;
      else continue;
      diff++;
    }
  }
  draws.length = 0;

  const shiftRows = function* (): Generator<Cell[]> {
    for (const [i, s] of shifts.entries()) {
      const activity = activities[s.activity]!;
      const cancelledAt = s.cancelled ? cancelTime(s) : null;
      yield [
        i + 1,
        new Date(s.createdAt),
        new Date(cancelledAt ?? s.createdAt),
        s.activity + 1,
        communities[activity.communityIndex]!.id,
        new Date(s.startsAt),
        new Date(s.endsAt),
        s.capacity,
        s.cancelled ? 'CANCELLED' : 'OPEN',
        s.cancelled ? 0 : s.confirmed,
        s.cancelled ? 0 : s.waitlisted,
        s.cancelled ? 0 : s.waitlisted,
        s.cancelled ? CANCEL_REASONS[i % CANCEL_REASONS.length]! : '',
      ];
    }
  };
  // When a shift was called off: between its opening and its start (or now).
  function cancelTime(s: PlannedShift): number {
    const opens = s.createdAt + 10 * MINUTE;
    const end = Math.min(s.startsAt - HOUR, ctx.now - HOUR);
    return Math.max(
      opens + HOUR,
      Math.round(opens + (end - opens) * (0.6 + ((s.startsAt / MINUTE) % 35) / 100)),
    );
  }
  await ctx.copy(
    'shift',
    [
      'id',
      'created_at',
      'updated_at',
      'activity_id',
      'community_id',
      'starts_at',
      'ends_at',
      'capacity',
      'status',
      'confirmed_count',
      'waitlist_count',
      'last_waitlist_seq',
      'cancel_reason',
    ],
    shiftRows(),
  );

  // ---- sign-ups, streamed shift by shift
  const bytesPerVolunteer = Math.ceil((windowDays * 3) / 8);
  const busy = new Uint8Array(count * bytesPerVolunteer);
  const isBusy = (v: number, slot: number) =>
    (busy[v * bytesPerVolunteer + (slot >> 3)]! & (1 << (slot & 7))) !== 0;
  const occupy = (v: number, slot: number) => {
    busy[v * bytesPerVolunteer + (slot >> 3)] =
      busy[v * bytesPerVolunteer + (slot >> 3)]! | (1 << (slot & 7));
  };
  const pools = new Map<string, number[]>();
  const poolOf = (ci: number, skill: number): number[] => {
    const key = `${ci}:${skill}`;
    let pool = pools.get(key);
    if (!pool) {
      pool =
        skill === NO_SKILL
          ? byCommunity[ci]!
          : byCommunity[ci]!.filter((v) => skillMask[v]! & (1 << skill));
      pools.set(key, pool);
    }
    return pool;
  };
  const tr = createRandom(ctx.seed, 'signups');
  /** `n` distinct volunteers free in `slot`, not in `exclude`. */
  function choose(s: PlannedShift, n: number, exclude: Set<number>, live: boolean): number[] {
    const activity = activities[s.activity]!;
    const slot = s.offset * 3 + s.block;
    const out: number[] = [];
    const ok = (v: number) => !exclude.has(v) && (!live || !isBusy(v, slot));
    const take = (v: number) => {
      out.push(v);
      exclude.add(v);
    };
    const home = poolOf(activity.communityIndex, activity.skill);
    for (let attempt = 0; out.length < n && attempt < n * 6; attempt++) {
      const v = home[tr.int(0, home.length - 1)];
      if (v !== undefined && ok(v)) take(v);
    }
    // Rarely: scan the community, then neighbouring communities, then anyone.
    const scan = (pool: readonly number[]) => {
      const startAt = pool.length ? tr.int(0, pool.length - 1) : 0;
      for (let k = 0; k < pool.length && out.length < n; k++) {
        const v = pool[(startAt + k) % pool.length]!;
        if (ok(v)) take(v);
      }
    };
    if (out.length < n) scan(home);
    for (let c = 1; out.length < n && c < communities.length; c++)
      scan(poolOf((activity.communityIndex + c) % communities.length, activity.skill));
    for (let c = 0; out.length < n && c < communities.length; c++) scan(byCommunity[c]!);
    if (out.length < n)
      throw new Error(`not enough volunteers for shift ${s.activity}/${s.offset}`);
    return out;
  }

  const ROUNDING = 15;
  let signupId = 0;
  const signupRows = function* (): Generator<Cell[]> {
    for (const [i, s] of shifts.entries()) {
      const activity = activities[s.activity]!;
      const shiftId = i + 1;
      const slot = s.offset * 3 + s.block;
      const past = s.startsAt < ctx.now;
      const exclude = new Set<number>();
      const confirmed = choose(s, s.confirmed, exclude, !s.cancelled);
      const waitlisted = choose(s, s.waitlisted, exclude, !s.cancelled);
      const quitters = choose(s, s.quitters, exclude, false);
      if (!s.cancelled) for (const v of [...confirmed, ...waitlisted]) occupy(v, slot);
      const opens = s.createdAt + 10 * MINUTE;
      const cancelledAt = s.cancelled ? cancelTime(s) : null;
      const closes = Math.max(
        opens + MINUTE,
        Math.min(
          s.startsAt - 3 * HOUR,
          ctx.now - 5 * MINUTE,
          cancelledAt ? cancelledAt - 30 * MINUTE : Infinity,
        ),
      );
      const order = [...tr.shuffle([...confirmed, ...quitters]), ...waitlisted];
      const times = order.map(() => tr.int(opens, closes)).sort((a, b) => a - b);
      for (const [k, v] of order.entries()) {
        const createdAt = times[k]!;
        const ticket = waitlisted.indexOf(v);
        let status = ticket >= 0 ? 'WAITLISTED' : 'CONFIRMED';
        let cancelled: number | null = null;
        let attendance = 'EXPECTED';
        let checkedIn: number | null = null;
        let checkedOut: number | null = null;
        let minutes: number | null = null;
        let hoursConfirmed: number | null = null;
        if (s.cancelled) {
          status = 'CANCELLED';
          cancelled = Math.max(cancelledAt!, createdAt + MINUTE);
        } else if (quitters.includes(v)) {
          status = 'CANCELLED';
          cancelled = Math.min(
            ctx.now - MINUTE,
            tr.int(createdAt + HOUR, Math.max(createdAt + HOUR, closes)),
          );
        } else if (status === 'CONFIRMED' && past) {
          if (tr.chance(0.06)) attendance = 'NO_SHOW';
          else {
            checkedIn = s.startsAt + tr.int(-15, 12) * MINUTE;
            checkedOut = s.endsAt + tr.pick([-35, -20, -10, -5, 0, 0, 5, 10, 15]) * MINUTE;
            const served = Math.min(checkedOut, s.endsAt) - Math.max(checkedIn, s.startsAt);
            attendance = 'CHECKED_OUT';
            minutes = Math.max(0, Math.floor(served / MINUTE / ROUNDING) * ROUNDING);
            const hoursAgo = (ctx.now - checkedOut) / HOUR;
            if (tr.chance(hoursAgo > 72 ? 0.96 : 0.45)) {
              const at =
                checkedOut +
                tr.int(20, Math.max(21, Math.min(48 * 60, hoursAgo * 60 - 30))) * MINUTE;
              if (at < ctx.now) hoursConfirmed = at;
            }
          }
        }
        const updated = Math.max(
          createdAt,
          cancelled ?? 0,
          checkedIn ?? 0,
          checkedOut ?? 0,
          hoursConfirmed ?? 0,
        );
        yield [
          ++signupId,
          new Date(createdAt),
          new Date(updated),
          shiftId,
          v + 1,
          status,
          new Date(s.startsAt),
          new Date(s.endsAt),
          ticket >= 0 ? ticket + 1 : null,
          cancelled === null ? null : new Date(cancelled),
          null,
          attendance,
          checkedIn === null ? null : new Date(checkedIn),
          checkedOut === null ? null : new Date(checkedOut),
          minutes,
          hoursConfirmed === null ? null : new Date(hoursConfirmed),
          hoursConfirmed === null ? null : activity.createdBy,
        ];
      }
    }
  };
  await ctx.copy(
    'signup',
    [
      'id',
      'created_at',
      'updated_at',
      'shift_id',
      'volunteer_id',
      'status',
      'starts_at',
      'ends_at',
      'waitlist_seq',
      'cancelled_at',
      'promoted_at',
      'attendance',
      'checked_in_at',
      'checked_out_at',
      'minutes',
      'hours_confirmed_at',
      'hours_confirmed_by_id',
    ],
    signupRows(),
  );
  // Confirmed service time counts toward the volunteer's total.
  await ctx.client.query(
    `update volunteer v set verified_minutes = v.verified_minutes + s.minutes
       from (select volunteer_id, sum(minutes)::int as minutes from signup
              where status = 'CONFIRMED' and hours_confirmed_at is not null and minutes > 0
              group by volunteer_id) s
      where s.volunteer_id = v.id`,
  );

  return {
    count,
    communityIndex,
    gridId,
    skills: (v) => skillsOf(skillMask[v]!),
    availability: (v) => availability[v]!,
    byCommunity,
  };
}
