// Words the synthetic city is made of: place names, unit trades, activities, commitments.
// Borrowed from the Qingshan demo (seeds/shifts.ts, seeds/commitments.ts) where sensible.
import { Measure } from '../../api/src/modules/commitments/commitment.enums.js';
import { Skill } from '../../api/src/modules/shifts/shift.enums.js';

/** Two-syllable place words with their pinyin; community names combine two of them. */
export const PLACE_WORDS: readonly (readonly [zh: string, en: string])[] = [
  ['建安', "Jian'an"],
  ['阳光', 'Yangguang'],
  ['富康', 'Fukang'],
  ['天鹅', 'Tiane'],
  ['联通', 'Liantong'],
  ['和平', 'Heping'],
  ['兴华', 'Xinghua'],
  ['松江', 'Songjiang'],
  ['长青', 'Changqing'],
  ['新阳', 'Xinyang'],
  ['东风', 'Dongfeng'],
  ['红旗', 'Hongqi'],
  ['友谊', 'Youyi'],
  ['龙江', 'Longjiang'],
  ['丁香', 'Dingxiang'],
  ['滨江', 'Binjiang'],
  ['安康', 'Ankang'],
  ['永安', "Yong'an"],
  ['文化', 'Wenhua'],
  ['胜利', 'Shengli'],
  ['民主', 'Minzhu'],
  ['曙光', 'Shuguang'],
  ['金山', 'Jinshan'],
  ['银河', 'Yinhe'],
];

export const STREET_SUFFIXES = ['大街', '路', '街'] as const;

export type UnitKindName =
  | 'ENTERPRISE'
  | 'INSTITUTION'
  | 'SCHOOL'
  | 'HOSPITAL'
  | 'GOVERNMENT_DEPARTMENT'
  | 'SOCIAL_ORGANISATION';

export const UNIT_KIND_WEIGHTS: readonly (readonly [UnitKindName, number])[] = [
  ['ENTERPRISE', 55],
  ['INSTITUTION', 12],
  ['SCHOOL', 10],
  ['HOSPITAL', 5],
  ['GOVERNMENT_DEPARTMENT', 10],
  ['SOCIAL_ORGANISATION', 8],
];

/** Name endings per kind, with a typical staff range. */
export const UNIT_NAMES: Record<UnitKindName, readonly (readonly [string, number, number])[]> = {
  ENTERPRISE: [
    ['供电营业所', 20, 80],
    ['热力有限公司', 40, 300],
    ['商贸有限公司', 8, 60],
    ['物业服务有限公司', 15, 120],
    ['建筑工程有限公司', 30, 400],
    ['超市', 10, 80],
    ['食品有限公司', 20, 200],
    ['银行支行', 15, 40],
    ['农村信用社', 10, 30],
    ['保险营业部', 10, 50],
    ['通信营业厅', 8, 30],
    ['酒店', 20, 150],
    ['物流有限公司', 15, 200],
    ['药房连锁店', 6, 30],
  ],
  INSTITUTION: [
    ['图书馆', 10, 60],
    ['文化馆', 10, 40],
    ['科技馆', 15, 60],
    ['档案馆', 8, 30],
    ['青少年活动中心', 10, 40],
  ],
  SCHOOL: [
    ['小学', 40, 120],
    ['中学', 60, 200],
    ['幼儿园', 15, 50],
    ['职业技术学校', 60, 300],
  ],
  HOSPITAL: [
    ['社区卫生服务中心', 20, 80],
    ['医院', 100, 800],
    ['中医诊所', 5, 20],
  ],
  GOVERNMENT_DEPARTMENT: [
    ['派出所', 20, 80],
    ['市场监督管理所', 10, 40],
    ['税务所', 15, 60],
    ['司法所', 5, 20],
    ['消防救援站', 20, 60],
  ],
  SOCIAL_ORGANISATION: [
    ['社会工作服务中心', 5, 30],
    ['志愿者协会', 3, 20],
    ['养老服务中心', 10, 60],
    ['慈善基金会', 3, 15],
  ],
};

export type CategoryCode =
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

export interface CommitmentTemplate {
  category: CategoryCode;
  title: string;
  measure: Measure;
  /** What a record's note says was done. */
  doing: string;
  /** A typical single record, in the measure's units. */
  perRecord: readonly [number, number];
}

