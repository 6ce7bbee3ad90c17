import type { SeedCommunity } from './types.js';

/**
 * The six communities of Qingshan sub-district (青山街道) named in the inspection report.
 *
 * The report gives only sub-district totals (22,606 households, 54,425 residents, 45 full-time
 * and 18 seconded staff, 31 party branches, 755 party members); the split below is invented but
 * sums exactly to them. Staffing is deliberately a little short of the provincial standard
 * (one worker per 300–400 households, +1 per 500 households above 3,000) — the report's point.
 * Addresses are fictional.
 */
export const communities: SeedCommunity[] = [
  {
    code: 'jianan',
    name: '建安社区',
    nameEn: "Jian'an",
    households: 4712,
    residents: 11342,
    fullTimeWorkers: 8,
    secondedWorkers: 4,
    partyBranches: 6,
    partyMembers: 152,
    address: '青山街道建安街88号',
  },
  {
    code: 'yangguang',
    name: '阳光社区',
    nameEn: 'Yangguang',
    households: 3268,
    residents: 7712,
    fullTimeWorkers: 7,
    secondedWorkers: 3,
    partyBranches: 5,
    partyMembers: 118,
    address: '青山街道阳光大街126号',
  },
  {
    code: 'fukang',
    name: '福康社区',
    nameEn: 'Fukang',
    households: 5104,
    residents: 12398,
    fullTimeWorkers: 10,
    secondedWorkers: 4,
    partyBranches: 7,
    partyMembers: 171,
    address: '青山街道福康路35号',
  },
  {
    code: 'tiane',
    name: '天鹅社区',
    nameEn: "Tian'e",
    households: 3851,
    residents: 9011,
    fullTimeWorkers: 7,
    secondedWorkers: 3,
    partyBranches: 5,
    partyMembers: 132,
    address: '青山街道天鹅路17号',
  },
  {
    code: 'liantong',
    name: '联通社区',
    nameEn: 'Liantong',
    households: 2683,
    residents: 6761,
    fullTimeWorkers: 6,
    secondedWorkers: 2,
    partyBranches: 4,
    partyMembers: 83,
    address: '青山街道邮电街52号',
  },
  {
    code: 'guotuziyuan',
    name: '国土资源社区',
    nameEn: 'Guotu Ziyuan',
    households: 2988,
    residents: 7201,
    fullTimeWorkers: 7,
    secondedWorkers: 2,
    partyBranches: 4,
    partyMembers: 99,
    address: '青山街道资源街9号',
  },
];
