import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  makeCommunity,
  makeGrid,
  makeUser,
  makeVolunteer,
  Role,
  Skill,
  toGlobalId,
} from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Grid } from '../directory/grid.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { Volunteer } from '../shifts/volunteer.entity.js';
import { startAppJobs } from '../../jobs/jobs.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { Pairing } from './pairing.entity.js';
import { PairingStatus, Specialty, SupervisionMode } from './pairing.enums.js';
import { SUPERVISION_ALERTS_JOB } from './pairing.jobs.js';
import { PAIRING_WEIGHTS } from './scoring.js';
import { SocialWorker } from './social-worker.entity.js';
import { SupervisionLog } from './supervision-log.entity.js';

const t = useTestApp();

async function makeSocialWorker(
  orm: MikroORM,
  community: Community,
  data: { specialties?: Specialty[]; caseloadCap?: number; grid?: Grid | null } = {},
): Promise<{ user: User; worker: SocialWorker }> {
  const user = await makeUser(orm, { role: Role.SOCIAL_WORKER, community });
  const em = orm.em.fork();
  const worker = em.create(SocialWorker, {
    user: user.id,
    community: community.id,
    grid: data.grid?.id ?? null,
    specialties: data.specialties ?? [],
    caseloadCap: data.caseloadCap ?? 5,
  });
  await em.flush();
  return { user, worker };
}

const gid = (type: string, id: number) => toGlobalId(type, id);

const PLAN = `query($c: ID!) { pairingSuggestions(communityId: $c) {
  totalScore
  proposals { socialWorker { id } volunteer { id realName phone }
    score { skillFit matchedSpecialties sameGrid availability overlapHoursPerWeek capacity total } }
  unmatched { volunteer { id } reason } } }`;
const CONFIRM = `mutation($input: ConfirmPairingsInput!) { confirmPairings(input: $input) {
  pairings { id status score socialWorker { id } volunteer { id } lastContactDate }
  errors { code field message } } }`;
const END = `mutation($input: EndPairingInput!) { endPairing(input: $input) {
  pairing { id status endReason endDate viewerCanEnd } errors { code field } } }`;
const LOG = `mutation($input: LogSupervisionInput!) { logSupervision(input: $input) {
  supervisionLog { id date mode durationMinutes notes author { username } }
  pairing { id lastContactDate daysSinceContact supervisionMinutes supervisionLogs { totalCount } }
  errors { code field } } }`;
const PAIRINGS = `query($c: ID!, $s: PairingStatus) { pairings(communityId: $c, status: $s) {
  totalCount edges { node { id status socialWorker { id } volunteer { id realName } lastContactDate } } } }`;

