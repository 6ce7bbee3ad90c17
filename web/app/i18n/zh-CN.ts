// Simplified Chinese, the first language. Its shape is the type every other language must match.
import type { Role } from '../../../schema/generated/graphql';

export const zhCN = {
  app: {
    name: '共建',
    nameLatin: 'Gongjian',
    district: '青山街道',
    skipToContent: '跳到主要内容',
  },
  language: {
    label: '语言',
    zh: '中文',
    en: 'English',
  },
  role: {
    STREET_ADMIN: '街道管理员',
    COMMUNITY_STAFF: '社区工作者',
    UNIT_LIAISON: '驻区单位联络员',
    SOCIAL_WORKER: '社工',
    VOLUNTEER: '志愿者',
  } satisfies Record<Role, string>,
  header: {
    account: '当前账号',
    logout: '退出登录',
  },
  login: {
    title: '登录',
    heading: '登录共建平台',
    intro: '青山街道共驻共建、志愿服务与社工联动平台。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    failed: '登录未成功，请检查后重试。',
  },
  errorCode: {
    INVALID_CREDENTIALS: '用户名或密码不正确。',
    RATE_LIMITED: '登录尝试次数过多，请稍等几分钟后再试。',
    REQUIRED: '请填写此项。',
    UNAUTHENTICATED: '登录已过期，请重新登录。',
  },
  communities: {
    title: '社区概况',
    heading: '社区概况',
    intro: '各社区的户数、人口、网格与驻区单位，以及社区工作者配备与省定标准的对比。',
    caption: '青山街道各社区概况',
    standard:
      '省定标准：每 300–400 户配备 1 名社区工作者，一般每个社区 5–9 人；3000 户以上每增加 500 户增配 1 人。网格宜为 200–300 户。',
    empty: '暂无社区数据。',
    total: '合计',
    columns: {
      community: '社区',
      households: '户数',
      residents: '人口',
      grids: '网格数',
      units: '驻区单位',
      workers: '社区工作者（在册 / 标准）',
      gridsOver400: '超 400 户网格',
    },
    workersRecorded: '在册 {{actual}} 人',
    workersRequired: '标准 {{min}}–{{max}} 人',
    workersRequiredExact: '标准 {{n}} 人',
    understaffed: '人员不足',
    shortBy: '缺 {{shortfall}} 人',
    staffed: '达标',
    notVisible: '仅街道和本社区工作人员可见',
    understaffedCommunities: '{{n}} 个社区人员不足',
  },
  error: {
    heading: '页面暂时无法显示',
    generic: '系统出现了问题，我们已记录下来。请稍后重试。',
    notFound: '找不到这个页面，可能链接已失效。',
    forbidden: '你没有查看此页面的权限。',
    unavailable: '服务暂时不可用，请稍后重试。',
    backHome: '返回首页',
  },
};

export type Messages = typeof zhCN;