const M = Measure;
export const COMMITMENT_TEMPLATES: readonly CommitmentTemplate[] = [
  {
    category: 'organisation',
    title: '与社区党委联合开展主题党日活动',
    measure: M.EVENTS,
    doing: '联合主题党日活动',
    perRecord: [1, 1],
  },
  {
    category: 'organisation',
    title: '在职党员到社区报到服务',
    measure: M.VOLUNTEER_HOURS,
    doing: '在职党员社区报到服务',
    perRecord: [4, 40],
  },
  {
    category: 'organisation',
    title: '党员认领社区居民微心愿',
    measure: M.ITEMS,
    doing: '认领的居民微心愿',
    perRecord: [1, 6],
  },
  {
    category: 'venues',
    title: '开放职工活动室供老年合唱团排练',
    measure: M.VENUE_SESSIONS,
    doing: '老年合唱团排练',
    perRecord: [1, 2],
  },
  {
    category: 'venues',
    title: '开放会议室用于居民议事会和楼长例会',
    measure: M.VENUE_SESSIONS,
    doing: '居民议事会和楼长例会',
    perRecord: [1, 2],
  },
  {
    category: 'activities',
    title: '与社区联合举办邻里节活动',
    measure: M.EVENTS,
    doing: '邻里节活动',
    perRecord: [1, 2],
  },
  {
    category: 'activities',
    title: '开展便民服务日活动',
    measure: M.PEOPLE_SERVED,
    doing: '便民服务日',
    perRecord: [20, 120],
  },
  {
    category: 'resources',
    title: '捐赠社区服务站办公和活动物资',
    measure: M.ITEMS,
    doing: '捐赠的物资',
    perRecord: [5, 60],
  },
  {
    category: 'resources',
    title: '出资支持社区老旧小区微改造',
    measure: M.FUNDS_YUAN,
    doing: '微改造资金',
    perRecord: [2000, 20000],
  },
  {
    category: 'security',
    title: '组织职工志愿者参加楼院治安巡逻',
    measure: M.VOLUNTEER_HOURS,
    doing: '职工志愿者治安巡逻',
    perRecord: [6, 30],
  },
  {
    category: 'security',
    title: '开展消防和反诈安全宣传',
    measure: M.PEOPLE_SERVED,
    doing: '安全宣传',
    perRecord: [30, 200],
  },
  {
    category: 'environment',
    title: '冬季承包责任路段清雪',
    measure: M.VOLUNTEER_HOURS,
    doing: '责任路段清雪',
    perRecord: [8, 60],
  },
  {
    category: 'environment',
    title: '参与楼院环境整治和垃圾分类督导',
    measure: M.VOLUNTEER_HOURS,
    doing: '楼院环境整治',
    perRecord: [4, 30],
  },
  {
    category: 'hardship',
    title: '结对帮扶社区困难家庭',
    measure: M.FUNDS_YUAN,
    doing: '困难家庭帮扶金',
    perRecord: [500, 5000],
  },
  {
    category: 'hardship',
    title: '为高龄独居老人送餐上门',
    measure: M.PEOPLE_SERVED,
    doing: '助老送餐',
    perRecord: [10, 60],
  },
  {
    category: 'hardship',
    title: '组织医护人员进社区义诊',
    measure: M.PEOPLE_SERVED,
    doing: '社区义诊',
    perRecord: [20, 150],
  },
  {
    category: 'culture',
    title: '为社区青少年开展课后辅导',
    measure: M.VOLUNTEER_HOURS,
    doing: '青少年课后辅导',
    perRecord: [4, 24],
  },
  {
    category: 'culture',
    title: '捐赠图书充实社区书屋',
    measure: M.ITEMS,
    doing: '捐赠的图书',
    perRecord: [20, 300],
  },
  {
    category: 'information',
    title: '开设助老数字课堂',
    measure: M.EVENTS,
    doing: '助老数字课堂',
    perRecord: [1, 2],
  },
  {
    category: 'talent',
    title: '专业人才到社区开展法律咨询',
    measure: M.VOLUNTEER_HOURS,
    doing: '法律咨询',
    perRecord: [2, 12],
  },
];