describe('pairing', () => {
  let a: Community;
  let b: Community;
  let gridA: Grid;
  let staffA: string;
  let staffB: string;
  let admin: string;

  beforeAll(async () => {
    a = await makeCommunity(t.orm);
    b = await makeCommunity(t.orm);
    gridA = await makeGrid(t.orm, a);
    await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: a, username: `sa-${a.id}` });
    await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: b, username: `sb-${b.id}` });
    await makeUser(t.orm, { role: Role.STREET_ADMIN, username: `adm-${a.id}` });
    staffA = await t.login(`sa-${a.id}`);
    staffB = await t.login(`sb-${b.id}`);
    admin = await t.login(`adm-${a.id}`);
  });

  it('lets a social worker edit their profile, and their staff, but not other staff', async () => {
    const user = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community: a });
    const token = await t.login(user.username);
    const UPDATE = `mutation($input: UpdateSocialWorkerProfileInput!) { updateSocialWorkerProfile(input: $input) {
      socialWorker { id specialties qualification caseloadCap grid { id } availability { day start end } activePairings freePlaces version }
      errors { code field } } }`;
    const own = await t.gql(
      UPDATE,
      {
        input: {
          specialties: ['ELDERLY', 'MENTAL_HEALTH'],
          qualification: 'INTERMEDIATE',
          caseloadCap: 4,
          gridId: gid('Grid', gridA.id),
          availability: [{ day: 2, start: '09:00', end: '12:00' }],
        },
      },
      token,
    );
    expect(own.data!.updateSocialWorkerProfile).toMatchObject({
      errors: [],
      socialWorker: {
        specialties: ['ELDERLY', 'MENTAL_HEALTH'],
        qualification: 'INTERMEDIATE',
        caseloadCap: 4,
        grid: { id: gid('Grid', gridA.id) },
        availability: [{ day: 2, start: '09:00', end: '12:00' }],
        activePairings: 0,
        freePlaces: 4,
      },
    });
    const bad = await t.gql(
      UPDATE,
      { input: { availability: [{ day: 8, start: '12:00', end: '09:00' }] } },
      token,
    );
    expect(
      bad.data!.updateSocialWorkerProfile.errors.map((e: { field: string[] }) => e.field),
    ).toEqual(expect.arrayContaining([['input', 'availability', '0', 'day']]));
    const byStaff = await t.gql(
      UPDATE,
      { input: { userId: gid('User', user.id), caseloadCap: 6 } },
      staffA,
    );
    expect(byStaff.data!.updateSocialWorkerProfile.socialWorker.caseloadCap).toBe(6);
    const byOther = await t.gql(
      UPDATE,
      { input: { userId: gid('User', user.id), caseloadCap: 9 } },
      staffB,
    );
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows a social worker through node() to their community, the office and themselves', async () => {
    const { user, worker } = await makeSocialWorker(t.orm, a);
    const peer = await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community: a });
    const resident = await makeUser(t.orm, { role: Role.VOLUNTEER, community: a });
    const NODE = `query($id: ID!) { node(id: $id) { id } }`;
    const seen = async (token: string) =>
      (await t.gql(NODE, { id: gid('SocialWorker', worker.id) }, token)).data!.node;
    const self = await t.login(user.username);
    expect(await seen(self)).toEqual({ id: gid('SocialWorker', worker.id) });
    expect(await seen(await t.login(peer.username))).not.toBeNull();
    expect(await seen(staffA)).not.toBeNull();
    expect(await seen(admin)).not.toBeNull();
    expect(await seen(staffB)).toBeNull();
    expect(await seen(await t.login(resident.username))).toBeNull();
    // Moved to another community (outside the profile's overview), they still see their own.
    await t.orm.em.fork().nativeUpdate('User', { id: user.id }, { community: b.id });
    expect(await seen(self)).toEqual({ id: gid('SocialWorker', worker.id) });
  });

  it('proposes the optimal plan with its reasons, and keeps other communities out', async () => {
    const c = await makeCommunity(t.orm);
    const grid = await makeGrid(t.orm, c);
    await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: c, username: `sc-${c.id}` });
    const staff = await t.login(`sc-${c.id}`);
    const elderly = await makeSocialWorker(t.orm, c, {
      specialties: [Specialty.ELDERLY],
      caseloadCap: 1,
      grid,
    });
    const disability = await makeSocialWorker(t.orm, c, {
      specialties: [Specialty.DISABILITY],
      caseloadCap: 1,
    });
    const v1 = await makeVolunteer(t.orm, c, { skills: [Skill.ELDER_CARE, Skill.DRIVING] });
    const v2 = await makeVolunteer(t.orm, c, { skills: [Skill.ELDER_CARE] });
    const v3 = await makeVolunteer(t.orm, c, { skills: [Skill.SIGN_LANGUAGE] });
    await t.orm.em.fork().nativeUpdate(Volunteer, v1.volunteer.id, { grid: grid.id });

    const res = await t.gql(PLAN, { c: gid('Community', c.id) }, staff);
    const plan = res.data!.pairingSuggestions;
    // v1 fits both (elder care + driving→disability), v2 only elderly, v3 only disability: the
    // optimum gives elderly→v1 (40 + grid 20 + cap 2) … vs elderly→v2; either way one is left.
    const byVolunteer = new Map<string, { socialWorker: { id: string }; score: AnyScore }>(
      plan.proposals.map((p: { volunteer: { id: string } } & AnyProposal) => [p.volunteer.id, p]),
    );
    expect(plan.proposals).toHaveLength(2);
    expect(plan.unmatched).toHaveLength(1);
    expect(plan.unmatched[0].reason).toBe('ALL_FULL');
    for (const p of plan.proposals as AnyProposal[]) {
      const s = p.score;
      expect(s.total).toBe(s.skillFit + s.sameGrid + s.availability + s.capacity);
    }
    // The best total: v1 with elderly (40+20+2=62) and v3 with disability (40+2=42) = 104.
    expect(plan.totalScore).toBe(104);
    expect(byVolunteer.get(gid('Volunteer', v1.volunteer.id))!.socialWorker.id).toBe(
      gid('SocialWorker', elderly.worker.id),
    );
    expect(byVolunteer.get(gid('Volunteer', v3.volunteer.id))!.socialWorker.id).toBe(
      gid('SocialWorker', disability.worker.id),
    );
    expect(byVolunteer.get(gid('Volunteer', v1.volunteer.id))!.score).toMatchObject({
      skillFit: 40,
      matchedSpecialties: ['ELDERLY'],
      sameGrid: 20,
      capacity: 2,
      total: 62,
    });
    expect(plan.unmatched[0].volunteer.id).toBe(gid('Volunteer', v2.volunteer.id));
    // Staff see the names in full.
    expect(plan.proposals[0].volunteer.phone).toBe('13600000000');

    // Same data, same plan.
    const again = await t.gql(PLAN, { c: gid('Community', c.id) }, staff);
    expect(again.data!.pairingSuggestions).toEqual(plan);

    // Staff of another community: refused, nothing about the volunteers leaks.
    const other = await t.gql(PLAN, { c: gid('Community', c.id) }, staffB);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.data).toBeNull();
    const list = await t.gql(PAIRINGS, { c: gid('Community', c.id) }, staffB);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const confirm = await t.gql(
      CONFIRM,
      {
        input: {
          communityId: gid('Community', c.id),
          proposals: [
            {
              socialWorkerId: gid('SocialWorker', elderly.worker.id),
              volunteerId: gid('Volunteer', v1.volunteer.id),
            },
          ],
        },
      },
      staffB,
    );
    expect(confirm.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.orm.em.fork().count(Pairing, { community: c.id })).toBe(0);
  });

  it('confirms, refuses per proposal, lists, ends and reassigns', async () => {
    const sw = await makeSocialWorker(t.orm, a, { caseloadCap: 1 });
    const sw2 = await makeSocialWorker(t.orm, a, { caseloadCap: 2 });
    const v1 = await makeVolunteer(t.orm, a);
    const v2 = await makeVolunteer(t.orm, a);
    const outsider = await makeVolunteer(t.orm, b);
    const input = (pairs: [SocialWorker, Volunteer][]) => ({
      input: {
        communityId: gid('Community', a.id),
        proposals: pairs.map(([w, v]) => ({
          socialWorkerId: gid('SocialWorker', w.id),
          volunteerId: gid('Volunteer', v.id),
        })),
      },
    });

    // A volunteer of another community is an input error: nothing is made.
    const wrong = await t.gql(
      CONFIRM,
      input([
        [sw.worker, v1.volunteer],
        [sw.worker, outsider.volunteer],
      ]),
      staffA,
    );
    expect(wrong.data!.confirmPairings).toEqual({
      pairings: [],
      errors: [
        expect.objectContaining({
          code: 'NOT_FOUND',
          field: ['input', 'proposals', '1', 'volunteerId'],
        }),
      ],
    });

    const res = await t.gql(
      CONFIRM,
      input([
        [sw.worker, v1.volunteer],
        [sw.worker, v2.volunteer],
      ]),
      staffA,
    );
    const payload = res.data!.confirmPairings;
    expect(payload.pairings).toHaveLength(1);
    expect(payload.pairings[0]).toMatchObject({
      status: 'ACTIVE',
      lastContactDate: shanghaiDate(),
    });
    expect(payload.errors).toEqual([
      expect.objectContaining({ code: 'CASELOAD_FULL', field: ['input', 'proposals', '1'] }),
    ]);
    const taken = await t.gql(CONFIRM, input([[sw2.worker, v1.volunteer]]), staffA);
    expect(taken.data!.confirmPairings.errors).toEqual([
      expect.objectContaining({ code: 'ALREADY_PAIRED', field: ['input', 'proposals', '0'] }),
    ]);

    // The social worker sees their own pairings only; the volunteer in full.
    const workerToken = await t.login(sw.user.username);
    const mine = await t.gql(PAIRINGS, { c: gid('Community', a.id) }, workerToken);
    expect(mine.data!.pairings.totalCount).toBe(1);
    expect(mine.data!.pairings.edges[0].node.volunteer.id).toBe(gid('Volunteer', v1.volunteer.id));

    // Reassignment: end, then confirm with another worker.
    const pairingId = payload.pairings[0].id as string;
    const noReason = await t.gql(END, { input: { id: pairingId, reason: ' ' } }, staffA);
    expect(noReason.data!.endPairing.errors[0]).toMatchObject({
      code: 'REQUIRED',
      field: ['input', 'reason'],
    });
    const otherWorker = await t.login(sw2.user.username);
    const byOther = await t.gql(END, { input: { id: pairingId, reason: 'x' } }, otherWorker);
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byStaffB = await t.gql(END, { input: { id: pairingId, reason: 'x' } }, staffB);
    expect(byStaffB.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ended = await t.gql(END, { input: { id: pairingId, reason: '志愿者搬家' } }, staffA);
    expect(ended.data!.endPairing.pairing).toMatchObject({
      status: 'ENDED',
      endReason: '志愿者搬家',
      endDate: shanghaiDate(),
      viewerCanEnd: false,
    });
    const twice = await t.gql(END, { input: { id: pairingId, reason: 'again' } }, staffA);
    expect(twice.data!.endPairing.errors[0].code).toBe('ALREADY_ENDED');
    const re = await t.gql(CONFIRM, input([[sw2.worker, v1.volunteer]]), admin);
    expect(re.data!.confirmPairings.errors).toEqual([]);

    const active = await t.gql(PAIRINGS, { c: gid('Community', a.id), s: 'ACTIVE' }, staffA);
    expect(
      active.data!.pairings.edges.map(
        (e: { node: { volunteer: { id: string } } }) => e.node.volunteer.id,
      ),
    ).toContain(gid('Volunteer', v1.volunteer.id));
  });

  it('never overfills a worker when two staff confirm at once', async () => {
    const c = await makeCommunity(t.orm);
    await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: c, username: `s1-${c.id}` });
    await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: c, username: `s2-${c.id}` });
    const [s1, s2] = [await t.login(`s1-${c.id}`), await t.login(`s2-${c.id}`)];
    const sw = await makeSocialWorker(t.orm, c, { caseloadCap: 3 });
    const volunteers = await Promise.all(Array.from({ length: 6 }, () => makeVolunteer(t.orm, c)));
    const batch = (from: number) => ({
      input: {
        communityId: gid('Community', c.id),
        proposals: volunteers.slice(from, from + 3).map(({ volunteer }) => ({
          socialWorkerId: gid('SocialWorker', sw.worker.id),
          volunteerId: gid('Volunteer', volunteer.id),
        })),
      },
    });
    for (let round = 0; round < 3; round++) {
      await t.orm.em.fork().nativeDelete(Pairing, { community: c.id });
      const [r1, r2] = await Promise.all([
        t.gql(CONFIRM, batch(0), s1),
        t.gql(CONFIRM, batch(3), s2),
      ]);
      const made =
        r1.data!.confirmPairings.pairings.length + r2.data!.confirmPairings.pairings.length;
      const refused = [...r1.data!.confirmPairings.errors, ...r2.data!.confirmPairings.errors];
      expect(made).toBe(3);
      expect(refused).toHaveLength(3);
      expect(refused.every((e: { code: string }) => e.code === 'CASELOAD_FULL')).toBe(true);
      expect(
        await t.orm.em
          .fork()
          .count(Pairing, { socialWorker: sw.worker.id, status: PairingStatus.ACTIVE }),
      ).toBe(3);
    }
  });

  it('logs supervision, shows the load view and coverage', async () => {
    const c = await makeCommunity(t.orm);
    await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: c, username: `sl-${c.id}` });
    const staff = await t.login(`sl-${c.id}`);
    const sw = await makeSocialWorker(t.orm, c, { caseloadCap: 4 });
    const other = await makeSocialWorker(t.orm, c, { caseloadCap: 2 });
    const v1 = await makeVolunteer(t.orm, c);
    await makeVolunteer(t.orm, c);
    const made = await t.gql(
      CONFIRM,
      {
        input: {
          communityId: gid('Community', c.id),
          proposals: [
            {
              socialWorkerId: gid('SocialWorker', sw.worker.id),
              volunteerId: gid('Volunteer', v1.volunteer.id),
            },
          ],
        },
      },
      staff,
    );
    const pairingId = made.data!.confirmPairings.pairings[0].id as string;
    const workerToken = await t.login(sw.user.username);
    const otherToken = await t.login(other.user.username);
    const today = shanghaiDate();
    const ok = await t.gql(
      LOG,
      { input: { pairingId, date: today, mode: 'PHONE', durationMinutes: 45, notes: '电话回访' } },
      workerToken,
    );
    expect(ok.data!.logSupervision).toMatchObject({
      errors: [],
      supervisionLog: {
        date: today,
        mode: 'PHONE',
        durationMinutes: 45,
        notes: '电话回访',
        author: { username: sw.user.username },
      },
      pairing: {
        lastContactDate: today,
        daysSinceContact: 0,
        supervisionMinutes: 45,
        supervisionLogs: { totalCount: 1 },
      },
    });
    const future = await t.gql(
      LOG,
      { input: { pairingId, date: '2999-01-01', mode: 'PHONE', durationMinutes: 30 } },
      workerToken,
    );
    expect(future.data!.logSupervision.errors[0]).toMatchObject({
      code: 'DATE_IN_FUTURE',
      field: ['input', 'date'],
    });
    const notTheirs = await t.gql(
      LOG,
      { input: { pairingId, date: today, mode: 'GROUP', durationMinutes: 30 } },
      otherToken,
    );
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byStaff = await t.gql(
      LOG,
      { input: { pairingId, date: today, mode: 'IN_PERSON', durationMinutes: 600 } },
      staff,
    );
    expect(byStaff.data!.logSupervision.errors).toEqual([]);
    expect(byStaff.data!.logSupervision.pairing.supervisionMinutes).toBe(645);

    const load = await t.gql(
      `query($c: ID!) { socialWorkers(communityId: $c) { totalCount edges { node { id caseloadCap activePairings freePlaces } } }
        pairingCoverage(communityId: $c) { volunteers paired ratio } }`,
      { c: gid('Community', c.id) },
      workerToken,
    );
    expect(load.data!.socialWorkers.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { id: gid('SocialWorker', sw.worker.id), caseloadCap: 4, activePairings: 1, freePlaces: 3 },
      {
        id: gid('SocialWorker', other.worker.id),
        caseloadCap: 2,
        activePairings: 0,
        freePlaces: 2,
      },
    ]);
    expect(load.data!.pairingCoverage).toEqual({ volunteers: 2, paired: 1, ratio: 0.5 });
    const outside = await t.gql(
      `query($c: ID!) { pairingCoverage(communityId: $c) { ratio } }`,
      { c: gid('Community', c.id) },
      staffB,
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('alerts the social worker and staff once when supervision is 14 days overdue', async () => {
    const c = await makeCommunity(t.orm);
    const staffUser = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: c });
    const sw = await makeSocialWorker(t.orm, c, { caseloadCap: 3 });
    const staff = await t.login(staffUser.username);
    const [v1, v2] = [await makeVolunteer(t.orm, c), await makeVolunteer(t.orm, c)];
    const made = await t.gql(
      CONFIRM,
      {
        input: {
          communityId: gid('Community', c.id),
          proposals: [v1, v2].map((v) => ({
            socialWorkerId: gid('SocialWorker', sw.worker.id),
            volunteerId: gid('Volunteer', v.volunteer.id),
          })),
        },
      },
      staff,
    );
    const [overdue, recent] = made.data!.confirmPairings.pairings as { id: string }[];
    const dayAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));
    const em = t.orm.em.fork();
    const idOfGlobal = (g: string) => Number(Buffer.from(g, 'base64url').toString().split(':')[1]);
    await em.nativeUpdate(Pairing, idOfGlobal(overdue!.id), { lastContactDate: dayAgo(15) });
    await em.nativeUpdate(Pairing, idOfGlobal(recent!.id), { lastContactDate: dayAgo(13) });

    const alerts = () =>
      t.orm.em
        .fork()
        .find(
          Notification,
          { kind: NotificationKind.SUPERVISION_OVERDUE },
          { orderBy: { id: 'asc' } },
        );
    const queue = await startAppJobs(t.app);
    try {
      const [schedule] = (await t.orm.em
        .getConnection()
        .execute(`select cron, timezone from pgboss.schedule where name = ?`, [
          SUPERVISION_ALERTS_JOB,
        ])) as { cron: string; timezone: string }[];
      expect(schedule).toEqual({ cron: '30 8 * * *', timezone: 'Asia/Shanghai' });

      const completed = async (n: number) => {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const rows = (await t.orm.em
            .getConnection()
            .execute(
              `select count(*)::int as n from pgboss.job where name = ? and state = 'completed'`,
              [SUPERVISION_ALERTS_JOB],
            )) as { n: number }[];
          if (rows[0]!.n >= n) return;
          if (Date.now() > deadline) throw new Error('the alert job did not complete');
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      await queue.send(SUPERVISION_ALERTS_JOB, {});
      await completed(1);
      const sent = await alerts();
      expect(sent.map((n) => n.user.id).sort()).toEqual([sw.user.id, staffUser.id].sort());
      expect(sent.every((n) => n.data.pairingId === overdue!.id)).toBe(true);
      expect(sent[0]!.data).toMatchObject({
        lastContactDate: dayAgo(15),
        daysSinceContact: 15,
        volunteerName: expect.any(String),
        socialWorkerName: expect.any(String),
      });
      expect(sent[0]!.dedupeKey).toContain(
        `supervision-overdue:pairing:${idOfGlobal(overdue!.id)}:${dayAgo(15)}`,
      );

      // A second run the same period notifies nobody again.
      await queue.send(SUPERVISION_ALERTS_JOB, {});
      await completed(2);
      expect(await alerts()).toHaveLength(2);
    } finally {
      await queue.stop();
    }
  });
});

