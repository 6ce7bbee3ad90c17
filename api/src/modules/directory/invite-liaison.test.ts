// Inviting a unit's liaison and taking up the link: who may invite, the link's one use, its
// expiry, a newer link replacing the older, and a unit whose liaison can already sign in.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity, makeUnit, makeUser, Role } from '../../../../tests/support/factories.js';
import { useTestApp } from '../../../../tests/support/test-app.js';
import type { Community } from './community.entity.js';
import type { Unit } from './unit.entity.js';

const t = useTestApp(() => ({ publicWebUrl: 'https://gj.example.org/' }));

const INVITE = `mutation($input: InviteUnitLiaisonInput!) {
  inviteUnitLiaison(input: $input) {
    unit { id liaisonAccount { status invitationExpiresAt } }
    invitation { url expiresAt liaison { id username displayName role } }
    errors { code field }
  }
}`;
const PREVIEW = `query($token: String!) {
  liaisonInvitation(token: $token) { status unitName displayName username }
}`;
const ACCEPT = `mutation($input: AcceptLiaisonInvitationInput!) {
  acceptLiaisonInvitation(input: $input) {
    token
    viewer { id username role unit { id } }
    errors { code field }
  }
}`;
const ACCOUNT = `query($id: ID!) { node(id: $id) { ... on Unit { liaisonAccount { status } } } }`;

let a: Community;
let b: Community;
let adminToken: string;
let staffA: string;
let staffB: string;

beforeAll(async () => {
  a = await makeCommunity(t.orm);
  b = await makeCommunity(t.orm);
  adminToken = await t.login((await makeUser(t.orm, { role: Role.STREET_ADMIN })).username);
  staffA = await t.login(
    (await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: a })).username,
  );
  staffB = await t.login(
    (await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: b })).username,
  );
});

