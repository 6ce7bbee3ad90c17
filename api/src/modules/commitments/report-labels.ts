// The words of the co-building report in each language: labels of kinds, statuses and
// measures, titles, notes and the download's name.
import { safeFileName, type ExportLocale } from '../../http/exports.js';
import type { UnitKind } from '../directory/unit.entity.js';
import type { CommitmentStatus, Measure } from './commitment.enums.js';
import type { CoBuildingReport } from './co-building-report.js';

export const KIND_LABELS: Record<ExportLocale, Record<UnitKind, string>> = {
  'zh-CN': {
    ENTERPRISE: '企业',
    INSTITUTION: '事业单位',
    SCHOOL: '学校',
    HOSPITAL: '医院',
    GOVERNMENT_DEPARTMENT: '政府部门',
    SOCIAL_ORGANISATION: '社会组织',
  },
  en: {
    ENTERPRISE: 'Enterprise',
    INSTITUTION: 'Public institution',
    SCHOOL: 'School',
    HOSPITAL: 'Hospital',
    GOVERNMENT_DEPARTMENT: 'Government department',
    SOCIAL_ORGANISATION: 'Social organisation',
  },
};

export const STATUS_LABELS: Record<ExportLocale, Record<CommitmentStatus, string>> = {
  'zh-CN': {
    DRAFT: '草稿',
    SUBMITTED: '待审核',
    ACTIVE: '履行中',
    COMPLETED: '已完成',
    LAPSED: '已逾期',
    REJECTED: '未通过',
    WITHDRAWN: '已撤回',
  },
  en: {
    DRAFT: 'Draft',
    SUBMITTED: 'Submitted',
    ACTIVE: 'Active',
    COMPLETED: 'Completed',
    LAPSED: 'Lapsed',
    REJECTED: 'Rejected',
    WITHDRAWN: 'Withdrawn',
  },
};

export const MEASURE_LABELS: Record<ExportLocale, Record<Measure, string>> = {
  'zh-CN': {
    VOLUNTEER_HOURS: '志愿服务时长（小时）',
    EVENTS: '活动（场）',
    PEOPLE_SERVED: '服务人次',
    FUNDS_YUAN: '资金（元）',
    VENUE_SESSIONS: '场地开放（次）',
    ITEMS: '物资（件）',
  },
  en: {
    VOLUNTEER_HOURS: 'Volunteer hours',
    EVENTS: 'Events',
    PEOPLE_SERVED: 'People served',
    FUNDS_YUAN: 'Funds (yuan)',
    VENUE_SESSIONS: 'Venue sessions',
    ITEMS: 'Items',
  },
};

/** Column headers, in the file's language only. */
export const HEADERS = {
  'zh-CN': {
    rank: '名次',
    unit: '单位',
    community: '社区',
    kind: '类型',
    commitments: '承诺数',
    active: '履行中',
    completed: '已完成',
    lapsed: '已逾期',
    behind: '进度滞后',
    rate: '履约率',
    unitRate: '单位履约率',
    pace: '进度达成率',
    lagging: '后进',
    category: '类别',
    commitment: '承诺事项',
    measure: '计量',
    target: '目标',
    verified: '已核实',
    ratio: '完成比例',
    status: '状态',
    start: '开始',
    end: '结束',
  },
  en: {
    rank: 'Rank',
    unit: 'Unit',
    community: 'Community',
    kind: 'Kind',
    commitments: 'Commitments',
    active: 'Active',
    completed: 'Completed',
    lapsed: 'Lapsed',
    behind: 'Behind',
    rate: 'Fulfilment rate',
    unitRate: 'Unit rate',
    pace: 'Pace',
    lagging: 'Lagging',
    category: 'Category',
    commitment: 'Commitment',
    measure: 'Measure',
    target: 'Target',
    verified: 'Verified',
    ratio: 'Ratio',
    status: 'Status',
    start: 'Start',
    end: 'End',
  },
} as const satisfies Record<ExportLocale, Record<string, string>>;

export const TEXT = {
  'zh-CN': {
    yes: '是',
    no: '否',
    notRated: '未评定',
    sheets: { ranking: '单位排名', commitments: '承诺明细' },
    title: (r: CoBuildingReport) =>
      `${r.community?.name ?? '全街道'}共驻共建联席会年度报告（${r.year} 年）`,
    subtitle: (r: CoBuildingReport) =>
      `类别：${r.category?.name ?? '全部类别'}；统计履行中、已完成、已逾期的承诺；进度截至 ${r.asOf}`,
    notes: [
      '履约率：单位各项承诺“已核实 ÷ 目标”（单项最高 100%）的平均值；合计行为全部承诺的平均值。',
      '进度达成率：单位各项承诺“已核实 ÷ 至今应完成量”（应完成量 = 目标 × 该承诺期限已过的比例，单项最高 100%）的平均值；名次按进度达成率从高到低，相同者名次相同。',
      '未评定：还没有承诺，或承诺都在期限的前 15% 之内的单位，不排名，也不算后进。',
      '后进单位：有已逾期的承诺，或有进度滞后的承诺（完成比例落后时间进度 15 个百分点以上）。',
    ],
    fileName: (r: CoBuildingReport) =>
      `共建年度报告-${r.community?.name ?? '全街道'}-${r.year}${r.category ? `-${r.category.name}` : ''}`,
  },
  en: {
    yes: 'Yes',
    no: 'No',
    notRated: 'Not yet rated',
    sheets: { ranking: 'Ranking', commitments: 'Commitments' },
    title: (r: CoBuildingReport) =>
      `${r.community?.nameEn ?? 'Sub-district'} Co-building Joint Council — Annual Report ${r.year}`,
    subtitle: (r: CoBuildingReport) =>
      `Category: ${r.category?.nameEn ?? 'all'} · Active, completed and lapsed commitments · Progress as of ${r.asOf}`,
    notes: [
      'Fulfilment rate: the mean over a unit’s commitments of verified ÷ target, each capped at 100%; the total row is the mean over all commitments.',
      'Pace: the mean over a unit’s commitments of verified ÷ expected so far (target × the share of that commitment’s period elapsed), each capped at 100%; units rank by pace, highest first, equal paces sharing a rank.',
      'Not yet rated: units with no commitment yet, or only commitments in the first 15% of their period; they are neither ranked nor lagging.',
      'Lagging: a lapsed commitment, or one behind schedule (more than 15 points behind the share of its period elapsed).',
    ],
    fileName: (r: CoBuildingReport) =>
      `co-building-report-${r.community?.nameEn ?? 'sub-district'}-${r.year}${r.category ? `-${r.category.code}` : ''}`,
  },
} as const;

/** The download's name without extension, e.g. `共建年度报告-建安社区-2026`. */
export function reportFileName(report: CoBuildingReport, locale: ExportLocale): string {
  return safeFileName(TEXT[locale].fileName(report));
}
