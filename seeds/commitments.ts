/**
 * A year (2026) of co-building in Qingshan for the demo: each community's needs list (需求清单),
 * and the units' commitments (承诺) with their history and fulfilment records (履行记录).
 *
 * `planCoBuilding` is pure and deterministic (a seeded PRNG and a fixed "today", 2026-11-27), so
 * every run yields the same data; `insertCoBuilding` maps the plan onto entities with `create`
 * only, for the caller's transaction to write in one flush.
 *
 * The plan keeps the invariants the commitments code relies on: statuses follow lifecycle.ts and
 * the history ends in the current status; verified and pending amounts are the sums of the
 * VERIFIED and PENDING records; COMPLETED means verified ≥ target; LAPSED means the period ended
 * before today with verified < target; no ACTIVE commitment has a period that is already over;
 * records fall within their period and not after today, in whole numbers where the measure says.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { daysBetween } from '../api/src/graphql/dates.js';
import type { User } from '../api/src/modules/auth/user.entity.js';
import type { Community } from '../api/src/modules/directory/community.entity.js';
import type { Unit } from '../api/src/modules/directory/unit.entity.js';
import { fromHundredths } from '../api/src/modules/commitments/amounts.js';
import type { CommitmentCategory } from '../api/src/modules/commitments/category.entity.js';
import { CommitmentEvent } from '../api/src/modules/commitments/commitment-event.entity.js';
import { Commitment } from '../api/src/modules/commitments/commitment.entity.js';
import {
  CommitmentAction,
  CommitmentStatus,
  FulfilmentStatus,
  Measure,
  NeedStatus,
} from '../api/src/modules/commitments/commitment.enums.js';
import { Fulfilment } from '../api/src/modules/commitments/fulfilment.entity.js';
import { Need } from '../api/src/modules/commitments/need.entity.js';
import { elapsedShare } from '../api/src/modules/commitments/progress.js';
import { demoAccounts, demoUnitOf } from './demo-accounts.js';
import { createPeople } from './qingshan/people.js';
import { randomFrom, type Random } from './scale/random.js';
import type { SeedUnit, UnitKind } from './qingshan/types.js';

/** The demo's "today" (Asia/Shanghai): the data describes the year up to this day. */
export const SEED_TODAY = '2026-11-27';
/** Records are dated up to here; nothing happens later than the day before today. */
const LAST_RECORD_DAY = '2026-11-24';
const LAST_DAY = '2026-11-26';

const S = CommitmentStatus;
const A = CommitmentAction;
const F = FulfilmentStatus;
const M = Measure;

// ---------------------------------------------------------------- randomness and dates

/** Reuses the demo's seeded PRNG (mulberry32 behind `createPeople`): no Math.random. */
function createRandom(seed: number): Random {
  const { int } = createPeople(seed);
  return randomFrom(() => int(0, 2 ** 30 - 1) / 2 ** 30, int);
}

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const minDay = (a: string, b: string): string => (a < b ? a : b);
const maxDay = (a: string, b: string): string => (a > b ? a : b);

/** `minutes` after midnight of `day`, Asia/Shanghai. */
function instant(day: string, minutes: number): Date {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return new Date(`${day}T${hh}:${mm}:00+08:00`);
}
const morning = (r: Random, day: string) => instant(day, r.int(8 * 60 + 30, 12 * 60));
const afternoon = (r: Random, day: string) => instant(day, r.int(14 * 60, 17 * 60 + 40));
/** An office-hours instant on `day`, strictly after `previous`. */
function officeAfter(r: Random, previous: Date | null, day: string): Date {
  const candidate = instant(day, r.int(8 * 60 + 30, 17 * 60 + 30));
  if (!previous || candidate > previous) return candidate;
  return new Date(previous.getTime() + r.int(5, 90) * 60_000);
}

// ---------------------------------------------------------------- periods and measures

type PeriodCode =
  | 'annual'
  | 'h1'
  | 'h2'
  | 'q1'
  | 'q2'
  | 'q3'
  | 'q4'
  | 'spring'
  | 'summer'
  | 'festival'
  | 'midautumn'
  | 'winter2526'
  | 'winter2627'
  | 'y2027';

const PERIODS: Record<PeriodCode, readonly [start: string, end: string, label: string]> = {
  annual: ['2026-01-01', '2026-12-31', '2026年全年'],
  h1: ['2026-01-01', '2026-06-30', '2026年上半年'],
  h2: ['2026-07-01', '2026-12-31', '2026年下半年'],
  q1: ['2026-01-01', '2026-03-31', '2026年第一季度'],
  q2: ['2026-04-01', '2026-06-30', '2026年第二季度'],
  q3: ['2026-07-01', '2026-09-30', '2026年第三季度'],
  q4: ['2026-10-01', '2026-12-31', '2026年第四季度'],
  spring: ['2026-03-15', '2026-05-31', '2026年春季'],
  summer: ['2026-07-01', '2026-08-31', '2026年暑期'],
  festival: ['2026-01-20', '2026-03-03', '2026年春节期间'],
  midautumn: ['2026-09-10', '2026-10-08', '2026年中秋国庆期间'],
  winter2526: ['2025-11-15', '2026-03-15', '2025—2026年冬季'],
  winter2627: ['2026-11-01', '2027-03-15', '2026—2027年冬季'],
  y2027: ['2027-01-01', '2027-12-31', '2027年全年'],
};

/** The smallest step of an amount, in hundredths: half an hour, a hundred yuan, one. */
const granule = (measure: Measure): number =>
  measure === M.VOLUNTEER_HOURS ? 50 : measure === M.FUNDS_YUAN ? 10_000 : 100;

/** A target a person would write: round tens of hours, thousands of yuan, fives above 60… */
function nice(x: number, measure: Measure): number {
  const round = (step: number, min: number) => Math.max(min, Math.round(x / step) * step);
  if (measure === M.VOLUNTEER_HOURS) return x >= 100 ? round(10, 10) : round(5, 10);
  if (measure === M.FUNDS_YUAN) return x >= 10_000 ? round(1000, 1000) : round(500, 1000);
  return x >= 200 ? round(10, 1) : x >= 60 ? round(5, 1) : round(1, 1);
}

const UNIT_LABEL: Record<Measure, string> = {
  VOLUNTEER_HOURS: '小时',
  EVENTS: '场',
  PEOPLE_SERVED: '人次',
  FUNDS_YUAN: '元',
  VENUE_SESSIONS: '次',
  ITEMS: '件',
};
const VERB: Record<Measure, string> = {
  VOLUNTEER_HOURS: '提供志愿服务',
  EVENTS: '开展活动',
  PEOPLE_SERVED: '服务居民',
  FUNDS_YUAN: '投入资金',
  VENUE_SESSIONS: '开放场地',
  ITEMS: '提供物资',
};

/** 1250 → "12.5", 2000000 → "20000". */
const plain = (hundredths: number): string => String(hundredths / 100);
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

// ---------------------------------------------------------------- what units promise

type CategoryCode =
  | 'organisation'
  | 'venues'
  | 'activities'
  | 'resources'
  | 'security'
  | 'environment'
  | 'hardship'
  | 'culture'
  | 'information'
  | 'talent';

type UnitTest = (u: SeedUnit) => boolean;
const everyone: UnitTest = () => true;
const kinds =
  (...list: UnitKind[]): UnitTest =>
  (u) =>
    list.includes(u.kind);
