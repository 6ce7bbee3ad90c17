/**
 * Social worker – volunteer pairing (社工+义工) for the demo: three or four social workers per
 * community (the demo account `social.jianan` among them) and a few months of pairing history
 * made the way staff make it — by the module's own plan.
 *
 * Each community's staff ran the pairing plan every few weeks over the last four to five
 * months: the unpaired volunteers registered by then, each social worker's free places
 * (cap − active pairings), the scores of `scorePair` and the optimal assignment of
 * `solveAssignment`, exactly as `pairingSuggestions` builds them (workers and volunteers in id
 * order, which is creation order here; grids compared by identity). Staff confirmed part of each
 * plan, so about two thirds of the volunteers end up paired; each Pairing keeps the score and
 * components `confirmPairings` would have stored (the free places at that moment). Between runs
 * a few pairings ended, with a reason: some volunteers went back into the next plan, others
 * stepped away and stay unpaired.
 *
 * Supervision logs cover the last twelve weeks. Every active pairing was contacted within the
 * last ten days (or confirmed within them), except two or three per community whose last
 * contact is 16–30 days old, for the 14-day alert and the load view. `lastContactDate` is the
 * day of the latest log, or of the confirmation when there is none.
 *
 * Dates follow the real current time (`now`), everything else comes from a seeded PRNG, so the
 * same `now` always gives the same plan. `planPairings` is pure; `insertPairings` maps the plan
 * onto entities with `create` only, for the caller's transaction to write in one flush.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, User } from '../api/src/modules/auth/user.entity.js';
import type { Community } from '../api/src/modules/directory/community.entity.js';
import type { Grid } from '../api/src/modules/directory/grid.entity.js';
import { Pairing } from '../api/src/modules/pairing/pairing.entity.js';
import {
  PairingStatus,
  Qualification,
  Specialty,
  SupervisionMode,
} from '../api/src/modules/pairing/pairing.enums.js';
import {
  scorePair,
  type ScoreComponents,
  type VolunteerFacts,
  type WorkerFacts,
} from '../api/src/modules/pairing/scoring.js';
import { SocialWorker } from '../api/src/modules/pairing/social-worker.entity.js';
import { solveAssignment } from '../api/src/modules/pairing/solver.js';
import { SupervisionLog } from '../api/src/modules/pairing/supervision-log.entity.js';
import { Volunteer, type AvailabilitySlot } from '../api/src/modules/shifts/volunteer.entity.js';
import { createPeople } from './qingshan/people.js';
import type { SeedCommunity, SeedGrid } from './qingshan/types.js';
import type { PlannedVolunteer } from './shifts.js';

/** The demo social worker account (its user exists already; it gets a profile here). */
export const DEMO_SOCIAL_WORKER = 'social.jianan';
/** An active pairing whose last contact is at least this many days old is overdue. */
const OVERDUE_DAYS = 14;

// ---------------------------------------------------------------- randomness and time

interface Random {
  int(min: number, max: number): number;
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  shuffle<T>(list: readonly T[]): T[];
  name(): string;
  mobile(): string;
}