export const NEED_TITLES: readonly (readonly [CategoryCode, string, Measure])[] = [
  ['environment', '冬季主干道和楼院清雪人手', M.VOLUNTEER_HOURS],
  ['hardship', '困难家庭节日慰问资金', M.FUNDS_YUAN],
  ['hardship', '高龄独居老人助餐服务', M.PEOPLE_SERVED],
  ['culture', '“四点半课堂”课业辅导志愿者', M.VOLUNTEER_HOURS],
  ['venues', '居民文体活动场地', M.VENUE_SESSIONS],
  ['resources', '社区书屋图书', M.ITEMS],
  ['security', '楼院治安巡逻力量', M.VOLUNTEER_HOURS],
  ['activities', '邻里节和传统节日活动', M.EVENTS],
  ['information', '老年人智能手机培训', M.EVENTS],
  ['talent', '法律和心理咨询专业人才', M.VOLUNTEER_HOURS],
];

export const REJECT_REASONS = [
  '承诺内容与社区需求不符，请与社区沟通后重新提交。',
  '目标数量过低，请结合单位规模调整后重新提交。',
  '履行期限不明确，请补充具体安排。',
] as const;

export const FULFILMENT_REJECT_REASONS = [
  '照片无法看清活动现场，请补充材料后重新提交。',
  '记录日期与活动安排不符，请核实。',
  '数量与签到表不一致，请核实后重新提交。',
] as const;

/** Shift blocks: a shift lies within one block of its day, so blocks never overlap. */
export type Block = 0 | 1 | 2;

export interface ActivityTemplate {
  key: string;
  category: CategoryCode;
  title: string;
  description: string;
  location: string;
  requiredSkills: readonly Skill[];
  /** Start (minutes after midnight) and length; the block follows from the start. */
  slots: readonly (readonly [days: readonly number[], start: number, minutes: number])[];
  capacity: readonly [number, number];
}

const h = (hh: number, mm = 0) => hh * 60 + mm;
const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

export const COMMUNITY_ACTIVITIES: readonly ActivityTemplate[] = [
  {
    key: 'meals',
    category: 'hardship',
    title: '助老送餐：为高龄独居老人送餐上门',
    description:
      '在社区老年助餐点取餐，按名单为行动不便的高龄、独居老人送餐上门，顺便问问身体和生活情况，发现异常及时告诉网格员。',
    location: '{c}社区老年助餐点',
    requiredSkills: [Skill.ELDER_CARE],
    slots: [[[1, 2, 3, 4, 5, 6], h(10, 30), 120]],
    capacity: [4, 8],
  },
  {
    key: 'cleanup',
    category: 'environment',
    title: '环境卫生大扫除：楼院和背街小巷清扫',
    description: '清扫楼院、背街小巷和绿地的垃圾杂物，清理卫生死角，工具由社区提供。',
    location: '{c}社区各网格楼院',
    requiredSkills: [],
    slots: [
      [[1, 3, 5], h(8), 150],
      [WEEKEND, h(8, 30), 150],
    ],
    capacity: [10, 20],
  },
  {
    key: 'patrol',
    category: 'security',
    title: '平安守护：楼院治安巡逻',
    description:
      '佩戴红袖标在楼院、车棚和背街小巷巡逻，查看消防通道占用和楼道堆物，提醒居民锁好门窗和电动车，发现隐患报告社区警务室。',
    location: '{c}社区警务室集合',
    requiredSkills: [Skill.PATROL],
    slots: [
      [[2, 4], h(14), 150],
      [[6], h(9), 150],
      [[1, 3, 5], h(18, 30), 120],
    ],
    capacity: [4, 10],
  },
  {
    key: 'tutoring',
    category: 'culture',
    title: '“四点半课堂”青少年课业辅导',
    description:
      '放学后为双职工家庭和困难家庭的小学生辅导作业、陪伴阅读，每位志愿者带3—4名孩子，结束后把孩子交到家长手中。',
    location: '{c}社区党群服务中心二楼四点半课堂',
    requiredSkills: [Skill.CHILD_TUTORING],
    slots: [
      [WEEKDAYS, h(15, 30), 120],
      [[6], h(9), 120],
    ],
    capacity: [4, 8],
  },
  {
    key: 'clinic',
    category: 'hardship',
    title: '健康义诊：测血压血糖和用药咨询',
    description:
      '与社区卫生服务站合作为居民免费测量血压、血糖，解答慢性病用药问题，为行动不便的老人建立随访名单。',
    location: '{c}社区卫生服务站门前',
    requiredSkills: [Skill.MEDICAL],
    slots: [
      [[3], h(9), 150],
      [[6], h(8, 30), 180],
    ],
    capacity: [4, 6],
  },
  {
    key: 'antiFraud',
    category: 'security',
    title: '反诈宣传进楼院：守好老人“钱袋子”',
    description:
      '入户和在楼院发放防范电信网络诈骗宣传单，帮居民安装国家反诈中心App，讲解冒充客服、养老投资等常见骗局。',
    location: '{c}社区文化广场及各楼院',
    requiredSkills: [],
    slots: [
      [[2, 4], h(9, 30), 120],
      [[6], h(9, 30), 120],
    ],
    capacity: [6, 12],
  },
  {
    key: 'sorting',
    category: 'environment',
    title: '垃圾分类定时定点督导',
    description:
      '在垃圾分类投放点值守，指导居民分类投放、破袋投放厨余垃圾，记录混投情况，宣传垃圾分类知识。',
    location: '{c}社区各小区垃圾分类投放点',
    requiredSkills: [],
    slots: [
      [[1, 3, 5], h(8), 120],
      [[7], h(8, 30), 120],
      [WEEKDAYS, h(18), 120],
    ],
    capacity: [6, 12],
  },
  {
    key: 'digital',
    category: 'information',
    title: '助老数字课堂：教老人用智能手机',
    description:
      '一对一教老年人使用智能手机：视频通话、健康码和医保电子凭证、网上缴费和挂号，提醒防范网络诈骗。',
    location: '{c}社区党群服务中心多功能室',
    requiredSkills: [Skill.IT],
    slots: [[[2, 4, 6], h(14, 30), 120]],
    capacity: [4, 8],
  },
  {
    key: 'legal',
    category: 'talent',
    title: '法律服务进社区：纠纷调解和法律咨询',
    description:
      '为居民提供婚姻家庭、赡养继承、物业纠纷等法律咨询，协助社区调解邻里矛盾，必要时引导申请法律援助。',
    location: '{c}社区人民调解室',
    requiredSkills: [Skill.LEGAL],
    slots: [
      [[3], h(14), 150],
      [[6], h(9), 150],
    ],
    capacity: [4, 5],
  },
  {
    key: 'culture',
    category: 'culture',
    title: '邻里文化活动现场保障',
    description:
      '为社区合唱团、广场舞队和书画班的活动布置场地、签到引导、维持秩序，活动结束后恢复场地。',
    location: '{c}社区文化广场',
    requiredSkills: [Skill.EVENT_SUPPORT],
    slots: [
      [[5], h(14), 150],
      [[7], h(9), 150],
      [[6], h(18, 30), 120],
    ],
    capacity: [8, 16],
  },
];

