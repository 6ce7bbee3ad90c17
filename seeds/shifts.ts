/**
 * Volunteer service in Qingshan for the demo: about sixty volunteers per community with their
 * profiles, each community's service activities (助老送餐, 清雪, 治安巡逻, 课业辅导, 义诊…),
 * and their shifts over the last four weeks and the next four, with sign-ups, waitlists and
 * attendance.
 *
 * Unlike the co-building year, which describes a fixed "today", shifts are laid out around the
 * real current time (`now`): the demo is seeded whenever it is first started, and a volunteer
 * opening it must find shifts to sign up for. Everything else comes from a seeded PRNG, so the
 * same `now` always yields the same plan; who volunteers and which activities exist never depend
 * on `now` (only their dates do, and in summer snow clearing becomes a general clean-up).
 *
 * `planVolunteerService` is pure; `insertVolunteerService` maps the plan onto entities with
 * `create` only, for the caller's transaction to write in one flush.
 *
 * The plan keeps the invariants the shifts code relies on:
 * - a shift's confirmedCount is its number of CONFIRMED sign-ups, never above its capacity;
 *   waitlistCount is its number of WAITLISTED sign-ups, whose tickets are 1..n (so
 *   lastWaitlistSeq = n), and a shift has a waitlist only when it is full;
 * - a sign-up's startsAt/endsAt are its shift's; one live sign-up per volunteer and shift; a
 *   volunteer's live sign-ups never overlap in time (stricter than the database, which refuses
 *   overlapping CONFIRMED places only); volunteers have the skills their activity requires;
 * - cancelled shifts have only cancelled sign-ups and zero counters;
 * - attendance only on shifts that have started: CHECKED_OUT with minutes (the time within the
 *   shift window, rounded down to 15) and, for most, hoursConfirmedAt/By (the organiser); a few
 *   NO_SHOW; CHECKED_IN on shifts in progress;
 * - Volunteer.verifiedMinutes = minutes imported from earlier records (a history for about a
 *   third of the volunteers, long enough for star levels for a handful) + the confirmed minutes
 *   of their sign-ups, so verifiedMinutes ≥ the sum of confirmed sign-up minutes, with equality
 *   for everyone without imported history (the demo volunteer among them).
 *
 * Activities linked to a unit's VOLUNTEER_HOURS commitment are new (their first shift is still
 * ahead): hours served there are recorded against the commitment by the attendance code for
 * staff to verify, and the co-building seed's verified amounts must stay the sums of their
 * records.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, User } from '../api/src/modules/auth/user.entity.js';
import type { CommitmentCategory } from '../api/src/modules/commitments/category.entity.js';
import { Commitment } from '../api/src/modules/commitments/commitment.entity.js';
import { CommitmentStatus, Measure } from '../api/src/modules/commitments/commitment.enums.js';
import type { Community } from '../api/src/modules/directory/community.entity.js';
import type { Grid } from '../api/src/modules/directory/grid.entity.js';
import type { Unit } from '../api/src/modules/directory/unit.entity.js';
import { Activity } from '../api/src/modules/shifts/activity.entity.js';
import { Shift } from '../api/src/modules/shifts/shift.entity.js';
import {
  Affiliation,
  Attendance,
  OrganiserKind,
  ShiftStatus,
  SignupStatus,
  Skill,
} from '../api/src/modules/shifts/shift.enums.js';
import { Signup } from '../api/src/modules/shifts/signup.entity.js';
import { Volunteer, type AvailabilitySlot } from '../api/src/modules/shifts/volunteer.entity.js';
import type { CoBuildingPlan } from './commitments.js';
import { createPeople } from './qingshan/people.js';
import type { SeedCommunity, SeedGrid, SeedUnit } from './qingshan/types.js';

/** The demo volunteer account that gets a profile and a few sign-ups of its own. */
export const DEMO_VOLUNTEER = 'volunteer.jianan';
export const DEMO_VOLUNTEER_SKILLS: readonly Skill[] = [
  Skill.CLEANING,
  Skill.ELDER_CARE,
  Skill.PATROL,
];
const DEMO_COMMUNITY = 'jianan';
export const VOLUNTEERS_PER_COMMUNITY = 60;

// ---------------------------------------------------------------- randomness and time

interface Random {
  float(): number;
  int(min: number, max: number): number;
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  shuffle<T>(list: readonly T[]): T[];
}

