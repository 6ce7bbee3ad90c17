import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeCommunity,
  makeShift,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import { Activity } from './activity.entity.js';
import { Attendance, OrganiserKind, SignupStatus } from './shift.enums.js';
import type { Shift } from './shift.entity.js';
import { Signup } from './signup.entity.js';
import { Volunteer } from './volunteer.entity.js';

const t = useTestApp();

let community: Community;
let staff: User;
let volunteer: { user: User; volunteer: Volunteer };
let tokens: Record<
  'volunteer' | 'staff' | 'otherStaff' | 'admin' | 'socialWorker' | 'other',
  string
>;
let activities: Record<'community' | 'unit' | 'socialWorker', Activity>;
let socialWorker: User;

/** A sign-up that was attended; `confirmed` says whether the organiser confirmed its minutes. */
async function served(shift: Shift, v: Volunteer, minutes: number, confirmed = true) {
  const em = t.orm.em.fork();
  em.create(Signup, {
    shift: shift.id,
    volunteer: v.id,
    status: SignupStatus.CONFIRMED,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    attendance: Attendance.CHECKED_OUT,
    checkedInAt: shift.startsAt,
    checkedOutAt: shift.endsAt,
    minutes,
    hoursConfirmedAt: confirmed ? shift.endsAt : null,
    hoursConfirmedBy: confirmed ? staff.id : null,
  });
  await em.flush();
}

const dayInShanghai = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(date);
const clock = (date: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);

