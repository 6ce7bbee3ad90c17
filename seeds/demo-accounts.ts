// The demo accounts, one or more per role; the README lists them with this password.
import type { SeedUnit } from './qingshan/types.js';

export const DEMO_PASSWORD = 'Gongjian@2026';

export type DemoRole =
  'STREET_ADMIN' | 'COMMUNITY_STAFF' | 'UNIT_LIAISON' | 'SOCIAL_WORKER' | 'VOLUNTEER';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: DemoRole;
  communityCode: string | null;
  /** For liaisons: which unit of the community (by position in the seed list). */
  unitIndex?: number;
  phone: string | null;
}

export const demoAccounts: DemoAccount[] = [
  {
    username: 'admin',
    displayName: '街道管理员',
    role: 'STREET_ADMIN',
    communityCode: null,
    phone: null,
  },
  {
    username: 'staff.jianan',
    displayName: '建安社区工作者',
    role: 'COMMUNITY_STAFF',
    communityCode: 'jianan',
    phone: '13904560101',
  },
  {
    username: 'staff.yangguang',
    displayName: '阳光社区工作者',
    role: 'COMMUNITY_STAFF',
    communityCode: 'yangguang',
    phone: '13904560102',
  },
  {
    username: 'staff.fukang',
    displayName: '福康社区工作者',
    role: 'COMMUNITY_STAFF',
    communityCode: 'fukang',
    phone: '13904560103',
  },
  {
    username: 'staff.tiane',
    displayName: '天鹅社区工作者',
    role: 'COMMUNITY_STAFF',
    communityCode: 'tiane',
    phone: '13904560104',
  },
  {
    username: 'staff.liantong',
    displayName: '联通社区工作者',
    role: 'COMMUNITY_STAFF',
    communityCode: 'liantong',
    phone: '13904560105',
  },
  {
    username: 'staff.guotuziyuan',
    displayName: '国土资源社区工作者',
    role: 'COMMUNITY_STAFF',
    communityCode: 'guotuziyuan',
    phone: '13904560106',
  },
  {
    username: 'liaison.jianan',
    displayName: '建安单位联络员',
    role: 'UNIT_LIAISON',
    communityCode: 'jianan',
    unitIndex: 0,
    phone: '13904560201',
  },
  {
    username: 'liaison.jianan2',
    displayName: '建安单位联络员二',
    role: 'UNIT_LIAISON',
    communityCode: 'jianan',
    unitIndex: 1,
    phone: '13904560202',
  },
  {
    username: 'social.jianan',
    displayName: '建安社工',
    role: 'SOCIAL_WORKER',
    communityCode: 'jianan',
    phone: '13904560301',
  },
  {
    username: 'volunteer.jianan',
    displayName: '建安志愿者',
    role: 'VOLUNTEER',
    communityCode: 'jianan',
    phone: '13904560401',
  },
];

/** The unit a liaison demo account speaks for. */
export function demoUnitOf(account: DemoAccount, units: readonly SeedUnit[]): SeedUnit | undefined {
  if (account.unitIndex === undefined) return undefined;
  return units.filter((u) => u.communityCode === account.communityCode)[account.unitIndex];
}