/** The demo's seeded PRNG (mulberry32 behind `createPeople`): no Math.random. */
function createRandom(seed: number): Random & { name(): string; mobile(): string } {
  const people = createPeople(seed);
  const float = () => people.int(0, 2 ** 30 - 1) / 2 ** 30;
  return {
    name: people.name,
    mobile: people.mobile,
    float,
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
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Asia/Shanghai has no daylight saving time: always UTC+8. */
const SHANGHAI_OFFSET = 8 * HOUR;

const shanghaiDay = (instant: Date): string =>
  new Date(instant.getTime() + SHANGHAI_OFFSET).toISOString().slice(0, 10);
const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday. */
const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** `minutes` after midnight of `day`, Asia/Shanghai. */
const at = (day: string, minutes: number): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET + minutes * MINUTE);
const plus = (instant: Date, ms: number): Date => new Date(instant.getTime() + ms);
const latest = (...dates: (Date | null)[]): Date =>
  new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
const ROUNDING = 15;

// ---------------------------------------------------------------- the plan

type CategoryCode =
  | 'activities'
  | 'resources'
  | 'security'
  | 'environment'
  | 'hardship'
  | 'culture'
  | 'information'
  | 'organisation'
  | 'talent';

export interface PlannedVolunteer {
  communityCode: string;
  /** Null for the demo volunteer, whose account already exists. */
  username: string | null;
  realName: string;
  phone: string;
  gridCode: string;
  skills: Skill[];
  availability: AvailabilitySlot[];
  unitIndex: number | null;
  affiliation: Affiliation;
  /** Confirmed minutes from before the platform (imported records). */
  importedMinutes: number;
  verifiedMinutes: number;
  createdAt: Date;
}

export type ActivityOrganiser =
  | { kind: 'COMMUNITY' }
  | { kind: 'SOCIAL_WORKER'; username: string }
  | { kind: 'UNIT'; unitIndex: number; commitmentIndex: number | null };

export interface PlannedActivity {
  communityCode: string;
  organiser: ActivityOrganiser;
  categoryCode: CategoryCode;
  title: string;
  description: string;
  location: string;
  requiredSkills: Skill[];
  createdAt: Date;
}

export interface PlannedShift {
  activityIndex: number;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  status: ShiftStatus;
  cancelReason: string;
  confirmedCount: number;
  waitlistCount: number;
  lastWaitlistSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlannedSignup {
  shiftIndex: number;
  volunteerIndex: number;
  status: SignupStatus;
  waitlistSeq: number | null;
  cancelledAt: Date | null;
  attendance: Attendance;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  minutes: number | null;
  /** Confirmed by the activity's creator. */
  hoursConfirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VolunteerServicePlan {
  volunteers: PlannedVolunteer[];
  activities: PlannedActivity[];
  shifts: PlannedShift[];
  signups: PlannedSignup[];
}

// ---------------------------------------------------------------- volunteers

export type Persona = 'retired' | 'working' | 'student';

/** How common each skill is among volunteers of each kind (relative weights). */
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
/** Each skill an activity of the community requires is held by at least this many volunteers. */
const MIN_HOLDERS = 16;

/** Weekly windows a volunteer is usually free, by who they are (the city generator uses it too). */
export function availabilityFor(
  r: Pick<Random, 'chance' | 'int' | 'pick' | 'shuffle'>,
  persona: Persona,
): AvailabilitySlot[] {
  const slots: AvailabilitySlot[] = [];
  const add = (day: number, start: string, end: string) => {
    if (!slots.some((s) => s.day === day && s.start < end && start < s.end))
      slots.push({ day, start, end });
  };
  if (persona === 'retired') {
    for (const day of r.shuffle([1, 2, 3, 4, 5]).slice(0, r.int(2, 4))) {
      if (r.chance(0.7)) add(day, '08:00', '11:30');
      else add(day, '14:00', '17:00');
    }
    if (r.chance(0.3)) add(r.pick([6, 7]), '08:30', '11:30');
  } else if (persona === 'working') {
    add(6, r.pick(['08:30', '09:00']), '12:00');
    if (r.chance(0.6)) add(7, '14:00', '18:00');
    if (r.chance(0.4)) add(r.int(1, 5), '18:00', '20:30');
  } else {
    add(r.pick([6, 7]), '09:00', '17:00');
    if (r.chance(0.5)) add(r.int(1, 5), '16:30', '19:00');
  }
  return slots.sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
}

function pickSkills(r: Random, persona: Persona, boosted: ReadonlySet<Skill>): Skill[] {
  const count = r.pick([1, 2, 2, 3, 3, 4]);
  const chosen = new Set<Skill>();
  while (chosen.size < count) {
    const entries = ALL_SKILLS.filter((s) => !chosen.has(s)).map(
      (s) => [s, SKILL_WEIGHTS[s][persona] * (boosted.has(s) ? 2.5 : 1)] as const,
    );
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = r.float() * total;
    let picked = entries[entries.length - 1]![0];
    for (const [skill, w] of entries) {
      x -= w;
      if (x < 0) {
        picked = skill;
        break;
      }
    }
    chosen.add(picked);
  }
  return [...chosen].sort();
}

/** Long-serving volunteers' imported hours: enough for one to five stars (100…1,500 hours). */
const VETERAN_HOURS: readonly (readonly [min: number, max: number])[] = [
  [1520, 1680],
  [1030, 1240],
  [620, 880],
  [610, 760],
  [310, 520],
  [320, 460],
  [305, 400],
  [110, 260],
  [120, 240],
  [104, 190],
  [130, 280],
  [101, 150],
];

// ---------------------------------------------------------------- activities

interface WeeklySlot {
  day: number;
  start: string;
  minutes: number;
}
const days = (list: number[], start: string, minutes: number): WeeklySlot[] =>
  list.map((day) => ({ day, start, minutes }));

interface ActivityTemplate {
  key: string;
  category: CategoryCode;
  title: (winter: boolean) => string;
  description: (winter: boolean) => string;
  location: (place: Place) => string;
  requiredSkills: Skill[];
  slots: WeeklySlot[];
  perWeek: readonly [number, number];
  capacity: readonly [number, number];
}

interface Place {
  /** "建安" */
  short: string;
  /** The community's street address without the sub-district, "建安街88号". */
  centre: string;
  streets: readonly string[];
  pick<T>(list: readonly T[]): T;
}

const COMMUNITY_TEMPLATES: readonly ActivityTemplate[] = [
  {
    key: 'meals',
    category: 'hardship',
    title: () => '助老送餐：为高龄独居老人送餐上门',
    description: () =>
      '在社区老年助餐点取餐，按名单为行动不便的高龄、独居老人送餐上门，顺便问问身体和生活情况，发现异常及时告诉网格员。',
    location: (p) =>
      `${p.short}社区老年助餐点（${p.pick(p.streets)}${p.pick([12, 26, 41, 58])}号）`,
    requiredSkills: [Skill.ELDER_CARE],
    slots: days([1, 2, 3, 4, 5, 6], '10:30', 120),
    perWeek: [3, 4],
    capacity: [4, 8],
  },
  {
    key: 'snow',
    category: 'environment',
    title: (winter) =>
      winter ? '社区清雪：主干道和楼院积雪清扫' : '环境卫生大扫除：楼院和背街小巷清扫',
    description: (winter) =>
      winter
        ? '雪后清扫社区主干道、人行道、楼院出入口和无障碍坡道的积雪，重点清理老旧小区楼门口和公交站周边，工具由社区提供，请穿防滑鞋。'
        : '清扫楼院、背街小巷和绿地的垃圾杂物，清理卫生死角，工具由社区提供。',
    location: (p) => `${p.short}社区各网格楼院及${p.pick(p.streets)}沿线`,
    requiredSkills: [],
    slots: [...days([1, 3, 5], '08:00', 150), ...days([6, 7], '08:30', 150)],
    perWeek: [2, 3],
    capacity: [10, 20],
  },
  {
    key: 'patrol',
    category: 'security',
    title: () => '平安守护：楼院治安巡逻',
    description: () =>
      '佩戴红袖标在楼院、车棚和背街小巷巡逻，查看消防通道占用和楼道堆物，提醒居民锁好门窗和电动车，发现隐患报告社区警务室。',
    location: (p) => `${p.short}社区警务室集合（${p.pick(p.streets)}）`,
    requiredSkills: [Skill.PATROL],
    slots: [
      ...days([2, 4], '14:00', 150),
      { day: 6, start: '09:00', minutes: 150 },
      { day: 7, start: '15:00', minutes: 150 },
    ],
    perWeek: [2, 3],
    capacity: [4, 10],
  },
  {
    key: 'tutoring',
    category: 'culture',
    title: () => '“四点半课堂”青少年课业辅导',
    description: () =>
      '放学后为双职工家庭和困难家庭的小学生辅导作业、陪伴阅读，每位志愿者带3—4名孩子，结束后把孩子交到家长手中。',
    location: (p) => `${p.short}社区党群服务中心二楼四点半课堂（${p.centre}）`,
    requiredSkills: [Skill.CHILD_TUTORING],
    slots: [...days([1, 2, 3, 4, 5], '16:30', 120), { day: 6, start: '09:00', minutes: 120 }],
    perWeek: [3, 4],
    capacity: [4, 8],
  },
  {
    key: 'clinic',
    category: 'hardship',
    title: () => '健康义诊：测血压血糖和用药咨询',
    description: () =>
      '与社区卫生服务站合作为居民免费测量血压、血糖，解答慢性病用药问题，为行动不便的老人建立随访名单。',
    location: (p) => `${p.short}社区卫生服务站门前（${p.pick(p.streets)}）`,
    requiredSkills: [Skill.MEDICAL],
    slots: [
      { day: 3, start: '09:00', minutes: 150 },
      { day: 6, start: '08:30', minutes: 180 },
    ],
    perWeek: [2, 2],
    capacity: [4, 6],
  },
  {
    key: 'antiFraud',
    category: 'security',
    title: () => '反诈宣传进楼院：守好老人“钱袋子”',
    description: () =>
      '入户和在楼院发放防范电信网络诈骗宣传单，帮居民安装国家反诈中心App，讲解冒充客服、养老投资等常见骗局。',
    location: (p) => `${p.short}社区文化广场及各楼院`,
    requiredSkills: [],
    slots: [...days([2, 4], '09:30', 120), { day: 6, start: '09:30', minutes: 120 }],
    perWeek: [2, 3],
    capacity: [6, 12],
  },
  {
    key: 'sorting',
    category: 'environment',
    title: () => '垃圾分类定时定点督导',
    description: () =>
      '在垃圾分类投放点值守，指导居民分类投放、破袋投放厨余垃圾，记录混投情况，宣传垃圾分类知识。',
    location: (p) => `${p.short}社区各小区垃圾分类投放点`,
    requiredSkills: [],
    slots: [...days([1, 3, 5], '08:00', 120), { day: 7, start: '08:30', minutes: 120 }],
    perWeek: [2, 3],
    capacity: [6, 12],
  },
  {
    key: 'digital',
    category: 'information',
    title: () => '助老数字课堂：教老人用智能手机',
    description: () =>
      '一对一教老年人使用智能手机：视频通话、健康码和医保电子凭证、网上缴费和挂号，提醒防范网络诈骗。',
    location: (p) => `${p.short}社区党群服务中心多功能室（${p.centre}）`,
    requiredSkills: [Skill.IT],
    slots: days([2, 4, 6], '14:30', 120),
    perWeek: [2, 2],
    capacity: [4, 8],
  },
  {
    key: 'legal',
    category: 'talent',
    title: () => '法律服务进社区：纠纷调解和法律咨询',
    description: () =>
      '为居民提供婚姻家庭、赡养继承、物业纠纷等法律咨询，协助社区调解邻里矛盾，必要时引导申请法律援助。',
    location: (p) => `${p.short}社区人民调解室（${p.centre}）`,
    requiredSkills: [Skill.LEGAL],
    slots: [
      { day: 3, start: '14:00', minutes: 150 },
      { day: 6, start: '09:00', minutes: 150 },
    ],
    perWeek: [2, 2],
    capacity: [4, 5],
  },
  {
    key: 'culture',
    category: 'culture',
    title: () => '邻里文化活动现场保障',
    description: () =>
      '为社区合唱团、广场舞队和书画班的活动布置场地、签到引导、维持秩序，活动结束后恢复场地。',
    location: (p) => `${p.short}社区文化广场（${p.pick(p.streets)}）`,
    requiredSkills: [Skill.EVENT_SUPPORT],
    slots: [
      { day: 5, start: '14:00', minutes: 150 },
      { day: 7, start: '09:00', minutes: 150 },
      { day: 6, start: '14:30', minutes: 150 },
    ],
    perWeek: [2, 3],
    capacity: [8, 16],
  },
];

const SOCIAL_WORKER_TEMPLATE: ActivityTemplate = {
  key: 'socialVisit',
  category: 'hardship',
  title: () => '“社工+义工”独居老人关爱探访',
  description: () =>
    '由社区社工带队，两人一组入户探访独居、空巢老人，陪伴聊天、检查家中水电燃气安全，填写探访记录，社工跟进发现的困难。',
  location: (p) => `${p.short}社区社工站（${p.centre}）集合后入户`,
  requiredSkills: [Skill.ELDER_CARE],
  slots: days([1, 3, 5], '09:00', 150),
  perWeek: [2, 3],
  capacity: [6, 8],
};

/** What a unit's volunteers do for a commitment, by what the commitment says. */
function commitmentActivity(
  title: string,
): Omit<ActivityTemplate, 'key' | 'category' | 'location'> {
  const same = (text: string) => () => text;
  if (/巡逻/.test(title))
    return {
      title: same('职工志愿者治安巡逻'),
      description: same('单位职工志愿者与社区志愿者一起在楼院和背街小巷巡逻，查看安全隐患。'),
      requiredSkills: [],
      slots: [...days([2, 4], '15:00', 150), { day: 6, start: '09:00', minutes: 150 }],
      perWeek: [2, 3],
      capacity: [6, 12],
    };
  if (/清雪/.test(title))
    return {
      title: same('冬季清雪志愿服务'),
      description: same('雪后清扫单位周边人行道、公交站和社区楼院出入口的积雪，工具由单位提供。'),
      requiredSkills: [],
      slots: [...days([1, 3, 5], '08:00', 120), ...days([6, 7], '08:30', 150)],
      perWeek: [2, 4],
      capacity: [10, 20],
    };
  if (/辅导/.test(title))
    return {
      title: same('青少年课后辅导志愿服务'),
      description: same('单位志愿者为社区小学生辅导作业、开展兴趣课，地点在单位提供的活动室。'),
      requiredSkills: [Skill.CHILD_TUTORING],
      slots: [...days([1, 3, 5], '16:30', 120), { day: 6, start: '09:00', minutes: 150 }],
      perWeek: [2, 3],
      capacity: [4, 8],
    };
  return {
    title: same(/党员/.test(title) ? '在职党员进社区志愿服务' : '楼院环境整治志愿服务'),
    description: same('单位志愿者与社区志愿者一起清理楼道杂物和小广告，整治楼院环境。'),
    requiredSkills: [],
    slots: [{ day: 3, start: '14:30', minutes: 150 }, ...days([6, 7], '09:00', 150)],
    perWeek: [2, 3],
    capacity: [6, 12],
  };
}

/** What a unit offers the community from its own trade. */
function unitActivity(unit: SeedUnit): Omit<ActivityTemplate, 'key' | 'location'> {
  if (/供电|电力|热力|热电/.test(unit.name))
    return {
      category: 'resources',
      title: () => '安全用电宣传和便民检修',
      description: () =>
        '单位技术骨干入户检查老旧线路、更换老化插座，社区志愿者负责登记预约、引导和宣传安全用电常识。',
      requiredSkills: [],
      slots: [{ day: 2, start: '09:00', minutes: 180 }, ...days([6], '09:00', 180)],
      perWeek: [2, 2],
      capacity: [4, 8],
    };
  if (unit.kind === 'HOSPITAL' || /卫生|医院|诊所/.test(unit.name))
    return {
      category: 'hardship',
      title: () => '医护人员进社区义诊',
      description: () =>
        '医院医生护士为居民免费问诊、测血压血糖、讲解慢病用药，志愿者负责排队引导和登记。',
      requiredSkills: [Skill.MEDICAL],
      slots: [{ day: 4, start: '09:00', minutes: 150 }, ...days([6], '08:30', 180)],
      perWeek: [2, 2],
      capacity: [4, 6],
    };
  if (/银行|信用社|保险/.test(unit.name))
    return {
      category: 'security',
      title: () => '金融知识和反诈宣传进社区',
      description: () =>
        '网点工作人员讲解识别假币、防范养老诈骗和非法集资，志愿者协助组织居民、发放宣传材料。',
      requiredSkills: [],
      slots: [...days([2, 4], '14:30', 120), { day: 6, start: '09:30', minutes: 120 }],
      perWeek: [2, 3],
      capacity: [6, 10],
    };
  if (unit.kind === 'SCHOOL')
    return {
      category: 'culture',
      title: () => '青少年周末兴趣课堂',
      description: () => '学校教师开设书法、科学实验和阅读兴趣课，志愿者协助签到、看护和课后整理。',
      requiredSkills: [Skill.CHILD_TUTORING],
      slots: days([6, 7], '09:00', 150),
      perWeek: [2, 2],
      capacity: [4, 8],
    };
  return {
    category: 'activities',
    title: () => '便民服务日',
    description: () => '单位职工为居民义务理发、磨刀、修理小家电，志愿者负责现场引导和秩序。',
    requiredSkills: [],
    slots: [{ day: 6, start: '09:00', minutes: 180 }, ...days([3], '14:00', 150)],
    perWeek: [2, 2],
    capacity: [6, 12],
  };
}

const UNIT_CATEGORY_BY_COMMITMENT: Record<string, CategoryCode> = {
  巡逻: 'security',
  清雪: 'environment',
  辅导: 'culture',
  党员: 'organisation',
};

// ---------------------------------------------------------------- planning

export interface VolunteerServiceInput {
  communities: readonly SeedCommunity[];
  grids: readonly SeedGrid[];
  units: readonly SeedUnit[];
  coBuilding: CoBuildingPlan;
  /** Unit positions that have a demo liaison account (their activities are created by it). */
  liaisonUnitIndexes: readonly number[];
  /** The demo social worker of the demo community. */
  socialWorker: string;
}

type ActivityShapeTemplate = Omit<ActivityTemplate, 'key' | 'location'>;

interface ActivityShape {
  template: ActivityShapeTemplate;
  /** Shifts only from `now` on (a new activity). */
  upcomingOnly: boolean;
  baseCapacity: number;
  /** Its weekly slots in order of preference. */
  slots: WeeklySlot[];
}

/** The volunteers, activities, shifts and sign-ups around `now`; the same for the same `now`. */
export function planVolunteerService(
  input: VolunteerServiceInput,
  now: Date,
  seed = 20261201,
): VolunteerServicePlan {
  // Two generators: volunteers and activities are drawn from `r` the same way whatever `now` is;
  // shifts and sign-ups, which follow `now`, from a second one seeded with today's date.
  const r = createRandom(seed);
  const today = shanghaiDay(now);
  const month = Number(today.slice(5, 7));
  const winter = month >= 11 || month <= 3;
  const daysAgo = (min: number, max: number) =>
    new Date(
      Date.parse(`${today}T00:00:00Z`) -
        r.int(min, max) * DAY +
        r.int(9 * 60, 17 * 60) * MINUTE -
        SHANGHAI_OFFSET,
    );

  // ---- activities of each community: four of the community's own, one of a unit, and in the
  // demo community the social worker's
  const activities: PlannedActivity[] = [];
  const shapes: ActivityShape[] = [];
  const unitIndexesOf = (code: string) =>
    input.units.flatMap((u, i) => (u.communityCode === code ? [i] : []));
  // Units running their VOLUNTEER_HOURS commitment through the platform: one or two, in
  // different communities (outside the demo community), most hours still to serve first.
  const linked = new Map<string, number>();
  const openHours = input.coBuilding.commitments
    .map((c, index) => ({ c, index }))
    .filter(
      ({ c }) =>
        c.status === CommitmentStatus.ACTIVE &&
        c.measure === Measure.VOLUNTEER_HOURS &&
        c.communityCode !== DEMO_COMMUNITY,
    )
    .sort(
      (a, b) =>
        Number(b.c.targetAmount) -
          Number(b.c.verifiedAmount) -
          (Number(a.c.targetAmount) - Number(a.c.verifiedAmount)) || a.index - b.index,
    );
  const linkedTitles = new Set<string>();
  for (const { c, index } of openHours) {
    if (linked.size >= 2) break;
    const kind = commitmentActivity(c.title).title(winter);
    if (linked.has(c.communityCode) || linkedTitles.has(kind)) continue;
    linked.set(c.communityCode, index);
    linkedTitles.add(kind);
  }

  for (const community of input.communities) {
    const code = community.code;
    const streets = [
      ...new Set(
        unitIndexesOf(code).flatMap((i) => {
          const m = /^青山街道(.+?(?:大街|路|街))\d/.exec(input.units[i]!.address);
          return m ? [m[1]!] : [];
        }),
      ),
    ];
    const place: Place = {
      short: community.name.replace(/社区$/, ''),
      centre: community.address.replace(/^青山街道/, ''),
      streets: streets.length ? streets : [community.address.replace(/^青山街道|\d+号$/g, '')],
      pick: (list) => r.pick(list),
    };
    const add = (
      template: ActivityShapeTemplate,
      organiser: ActivityOrganiser,
      location: string,
      createdAt: Date,
      upcomingOnly = false,
      titlePrefix = '',
    ) => {
      activities.push({
        communityCode: code,
        organiser,
        categoryCode: template.category,
        title: `${titlePrefix}${template.title(winter)}`,
        description: template.description(winter),
        location,
        requiredSkills: [...template.requiredSkills].sort(),
        createdAt,
      });
      shapes.push({
        template,
        upcomingOnly,
        baseCapacity: r.int(template.capacity[0], template.capacity[1]),
        slots: r.shuffle(template.slots),
      });
    };

    const own =
      code === DEMO_COMMUNITY
        ? ['meals', 'snow', 'patrol', 'tutoring'].map((key) =>
            COMMUNITY_TEMPLATES.find((t) => t.key === key)!,
          )
        : [COMMUNITY_TEMPLATES[0]!, ...r.shuffle(COMMUNITY_TEMPLATES.slice(1)).slice(0, 3)];
    for (const t of own) {
      add(t, { kind: 'COMMUNITY' }, t.location(place), daysAgo(60, 150));
    }
    if (code === DEMO_COMMUNITY) {
      add(
        SOCIAL_WORKER_TEMPLATE,
        { kind: 'SOCIAL_WORKER', username: input.socialWorker },
        SOCIAL_WORKER_TEMPLATE.location(place),
        daysAgo(50, 90),
      );
    }
    const commitmentIndex = linked.get(code);
    if (commitmentIndex !== undefined) {
      const c = input.coBuilding.commitments[commitmentIndex]!;
      const unit = input.units[c.unitIndex]!;
      const template = commitmentActivity(c.title);
      const category =
        Object.entries(UNIT_CATEGORY_BY_COMMITMENT).find(([word]) => c.title.includes(word))?.[1] ??
        'environment';
      add(
        { ...template, category },
        { kind: 'UNIT', unitIndex: c.unitIndex, commitmentIndex },
        unit.address,
        daysAgo(6, 12),
        true,
        `${unit.name} · `,
      );
    } else {
      // The demo liaison's unit in the demo community; elsewhere a hospital, bank or school.
      const candidates = unitIndexesOf(code);
      const liaisonUnit = candidates.find((i) => input.liaisonUnitIndexes.includes(i));
      const preferred = r.shuffle([
        (u: SeedUnit) => u.kind === 'HOSPITAL',
        (u: SeedUnit) => /银行|信用社/.test(u.name),
        (u: SeedUnit) => u.kind === 'SCHOOL' && !/幼儿园|培训/.test(u.name),
      ]);
      const unitIndex =
        liaisonUnit ??
        preferred
          .map((test) => candidates.find((i) => test(input.units[i]!)))
          .find((i) => i !== undefined) ??
        candidates[0]!;
      const unit = input.units[unitIndex]!;
      add(
        unitActivity(unit),
        { kind: 'UNIT', unitIndex, commitmentIndex: null },
        unit.address,
        daysAgo(45, 100),
        false,
        `${unit.name} · `,
      );
    }
  }

  // ---- volunteers: sixty per community, the demo volunteer first in the demo community
  const volunteers: PlannedVolunteer[] = [];
  const personaOf: Persona[] = [];
  const propensity: number[] = [];
  for (const community of input.communities) {
    const code = community.code;
    const communityGrids = input.grids.filter((g) => g.communityCode === code);
    const communityUnits = unitIndexesOf(code);
    const needed = new Set(
      activities.filter((a) => a.communityCode === code).flatMap((a) => a.requiredSkills),
    );
    const first = volunteers.length;
    if (code === DEMO_COMMUNITY) {
      volunteers.push({
        communityCode: code,
        username: null,
        realName: '周文静',
        phone: '13904560401',
        gridCode: communityGrids[2]!.code,
        skills: [...DEMO_VOLUNTEER_SKILLS],
        availability: [
          { day: 2, start: '08:00', end: '12:00' },
          { day: 4, start: '14:00', end: '18:00' },
          { day: 6, start: '08:00', end: '17:00' },
        ],
        unitIndex: null,
        affiliation: Affiliation.NONE,
        importedMinutes: 0,
        verifiedMinutes: 0,
        createdAt: daysAgo(70, 70),
      });
      personaOf.push('working');
      propensity.push(0.8);
    }
    for (let n = 1; n <= VOLUNTEERS_PER_COMMUNITY; n++) {
      const persona: Persona = r.chance(0.45) ? 'retired' : r.chance(0.73) ? 'working' : 'student';
      const realName = r.name();
      volunteers.push({
        communityCode: code,
        username: `vol.${code}.${String(n).padStart(2, '0')}`,
        realName,
        phone: r.mobile(),
        gridCode: r.pick(communityGrids).code,
        skills: pickSkills(r, persona, needed),
        availability: availabilityFor(r, persona),
        unitIndex: null,
        affiliation: Affiliation.NONE,
        importedMinutes: 0,
        verifiedMinutes: 0,
        createdAt: daysAgo(60, 330),
      });
      personaOf.push(persona);
      propensity.push(
        (persona === 'retired' ? 1.5 : persona === 'working' ? 0.9 : 0.7) * r.between(0.3, 1.7),
      );
    }
    const generated = volunteers
      .slice(first)
      .map((v, i) => ({ v, i: first + i }))
      .filter(({ v }) => v.username !== null);
    // Every skill the community's activities require has enough holders.
    for (const skill of [...needed].sort()) {
      const holders = generated.filter(({ v }) => v.skills.includes(skill));
      for (const { v } of r.shuffle(generated.filter(({ v }) => !v.skills.includes(skill)))) {
        if (holders.length >= MIN_HOLDERS) break;
        if (v.skills.length >= 4) v.skills.shift();
        v.skills = [...v.skills, skill].sort();
        holders.push({ v, i: -1 });
      }
    }
    // About a fifth work for a resident unit that confirmed it; a few wait for the unit's answer.
    const workers = r.shuffle(generated.filter(({ i }) => personaOf[i] === 'working'));
    const liaisonUnits = communityUnits.filter((i) => input.liaisonUnitIndexes.includes(i));
    const bigUnits = communityUnits.filter((i) => input.units[i]!.staffCount >= 30);
    const unitPool = bigUnits.length ? bigUnits : communityUnits;
    workers.slice(0, 12).forEach(({ v }, k) => {
      v.unitIndex =
        k < 2 * liaisonUnits.length ? liaisonUnits[k % liaisonUnits.length]! : r.pick(unitPool);
      v.affiliation = Affiliation.CONFIRMED;
    });
    workers.slice(12, 12 + (liaisonUnits.length ? 3 : 2)).forEach(({ v }, k) => {
      v.unitIndex = liaisonUnits.length ? liaisonUnits[k % liaisonUnits.length]! : r.pick(unitPool);
      v.affiliation = Affiliation.PENDING;
    });
  }
  // Imported history: about a third have some, a handful of long-serving ones have starred.
  const others = volunteers.map((v, i) => ({ v, i })).filter(({ v }) => v.username !== null);
  const veterans = r
    .shuffle(others.filter(({ i }) => personaOf[i] === 'retired'))
    .slice(0, VETERAN_HOURS.length);
  veterans.forEach(({ v, i }, k) => {
    const [min, max] = VETERAN_HOURS[k]!;
    v.importedMinutes = r.int(min * 4, max * 4) * ROUNDING;
    v.createdAt = daysAgo(240, 330);
    propensity[i] = Math.max(propensity[i]!, 1.8);
  });
  for (const { v } of others) {
    if (v.importedMinutes === 0 && r.chance(0.3)) v.importedMinutes = r.int(16, 320) * ROUNDING;
    v.verifiedMinutes = v.importedMinutes;
  }

  // ---- shifts and sign-ups, around now
  const t = createRandom(seed + Math.floor(Date.parse(`${today}T00:00:00Z`) / DAY));
  const firstDay = addDays(today, -28);
  const lastDay = addDays(today, 27);
  const firstMonday = addDays(firstDay, 1 - weekday(firstDay));
  const shifts: PlannedShift[] = [];
  shapes.forEach((shape, activityIndex) => {
    const activity = activities[activityIndex]!;
    for (let week = 0; week < 10; week++) {
      const monday = addDays(firstMonday, week * 7);
      if (monday > lastDay) break;
      const count = t.int(
        shape.template.perWeek[0],
        Math.min(shape.template.perWeek[1], shape.slots.length),
      );
      // Mostly the same days every week; now and then one moves.
      const chosen = shape.slots.slice(0, count);
      if (t.chance(0.2) && shape.slots.length > count) chosen[count - 1] = shape.slots[count]!;
      for (const slot of chosen) {
        const day = addDays(monday, slot.day - 1);
        if (day < firstDay || day > lastDay) continue;
        const startsAt = at(day, toMinutes(slot.start));
        if (shape.upcomingOnly && startsAt <= now) continue;
        const capacity = Math.min(
          20,
          Math.max(4, shape.baseCapacity + t.pick([-2, 0, 0, 0, 0, 2])),
        );
        const published = new Date(
          Math.min(startsAt.getTime() - t.int(7, 21) * DAY, now.getTime() - t.int(1, 72) * HOUR),
        );
        const createdAt = latest(published, plus(activity.createdAt, t.int(10, 120) * MINUTE));
        shifts.push({
          activityIndex,
          startsAt,
          endsAt: plus(startsAt, slot.minutes * MINUTE),
          capacity,
          status: ShiftStatus.OPEN,
          cancelReason: '',
          confirmedCount: 0,
          waitlistCount: 0,
          lastWaitlistSeq: 0,
          createdAt: createdAt > now ? plus(now, -HOUR) : createdAt,
          updatedAt: createdAt,
        });
      }
    }
  });
  shifts.sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.activityIndex - b.activityIndex,
  );

  const communityVolunteers = new Map<string, number[]>();
  volunteers.forEach((v, i) =>
    communityVolunteers.set(v.communityCode, [
      ...(communityVolunteers.get(v.communityCode) ?? []),
      i,
    ]),
  );
  const demoIndex = volunteers.findIndex((v) => v.username === null);
  /** Live sign-ups' time windows per volunteer. */
  const busy = new Map<number, { s: number; e: number }[]>();
  const free = (v: number, shift: PlannedShift) =>
    !(busy.get(v) ?? []).some(
      (w) => w.s < shift.endsAt.getTime() && shift.startsAt.getTime() < w.e,
    );
  /** Live sign-ups per volunteer and week: nobody serves more than two or three times a week. */
  const perWeek = new Map<string, number>();
  const weekOf = (shift: PlannedShift) =>
    `${Math.floor((shift.startsAt.getTime() + SHANGHAI_OFFSET - 4 * DAY) / (7 * DAY))}`;
  const weekCap = (v: number) => (propensity[v]! > 1.5 ? 3 : 2);
  const occupy = (v: number, shift: PlannedShift) => {
    const key = `${v}:${weekOf(shift)}`;
    perWeek.set(key, (perWeek.get(key) ?? 0) + 1);
    busy.set(v, [
      ...(busy.get(v) ?? []),
      { s: shift.startsAt.getTime(), e: shift.endsAt.getTime() },
    ]);
  };
  const available = (v: number, shift: PlannedShift) => {
    const day = shanghaiDay(shift.startsAt);
    const from = hhmm(
      Math.round(
        (shift.startsAt.getTime() + SHANGHAI_OFFSET - Date.parse(`${day}T00:00:00Z`)) / MINUTE,
      ),
    );
    return volunteers[v]!.availability.some(
      (slot) => slot.day === weekday(day) && slot.start <= from && from < slot.end,
    );
  };
  const skilled = (v: number, activity: PlannedActivity) =>
    activity.requiredSkills.every((s) => volunteers[v]!.skills.includes(s));
  /** `n` volunteers of the community, weighted by keenness and availability, without repeats. */
  const choose = (shift: PlannedShift, n: number, exclude: ReadonlySet<number>): number[] => {
    const activity = activities[shift.activityIndex]!;
    const pool = (communityVolunteers.get(activity.communityCode) ?? []).filter(
      (v) =>
        !exclude.has(v) &&
        (v !== demoIndex || shift.endsAt <= now) &&
        skilled(v, activity) &&
        (perWeek.get(`${v}:${weekOf(shift)}`) ?? 0) < weekCap(v) &&
        free(v, shift),
    );
    const weights = pool.map((v) => propensity[v]! * (available(v, shift) ? 3 : 1));
    const chosen: number[] = [];
    while (chosen.length < n && pool.length) {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let x = t.float() * total;
      let k = pool.length - 1;
      for (let j = 0; j < pool.length; j++) {
        x -= weights[j]!;
        if (x < 0) {
          k = j;
          break;
        }
      }
      chosen.push(pool[k]!);
      pool.splice(k, 1);
      weights.splice(k, 1);
    }
    return chosen;
  };

  // The demo volunteer: confirmed on two upcoming shifts, waitlisted on a third that is full.
  const demoShifts = { confirmed: [] as number[], waitlisted: -1 };
  if (demoIndex >= 0) {
    const demoActivity = (i: number) => {
      const activity = activities[shifts[i]!.activityIndex]!;
      return activity.communityCode === DEMO_COMMUNITY && skilled(demoIndex, activity);
    };
    const within = (i: number, fromDays: number, toDays: number) =>
      shifts[i]!.startsAt.getTime() >= now.getTime() + fromDays * DAY &&
      shifts[i]!.startsAt.getTime() < now.getTime() + toDays * DAY;
    const indexes = shifts.map((_, i) => i).filter(demoActivity);
    const overlaps = (i: number, j: number) =>
      shifts[i]!.startsAt < shifts[j]!.endsAt && shifts[j]!.startsAt < shifts[i]!.endsAt;
    const meals = activities.findIndex(
      (a) => a.communityCode === DEMO_COMMUNITY && a.requiredSkills.includes(Skill.ELDER_CARE),
    );
    const waitlisted =
      indexes.find((i) => within(i, 2, 9) && shifts[i]!.activityIndex === meals) ??
      indexes.find((i) => within(i, 2, 14));
    if (waitlisted === undefined)
      throw new Error('demo seed: no shift to waitlist the demo volunteer');
    demoShifts.waitlisted = waitlisted;
    for (const [from, to] of [
      [1, 5],
      [5, 14],
    ] as const) {
      const found = indexes.find(
        (i) =>
          within(i, from, to) &&
          i !== demoShifts.waitlisted &&
          ![demoShifts.waitlisted, ...demoShifts.confirmed].some((j) => overlaps(i, j)) &&
          !demoShifts.confirmed.some((j) => shifts[j]!.activityIndex === shifts[i]!.activityIndex),
      );
      if (found !== undefined) demoShifts.confirmed.push(found);
    }
  }

  // Two upcoming shifts were called off by their organisers.
  const cancelled = new Set<number>();
  const upcoming = shifts
    .map((s, i) => ({ s, i }))
    .filter(
      ({ s, i }) =>
        s.startsAt.getTime() > now.getTime() + 3 * DAY &&
        s.startsAt.getTime() < now.getTime() + 12 * DAY &&
        i !== demoShifts.waitlisted &&
        !demoShifts.confirmed.includes(i),
    );
  for (const { i } of t.shuffle(upcoming).slice(0, 2)) cancelled.add(i);
  const CANCEL_REASONS = [
    '场地临时用于疫苗接种，本次活动取消，请关注后续班次。',
    '气象台发布大风橙色预警，为安全起见本次活动取消。',
    '组织单位临时有紧急任务，本次活动改期，给大家添麻烦了。',
  ];

  const signups: PlannedSignup[] = [];
  // The demo volunteer's shifts first, while everyone is still free.
  const order = [
    ...[demoShifts.waitlisted, ...demoShifts.confirmed].filter((i) => i >= 0),
    ...shifts.map((_, i) => i),
  ].filter((i, k, list) => list.indexOf(i) === k);
  for (const shiftIndex of order) {
    const shift = shifts[shiftIndex]!;
    const started = shift.startsAt <= now;
    const ended = shift.endsAt <= now;
    const daysAhead = (shift.startsAt.getTime() - now.getTime()) / DAY;
    const isCancelled = cancelled.has(shiftIndex);
    const demoConfirmed = demoShifts.confirmed.includes(shiftIndex);
    const demoWaitlisted = demoShifts.waitlisted === shiftIndex;

    // How full: shifts further ahead are emptier; some are full with a waitlist.
    const popular =
      demoWaitlisted || (!isCancelled && t.chance(started ? 0.12 : daysAhead < 14 ? 0.16 : 0.05));
    const fill = started
      ? t.between(0.55, 1)
      : Math.max(0.15, Math.min(1, t.between(0.6, 1.05) - daysAhead * 0.025));
    const confirmedTarget = popular
      ? shift.capacity
      : Math.max(
          1,
          Math.min(shift.capacity - (started ? 0 : 1), Math.round(shift.capacity * fill)),
        );
    const waitTarget = popular ? (demoWaitlisted ? t.int(3, 6) : t.int(1, 5)) : 0;

    const forced = demoConfirmed ? [demoIndex] : [];
    const confirmed = [
      ...forced,
      ...choose(shift, confirmedTarget - forced.length, new Set(forced)),
    ];
    const taken = new Set([...confirmed, ...(demoWaitlisted ? [demoIndex] : [])]);
    let waitlisted: number[] = [];
    if (confirmed.length === shift.capacity && waitTarget > 0) {
      // The demo volunteer waits on one shift only.
      waitlisted = choose(
        shift,
        waitTarget - (demoWaitlisted ? 1 : 0),
        new Set([...taken, demoIndex]),
      );
      if (demoWaitlisted) waitlisted.splice(Math.min(1, waitlisted.length), 0, demoIndex);
    }
    if (demoWaitlisted && !waitlisted.includes(demoIndex))
      throw new Error('demo seed: the demo volunteer’s waitlisted shift could not be filled');
    // Someone gave up their place on a shift that is not full.
    const quitter =
      !isCancelled && !popular && t.chance(0.1)
        ? choose(shift, 1, new Set([...taken, ...waitlisted, demoIndex]))[0]
        : undefined;

    // When each signed up: in the order they got their places and tickets, before the shift
    // was called off.
    const opens = shift.createdAt.getTime() + 10 * MINUTE;
    const cancelledAt = isCancelled
      ? new Date(opens + Math.round((now.getTime() - opens) * t.between(0.6, 0.95)))
      : null;
    const closes = Math.max(
      opens + MINUTE,
      Math.min(
        shift.startsAt.getTime() - 3 * HOUR,
        now.getTime() - 5 * MINUTE,
        cancelledAt ? cancelledAt.getTime() - 30 * MINUTE : Infinity,
      ),
    );
    const live = confirmed.length + waitlisted.length + (quitter === undefined ? 0 : 1);
    const times = Array.from({ length: live }, () => t.int(opens, closes))
      .sort((a, b) => a - b)
      .map((ms) => new Date(ms));
    const inOrder = [
      ...t.shuffle([...confirmed, ...(quitter === undefined ? [] : [quitter])]),
      ...waitlisted,
    ];

    inOrder.forEach((volunteerIndex, k) => {
      const createdAt = times[k]!;
      const ticket = waitlisted.indexOf(volunteerIndex);
      const base: PlannedSignup = {
        shiftIndex,
        volunteerIndex,
        status: ticket >= 0 ? SignupStatus.WAITLISTED : SignupStatus.CONFIRMED,
        waitlistSeq: ticket >= 0 ? ticket + 1 : null,
        cancelledAt: null,
        attendance: Attendance.EXPECTED,
        checkedInAt: null,
        checkedOutAt: null,
        minutes: null,
        hoursConfirmedAt: null,
        createdAt,
        updatedAt: createdAt,
      };
      if (isCancelled) {
        base.status = SignupStatus.CANCELLED;
        base.cancelledAt = latest(cancelledAt!, plus(createdAt, MINUTE));
      } else if (volunteerIndex === quitter) {
        base.status = SignupStatus.CANCELLED;
        base.cancelledAt = new Date(
          Math.min(
            now.getTime() - MINUTE,
            t.int(createdAt.getTime() + HOUR, Math.max(createdAt.getTime() + HOUR, closes)),
          ),
        );
      } else if (base.status === SignupStatus.CONFIRMED && started) {
        attend(base, shift, ended);
      }
      base.updatedAt = latest(
        base.createdAt,
        base.cancelledAt,
        base.checkedInAt,
        base.checkedOutAt,
        base.hoursConfirmedAt,
      );
      if (base.status !== SignupStatus.CANCELLED) occupy(volunteerIndex, shift);
      signups.push(base);
    });

    if (isCancelled) {
      shift.status = ShiftStatus.CANCELLED;
      shift.cancelReason = t.pick(CANCEL_REASONS);
      shift.updatedAt = cancelledAt!;
    } else {
      shift.confirmedCount = confirmed.length;
      shift.waitlistCount = waitlisted.length;
      shift.lastWaitlistSeq = waitlisted.length;
      shift.updatedAt = times.length
        ? latest(shift.createdAt, times[times.length - 1]!)
        : shift.createdAt;
    }
  }

  function attend(signup: PlannedSignup, shift: PlannedShift, ended: boolean) {
    if (!ended) {
      // In progress: most have checked in.
      if (t.chance(0.85)) {
        signup.attendance = Attendance.CHECKED_IN;
        signup.checkedInAt = new Date(
          Math.min(now.getTime() - MINUTE, shift.startsAt.getTime() + t.int(-15, 10) * MINUTE),
        );
      }
      return;
    }
    if (t.chance(0.06)) {
      signup.attendance = Attendance.NO_SHOW;
      return;
    }
    const inAt = plus(shift.startsAt, t.int(-15, 12) * MINUTE);
    const outAt = plus(shift.endsAt, t.pick([-35, -20, -10, -5, 0, 0, 5, 10, 15]) * MINUTE);
    const served =
      Math.min(outAt.getTime(), shift.endsAt.getTime()) -
      Math.max(inAt.getTime(), shift.startsAt.getTime());
    signup.attendance = Attendance.CHECKED_OUT;
    signup.checkedInAt = inAt;
    signup.checkedOutAt = outAt;
    signup.minutes = Math.max(0, Math.floor(served / MINUTE / ROUNDING) * ROUNDING);
    // Organisers confirm hours within a day or two; the last few days are partly still open.
    const hoursAgo = (now.getTime() - outAt.getTime()) / HOUR;
    if (t.chance(hoursAgo > 72 ? 0.96 : 0.45)) {
      const confirmedAt = plus(
        outAt,
        t.int(20, Math.max(21, Math.min(48 * 60, hoursAgo * 60 - 30))) * MINUTE,
      );
      if (confirmedAt < now) signup.hoursConfirmedAt = confirmedAt;
    }
  }

  signups.sort(
    (a, b) => a.shiftIndex - b.shiftIndex || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  for (const s of signups) {
    if (s.hoursConfirmedAt && s.minutes) volunteers[s.volunteerIndex]!.verifiedMinutes += s.minutes;
  }
  return { volunteers, activities, shifts, signups };
}

// ---------------------------------------------------------------- writing it

export interface VolunteerServiceRefs {
  /** The units, in the order of the seed list. */
  units: readonly Unit[];
  communityByCode: ReadonlyMap<string, Community>;
  gridByCode: ReadonlyMap<string, Grid>;
  categoryByCode: ReadonlyMap<string, CommitmentCategory>;
  staffByCommunity: ReadonlyMap<string, User>;
  liaisonByUnitIndex: ReadonlyMap<number, User>;
  /** Demo accounts by username (the social worker, the demo volunteer). */
  demoUsers: ReadonlyMap<string, User>;
  passwordHash: string;
}

export interface VolunteerServiceCounts {
  /** New accounts (the demo volunteer's exists already). */
  users: number;
  volunteers: number;
  activities: number;
  shifts: number;
  signups: number;
}

/** Creates the plan's entities in `tx` (nothing is flushed here). */
export function insertVolunteerService(
  tx: EntityManager,
  plan: VolunteerServicePlan,
  coBuilding: CoBuildingPlan,
  refs: VolunteerServiceRefs,
): VolunteerServiceCounts {
  const lookup = <K, T>(map: ReadonlyMap<K, T>, key: K, what: string): T => {
    const found = map.get(key);
    if (!found) throw new Error(`demo seed: no ${what} "${String(key)}"`);
    return found;
  };
  // The co-building seed's commitments are created (not yet flushed) in this transaction.
  const commitments = [...tx.getUnitOfWork().getPersistStack()].filter(
    (e): e is Commitment => e instanceof Commitment,
  );
  const commitmentAt = (index: number): Commitment => {
    const planned = coBuilding.commitments[index]!;
    const unit = refs.units[planned.unitIndex];
    const found = commitments.find(
      (c) => c.unit === unit && c.title === planned.title && c.periodStart === planned.periodStart,
    );
    if (!found) throw new Error(`demo seed: commitment "${planned.title}" was not created`);
    return found;
  };

  const volunteers = plan.volunteers.map((v) => {
    const community = lookup(refs.communityByCode, v.communityCode, 'community');
    const user =
      v.username === null
        ? lookup(refs.demoUsers, DEMO_VOLUNTEER, 'demo account')
        : tx.create(User, {
            username: v.username,
            displayName: v.realName,
            passwordHash: refs.passwordHash,
            role: Role.VOLUNTEER,
            phone: v.phone,
            community,
            createdAt: v.createdAt,
            updatedAt: v.createdAt,
          });
    return tx.create(Volunteer, {
      user,
      realName: v.realName,
      phone: v.phone,
      community,
      grid: lookup(refs.gridByCode, v.gridCode, 'grid'),
      skills: v.skills,
      availability: v.availability,
      unit: v.unitIndex === null ? null : refs.units[v.unitIndex]!,
      affiliation: v.affiliation,
      verifiedMinutes: v.verifiedMinutes,
      createdAt: v.createdAt,
      updatedAt: v.createdAt,
    });
  });

  const activities = plan.activities.map((a) => {
    const staff = lookup(refs.staffByCommunity, a.communityCode, 'staff account for community');
    const o = a.organiser;
    return tx.create(Activity, {
      community: lookup(refs.communityByCode, a.communityCode, 'community'),
      organiserKind: OrganiserKind[o.kind],
      organiserUnit: o.kind === 'UNIT' ? refs.units[o.unitIndex]! : null,
      createdBy:
        o.kind === 'SOCIAL_WORKER'
          ? lookup(refs.demoUsers, o.username, 'demo account')
          : o.kind === 'UNIT'
            ? (refs.liaisonByUnitIndex.get(o.unitIndex) ?? staff)
            : staff,
      category: lookup(refs.categoryByCode, a.categoryCode, 'commitment category'),
      commitment:
        o.kind === 'UNIT' && o.commitmentIndex !== null ? commitmentAt(o.commitmentIndex) : null,
      title: a.title,
      description: a.description,
      location: a.location,
      requiredSkills: a.requiredSkills,
      createdAt: a.createdAt,
      updatedAt: a.createdAt,
    });
  });

  const shifts = plan.shifts.map((s) => {
    const activity = activities[s.activityIndex]!;
    return tx.create(Shift, {
      activity,
      community: activity.community,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      capacity: s.capacity,
      status: s.status,
      cancelReason: s.cancelReason,
      confirmedCount: s.confirmedCount,
      waitlistCount: s.waitlistCount,
      lastWaitlistSeq: s.lastWaitlistSeq,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    });
  });

  for (const s of plan.signups) {
    const shift = shifts[s.shiftIndex]!;
    tx.create(Signup, {
      shift,
      volunteer: volunteers[s.volunteerIndex]!,
      status: s.status,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      waitlistSeq: s.waitlistSeq,
      cancelledAt: s.cancelledAt,
      attendance: s.attendance,
      checkedInAt: s.checkedInAt,
      checkedOutAt: s.checkedOutAt,
      minutes: s.minutes,
      hoursConfirmedAt: s.hoursConfirmedAt,
      hoursConfirmedBy: s.hoursConfirmedAt ? shift.activity.createdBy : null,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    });
  }
  return {
    users: plan.volunteers.filter((v) => v.username !== null).length,
    volunteers: volunteers.length,
    activities: activities.length,
    shifts: shifts.length,
    signups: plan.signups.length,
  };
}
