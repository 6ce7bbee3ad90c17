// Messages of the reports pages: zh-CN first; English has the same shape (the typecheck enforces it).
import type { WithEnglishPlurals } from '../plural';

export const reportsZh = {
  title: '报表',
  heading: '报表下载',
  intro: '报表按当前数据生成，可下载 Excel（xlsx）或 CSV 文件；文件语言与页面语言一致。',
  community: '社区',
  allCommunities: '全街道',
  year: '年度',
  category: '类别',
  allCategories: '全部类别',
  format: '格式',
  xlsx: 'Excel（xlsx）',
  csv: 'CSV',
  download: '下载',
  quick: '快速下载：',
  coBuilding: {
    heading: '共驻共建年度报告',
    description:
      '各驻区单位的承诺、履约率、进度达成率与排名，后进单位在前；可按年度、社区、类别筛选。与联席会年度报告口径一致，表头与文字跟随页面语言。',
    xlsx: '下载 {{year}} 年报告（Excel）',
    csv: '下载 {{year}} 年报告（CSV）',
  },
  staffing: {
    heading: '社区工作者配备情况',
    description: '社区工作者、网格长与省定标准的对比，含下派人员和超标网格。',
    xlsx: '下载配备情况（Excel）',
    csv: '下载配备情况（CSV）',
  },
  overview: {
    heading: '社区概况',
    description: '六个社区的户数、人口、网格、驻区单位与人员配备，可在页面上直接查看。',
    link: '查看社区概况',
  },
};

export const reportsEn: WithEnglishPlurals<typeof reportsZh> = {
  title: 'Reports',
  heading: 'Report downloads',
  intro:
    'Reports are built from the current data, as Excel (xlsx) or CSV files, in the language of this page.',
  community: 'Community',
  allCommunities: 'Whole sub-district',
  year: 'Year',
  category: 'Category',
  allCategories: 'All categories',
  format: 'Format',
  xlsx: 'Excel (xlsx)',
  csv: 'CSV',
  download: 'Download',
  quick: 'Quick downloads:',
  coBuilding: {
    heading: 'Co-building annual report',
    description:
      'Every resident unit’s commitments, fulfilment rate, pace and rank, lagging units first; by year, community and category. The same figures as the joint council’s annual report, with headers and labels in the page’s language.',
    xlsx: 'Report {{year}} (Excel)',
    csv: 'Report {{year}} (CSV)',
  },
  staffing: {
    heading: 'Community staffing',
    description:
      'Community workers and grid leaders against the provincial standard, with seconded staff and overloaded grids.',
    xlsx: 'Staffing (Excel)',
    csv: 'Staffing (CSV)',
  },
  overview: {
    heading: 'Communities overview',
    description:
      'Households, residents, grids, resident units and staffing of the six communities, on screen.',
    link: 'Open the communities overview',
  },
};