const notKind =
  (kind: UnitKind): UnitTest =>
  (u) =>
    u.kind !== kind;
const named =
  (pattern: RegExp): UnitTest =>
  (u) =>
    pattern.test(u.name);
const staff =
  (min: number): UnitTest =>
  (u) =>
    u.staffCount >= min;
const all =
  (...tests: UnitTest[]): UnitTest =>
  (u) =>
    tests.every((t) => t(u));
const anyOf =
  (...tests: UnitTest[]): UnitTest =>
  (u) =>
    tests.some((t) => t(u));

/** A target proportional to the unit's staff, held within [min, max], give or take 15 %. */
const perHead =
  (factor: number, min: number, max: number) =>
  (u: SeedUnit, r: Random): number =>
    Math.min(max, Math.max(min, u.staffCount * factor)) * r.between(0.85, 1.15);
const between =
  (min: number, max: number, times = 1) =>
  (_u: SeedUnit, r: Random): number =>
    r.int(min, max) * times;
const exactly = (n: number) => (): number => n;

interface Template {
  key: string;
  category: CategoryCode;
  title: string;
  measure: Measure;
  /** What a record's note says was done. */
  doing: string;
  eligible: UnitTest;
  /** Units that match a specialised template prefer it. */
  weight?: number;
  /** Periods for an accepted commitment running today; default mostly the year 2026. */
  active?: readonly PeriodCode[];
  /** Periods already over; default the first half or one of the first three quarters. */
  ended?: readonly PeriodCode[];
  /** The target for a full year (scaled to shorter periods), or for the season when seasonal. */
  target: (u: SeedUnit, r: Random) => number;
  seasonal?: boolean;
}

const DEFAULT_ACTIVE: readonly PeriodCode[] = [...Array<PeriodCode>(10).fill('annual'), 'h2', 'q4'];
const DEFAULT_ENDED: readonly PeriodCode[] = ['h1', 'h1', 'q1', 'q2', 'q3'];