const base = () => t.url.replace(/\/graphql$/, '');
const download = (format: string, token?: string | null, query = '') =>
  fetch(`${base()}/volunteer/service-record.${format}${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

let shifts: { shift: Shift; activity: Activity; organiser: string; minutes: number }[];

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  const elsewhere = await makeCommunity(t.orm);
  staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
  socialWorker = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community });
  const unit = await makeUnit(t.orm, community, { name: '青山热电厂' });
  activities = {
    community: await makeActivity(t.orm, community, { createdBy: staff }),
    unit: await makeActivity(t.orm, community, { createdBy: staff, organiserUnit: unit }),
    socialWorker: await makeActivity(t.orm, community, { createdBy: socialWorker }),
  };
  await t.orm.em
    .fork()
    .nativeUpdate(
      Activity,
      { id: activities.socialWorker.id },
      { organiserKind: OrganiserKind.SOCIAL_WORKER },
    );
  volunteer = await makeVolunteer(t.orm, community);
  const other = await makeVolunteer(t.orm, community);
  const v = volunteer.volunteer;

  const past = (activity: Activity, daysAgo: number, hours = 3) =>
    makeShift(t.orm, activity, { startsInHours: -24 * daysAgo, hours });
  shifts = [
    {
      shift: await past(activities.community, 40),
      activity: activities.community,
      organiser: community.name,
      minutes: 90,
    },
    {
      shift: await past(activities.unit, 20),
      activity: activities.unit,
      organiser: '青山热电厂',
      minutes: 135,
    },
    {
      shift: await past(activities.socialWorker, 10, 120),
      activity: activities.socialWorker,
      organiser: `社工 ${socialWorker.displayName}`,
      minutes: 6000,
    },
  ];
  for (const s of shifts) await served(s.shift, v, s.minutes);
  // Attended but not yet confirmed: not on the record.
  await served(await past(activities.community, 3), v, 180, false);
  // Someone else's service.
  await served(shifts[0]!.shift, other.volunteer, 90);
  // 6,225 minutes = 103.75 h: one star.
  await t.orm.em.fork().nativeUpdate(Volunteer, { id: v.id }, { verifiedMinutes: 6225 });

  const otherStaff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: elsewhere });
  const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
  tokens = {
    volunteer: await t.login(volunteer.user.username),
    staff: await t.login(staff.username),
    otherStaff: await t.login(otherStaff.username),
    admin: await t.login(admin.username),
    socialWorker: await t.login(socialWorker.username),
    other: await t.login(other.user.username),
  };
});

async function workbook(response: Response) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  const sheet = book.worksheets[0]!;
  const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) rows.push(values(r));
  return rows;
}

const summary = (rows: unknown[][], label: string) => rows.find((r) => r[0] === label)?.[2];

describe('service record', () => {
  it('lists your confirmed service with totals as xlsx', async () => {
    const response = await download('xlsx', tokens.volunteer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('志愿服务记录-')}`,
    );
    const rows = await workbook(response);
    expect(rows[0]![0]).toBe('志愿服务记录证明 Volunteer Service Record');
    expect(summary(rows, '姓名 Name')).toBe(volunteer.volunteer.realName);
    expect(summary(rows, '所在社区 Community')).toBe(community.name);
    expect(summary(rows, '星级 Star level')).toBe('★☆☆☆☆ (1)');
    expect(summary(rows, '服务次数 Services')).toBe(3);
    expect(summary(rows, '累计服务时长（小时）Total hours')).toBe(103.75);

    const header = rows.findIndex((r) => r[0] === '序号 No.');
    expect(rows[header]).toEqual([
      '序号 No.',
      '日期 Date',
      '时间 Time',
      '服务活动 Activity',
      '组织方 Organiser',
      '服务地点 Location',
      '服务时长（小时）Hours',
    ]);
    const table = rows.slice(header + 1, header + 1 + shifts.length);
    expect(table).toEqual(
      shifts.map((s, i) => [
        i + 1,
        dayInShanghai(s.shift.startsAt),
        `${clock(s.shift.startsAt)}–${clock(s.shift.endsAt)}`,
        s.activity.title,
        s.organiser,
        s.activity.location,
        Math.round((s.minutes / 60) * 100) / 100,
      ]),
    );
    const total = rows[header + 1 + shifts.length]!;
    expect(total[0]).toBe('合计 Total');
    expect(total[6]).toBe(103.75);
  });

  it('prints the same record as an A4 PDF in Chinese', async () => {
    const response = await download('pdf', tokens.volunteer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(raw.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
  });

  it('breaks long records across pages', async () => {
    const long = await makeVolunteer(t.orm, community);
    for (let i = 0; i < 90; i++) {
      const shift = await makeShift(t.orm, activities.community, {
        startsInHours: -24 * (i + 1),
        hours: 2,
      });
      await served(shift, long.volunteer, 120);
    }
    const token = await t.login(long.user.username);
    const pdf = Buffer.from(await (await download('pdf', token)).arrayBuffer());
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const rows = await workbook(await download('xlsx', token));
    expect(summary(rows, '服务次数 Services')).toBe(90);
    expect(summary(rows, '累计服务时长（小时）Total hours')).toBe(180);
  });

  it('is private: 401 anonymous, 403 outside the policy, 404 for nothing to show', async () => {
    const anonymous = await download('pdf', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await anonymous.json()) as { errors: { extensions: unknown }[] }).errors[0]).toEqual({
      message: 'You must be signed in.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const id = `?volunteerId=${volunteer.volunteer.nodeId}`;
    expect((await download('xlsx', tokens.other, id)).status).toBe(403);
    expect((await download('xlsx', tokens.otherStaff, id)).status).toBe(403);
    expect((await download('xlsx', 'gj_not-a-real-token', id)).status).toBe(401);
    // Without a profile of your own there is nothing to print.
    expect((await download('xlsx', tokens.staff)).status).toBe(404);
    expect((await download('xlsx', tokens.staff, '?volunteerId=nonsense')).status).toBe(404);
    expect((await download('csv', tokens.volunteer)).status).toBe(404);
    expect((await download('xlsx', tokens.staff, `${id}&volunteerId=x`)).status).toBe(400);
  });

  it('lets the volunteer’s community staff, social workers and the office download it', async () => {
    const id = `?volunteerId=${volunteer.volunteer.nodeId}`;
    for (const who of ['staff', 'socialWorker', 'admin', 'volunteer'] as const) {
      const response = await download('xlsx', tokens[who], id);
      expect(response.status, who).toBe(200);
      const rows = await workbook(response);
      expect(summary(rows, '姓名 Name')).toBe(volunteer.volunteer.realName);
      expect(summary(rows, '累计服务时长（小时）Total hours')).toBe(103.75);
    }
    expect((await download('pdf', tokens.staff, id)).status).toBe(200);
  });
});