/** The demo's seeded PRNG (mulberry32 behind `createPeople`): no Math.random. */
function createRandom(seed: number): Random {
  const people = createPeople(seed);
  const float = () => people.int(0, 2 ** 30 - 1) / 2 ** 30;
  return {
    name: people.name,
    mobile: people.mobile,
    int: people.int,
    between: (min, max) => min + float() * (max - min),
    chance: (p) => float() < p,
    pick: (list) => list[people.int(0, list.length - 1)]!,
    shuffle(list) {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = people.int(0, i);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Asia/Shanghai has no daylight saving time: always UTC+8. */
const SHANGHAI_OFFSET = 8 * 60 * MINUTE;
const shanghaiDay = (instant: Date): string =>
  new Date(instant.getTime() + SHANGHAI_OFFSET).toISOString().slice(0, 10);
const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** `minutes` after midnight of `day`, Asia/Shanghai. */
const at = (day: string, minutes: number): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET + minutes * MINUTE);
const earliest = (a: Date, b: Date): Date => (a.getTime() <= b.getTime() ? a : b);

// ---------------------------------------------------------------- social workers

interface WorkerProfile {
  specialties: Specialty[];
  qualification: Qualification;
  caseloadCap: number;
}

const { ELDERLY, CHILDREN, YOUTH, DISABILITY, FAMILY, MENTAL_HEALTH, COMMUNITY_DEVELOPMENT } =
  Specialty;
const { CORRECTIONS, ADDICTION, MEDICAL, POVERTY_RELIEF, MIGRANTS } = Specialty;
const { ASSISTANT, INTERMEDIATE, SENIOR } = Qualification;

/**
 * Who works where, by what the community needs: the older, larger communities (建安, 福康, 联通)
 * lean to elderly care, 阳光 to children and families, 天鹅 has community corrections, and so
 * on. In the demo community the first profile is the demo account's.
 */
const PROFILES: Readonly<Record<string, readonly WorkerProfile[]>> = {
  jianan: [
    { specialties: [ELDERLY, COMMUNITY_DEVELOPMENT], qualification: INTERMEDIATE, caseloadCap: 12 },
    { specialties: [ELDERLY, MEDICAL], qualification: SENIOR, caseloadCap: 15 },
    { specialties: [CHILDREN, YOUTH, FAMILY], qualification: ASSISTANT, caseloadCap: 10 },
    { specialties: [DISABILITY, MENTAL_HEALTH], qualification: INTERMEDIATE, caseloadCap: 9 },
  ],
  yangguang: [
    { specialties: [CHILDREN, YOUTH], qualification: INTERMEDIATE, caseloadCap: 15 },
    { specialties: [FAMILY, MENTAL_HEALTH], qualification: SENIOR, caseloadCap: 14 },
    { specialties: [COMMUNITY_DEVELOPMENT, MIGRANTS], qualification: ASSISTANT, caseloadCap: 15 },
  ],
  fukang: [
    { specialties: [ELDERLY, MEDICAL], qualification: SENIOR, caseloadCap: 15 },
    { specialties: [ELDERLY, POVERTY_RELIEF], qualification: INTERMEDIATE, caseloadCap: 13 },
    { specialties: [DISABILITY], qualification: ASSISTANT, caseloadCap: 11 },
    { specialties: [MENTAL_HEALTH, FAMILY], qualification: INTERMEDIATE, caseloadCap: 8 },
  ],
  tiane: [
    { specialties: [ELDERLY, COMMUNITY_DEVELOPMENT], qualification: INTERMEDIATE, caseloadCap: 15 },
    { specialties: [CHILDREN, FAMILY], qualification: ASSISTANT, caseloadCap: 15 },
    {
      specialties: [CORRECTIONS, ADDICTION, MENTAL_HEALTH],
      qualification: SENIOR,
      caseloadCap: 14,
    },
  ],
  liantong: [
    { specialties: [ELDERLY], qualification: INTERMEDIATE, caseloadCap: 15 },
    { specialties: [COMMUNITY_DEVELOPMENT, MIGRANTS], qualification: ASSISTANT, caseloadCap: 14 },
    { specialties: [DISABILITY, MEDICAL], qualification: SENIOR, caseloadCap: 15 },
  ],
  guotuziyuan: [
    { specialties: [ELDERLY, FAMILY], qualification: SENIOR, caseloadCap: 12 },
    { specialties: [CHILDREN, YOUTH], qualification: INTERMEDIATE, caseloadCap: 11 },
    { specialties: [COMMUNITY_DEVELOPMENT], qualification: ASSISTANT, caseloadCap: 10 },
    { specialties: [POVERTY_RELIEF, DISABILITY], qualification: ASSISTANT, caseloadCap: 12 },
  ],
};

/** Office hours on three to five weekdays; some also keep an evening for working volunteers. */
function workerAvailability(r: Random): AvailabilitySlot[] {
  const slots: AvailabilitySlot[] = [];
  for (const day of r.shuffle([1, 2, 3, 4, 5]).slice(0, r.int(3, 5))) {
    const shape = r.int(0, 2);
    if (shape !== 1) slots.push({ day, start: r.pick(['08:30', '09:00']), end: '11:30' });
    if (shape !== 0) slots.push({ day, start: '14:00', end: r.pick(['17:00', '17:30']) });
  }
  if (r.chance(0.6)) {
    const day = r.int(1, 5);
    slots.push({ day, start: '18:00', end: r.pick(['20:00', '20:30']) });
  }
  return slots.sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
}

// ---------------------------------------------------------------- the plan

export interface PlannedSocialWorker {
  communityCode: string;
  username: string;
  /** False for the demo account, whose user exists already. */
  newUser: boolean;
  displayName: string;
  phone: string;
  gridCode: string;
  specialties: Specialty[];
  qualification: Qualification;
  caseloadCap: number;
  availability: AvailabilitySlot[];
  createdAt: Date;
}

export interface PlannedPairing {
  communityCode: string;
  workerIndex: number;
  /** Position in the volunteer plan (the order volunteers are created in). */
  volunteerIndex: number;
  confirmedAt: Date;
  /** What `confirmPairings` stores: the score with the worker's free places at that moment. */
  score: ScoreComponents;
  endedAt: Date | null;
  endReason: string | null;
  lastContactDate: string;
}

export interface PlannedSupervisionLog {
  pairingIndex: number;
  date: string;
  mode: SupervisionMode;
  durationMinutes: number;
  notes: string;
  createdAt: Date;
}

export interface PairingSeedPlan {
  workers: PlannedSocialWorker[];
  pairings: PlannedPairing[];
  logs: PlannedSupervisionLog[];
}

export interface PairingSeedInput {
  communities: readonly SeedCommunity[];
  grids: readonly SeedGrid[];
  /** The volunteer plan, in creation (= id) order. */
  volunteers: readonly PlannedVolunteer[];
}

/** Why a pairing ended, and whether the volunteer went back into the next plan. */
const END_REASONS: readonly { reason: string; repair: boolean }[] = [
  { reason: '志愿者工作调动，已搬离本社区。', repair: false },
  { reason: '志愿者学业紧张，本学期暂停志愿服务。', repair: false },
  { reason: '志愿者家中老人需要照顾，暂时停止结对。', repair: false },
  { reason: '双方可服务时间长期对不上，重新匹配社工。', repair: true },
  { reason: '社工服务方向调整，结对重新安排。', repair: true },
  { reason: '志愿者希望转向其他服务领域，重新匹配。', repair: true },
];

const NOTES: Readonly<Record<SupervisionMode, readonly string[]>> = {
  [SupervisionMode.IN_PERSON]: [
    '上门走访，了解近期服务情况，志愿者反馈良好。',
    '一起入户探访独居老人，现场示范沟通技巧。',
    '面谈复盘上周的服务，约定下次跟进时间。',
    '在社区服务站面谈，梳理服务对象的需求清单。',
    '陪同开展服务，提醒注意安全与服务边界。',
  ],
  [SupervisionMode.PHONE]: [
    '电话回访，志愿者反映时间安排紧张，已协调调整班次。',
    '电话沟通服务感受，志愿者情绪状态良好。',
    '电话跟进服务对象近况，无异常情况。',
    '电话提醒本周服务安排，并解答排班疑问。',
  ],
  [SupervisionMode.ONLINE]: [
    '微信视频督导，讨论服务对象的个案进展。',
    '线上查看服务记录，提醒注意保护服务对象个人信息。',
    '线上分享服务资料，布置下阶段服务目标。',
  ],
  [SupervisionMode.GROUP]: [
    '参加小组督导会，分享服务经验并互相点评。',
    '团体督导：压力疏导与自我照顾。',
    '小组学习急救与安全知识，交流服务中的难题。',
  ],
};

/**
 * Typical lengths of a contact by mode; the day of the month picks one, so adding durations
 * drew nothing from the random stream (the rest of the demo stays as it was).
 */
const MINUTES: Readonly<Record<SupervisionMode, readonly number[]>> = {
  [SupervisionMode.IN_PERSON]: [45, 60, 90],
  [SupervisionMode.PHONE]: [15, 20, 30],
  [SupervisionMode.ONLINE]: [30, 40, 45],
  [SupervisionMode.GROUP]: [90, 120, 60],
};
const minutesOf = (mode: SupervisionMode, date: string) =>
  MINUTES[mode][Number(date.slice(8, 10)) % MINUTES[mode].length]!;

const MODES: readonly SupervisionMode[] = [
  SupervisionMode.IN_PERSON,
  SupervisionMode.IN_PERSON,
  SupervisionMode.IN_PERSON,
  SupervisionMode.IN_PERSON,
  SupervisionMode.PHONE,
  SupervisionMode.PHONE,
  SupervisionMode.PHONE,
  SupervisionMode.ONLINE,
  SupervisionMode.ONLINE,
  SupervisionMode.GROUP,
];

/** The plan's runs: days before today, and the share of the target paired after each. */
const RUNS: readonly { daysAgo: [number, number]; share: number; endings: number }[] = [
  { daysAgo: [125, 140], share: 0.45, endings: 1 },
  { daysAgo: [90, 100], share: 0.65, endings: 1 },
  { daysAgo: [55, 65], share: 0.8, endings: 1 },
  { daysAgo: [28, 34], share: 0.92, endings: 0 },
  { daysAgo: [4, 9], share: 1, endings: 0 },
];

/** Social workers, pairings and supervision around `now`; the same for the same `now`. */
export function planPairings(input: PairingSeedInput, now: Date, seed = 20261215): PairingSeedPlan {
  const r = createRandom(seed);
  const today = shanghaiDay(now);
  /** A moment on `day` between 09:00 and 17:30 Shanghai time, never after now. */
  const during = (day: string) => earliest(at(day, r.int(9 * 60, 17 * 60 + 30)), now);
  // Grids are compared by identity only, like grid ids in the service.
  const gridKey = new Map(input.grids.map((g, i) => [g.code, i + 1]));
  const volunteerFacts = (v: PlannedVolunteer): VolunteerFacts => ({
    skills: v.skills,
    gridId: gridKey.get(v.gridCode) ?? null,
    availability: v.availability,
  });

  const workers: PlannedSocialWorker[] = [];
  const pairings: PlannedPairing[] = [];
  const logs: PlannedSupervisionLog[] = [];

  for (const community of input.communities) {
    const code = community.code;
    const communityGrids = input.grids.filter((g) => g.communityCode === code);
    const profiles = PROFILES[code] ?? PROFILES.jianan!;
    const first = workers.length;
    profiles.forEach((profile, n) => {
      const demo = code === 'jianan' && n === 0;
      workers.push({
        communityCode: code,
        username: demo ? DEMO_SOCIAL_WORKER : `sw.${code}.${n + (code === 'jianan' ? 0 : 1)}`,
        newUser: !demo,
        displayName: demo ? '建安社工' : r.name(),
        phone: demo ? '13904560301' : r.mobile(),
        gridCode: r.pick(communityGrids).code,
        specialties: [...profile.specialties],
        qualification: profile.qualification,
        caseloadCap: profile.caseloadCap,
        availability: workerAvailability(r),
        createdAt: during(addDays(today, -r.int(160, 240))),
      });
    });
    const team = workers.slice(first);
    const teamIndex = (w: number) => first + w;
    const facts = (w: number, freePlaces: number): WorkerFacts => ({
      specialties: team[w]!.specialties,
      gridId: gridKey.get(team[w]!.gridCode) ?? null,
      availability: team[w]!.availability,
      freePlaces,
    });

    const members = input.volunteers.flatMap((v, i) => (v.communityCode === code ? [i] : []));
    const target = Math.round(members.length * r.between(0.62, 0.68));
    const load = team.map(() => 0);
    /** Volunteer index → index of its active pairing. */
    const active = new Map<number, number>();
    const away = new Set<number>();
    const rematch = new Set<number>();
    const runDays = RUNS.map((run) => addDays(today, -r.int(run.daysAgo[0], run.daysAgo[1])));

    RUNS.forEach((run, k) => {
      const confirmedAt = during(runDays[k]!);
      // The plan as `pairingSuggestions` computes it at that moment.
      const pool = members.filter(
        (i) =>
          !active.has(i) &&
          !away.has(i) &&
          input.volunteers[i]!.createdAt.getTime() <= confirmedAt.getTime(),
      );
      const free = team.map((w, j) => Math.max(0, w.caseloadCap - load[j]!));
      const arcStart = new Int32Array(pool.length + 1);
      const arcWorker = new Int32Array(pool.length * team.length);
      const arcScore = new Float64Array(pool.length * team.length);
      const components: ScoreComponents[] = [];
      pool.forEach((i, v) => {
        arcStart[v] = v * team.length;
        const volunteer = volunteerFacts(input.volunteers[i]!);
        team.forEach((_, w) => {
          const score = scorePair(facts(w, free[w]!), volunteer);
          arcWorker[v * team.length + w] = w;
          arcScore[v * team.length + w] = score.total;
          components.push(score);
        });
      });
      arcStart[pool.length] = pool.length * team.length;
      const result = solveAssignment({
        volunteerCount: pool.length,
        capacities: free,
        arcStart,
        arcWorker,
        arcScore,
      });
      const proposals = pool
        .map((i, v) => ({
          i,
          w: result.assignment[v]!,
          score: components[result.assignmentArc[v]!],
        }))
        .filter((p) => p.w >= 0);

      // Staff confirm part of it: volunteers waiting for a new match first, then at random.
      const waiting = proposals.filter((p) => rematch.has(p.i));
      const wanted = Math.max(waiting.length, Math.ceil(target * run.share) - active.size);
      const chosen = [...waiting, ...r.shuffle(proposals.filter((p) => !rematch.has(p.i)))]
        .slice(0, wanted)
        .sort((a, b) => a.w - b.w || a.i - b.i);
      for (const p of chosen) {
        // confirmPairings scores again with the free places before the confirmation: the same.
        const score = scorePair(facts(p.w, free[p.w]!), volunteerFacts(input.volunteers[p.i]!));
        if (score.total !== p.score!.total) throw new Error('demo seed: pairing score drifted');
        active.set(p.i, pairings.length);
        rematch.delete(p.i);
        load[p.w]!++;
        pairings.push({
          communityCode: code,
          workerIndex: teamIndex(p.w),
          volunteerIndex: p.i,
          confirmedAt,
          score,
          endedAt: null,
          endReason: null,
          lastContactDate: runDays[k]!,
        });
      }

      // Before the next run, a pairing or so ends.
      const next = runDays[k + 1];
      if (!next) return;
      const endable = [...active.entries()].filter(
        ([, p]) => pairings[p]!.lastContactDate <= addDays(next, -25),
      );
      for (const [i, p] of r.shuffle(endable).slice(0, run.endings)) {
        const pairing = pairings[p]!;
        const why = r.pick(END_REASONS);
        const earliestEnd = addDays(pairing.lastContactDate, 21);
        const span = Math.max(
          0,
          Math.round((Date.parse(next) - Date.parse(earliestEnd)) / DAY) - 2,
        );
        pairing.endedAt = during(addDays(earliestEnd, r.int(0, span)));
        pairing.endReason = why.reason;
        active.delete(i);
        load[pairing.workerIndex - first]!--;
        if (why.repair) rematch.add(i);
        else away.add(i);
      }
    });

    // Supervision over the last twelve weeks; two or three active pairings have gone quiet.
    const windowStart = addDays(today, -84);
    const mine = pairings
      .map((p, index) => ({ p, index }))
      .filter(({ p }) => p.communityCode === code);
    const quietCandidates = mine.filter(
      ({ p }) => p.endedAt === null && p.lastContactDate <= addDays(today, -20),
    );
    const quiet = new Set(
      r
        .shuffle(quietCandidates)
        .slice(0, r.int(2, 3))
        .map(({ index }) => index),
    );
    for (const { p, index } of mine) {
      const confirmedDay = p.lastContactDate;
      const endDay = p.endedAt ? shanghaiDay(p.endedAt) : null;
      let last: string | null;
      if (endDay) last = addDays(endDay, -r.int(1, 12));
      else if (quiet.has(index)) last = addDays(today, -r.int(OVERDUE_DAYS + 2, 30));
      else if (confirmedDay >= addDays(today, -10)) {
        // Confirmed within the last days: a first contact or none yet.
        last = confirmedDay < today && r.chance(0.6) ? addDays(today, -r.int(1, 2)) : null;
      } else last = addDays(today, -r.int(1, 10));
      const dates: string[] = [];
      const from = confirmedDay > windowStart ? confirmedDay : windowStart;
      for (let day = last; day !== null && day >= from; day = addDays(day, -r.int(7, 16))) {
        dates.push(day);
      }
      for (const date of dates.reverse()) {
        const mode = r.pick(MODES);
        const logged = earliest(at(date, r.int(10 * 60, 20 * 60)), now);
        logs.push({
          pairingIndex: index,
          date,
          mode,
          durationMinutes: minutesOf(mode, date),
          notes: r.pick(NOTES[mode]),
          createdAt: logged,
        });
      }
      if (dates.length && dates.at(-1)! > p.lastContactDate) p.lastContactDate = dates.at(-1)!;
    }
  }
  return { workers, pairings, logs };
}

// ---------------------------------------------------------------- writing it

export interface PairingRefs {
  communityByCode: ReadonlyMap<string, Community>;
  gridByCode: ReadonlyMap<string, Grid>;
  /** Each community's demo staff account: confirms and ends its pairings. */
  staffByCommunity: ReadonlyMap<string, User>;
  demoUsers: ReadonlyMap<string, User>;
  passwordHash: string;
}

export interface PairingCounts {
  /** New accounts (the demo social worker's exists already). */
  users: number;
  socialWorkers: number;
  pairings: number;
  activePairings: number;
  supervisionLogs: number;
}

/**
 * Creates the plan's entities in `tx` (nothing is flushed here). The volunteers are the ones
 * the volunteer seed created in this transaction, in the order of `volunteers`.
 */
export function insertPairings(
  tx: EntityManager,
  plan: PairingSeedPlan,
  volunteers: readonly PlannedVolunteer[],
  refs: PairingRefs,
): PairingCounts {
  const lookup = <K, T>(map: ReadonlyMap<K, T>, key: K, what: string): T => {
    const found = map.get(key);
    if (!found) throw new Error(`demo seed: no ${what} "${String(key)}"`);
    return found;
  };
  const created = [...tx.getUnitOfWork().getPersistStack()].filter(
    (e): e is Volunteer => e instanceof Volunteer,
  );
  if (
    created.length !== volunteers.length ||
    created.some((v, i) => v.realName !== volunteers[i]!.realName)
  ) {
    throw new Error('demo seed: the volunteers are not the planned ones');
  }

  const workers = plan.workers.map((w) => {
    const community = lookup(refs.communityByCode, w.communityCode, 'community');
    const user = w.newUser
      ? tx.create(User, {
          username: w.username,
          displayName: w.displayName,
          passwordHash: refs.passwordHash,
          role: Role.SOCIAL_WORKER,
          phone: w.phone,
          community,
          createdAt: w.createdAt,
          updatedAt: w.createdAt,
        })
      : lookup(refs.demoUsers, w.username, 'demo account');
    return tx.create(SocialWorker, {
      user,
      community,
      grid: lookup(refs.gridByCode, w.gridCode, 'grid'),
      specialties: w.specialties,
      qualification: w.qualification,
      caseloadCap: w.caseloadCap,
      availability: w.availability,
      createdAt: w.createdAt,
      updatedAt: w.createdAt,
    });
  });

  const lastLogAt = new Map<number, Date>();
  for (const log of plan.logs) lastLogAt.set(log.pairingIndex, log.createdAt);
  const pairings = plan.pairings.map((p, index) => {
    const staff = lookup(refs.staffByCommunity, p.communityCode, 'staff account for community');
    return tx.create(Pairing, {
      socialWorker: workers[p.workerIndex]!,
      volunteer: created[p.volunteerIndex]!,
      community: lookup(refs.communityByCode, p.communityCode, 'community'),
      status: p.endedAt ? PairingStatus.ENDED : PairingStatus.ACTIVE,
      confirmedBy: staff,
      confirmedAt: p.confirmedAt,
      endedAt: p.endedAt,
      endedBy: p.endedAt ? staff : null,
      endReason: p.endReason,
      endDate: p.endedAt ? shanghaiDay(p.endedAt) : null,
      score: p.score.total,
      components: p.score,
      lastContactDate: p.lastContactDate,
      createdAt: p.confirmedAt,
      updatedAt: p.endedAt ?? lastLogAt.get(index) ?? p.confirmedAt,
    });
  });

  for (const log of plan.logs) {
    const pairing = pairings[log.pairingIndex]!;
    tx.create(SupervisionLog, {
      pairing,
      author: pairing.socialWorker.user,
      date: log.date,
      mode: log.mode,
      durationMinutes: log.durationMinutes,
      notes: log.notes,
      createdAt: log.createdAt,
      updatedAt: log.createdAt,
    });
  }
  return {
    users: plan.workers.filter((w) => w.newUser).length,
    socialWorkers: workers.length,
    pairings: pairings.length,
    activePairings: plan.pairings.filter((p) => p.endedAt === null).length,
    supervisionLogs: plan.logs.length,
  };
}