const TEMPLATES: readonly Template[] = [
  // 组织共建
  {
    key: 'partyDay',
    category: 'organisation',
    title: '与社区党委联合开展主题党日活动',
    measure: M.EVENTS,
    doing: '联合主题党日活动',
    eligible: staff(10),
    target: between(6, 12),
  },
  {
    key: 'partyMembers',
    category: 'organisation',
    title: '在职党员到社区报到服务',
    measure: M.VOLUNTEER_HOURS,
    doing: '在职党员社区报到服务',
    eligible: all(notKind('SOCIAL_ORGANISATION'), staff(15)),
    target: perHead(0.5, 30, 600),
  },
  {
    key: 'wishes',
    category: 'organisation',
    title: '党员认领社区居民微心愿',
    measure: M.ITEMS,
    doing: '认领的居民微心愿',
    eligible: staff(20),
    target: perHead(0.3, 12, 80),
  },
  {
    key: 'jointMeeting',
    category: 'organisation',
    title: '每两个月参加社区党建联席会议并落实议定事项',
    measure: M.EVENTS,
    doing: '党建联席会议',
    eligible: anyOf(kinds('GOVERNMENT_DEPARTMENT', 'INSTITUTION'), staff(200)),
    target: exactly(6),
  },
  // 阵地共用
  {
    key: 'choir',
    category: 'venues',
    title: '每月开放职工活动室供老年合唱团排练',
    measure: M.VENUE_SESSIONS,
    doing: '老年合唱团排练',
    eligible: all(kinds('ENTERPRISE', 'INSTITUTION'), staff(30)),
    target: exactly(24),
  },
  {
    key: 'playground',
    category: 'venues',
    title: '节假日开放学校操场供居民健身',
    measure: M.VENUE_SESSIONS,
    doing: '居民健身',
    eligible: all(kinds('SCHOOL'), named(/小学|中学|学院|学校/), (u) => !/培训/.test(u.name)),
    weight: 3,
    target: between(20, 30, 2),
  },
  {
    key: 'meetingRoom',
    category: 'venues',
    title: '开放会议室用于居民议事会和楼长例会',
    measure: M.VENUE_SESSIONS,
    doing: '居民议事会和楼长例会',
    eligible: staff(20),
    target: between(12, 24),
  },
  {
    key: 'studyRoom',
    category: 'venues',
    title: '开放阅览室供社区青少年课后自习',
    measure: M.VENUE_SESSIONS,
    doing: '青少年课后自习',
    eligible: named(/图书馆|书店|文化站|文化馆|档案馆|资料馆|青少年活动中心|科技馆|老年大学/),
    weight: 3,
    target: between(40, 96),
  },
  {
    key: 'canteen',
    category: 'venues',
    title: '开放职工食堂为社区高龄老人提供助餐',
    measure: M.PEOPLE_SERVED,
    doing: '为高龄老人助餐',
    eligible: all(kinds('ENTERPRISE', 'INSTITUTION', 'HOSPITAL'), staff(150)),
    target: perHead(2, 600, 2400),
  },
  {
    key: 'sportsGround',
    category: 'venues',
    title: '开放体育场馆供社区居民免费锻炼',
    measure: M.VENUE_SESSIONS,
    doing: '居民免费锻炼',
    eligible: named(/体育|健身/),
    weight: 3,
    target: between(36, 52),
  },
  // 活动共办
  {
    key: 'festivals',
    category: 'activities',
    title: '共办“我们的节日”主题活动',
    measure: M.EVENTS,
    doing: '“我们的节日”主题活动',
    eligible: everyone,
    target: between(6, 8),
  },
  {
    key: 'birthdays',
    category: 'activities',
    title: '为社区高龄老人集体过生日',
    measure: M.EVENTS,
    doing: '高龄老人集体生日会',
    eligible: everyone,
    target: between(6, 12),
  },
  {
    key: 'gala',
    category: 'activities',
    title: '联合举办邻里节文艺汇演',
    measure: M.EVENTS,
    doing: '邻里节文艺汇演',
    eligible: staff(50),
    active: [],
    ended: ['midautumn', 'summer'],
    seasonal: true,
    target: between(1, 2),
  },
  {
    key: 'sportsDay',
    category: 'activities',
    title: '联合举办社区全民健身趣味运动会',
    measure: M.EVENTS,
    doing: '全民健身趣味运动会',
    eligible: staff(40),
    active: [],
    ended: ['spring', 'q3'],
    seasonal: true,
    target: between(1, 3),
  },
  {
    key: 'summerCare',
    category: 'activities',
    title: '暑期青少年托管班志愿服务',
    measure: M.VOLUNTEER_HOURS,
    doing: '暑期青少年托管',
    eligible: anyOf(kinds('SCHOOL', 'SOCIAL_ORGANISATION'), named(/青少年|图书馆|科技馆|文化馆/)),
    active: [],
    ended: ['summer'],
    seasonal: true,
    target: perHead(1.5, 60, 300),
  },
  // 资源共享
  {
    key: 'equipment',
    category: 'resources',
    title: '捐赠办公桌椅及电脑支持社区服务站建设',
    measure: M.ITEMS,
    doing: '办公桌椅和电脑',
    eligible: all(kinds('ENTERPRISE', 'INSTITUTION'), staff(50)),
    active: ['annual'],
    ended: ['h1', 'q2'],
    seasonal: true,
    target: between(10, 40),
  },
  {
    key: 'vehicles',
    category: 'resources',
    title: '为社区大型活动提供车辆保障',
    measure: M.EVENTS,
    doing: '活动车辆保障',
    eligible: named(/运输|汽车|公交|物流|客运|出租|租赁/),
    weight: 3,
    target: between(6, 12),
  },
  {
    key: 'repairs',
    category: 'resources',
    title: '水电气暖便民维修进社区',
    measure: M.EVENTS,
    doing: '便民维修服务',
    eligible: named(/供电|热力|热电|燃气|自来水|电力|水务|有线电视|维修|修理/),
    weight: 3,
    target: exactly(12),
  },
  {
    key: 'microFund',
    category: 'resources',
    title: '出资支持社区公益微项目',
    measure: M.FUNDS_YUAN,
    doing: '社区公益微项目',
    eligible: all(kinds('ENTERPRISE'), staff(40)),
    target: perHead(60, 5000, 50_000),
  },
  // 治安共防
  {
    key: 'patrol',
    category: 'security',
    title: '组织职工参加夜间治安巡逻',
    measure: M.VOLUNTEER_HOURS,
    doing: '夜间治安巡逻',
    eligible: staff(20),
    target: perHead(0.8, 60, 800),
  },
  {
    key: 'fireDrill',
    category: 'security',
    title: '开展消防安全知识培训和疏散演练',
    measure: M.EVENTS,
    doing: '消防安全培训和疏散演练',
    eligible: anyOf(staff(30), named(/消防|应急/)),
    target: between(6, 8),
  },
  {
    key: 'antiFraud',
    category: 'security',
    title: '防范电信网络诈骗宣传进社区',
    measure: M.EVENTS,
    doing: '防范电信网络诈骗宣传',
    eligible: named(/银行|保险|派出所|公安|移动|联通|电信|信用社/),
    weight: 3,
    target: between(8, 12),
  },
  {
    key: 'safetyVisits',
    category: 'security',
    title: '燃气和供暖设施安全入户检查',
    measure: M.PEOPLE_SERVED,
    doing: '燃气和供暖设施入户检查',
    eligible: named(/燃气|热力|热电/),
    weight: 3,
    target: perHead(5, 800, 3000),
  },
  {
    key: 'cameras',
    category: 'security',
    title: '共享单位监控点位接入社区平安联防平台',
    measure: M.ITEMS,
    doing: '监控点位',
    eligible: all(kinds('ENTERPRISE', 'INSTITUTION'), staff(60)),
    active: [],
    ended: ['h1', 'q2'],
    seasonal: true,
    target: between(2, 8),
  },
  {
    key: 'schoolGate',
    category: 'security',
    title: '学校周边交通安全护学岗',
    measure: M.VOLUNTEER_HOURS,
    doing: '护学岗执勤',
    eligible: named(/交警|派出所|城管|小学|中学/),
    weight: 2,
    target: perHead(2, 100, 600),
  },
  // 环境共治
  {
    key: 'snow',
    category: 'environment',
    title: '冬季清雪志愿服务',
    measure: M.VOLUNTEER_HOURS,
    doing: '清雪',
    eligible: staff(15),
    active: ['winter2627'],
    ended: ['winter2526'],
    seasonal: true,
    target: perHead(0.6, 40, 400),
  },
  {
    key: 'frontage',
    category: 'environment',
    title: '落实门前三包，整治周边环境卫生',
    measure: M.VOLUNTEER_HOURS,
    doing: '门前三包和周边环境整治',
    eligible: everyone,
    target: perHead(0.4, 20, 400),
  },
  {
    key: 'sorting',
    category: 'environment',
    title: '垃圾分类宣传指导进楼院',
    measure: M.EVENTS,
    doing: '垃圾分类宣传指导',
    eligible: everyone,
    target: between(8, 12),
  },
  {
    key: 'trees',
    category: 'environment',
    title: '义务植树与绿地认养养护',
    measure: M.VOLUNTEER_HOURS,
    doing: '植树和绿地养护',
    eligible: staff(30),
    active: [],
    ended: ['spring'],
    seasonal: true,
    target: perHead(0.3, 30, 300),
  },
  {
    key: 'stairwells',
    category: 'environment',
    title: '清理楼道堆积杂物和小广告',
    measure: M.VOLUNTEER_HOURS,
    doing: '楼道杂物和小广告清理',
    eligible: everyone,
    ended: ['q2', 'q3'],
    target: perHead(0.3, 20, 200),
  },
  {
    key: 'wetland',
    category: 'environment',
    title: '湿地和湖岸垃圾清理及生态保护宣传',
    measure: M.VOLUNTEER_HOURS,
    doing: '湿地垃圾清理和生态宣传',
    eligible: named(/湿地|环保|生态环境|环境监测|园林|林业/),
    weight: 3,
    target: perHead(1, 60, 300),
  },
  // 困难共帮
  {
    key: 'festivalVisit',
    category: 'hardship',
    title: '春节走访慰问困难家庭',
    measure: M.FUNDS_YUAN,
    doing: '春节慰问',
    eligible: all(staff(20), notKind('SCHOOL')),
    active: [],
    ended: ['festival'],
    seasonal: true,
    target: perHead(40, 3000, 50_000),
  },
  {
    key: 'pairing',
    category: 'hardship',
    title: '结对帮扶低保和残疾人家庭',
    measure: M.PEOPLE_SERVED,
    doing: '结对帮扶走访',
    eligible: everyone,
    target: between(2, 10, 12),
  },
  {
    key: 'supplies',
    category: 'hardship',
    title: '为困境儿童捐赠学习用品',
    measure: M.ITEMS,
    doing: '学习用品',
    eligible: staff(20),
    active: [],
    ended: ['q3'],
    seasonal: true,
    target: perHead(1, 50, 400),
  },
  {
    key: 'elderVisit',
    category: 'hardship',
    title: '空巢独居老人定期探访',
    measure: M.PEOPLE_SERVED,
    doing: '探访空巢独居老人',
    eligible: everyone,
    target: perHead(2, 60, 480),
  },
  {
    key: 'clinic',
    category: 'hardship',
    title: '义诊及健康体检进社区',
    measure: M.PEOPLE_SERVED,
    doing: '义诊和健康体检',
    eligible: all(kinds('HOSPITAL'), staff(20)),
    weight: 3,
    target: perHead(1.5, 200, 1500),
  },
  {
    key: 'jobs',
    category: 'hardship',
    title: '提供公益性就业岗位帮扶困难群众',
    measure: M.PEOPLE_SERVED,
    doing: '帮扶困难群众就业',
    eligible: all(kinds('ENTERPRISE'), staff(60)),
    target: perHead(0.05, 8, 30),
  },
  {
    key: 'midAutumn',
    category: 'hardship',
    title: '中秋国庆慰问困难党员和老人',
    measure: M.FUNDS_YUAN,
    doing: '中秋国庆慰问',
    eligible: staff(30),
    active: [],
    ended: ['midautumn'],
    seasonal: true,
    target: perHead(20, 2000, 20_000),
  },
  {
    key: 'rehab',
    category: 'hardship',
    title: '上门为残疾人提供康复指导',
    measure: M.PEOPLE_SERVED,
    doing: '上门康复指导',
    eligible: named(/康复|残疾|福利院|骨科|红十字/),
    weight: 3,
    target: between(5, 25, 12),
  },
  {
    key: 'charity',
    category: 'hardship',
    title: '募集善款救助大病困难家庭',
    measure: M.FUNDS_YUAN,
    doing: '大病困难家庭救助',
    eligible: named(/慈善|红十字|公益|爱心/),
    weight: 3,
    target: between(10, 50, 1000),
  },
  // 文化共建
  {
    key: 'legal',
    category: 'culture',
    title: '法律咨询进社区',
    measure: M.EVENTS,
    doing: '法律咨询',
    eligible: anyOf(kinds('GOVERNMENT_DEPARTMENT'), named(/公证|司法|律师/)),
    target: exactly(12),
  },
  {
    key: 'health',
    category: 'culture',
    title: '健康知识讲座进社区',
    measure: M.EVENTS,
    doing: '健康知识讲座',
    eligible: anyOf(kinds('HOSPITAL'), named(/疾病预防|卫生健康|妇幼|药房/)),
    weight: 2,
    target: between(6, 12),
  },
  {
    key: 'finance',
    category: 'culture',
    title: '金融知识普及讲座',
    measure: M.EVENTS,
    doing: '金融知识讲座',
    eligible: named(/银行|保险|信用社/),
    weight: 3,
    target: between(6, 12),
  },
  {
    key: 'reading',
    category: 'culture',
    title: '社区书香阅读推广活动',
    measure: M.EVENTS,
    doing: '阅读推广活动',
    eligible: anyOf(kinds('SCHOOL'), named(/图书馆|书店|文化/)),
    weight: 2,
    target: between(6, 12),
  },
  {
    key: 'performance',
    category: 'culture',
    title: '送文艺演出进社区',
    measure: M.EVENTS,
    doing: '文艺演出',
    eligible: named(/艺术|文化|演艺|广播电视|合唱|书画|老年协会|影城/),
    weight: 3,
    target: between(6, 8),
  },
  {
    key: 'tutoring',
    category: 'culture',
    title: '青少年课后辅导志愿服务',
    measure: M.VOLUNTEER_HOURS,
    doing: '青少年课后辅导',
    eligible: anyOf(kinds('SCHOOL'), named(/青少年|家庭教育|科技馆/)),
    weight: 2,
    target: perHead(1.2, 60, 400),
  },
  {
    key: 'science',
    category: 'culture',
    title: '科普知识进社区',
    measure: M.EVENTS,
    doing: '科普活动',
    eligible: named(/科技|科普|地质|水文|林业科学|研究|疾病预防|计量/),
    weight: 3,
    target: between(6, 10),
  },
  {
    key: 'counselling',
    category: 'culture',
    title: '心理健康咨询进社区',
    measure: M.EVENTS,
    doing: '心理健康咨询',
    eligible: named(/心理|社会工作/),
    weight: 3,
    target: exactly(12),
  },
  // 信息共通
  {
    key: 'jobInfo',
    category: 'information',
    title: '每月向社区通报招聘岗位和便民服务信息',
    measure: M.EVENTS,
    doing: '招聘岗位和便民服务信息通报',
    eligible: kinds('ENTERPRISE', 'INSTITUTION'),
    target: exactly(12),
  },
  {
    key: 'policy',
    category: 'information',
    title: '协助社区开展政策宣传和入户信息采集',
    measure: M.VOLUNTEER_HOURS,
    doing: '政策宣传和入户信息采集',
    eligible: kinds('GOVERNMENT_DEPARTMENT', 'INSTITUTION'),
    target: perHead(0.5, 20, 300),
  },
  {
    key: 'media',
    category: 'information',
    title: '共建社区公众号，发布便民服务信息',
    measure: M.EVENTS,
    doing: '公众号便民信息发布',
    eligible: named(/广播电视|传媒|广告|移动|联通|电信|有线电视|大数据|网络科技/),
    weight: 3,
    target: between(6, 12, 4),
  },
  {
    key: 'outages',
    category: 'information',
    title: '计划停水停电停气信息提前推送社区',
    measure: M.EVENTS,
    doing: '停水停电停气信息推送',
    eligible: named(/供电|热力|燃气|自来水|热电|水务|电力/),
    weight: 3,
    target: between(12, 24),
  },
  // 人才共育
  {
    key: 'staffTraining',
    category: 'talent',
    title: '为社区工作者开展业务培训',
    measure: M.EVENTS,
    doing: '社区工作者业务培训',
    eligible: kinds('GOVERNMENT_DEPARTMENT', 'INSTITUTION', 'HOSPITAL', 'SCHOOL'),
    target: between(6, 8),
  },
  {
    key: 'internships',
    category: 'talent',
    title: '接收社区青年到单位实习见习',
    measure: M.PEOPLE_SERVED,
    doing: '接收社区青年实习见习',
    eligible: all(kinds('ENTERPRISE', 'INSTITUTION'), staff(80)),
    target: perHead(0.05, 8, 30),
  },
  {
    key: 'lecturers',
    category: 'talent',
    title: '组织专业技术人员担任社区志愿讲师',
    measure: M.VOLUNTEER_HOURS,
    doing: '志愿讲师授课',
    eligible: staff(40),
    target: perHead(0.2, 20, 200),
  },
  {
    key: 'skills',
    category: 'talent',
    title: '开展居民职业技能培训',
    measure: M.PEOPLE_SERVED,
    doing: '居民职业技能培训',
    eligible: named(/职业|技师|驾驶员培训|人力资源|劳动保障|人才|卫生学校|老年大学/),
    weight: 3,
    target: perHead(1.5, 40, 240),
  },
];
const templateByKey = new Map(TEMPLATES.map((t) => [t.key, t]));