async function invite(unit: Unit, token: string, displayName = '周新') {
  const res = await t.gql(INVITE, { input: { unitId: unit.nodeId, displayName } }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.inviteUnitLiaison;
}

const tokenOf = (url: string) => decodeURIComponent(url.split('/invite/')[1]!);

async function accept(token: string, username: string, password = 'Liaison-pass-1') {
  const res = await t.gql(ACCEPT, { input: { token, username, password } });
  expect(res.errors).toBeUndefined();
  return res.data!.acceptLiaisonInvitation;
}

async function statusOf(unit: Unit) {
  const res = await t.gql(ACCOUNT, { id: unit.nodeId }, staffA);
  return res.data!.node.liaisonAccount.status;
}

describe('inviteUnitLiaison', () => {
  it('lets the community’s staff and the office invite, and nobody else', async () => {
    const unit = await makeUnit(t.orm, a);
    expect(await statusOf(unit)).toBe('NONE');

    const liaisonOfOther = await makeUser(t.orm, {
      role: Role.UNIT_LIAISON,
      unit: await makeUnit(t.orm, a),
    });
    for (const token of [staffB, await t.login(liaisonOfOther.username), null]) {
      const res = await t.gql(INVITE, { input: { unitId: unit.nodeId, displayName: 'x' } }, token);
      expect(res.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    // Staff of another community do not even learn the unit's liaison state.
    const seen = await t.gql(ACCOUNT, { id: unit.nodeId }, staffB);
    expect(seen.data!.node.liaisonAccount).toBeNull();
    expect(await statusOf(unit)).toBe('NONE');

    const payload = await invite(unit, staffA);
    expect(payload.errors).toEqual([]);
    expect(payload.invitation.url).toMatch(/^https:\/\/gj\.example\.org\/invite\/[\w-]{43}$/);
    expect(payload.invitation.liaison).toMatchObject({
      role: 'UNIT_LIAISON',
      displayName: '周新',
      username: `unit${unit.id}`,
    });
    const days = (Date.parse(payload.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(payload.unit.liaisonAccount.status).toBe('INVITED');

    // The office may invite in any community; the audit row says who invited whom.
    const other = await makeUnit(t.orm, b);
    expect((await invite(other, adminToken)).errors).toEqual([]);
    const rows = await t.orm.em
      .getConnection()
      .execute(
        `select i.unit_id, l.username as liaison, s.role as inviter from liaison_invitation i join app_user l on l.id = i.liaison_id join app_user s on s.id = i.invited_by_id where i.unit_id in (?, ?) order by i.id`,
        [unit.id, other.id],
      );
    expect(rows).toEqual([
      { unit_id: unit.id, liaison: `unit${unit.id}`, inviter: 'COMMUNITY_STAFF' },
      { unit_id: other.id, liaison: `unit${other.id}`, inviter: 'STREET_ADMIN' },
    ]);
  });

  it('refuses bad input and changes nothing', async () => {
    const unit = await makeUnit(t.orm, a);
    const res = await t.gql(
      INVITE,
      { input: { unitId: unit.nodeId, displayName: ' ', phone: '123' } },
      staffA,
    );
    const codes = res.data!.inviteUnitLiaison.errors.map((e: { field: string[] }) => e.field[1]);
    expect(codes.sort()).toEqual(['displayName', 'phone']);
    expect(await statusOf(unit)).toBe('NONE');
  });

  it('the link works once, signs the liaison in, and then says it was used', async () => {
    const unit = await makeUnit(t.orm, a, { name: `新单位${Date.now()}` });
    const { invitation } = await invite(unit, staffA);
    const token = tokenOf(invitation.url);

    const preview = await t.gql(PREVIEW, { token });
    expect(preview.data!.liaisonInvitation).toEqual({
      status: 'VALID',
      unitName: unit.name,
      displayName: '周新',
      username: `unit${unit.id}`,
    });

    // Registration's rules hold; a refusal leaves the link usable.
    const weak = await accept(token, 'x', 'short');
    expect(weak.errors.map((e: { field: string[] }) => e.field[1]).sort()).toEqual([
      'password',
      'username',
    ]);
    const takenName = (await makeUser(t.orm, { role: Role.VOLUNTEER, community: a })).username;
    expect((await accept(token, takenName)).errors).toEqual([
      { code: 'TAKEN', field: ['input', 'username'] },
    ]);

    const done = await accept(token, `Zhou-${unit.id}`);
    expect(done.errors).toEqual([]);
    expect(done.token).toMatch(/^gj_/);
    expect(done.viewer).toMatchObject({
      username: `zhou-${unit.id}`,
      role: 'UNIT_LIAISON',
      unit: { id: unit.nodeId },
    });
    const me = await t.gql('{ viewer { username unit { id } } }', {}, done.token);
    expect(me.data!.viewer).toEqual({ username: `zhou-${unit.id}`, unit: { id: unit.nodeId } });
    // The password set works for signing in.
    expect(await t.login(`zhou-${unit.id}`, 'Liaison-pass-1')).toMatch(/^gj_/);

    const again = await accept(token, `other-${unit.id}`);
    expect(again).toMatchObject({
      token: null,
      viewer: null,
      errors: [{ code: 'INVITATION_USED', field: ['input', 'token'] }],
    });
    expect((await t.gql(PREVIEW, { token })).data!.liaisonInvitation).toEqual({
      status: 'USED',
      unitName: null,
      displayName: null,
      username: null,
    });
    expect(await statusOf(unit)).toBe('ACTIVE');

    // Now that the liaison can sign in, inviting again is refused with its own code.
    const refusedAgain = await invite(unit, staffA);
    expect(refusedAgain).toMatchObject({
      invitation: null,
      errors: [{ code: 'LIAISON_ACTIVE', field: ['input', 'unitId'] }],
    });
  });

  it('five submissions of one link at once: exactly one takes it', async () => {
    const unit = await makeUnit(t.orm, a);
    const token = tokenOf((await invite(unit, staffA)).invitation.url);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => accept(token, `take${n}-${unit.id}`)),
    );
    const codes = results.map((r) => r.errors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual([...Array(4).fill('INVITATION_USED'), 'OK']);
    const sessions = await t.orm.em
      .getConnection()
      .execute(
        `select count(*)::int as n from auth_session s join app_user u on u.id = s.user_id where u.unit_id = ?`,
        [unit.id],
      );
    expect(sessions).toEqual([{ n: 1 }]);
  });

  it('re-inviting a liaison who never signed up replaces the link; the old one is dead', async () => {
    const unit = await makeUnit(t.orm, a);
    const first = await invite(unit, staffA);
    const second = await invite(unit, adminToken, '周新二');
    expect(second.errors).toEqual([]);
    // The same account, renamed; a new link.
    expect(second.invitation.liaison.id).toBe(first.invitation.liaison.id);
    expect(second.invitation.liaison.displayName).toBe('周新二');
    expect(second.invitation.url).not.toBe(first.invitation.url);

    const old = tokenOf(first.invitation.url);
    expect((await t.gql(PREVIEW, { token: old })).data!.liaisonInvitation.status).toBe('INVALID');
    expect((await accept(old, `old-${unit.id}`)).errors[0].code).toBe('INVITATION_INVALID');
    expect((await accept(tokenOf(second.invitation.url), `new-${unit.id}`)).errors).toEqual([]);
  });

  it('an expired link is refused and says so; unknown tokens reveal nothing', async () => {
    const unit = await makeUnit(t.orm, a);
    const token = tokenOf((await invite(unit, staffA)).invitation.url);
    await t.orm.em
      .getConnection()
      .execute(
        `update liaison_invitation set expires_at = now() - interval '1 second' where unit_id = ?`,
        [unit.id],
      );
    expect((await t.gql(PREVIEW, { token })).data!.liaisonInvitation).toEqual({
      status: 'EXPIRED',
      unitName: null,
      displayName: null,
      username: null,
    });
    expect((await accept(token, `late-${unit.id}`)).errors[0].code).toBe('INVITATION_EXPIRED');
    expect(await statusOf(unit)).toBe('INVITED');
    // Staff issue a new one, which works.
    const fresh = tokenOf((await invite(unit, staffA)).invitation.url);
    expect((await accept(fresh, `late-${unit.id}`)).errors).toEqual([]);

    for (const bad of ['nope', 'A'.repeat(43), '']) {
      expect((await t.gql(PREVIEW, { token: bad })).data!.liaisonInvitation.status).toBe('INVALID');
      expect((await accept(bad, 'someone')).errors[0].code).toBe('INVITATION_INVALID');
    }
  });

  it('an invited account cannot sign in before it is taken up', async () => {
    const unit = await makeUnit(t.orm, a);
    const { invitation } = await invite(unit, staffA);
    const res = await t.gql(
      'mutation($u: String!) { login(input: { username: $u, password: "Test-password-1" }) { token errors { code } } }',
      { u: invitation.liaison.username },
    );
    expect(res.data!.login).toEqual({ token: null, errors: [{ code: 'INVALID_CREDENTIALS' }] });
  });
});