interface AnyScore {
  skillFit: number;
  sameGrid: number;
  availability: number;
  capacity: number;
  total: number;
}
interface AnyProposal {
  socialWorker: { id: string };
  score: AnyScore;
}

describe('the score’s weights', () => {
  it('are published as the plan applies them, to signed-in users only', async () => {
    const community = await makeCommunity(t.orm);
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const query = `{ pairingWeights { specialtyMatch sameGrid overlapPerHour overlapCapHours
      noOverlapPenalty perFreePlace capacityCapPlaces } }`;
    const res = await t.gql(query, {}, await t.login(staff.username));
    expect(res.data!.pairingWeights).toEqual(PAIRING_WEIGHTS);
    expect(res.data!.pairingWeights.noOverlapPenalty).toBeLessThan(0);
    const anonymous = await t.gql(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('ending a pairing and supervision durations', () => {
  let c: Community;
  let staffC: string;
  let staffOther: string;
  let sw: { user: User; worker: SocialWorker };
  let swToken: string;
  let otherSwToken: string;

  /** A pairing of `sw` with a fresh volunteer, confirmed `daysAgo` days ago. */
  async function pairing(daysAgo = 30): Promise<string> {
    const v = await makeVolunteer(t.orm, c);
    const em = t.orm.em.fork();
    const p = em.create(Pairing, {
      socialWorker: sw.worker.id,
      volunteer: v.volunteer.id,
      community: c.id,
      confirmedBy: sw.user.id,
      confirmedAt: new Date(Date.now() - daysAgo * 86_400_000),
      lastContactDate: shanghaiDate(new Date(Date.now() - daysAgo * 86_400_000)),
    });
    await em.flush();
    return gid('Pairing', p.id);
  }
  const stateOf = async (id: string) => {
    const row = await t.orm.em
      .fork()
      .findOneOrFail(Pairing, Number(Buffer.from(id, 'base64url').toString().split(':')[1]));
    return { status: row.status, endDate: row.endDate, endReason: row.endReason };
  };
  const log = (
    pairingId: string,
    durationMinutes: number,
    token = swToken,
    date = shanghaiDate(),
  ) => t.gql(LOG, { input: { pairingId, date, mode: 'PHONE', durationMinutes } }, token);

  beforeAll(async () => {
    c = await makeCommunity(t.orm);
    const other = await makeCommunity(t.orm);
    await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: c, username: `se-${c.id}` });
    await makeUser(t.orm, {
      role: Role.COMMUNITY_STAFF,
      community: other,
      username: `se-${other.id}`,
    });
    staffC = await t.login(`se-${c.id}`);
    staffOther = await t.login(`se-${other.id}`);
    sw = await makeSocialWorker(t.orm, c, { caseloadCap: 50 });
    swToken = await t.login(sw.user.username);
    otherSwToken = await t.login((await makeSocialWorker(t.orm, c)).user.username);
  });

  it('lets the pairing’s social worker end it on a day they give, and nobody out of scope', async () => {
    const id = await pairing(30);
    expect(
      (
        await t.gql(
          `query($id: ID!) { node(id: $id) { ... on Pairing { viewerCanEnd } } }`,
          { id },
          swToken,
        )
      ).data!.node.viewerCanEnd,
    ).toBe(true);
    const byOtherWorker = await t.gql(END, { input: { id, reason: 'x' } }, otherSwToken);
    expect(byOtherWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOtherStaff = await t.gql(END, { input: { id, reason: 'x' } }, staffOther);
    expect(byOtherStaff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stateOf(id)).toEqual({ status: 'ACTIVE', endDate: null, endReason: null });

    // Bad input: specific codes, nothing changes.
    const cases: [Record<string, unknown>, string, string][] = [
      [{ reason: '  ' }, 'REQUIRED', 'reason'],
      [{ reason: 'x'.repeat(501) }, 'TOO_LONG', 'reason'],
      [{ reason: '搬家', endDate: '2999-01-01' }, 'DATE_IN_FUTURE', 'endDate'],
      [
        { reason: '搬家', endDate: addDaysIso(shanghaiDate(), -31) },
        'BEFORE_PAIRING_START',
        'endDate',
      ],
      [{ reason: '搬家', endDate: '2026-02-30' }, 'INVALID', 'endDate'],
    ];
    for (const [input, code, field] of cases) {
      const res = await t.gql(END, { input: { id, ...input } }, swToken);
      expect(res.data!.endPairing, JSON.stringify(input)).toEqual({
        pairing: null,
        errors: [{ code, field: ['input', field] }],
      });
    }
    // Not before the latest supervision either.
    expect(
      (await log(id, 30, swToken, addDaysIso(shanghaiDate(), -3))).data!.logSupervision.errors,
    ).toEqual([]);
    const beforeLog = await t.gql(
      END,
      { input: { id, reason: '搬家', endDate: addDaysIso(shanghaiDate(), -4) } },
      swToken,
    );
    expect(beforeLog.data!.endPairing.errors).toEqual([
      { code: 'BEFORE_LAST_SUPERVISION', field: ['input', 'endDate'] },
    ]);
    expect((await stateOf(id)).status).toBe('ACTIVE');

    const yesterday = addDaysIso(shanghaiDate(), -1);
    const ended = await t.gql(
      END,
      { input: { id, reason: ' 志愿者搬家 ', endDate: yesterday } },
      swToken,
    );
    expect(ended.data!.endPairing).toEqual({
      errors: [],
      pairing: {
        id,
        status: 'ENDED',
        endReason: '志愿者搬家',
        endDate: yesterday,
        viewerCanEnd: false,
      },
    });

    // Read-only afterwards, and still in the history of whoever could read it.
    const after = await log(id, 30);
    expect(after.data!.logSupervision).toMatchObject({
      supervisionLog: null,
      errors: [{ code: 'PAIRING_ENDED', field: null }],
    });
    const byStaff = await log(id, 30, staffC);
    expect(byStaff.data!.logSupervision.errors[0].code).toBe('PAIRING_ENDED');
    const history = await t.gql(
      `query { mySocialWorkerProfile { pairings(status: ENDED) { edges { node { id endDate supervisionMinutes } } } } }`,
      {},
      swToken,
    );
    expect(
      history.data!.mySocialWorkerProfile.pairings.edges.map((e: { node: unknown }) => e.node),
    ).toContainEqual({
      id,
      endDate: yesterday,
      supervisionMinutes: 30,
    });
  });

  it('lets one of two simultaneous ends win; the other is told it already ended', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await pairing(10);
      const [first, second] = await Promise.all([
        t.gql(END, { input: { id, reason: '社工一方' } }, swToken),
        t.gql(END, { input: { id, reason: '社区一方' } }, staffC),
      ]);
      const payloads = [first.data!.endPairing, second.data!.endPairing];
      const won = payloads.filter((p) => p.errors.length === 0);
      const lost = payloads.filter((p) => p.errors.length > 0);
      expect(won).toHaveLength(1);
      expect(lost).toEqual([{ pairing: null, errors: [{ code: 'ALREADY_ENDED', field: null }] }]);
      expect(await stateOf(id)).toMatchObject({
        status: 'ENDED',
        endReason: won[0].pairing.endReason,
      });
    }
  });

  it('requires a whole number of minutes from 5 to 600 and totals them per pairing', async () => {
    const id = await pairing(30);
    for (const minutes of [4, 601, 0, -10]) {
      const res = await log(id, minutes);
      expect(res.data!.logSupervision, String(minutes)).toEqual({
        supervisionLog: null,
        pairing: null,
        errors: [{ code: 'DURATION_OUT_OF_RANGE', field: ['input', 'durationMinutes'] }],
      });
    }
    const missing = await t.gql(
      LOG,
      { input: { pairingId: id, date: shanghaiDate(), mode: 'PHONE' } },
      swToken,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Whole minutes: the schema's Int takes no fractions.
    expect((await log(id, 30.5)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await t.orm.em.fork().count(SupervisionLog, { pairing: idOf(id) })).toBe(0);

    expect((await log(id, 5)).data!.logSupervision.errors).toEqual([]);
    const second = await log(id, 600);
    expect(second.data!.logSupervision.supervisionLog.durationMinutes).toBe(600);
    expect(second.data!.logSupervision.pairing.supervisionMinutes).toBe(605);

    // A log from before durations were recorded counts nothing; the database refuses a bad range.
    const em = t.orm.em.fork();
    em.create(SupervisionLog, {
      pairing: idOf(id),
      author: sw.user.id,
      date: shanghaiDate(),
      mode: SupervisionMode.GROUP,
    });
    await em.flush();
    const read = await t.gql(
      `query($id: ID!) { node(id: $id) { ... on Pairing { supervisionMinutes supervisionLogs { edges { node { durationMinutes } } } } } }`,
      { id },
      swToken,
    );
    expect(read.data!.node.supervisionMinutes).toBe(605);
    expect(
      read
        .data!.node.supervisionLogs.edges.map(
          (e: { node: { durationMinutes: number | null } }) => e.node.durationMinutes,
        )
        .sort(),
    ).toEqual([5, 600, null].sort());
    await expect(
      t.orm.em
        .fork()
        .getConnection()
        .execute(
          `insert into supervision_log (pairing_id, author_id, date, mode, duration_minutes) values (?, ?, current_date, 'PHONE', 601)`,
          [idOf(id), sw.user.id],
        ),
    ).rejects.toThrow(/supervision_log_duration_range/);
  });
});

const idOf = (globalId: string) =>
  Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);
function addDaysIso(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