// ---------------------------------------------------------------- what communities need

interface NeedTemplate {
  templateKey: string;
  title: string;
  description: string;
  amount: (r: Random) => number;
  /** Commitments may answer it only for these periods (default: any the template allows). */
  periods?: readonly PeriodCode[];
  /** Published on this day (default: autumn 2025, for the year 2026). */
  createdDay?: string;
  /** Closed on this day (the season is over and the need was met). */
  closedDay?: string;
}

const OPEN_NEEDS: readonly NeedTemplate[] = [
  {
    templateKey: 'choir',
    title: '老年合唱团排练场地（每月两次）',
    description:
      '社区老年合唱团有队员40余人，需要每月两次、每次两小时的排练场地，一楼或有电梯为宜。',
    amount: () => 24,
  },
  {
    templateKey: 'legal',
    title: '每月一次法律咨询进社区',
    description:
      '居民在房屋租赁、婚姻家庭、劳动争议方面咨询较多，希望每月有专业人员到社区坐诊一次。',
    amount: () => 12,
  },
  {
    templateKey: 'patrol',
    title: '夜间治安巡逻志愿者',
    description: '老旧小区无物业管理，需要驻区单位职工参加夜间巡逻，重点时段为19:00—22:00。',
    amount: (r) => r.int(4, 8) * 100,
  },
  {
    templateKey: 'equipment',
    title: '社区服务站办公桌椅和电脑',
    description: '新建的网格服务站缺少办公桌椅和电脑，可接受八成新以上的旧设备。',
    amount: (r) => r.int(3, 6) * 10,
  },
  {
    templateKey: 'elderVisit',
    title: '空巢独居老人定期探访',
    description: '社区登记空巢、独居老人一百余名，希望每月上门探访，了解身体状况和生活困难。',
    amount: (r) => r.int(4, 8) * 100,
  },
  {
    templateKey: 'fireDrill',
    title: '老旧小区消防安全培训和演练',
    description: '老旧小区楼道堆物、电动车进楼问题突出，需要专业人员开展消防培训和疏散演练。',
    amount: (r) => r.int(6, 10),
  },
  {
    templateKey: 'sorting',
    title: '垃圾分类宣传指导',
    description: '垃圾分类投放点新近启用，需要志愿者在投放高峰时段现场指导，并入户宣传。',
    amount: () => 12,
  },
  {
    templateKey: 'staffTraining',
    title: '社区工作者业务培训',
    description: '社区工作者在政策解读、矛盾调解、信息系统使用方面需要培训，每季度至少一次。',
    amount: (r) => r.int(4, 8),
  },
  {
    templateKey: 'tutoring',
    title: '双职工家庭孩子课后辅导志愿者',
    description: '辖区双职工家庭较多，放学后到家长下班前孩子无人照看，需要课后辅导志愿者。',
    amount: (r) => r.int(2, 4) * 100,
  },
  {
    templateKey: 'pairing',
    title: '低保和残疾人家庭结对帮扶',
    description: '为低保户和残疾人家庭每户结对一个单位，每月上门走访一次，帮助解决实际困难。',
    amount: (r) => r.int(15, 30) * 12,
  },
  {
    templateKey: 'clinic',
    title: '老年人义诊和健康体检',
    description: '辖区60岁以上老人较多，希望医疗机构定期到社区义诊，并为老人做基础体检。',
    amount: (r) => r.int(5, 10) * 100,
  },
  {
    templateKey: 'snow',
    title: '2026—2027年冬季清雪志愿服务',
    description: '入冬后主要街巷和小区出入口需要及时清雪，请驻区单位认领路段，按雪情组织人员。',
    amount: (r) => r.int(2, 4) * 100,
    periods: ['winter2627'],
    createdDay: '2026-10-12',
  },
];