export const SOCIAL_WORKER_ACTIVITY: ActivityTemplate = {
  key: 'socialVisit',
  category: 'hardship',
  title: '“社工+义工”独居老人关爱探访',
  description:
    '由社区社工带队，两人一组入户探访独居、空巢老人，陪伴聊天、检查家中水电燃气安全，填写探访记录，社工跟进发现的困难。',
  location: '{c}社区社工站集合后入户',
  requiredSkills: [Skill.ELDER_CARE],
  slots: [[[1, 3, 5], h(9), 150]],
  capacity: [6, 8],
};

export const UNIT_ACTIVITY: ActivityTemplate = {
  key: 'unitService',
  category: 'activities',
  title: '便民服务日',
  description: '单位职工为居民义务理发、磨刀、修理小家电，志愿者负责现场引导和秩序。',
  location: '{u}门前广场',
  requiredSkills: [],
  slots: [
    [[6], h(9), 180],
    [[3], h(14), 150],
  ],
  capacity: [6, 12],
};

export const CANCEL_REASONS = [
  '天气预报有大到暴雪，为安全起见本次活动取消，已报名的志愿者请留意下次班次。',
  '场地临时用于疫苗接种，本次活动取消，请关注后续班次。',
  '气象台发布大风橙色预警，为安全起见本次活动取消。',
  '组织单位临时有紧急任务，本次活动改期，给大家添麻烦了。',
] as const;

export const SUPERVISION_NOTES = [
  '电话了解近期服务情况，志愿者反映老人情绪稳定，约定下周一起入户。',
  '一同入户探访，指导志愿者做好探访记录，提醒注意老人用药安全。',
  '线上督导：讨论服务中遇到的沟通困难，分享倾听技巧。',
  '参加小组督导，交流本月服务经验，布置下月重点探访对象。',
  '面谈回顾结对以来的服务，志愿者希望增加周末服务时段。',
] as const;

export const PAIRING_END_REASONS = [
  '志愿者工作调动，时间无法保证，双方协商结束结对。',
  '志愿者搬离本社区。',
  '社工调整服务领域，重新安排结对。',
] as const;