const CLOSED_NEEDS: readonly NeedTemplate[] = [
  {
    templateKey: 'snow',
    title: '2025—2026年冬季清雪志愿服务',
    description: '冬季主要街巷和小区出入口需要及时清雪，请驻区单位认领路段，按雪情组织人员。',
    amount: (r) => r.int(2, 4) * 100,
    periods: ['winter2526'],
    createdDay: '2025-10-20',
    closedDay: '2026-03-20',
  },
  {
    templateKey: 'festivalVisit',
    title: '春节走访慰问困难家庭资金',
    description: '春节前走访慰问辖区低保、低收入和因病致困家庭，每户标准500元。',
    amount: (r) => r.int(2, 5) * 10_000,
    periods: ['festival'],
    createdDay: '2025-12-10',
    closedDay: '2026-03-10',
  },
];

// ---------------------------------------------------------------- the plan

export interface PlannedNeed {
  communityCode: string;
  categoryCode: string;
  title: string;
  description: string;
  measure: Measure;
  amount: string;
  status: NeedStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlannedEvent {
  action: CommitmentAction;
  /** The unit (its liaison, or staff acting for it), the community's staff, or the system. */
  by: 'unit' | 'staff' | null;
  fromStatus: CommitmentStatus | null;
  toStatus: CommitmentStatus;
  note: string;
  at: Date;
}

export interface PlannedFulfilment {
  amount: string;
  date: string;
  note: string;
  status: FulfilmentStatus;
  recordedAt: Date;
  reviewedAt: Date | null;
  reviewNote: string;
}

export interface PlannedCommitment {
  /** Position in the seed unit list. */
  unitIndex: number;
  communityCode: string;
  categoryCode: string;
  /** Position in `needs`. */
  needIndex: number | null;
  title: string;
  description: string;
  measure: Measure;
  targetAmount: string;
  periodStart: string;
  periodEnd: string;
  status: CommitmentStatus;
  verifiedAmount: string;
  pendingAmount: string;
  createdAt: Date;
  updatedAt: Date;
  events: PlannedEvent[];
  fulfilments: PlannedFulfilment[];
}

export interface CoBuildingPlan {
  needs: PlannedNeed[];
  commitments: PlannedCommitment[];
}

/** How a commitment's year went. */
type Slot =
  | 'onTrack'
  | 'behind'
  | 'completedEarly'
  | 'completed'
  | 'lapsed'
  | 'submitted'
  | 'draft'
  | 'rejected'
  | 'withdrawnSubmitted'
  | 'withdrawnActive';

const SLOT_WEIGHTS: readonly (readonly [Slot | 'active' | 'ended', number])[] = [
  ['active', 50],
  ['completedEarly', 4],
  ['ended', 34],
  ['submitted', 4],
  ['draft', 3],
  ['rejected', 3],
  ['withdrawnSubmitted', 1],
  ['withdrawnActive', 1],
];

/** The demo liaisons' units get a fixed mix, so signing in as them shows each kind of record. */
const LIAISON_SLOTS: readonly (readonly Slot[])[] = [
  ['onTrack', 'completed', 'draft'],
  ['behind', 'lapsed', 'submitted'],
];

const COMMITMENT_REJECTIONS = [
  '承诺目标与单位规模不符，建议提高目标后重新提交',
  '履行方式不具体，无法核实，请写明时间、地点和参与人数',
  '与社区需求清单不对应，建议对接社区需求后调整',
  '本社区今年同类承诺已足额认领，建议改选其他类别',
];
const WITHDRAWALS_ACTIVE = [
  '单位办公场所搬迁，无法继续履行',
  '单位业务调整，负责人员已调离，申请撤回',
  '上级部门统一安排专项任务，人员无法抽调',
];
const WITHDRAWALS_SUBMITTED = ['内容填写有误，撤回后重新提交', '与单位年度工作计划冲突，撤回调整'];
const ACCEPT_NOTES = ['', '', '', '同意，请按月上传签到表和照片', '同意，请与网格长对接具体时间'];
const RECORD_REJECTIONS: Record<Measure, readonly string[]> = {
  VOLUNTEER_HOURS: [
    '照片无法证明服务时长，请补充签到表',
    '签到表人数与填报时长不符，请核实后重新填报',
  ],
  EVENTS: ['缺少活动现场照片和签到表，请补充', '该场活动已在上次记录中填报，请勿重复登记'],
  PEOPLE_SERVED: ['服务人次与登记表不符，请按实际人数填报', '缺少服务对象签字的登记表，请补充'],
  FUNDS_YUAN: ['转账凭证金额与填报金额不一致，请补充银行回单', '缺少社区签收单，请补充后重新提交'],
  VENUE_SESSIONS: ['场地使用登记表缺少社区签字，请补充', '开放次数与使用登记表不符，请核实'],
  ITEMS: ['缺少物资签收清单，请补充', '物资数量与签收单不一致，请核实后重新填报'],
};
const OWNERS: Record<UnitKind, readonly string[]> = {
  ENTERPRISE: ['工会', '党支部', '综合办公室', '团委'],
  INSTITUTION: ['机关党支部', '办公室', '工会'],
  SCHOOL: ['学校党支部', '德育处', '团委'],
  HOSPITAL: ['医院党委', '医务科', '工会'],
  GOVERNMENT_DEPARTMENT: ['机关党支部', '办公室'],
  SOCIAL_ORGANISATION: ['秘书处', '理事会'],
};

/** Periods a template offers for a slot; empty when it does not fit the slot. */
function periodsFor(t: Template, slot: Slot): readonly PeriodCode[] {
  const active = t.active ?? DEFAULT_ACTIVE;
  switch (slot) {
    case 'onTrack':
    case 'behind':
      return active;
    case 'completedEarly':
    case 'withdrawnActive':
      return active.includes('annual') ? ['annual'] : [];
    case 'rejected':
      return active.includes('annual') ? ['annual', 'h2'] : [];
    case 'completed':
    case 'lapsed':
      return t.ended ?? DEFAULT_ENDED;
    case 'submitted':
    case 'draft':
    case 'withdrawnSubmitted':
      return active.includes('annual') ? ['y2027'] : active.includes('winter2627') ? active : [];
  }
}

/** Splits `total` into `parts` positive whole numbers of roughly similar size. */
function split(r: Random, total: number, parts: number): number[] {
  if (parts <= 0 || total <= 0) return [];
  const n = Math.min(parts, total);
  const weights = Array.from({ length: n }, () => r.between(0.6, 1.4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - n;
  const raw = weights.map((w) => (spare * w) / sum);
  const shares = raw.map((x) => 1 + Math.floor(x));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byFraction = raw
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byFraction) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

function recordNote(r: Random, t: Template, day: string, hundredths: number): string {
  const amount = plain(hundredths);
  const month = `${Number(day.slice(5, 7))}月`;
  switch (t.measure) {
    case M.VOLUNTEER_HOURS: {
      const people = Math.max(1, Math.round(hundredths / 100 / r.between(2, 4)));
      return `${monthDay(day)}组织职工${people}人参加${t.doing}，累计${amount}小时，附签到表和现场照片。`;
    }
    case M.EVENTS:
      return `${month}开展${t.doing}${amount}场，参加居民约${Number(amount) * r.int(15, 60)}人次，附活动照片和签到表。`;
    case M.PEOPLE_SERVED:
      return `${month}${t.doing}，服务${amount}人次，附服务登记表。`;
    case M.FUNDS_YUAN:
      return `${monthDay(day)}拨付${t.doing}资金${amount}元，附转账凭证和社区签收单。`;
    case M.VENUE_SESSIONS:
      return `${month}开放场地${amount}次，用于${t.doing}，附场地使用登记表。`;
    case M.ITEMS:
      return `${monthDay(day)}交付${t.doing}${amount}件，附物资清单和社区签收单。`;
  }
}

interface Pick {
  template: Template;
  period: PeriodCode;
  need: { index: number; createdDay: string } | null;
}

/** The history and records of one commitment, following the lifecycle step by step. */
function planCommitment(
  r: Random,
  unit: SeedUnit,
  unitIndex: number,
  slot: Slot,
  { template: t, period, need }: Pick,
): PlannedCommitment {
  const [start, end, periodLabel] = PERIODS[period];
  const g = granule(t.measure);
  const seasonShare = t.seasonal ? 1 : Math.min(1, (daysBetween(start, end) + 1) / 365);
  let target = nice(t.target(unit, r) * seasonShare, t.measure);
  const expected = elapsedShare(start, end, SEED_TODAY);
  const granules = (amount: number) => Math.round((amount * 100) / g);
  if (slot === 'onTrack') {
    // A small whole target cannot be on track (≥ expected − 10 %) and unfinished: raise it.
    while (Math.ceil((expected - 0.1) * granules(target)) > granules(target) - 1) {
      target = nice(target * 1.5 + 1, t.measure);
    }
  }
  const tg = granules(target);
  const title = period === 'y2027' ? `2027年${t.title}` : t.title;
  const description = `${periodLabel}${VERB[t.measure]}${target}${UNIT_LABEL[t.measure]}，由单位${r.pick(OWNERS[unit.kind])}负责落实，按月向社区报送履行情况并附佐证材料。`;

  // ---- the history up to acceptance
  const events: PlannedEvent[] = [];
  let clock: Date | null = null;
  let status: CommitmentStatus = S.DRAFT;
  const step = (
    action: CommitmentAction,
    by: PlannedEvent['by'],
    to: CommitmentStatus,
    day: string,
    note = '',
    at?: Date,
  ) => {
    const when: Date = at ?? officeAfter(r, clock, day);
    events.push({
      action,
      by,
      fromStatus: action === A.CREATE ? null : status,
      toStatus: to,
      note,
      at: when,
    });
    status = to;
    clock = when;
  };

  const forNextYear = slot === 'submitted' || slot === 'draft' || slot === 'withdrawnSubmitted';
  let createdDay = forNextYear
    ? addDays('2026-11-01', r.int(0, 20))
    : addDays(start, -r.int(12, 35));
  if (need) createdDay = maxDay(createdDay, addDays(need.createdDay, r.int(1, 10)));
  createdDay = minDay(createdDay, addDays(LAST_DAY, -4));
  step(A.CREATE, 'unit', S.DRAFT, createdDay);
  if (slot === 'draft') return finish([]);
  const submitDay = r.chance(0.6) ? createdDay : addDays(createdDay, r.int(1, 3));
  step(A.SUBMIT, 'unit', S.SUBMITTED, submitDay);
  if (slot === 'submitted') return finish([]);
  if (slot === 'withdrawnSubmitted') {
    step(
      A.WITHDRAW,
      'unit',
      S.WITHDRAWN,
      addDays(submitDay, r.int(1, 3)),
      r.pick(WITHDRAWALS_SUBMITTED),
    );
    return finish([]);
  }
  if (slot === 'rejected') {
    step(
      A.REJECT,
      'staff',
      S.REJECTED,
      addDays(submitDay, r.int(2, 8)),
      r.pick(COMMITMENT_REJECTIONS),
    );
    return finish([]);
  }
  const acceptDay = addDays(submitDay, r.int(1, 6));
  step(A.ACCEPT, 'staff', S.ACTIVE, acceptDay, r.pick(ACCEPT_NOTES));

  // ---- how much was delivered, and over which days
  const windowStart = maxDay(start, addDays(acceptDay, 1));
  let windowEnd: string;
  let verifiedGranules: number;
  let pendingCount = 0;
  let withdrawDay = '';
  switch (slot) {
    case 'onTrack': {
      windowEnd = minDay(end, LAST_RECORD_DAY);
      const lo = Math.ceil((expected - 0.1) * tg);
      verifiedGranules = Math.min(
        tg - 1,
        Math.max(lo, 1, Math.round(expected * r.between(0.9, 1.06) * tg)),
      );
      pendingCount = r.pick([0, 1, 1, 2]);
      break;
    }
    case 'behind': {
      windowEnd = minDay(end, LAST_RECORD_DAY);
      const stalled = r.chance(0.5);
      if (stalled) {
        const span = daysBetween(windowStart, windowEnd);
        windowEnd = addDays(windowStart, Math.round(span * r.between(0.3, 0.65)));
      } else pendingCount = r.pick([0, 1]);
      const ceiling = Math.floor((expected - 0.2) * tg);
      verifiedGranules =
        ceiling <= 0 || r.chance(0.1)
          ? 0
          : Math.min(ceiling, Math.max(1, Math.round(expected * r.between(0.15, 0.6) * tg)));
      break;
    }
    case 'completedEarly':
      windowEnd = addDays(start, r.int(150, 300));
      verifiedGranules = tg;
      break;
    case 'completed':
      windowEnd = maxDay(windowStart, addDays(end, -r.int(3, 8)));
      verifiedGranules = tg;
      break;
    case 'lapsed':
      windowEnd = maxDay(windowStart, addDays(end, -r.int(3, 8)));
      verifiedGranules = r.chance(0.25)
        ? 0
        : Math.min(tg - 1, Math.round(tg * r.between(0.3, 0.85)));
      break;
    case 'withdrawnActive': {
      withdrawDay = addDays(start, r.int(90, 260));
      windowEnd = addDays(withdrawDay, -10);
      const share = elapsedShare(start, end, withdrawDay);
      verifiedGranules = Math.min(tg - 1, Math.max(1, Math.round(tg * share * r.between(0.5, 1))));
      break;
    }
  }
  if (windowEnd < windowStart) windowEnd = windowStart;
  const span = daysBetween(windowStart, windowEnd) + 1;
  const cadence =
    t.measure === M.FUNDS_YUAN || t.measure === M.ITEMS
      ? Math.min(4, Math.max(1, Math.round(span / 75)))
      : Math.max(1, Math.round(span / 30) - (span > 180 ? r.int(0, 2) : 0));
  const verifiedCount =
    verifiedGranules > 0 ? Math.min(verifiedGranules, Math.max(1, cadence - pendingCount)) : 0;
  const count = verifiedCount + pendingCount;
  const amounts = split(r, verifiedGranules, verifiedCount);
  if (slot === 'completed' || slot === 'completedEarly') {
    // Now and then the last delivery goes beyond the target.
    if (r.chance(0.1))
      amounts[amounts.length - 1]! += Math.max(1, Math.round(tg * r.between(0.03, 0.12)));
  }
  const perRecord = Math.max(
    1,
    Math.round((verifiedCount ? verifiedGranules / verifiedCount : tg / 12) * r.between(0.6, 1.3)),
  );
  for (let i = 0; i < pendingCount; i++) amounts.push(perRecord);

  // ---- the records, each recorded a little after the delivery and reviewed within days
  const lastReview =
    slot === 'completed' || slot === 'lapsed'
      ? end
      : slot === 'withdrawnActive'
        ? addDays(withdrawDay, -1)
        : LAST_DAY;
  const records: PlannedFulfilment[] = [];
  let verifiedTotal = 0;
  let lastVerifiedAt: Date | null = null;
  for (let i = 0; i < count; i++) {
    const day = addDays(windowStart, Math.floor(((i + r.between(0.15, 0.85)) / count) * span));
    const date = minDay(day, windowEnd);
    const hundredths = amounts[i]! * g;
    let recordedDay = minDay(addDays(date, r.int(0, 2)), minDay(lastReview, addDays(LAST_DAY, -1)));
    if (r.chance(0.03)) {
      // A first record the staff sent back; the unit recorded it again with better evidence.
      const rejectedDay = minDay(addDays(date, 1), lastReview);
      records.push({
        amount: fromHundredths(hundredths),
        date,
        note: recordNote(r, t, date, hundredths),
        status: F.REJECTED,
        recordedAt: instant(date, r.int(7 * 60, 7 * 60 + 50)),
        reviewedAt: instant(rejectedDay, r.int(8 * 60, 8 * 60 + 25)),
        reviewNote: r.pick(RECORD_REJECTIONS[t.measure]),
      });
      recordedDay = rejectedDay;
    }
    const pending = i >= verifiedCount;
    const recordedAt = pending ? afternoon(r, recordedDay) : morning(r, recordedDay);
    let reviewedAt = pending
      ? null
      : afternoon(r, minDay(addDays(recordedDay, r.int(0, 5)), lastReview));
    // Reviews follow the order of the records, so completion comes with the last one.
    if (reviewedAt && lastVerifiedAt && reviewedAt <= lastVerifiedAt) {
      reviewedAt = new Date(lastVerifiedAt.getTime() + r.int(3, 15) * 60_000);
    }
    records.push({
      amount: fromHundredths(hundredths),
      date,
      note: recordNote(r, t, date, hundredths),
      status: pending ? F.PENDING : F.VERIFIED,
      recordedAt,
      reviewedAt,
      reviewNote: '',
    });
    if (!pending) {
      verifiedTotal += hundredths;
      lastVerifiedAt = reviewedAt;
    }
  }

  // ---- how it ended
  const targetAmount = fromHundredths(target * 100);
  const verifiedAmount = fromHundredths(verifiedTotal);
  if (slot === 'completed' || slot === 'completedEarly') {
    step(
      A.COMPLETE,
      null,
      S.COMPLETED,
      '',
      `verified ${verifiedAmount} of ${targetAmount}`,
      lastVerifiedAt!,
    );
  } else if (slot === 'lapsed') {
    const jobRun = instant(addDays(end, 1), r.int(2, 20));
    step(
      A.LAPSE,
      null,
      S.LAPSED,
      '',
      `period ended ${end}; verified ${verifiedAmount} of ${targetAmount}`,
      jobRun,
    );
  } else if (slot === 'withdrawnActive') {
    step(A.WITHDRAW, 'unit', S.WITHDRAWN, withdrawDay, r.pick(WITHDRAWALS_ACTIVE));
  }
  return finish(records);

  function finish(fulfilments: PlannedFulfilment[]): PlannedCommitment {
    const times = [
      ...events.map((e) => e.at),
      ...fulfilments.flatMap((f) => [f.recordedAt, ...(f.reviewedAt ? [f.reviewedAt] : [])]),
    ];
    const sum = (s: FulfilmentStatus) =>
      fulfilments
        .filter((f) => f.status === s)
        .reduce((total, f) => total + Math.round(Number(f.amount) * 100), 0);
    return {
      unitIndex,
      communityCode: unit.communityCode,
      categoryCode: t.category,
      needIndex: need?.index ?? null,
      title,
      description,
      measure: t.measure,
      targetAmount: fromHundredths(target * 100),
      periodStart: start,
      periodEnd: end,
      status,
      verifiedAmount: fromHundredths(sum(F.VERIFIED)),
      pendingAmount: fromHundredths(sum(F.PENDING)),
      createdAt: events[0]!.at,
      updatedAt: new Date(Math.max(...times.map((d) => d.getTime()))),
      events,
      fulfilments,
    };
  }
}

/**
 * The year's needs and commitments for `units` (the seed list), the same on every call.
 * Commitment `unitIndex` and `needIndex` point into `units` and the returned `needs`.
 */
export function planCoBuilding(units: readonly SeedUnit[], seed = 20261127): CoBuildingPlan {
  const r = createRandom(seed);

  // Each community's needs list: one met and closed last winter, two to four open.
  const needs: PlannedNeed[] = [];
  const needsOf = new Map<string, { index: number; template: NeedTemplate }[]>();
  const communityCodes = [...new Set(units.map((u) => u.communityCode))];
  for (const code of communityCodes) {
    const chosen = [r.pick(CLOSED_NEEDS), ...r.shuffle(OPEN_NEEDS).slice(0, r.int(2, 4))];
    needsOf.set(
      code,
      chosen.map((template) => {
        const t = templateByKey.get(template.templateKey)!;
        const createdDay = template.createdDay ?? addDays('2025-10-08', r.int(0, 28));
        const createdAt = officeAfter(r, null, createdDay);
        needs.push({
          communityCode: code,
          categoryCode: t.category,
          title: template.title,
          description: template.description,
          measure: t.measure,
          amount: fromHundredths(template.amount(r) * 100),
          status: template.closedDay ? NeedStatus.CLOSED : NeedStatus.OPEN,
          createdAt,
          updatedAt: template.closedDay ? officeAfter(r, null, template.closedDay) : createdAt,
        });
        return { index: needs.length - 1, template };
      }),
    );
  }

  const liaisonSlots = new Map<number, readonly Slot[]>();
  demoAccounts
    .filter((a) => a.role === 'UNIT_LIAISON')
    .forEach((account, i) => {
      const unit = demoUnitOf(account, units);
      if (unit) liaisonSlots.set(units.indexOf(unit), LIAISON_SLOTS[i % LIAISON_SLOTS.length]!);
    });

  const commitments: PlannedCommitment[] = [];
  units.forEach((unit, unitIndex) => {
    let slots = liaisonSlots.get(unitIndex);
    if (!slots) {
      // About one unit in twenty takes no part at all: the report's complaint.
      if (r.chance(0.05)) return;
      // Falling behind runs in units: about a quarter are slack about most of what they promise,
      // the rest rarely slip. Overall about 20 % of running commitments are behind and about
      // 15 % of ended ones lapsed.
      const slack = r.chance(0.25);
      const count = r.weighted([
        [1, 35],
        [2, 40],
        [3, 25],
      ] as const);
      slots = Array.from({ length: count }, (): Slot => {
        const kind = r.weighted(SLOT_WEIGHTS);
        if (kind === 'active') return r.chance(slack ? 0.55 : 0.08) ? 'behind' : 'onTrack';
        if (kind === 'ended') return r.chance(slack ? 0.45 : 0.05) ? 'lapsed' : 'completed';
        return kind;
      });
    }
    const used = new Set<string>();
    for (const slot of slots) {
      const pick = choose(r, unit, slot, used, needsOf.get(unit.communityCode) ?? []);
      if (!pick) continue;
      used.add(pick.template.key);
      commitments.push(planCommitment(r, unit, unitIndex, slot, pick));
    }
  });
  return { needs, commitments };
}

/** What a unit promises in a slot: often an answer to one of its community's needs. */
function choose(
  r: Random,
  unit: SeedUnit,
  slot: Slot,
  used: ReadonlySet<string>,
  communityNeeds: readonly { index: number; template: NeedTemplate }[],
): Pick | null {
  const fits = (t: Template) =>
    !used.has(t.key) && t.eligible(unit) && periodsFor(t, slot).length > 0;
  if (r.chance(0.32)) {
    const answerable = communityNeeds.flatMap(({ index, template: need }) => {
      const t = templateByKey.get(need.templateKey)!;
      if (!fits(t)) return [];
      const periods = periodsFor(t, slot).filter((p) => !need.periods || need.periods.includes(p));
      // A closed need was answered only while it was open, for its own season.
      if (!periods.length || (need.closedDay && slot !== 'completed' && slot !== 'lapsed'))
        return [];
      const createdDay = need.createdDay ?? '2025-11-05';
      return [{ template: t, period: r.pick(periods), need: { index, createdDay } }];
    });
    if (answerable.length) return r.pick(answerable);
  }
  // The category first, so the ten links are all represented, favouring the unit's specialities.
  const byCategory = new Map<CategoryCode, Template[]>();
  for (const t of TEMPLATES.filter(fits)) {
    byCategory.set(t.category, [...(byCategory.get(t.category) ?? []), t]);
  }
  if (!byCategory.size) return null;
  const category = r.weighted(
    [...byCategory].map(
      ([code, list]) => [code, Math.max(...list.map((t) => t.weight ?? 1))] as const,
    ),
  );
  const template = r.weighted(byCategory.get(category)!.map((t) => [t, t.weight ?? 1] as const));
  return { template, period: r.pick(periodsFor(template, slot)), need: null };
}

// ---------------------------------------------------------------- writing it

export interface CoBuildingRefs {
  /** The units, in the order of the seed list. */
  units: readonly Unit[];
  communityByCode: ReadonlyMap<string, Community>;
  categoryByCode: ReadonlyMap<string, CommitmentCategory>;
  /** The demo staff account of each community: it publishes needs and reviews. */
  staffByCommunity: ReadonlyMap<string, User>;
  /** Demo liaison accounts by unit position; other units' staff write for them. */
  liaisonByUnitIndex: ReadonlyMap<number, User>;
}

export interface CoBuildingCounts {
  needs: number;
  commitments: number;
  events: number;
  fulfilments: number;
}

/** Creates the plan's entities in `tx` (nothing is flushed here). */
export function insertCoBuilding(
  tx: EntityManager,
  plan: CoBuildingPlan,
  refs: CoBuildingRefs,
): CoBuildingCounts {
  const lookup = <T>(map: ReadonlyMap<string, T>, key: string, what: string): T => {
    const found = map.get(key);
    if (!found) throw new Error(`demo seed: no ${what} "${key}"`);
    return found;
  };
  const needs = plan.needs.map((n) =>
    tx.create(Need, {
      community: lookup(refs.communityByCode, n.communityCode, 'community'),
      category: lookup(refs.categoryByCode, n.categoryCode, 'commitment category'),
      title: n.title,
      description: n.description,
      measure: n.measure,
      amount: n.amount,
      status: n.status,
      createdBy: lookup(refs.staffByCommunity, n.communityCode, 'staff account for community'),
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    }),
  );
  let events = 0;
  let fulfilments = 0;
  for (const c of plan.commitments) {
    const unit = refs.units[c.unitIndex];
    if (!unit) throw new Error(`demo seed: no unit #${c.unitIndex}`);
    const staff = lookup(refs.staffByCommunity, c.communityCode, 'staff account for community');
    const creator = refs.liaisonByUnitIndex.get(c.unitIndex) ?? staff;
    const commitment = tx.create(Commitment, {
      unit,
      community: lookup(refs.communityByCode, c.communityCode, 'community'),
      category: lookup(refs.categoryByCode, c.categoryCode, 'commitment category'),
      need: c.needIndex === null ? null : needs[c.needIndex]!,
      title: c.title,
      description: c.description,
      measure: c.measure,
      targetAmount: c.targetAmount,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      status: c.status,
      verifiedAmount: c.verifiedAmount,
      pendingAmount: c.pendingAmount,
      createdBy: creator,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    });
    for (const e of c.events) {
      tx.create(CommitmentEvent, {
        commitment,
        action: e.action,
        actor: e.by === 'unit' ? creator : e.by === 'staff' ? staff : null,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
        createdAt: e.at,
        updatedAt: e.at,
      });
    }
    for (const f of c.fulfilments) {
      tx.create(Fulfilment, {
        commitment,
        amount: f.amount,
        date: f.date,
        note: f.note,
        status: f.status,
        recordedBy: creator,
        reviewedBy: f.reviewedAt ? staff : null,
        reviewedAt: f.reviewedAt,
        reviewNote: f.reviewNote,
        createdAt: f.recordedAt,
        updatedAt: f.reviewedAt ?? f.recordedAt,
      });
    }
    events += c.events.length;
    fulfilments += c.fulfilments.length;
  }
  return { needs: needs.length, commitments: plan.commitments.length, events, fulfilments };
}
