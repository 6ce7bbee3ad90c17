import { beforeAll, describe, expect, it } from 'vitest';
import { makeCommunity, makeUnit, makeUser, Role } from '../../../../tests/support/factories.js';
import { TEST_PASSWORD, useTestApp } from '../../../../tests/support/test-app.js';
import { toGlobalId } from '../../graphql/ids.js';
import type { Community } from '../directory/community.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

const t = useTestApp((config) => ({
  loginLimits: { ...config.loginLimits, perUserAndIp: 10, registrationsPerIpPerHour: 5 },
}));

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { token viewer { id username role } errors { code field message } }
}`;
const CREATE_USER = `mutation($input: CreateUserInput!) {
  createUser(input: $input) { user { id username role community { name } } errors { code field message } }
}`;

let community: Community;
let other: Community;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  other = await makeCommunity(t.orm);
});

describe('login and logout', () => {
  it('issues an opaque token stored only as a hash, and viewer answers with the user', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const res = await t.gql(LOGIN, {
      input: { username: user.username.toUpperCase(), password: TEST_PASSWORD },
    });
    const token = res.data!.login.token as string;
    expect(token).toMatch(/^gj_[\w-]{43}$/);
    expect(res.data!.login.viewer.username).toBe(user.username);

    const sessions = await t.orm.em.fork().find(Session, { user: user.id });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.tokenHash).not.toContain(token.slice(3));
    expect(sessions[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    const viewer = await t.gql('{ viewer { username role } }', {}, token);
    expect(viewer.data!.viewer).toEqual({ username: user.username, role: 'VOLUNTEER' });
  });

  it('refuses a wrong password with one message that does not say which part was wrong', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const wrong = await t.gql(LOGIN, {
      input: { username: user.username, password: 'nope-nope-nope' },
    });
    const unknown = await t.gql(LOGIN, {
      input: { username: 'nobody-here', password: 'nope-nope-nope' },
    });
    expect(wrong.data!.login).toMatchObject({
      token: null,
      errors: [{ code: 'INVALID_CREDENTIALS' }],
    });
    expect(unknown.data!.login.errors[0].message).toBe(wrong.data!.login.errors[0].message);
  });

  it('names the empty fields', async () => {
    const res = await t.gql(LOGIN, { input: { username: ' ', password: '' } });
    expect(res.data!.login.errors).toEqual([
      expect.objectContaining({ code: 'REQUIRED', field: ['input', 'username'] }),
      expect.objectContaining({ code: 'REQUIRED', field: ['input', 'password'] }),
    ]);
  });

  it('rate-limits a username after ten wrong passwords in a row, even with the right one', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    for (let i = 0; i < 10; i++) {
      const res = await t.gql(LOGIN, {
        input: { username: user.username, password: `wrong-${i}-pass` },
      });
      expect(res.data!.login.errors[0].code).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await t.gql(LOGIN, {
      input: { username: user.username, password: TEST_PASSWORD },
    });
    expect(blocked.data!.login).toMatchObject({ token: null, errors: [{ code: 'RATE_LIMITED' }] });

    // Another account from the same address is not affected.
    const neighbour = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    await expect(t.login(neighbour.username)).resolves.toMatch(/^gj_/);
  });

  it('a success clears the run of failures', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) {
        await t.gql(LOGIN, { input: { username: user.username, password: 'wrong-password' } });
      }
      await expect(t.login(user.username)).resolves.toMatch(/^gj_/);
    }
  });

  it('logout revokes the token; allSessions revokes every device', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const a = await t.login(user.username);
    const b = await t.login(user.username);
    const c = await t.login(user.username);
    await t.gql('mutation { logout { ok } }', {}, a);
    expect((await t.gql('{ viewer { id } }', {}, a)).data!.viewer).toBeNull();
    expect((await t.gql('{ viewer { id } }', {}, b)).data!.viewer).not.toBeNull();
    await t.gql('mutation { logout(input: { allSessions: true }) { ok } }', {}, b);
    expect((await t.gql('{ viewer { id } }', {}, c)).data!.viewer).toBeNull();
  });

  it('does not accept an expired token', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const token = await t.login(user.username);
    await t.orm.em
      .fork()
      .nativeUpdate(Session, { user: user.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await t.gql('{ viewer { id } }', {}, token)).data!.viewer).toBeNull();
  });
});

describe('unauthenticated requests', () => {
  it('get UNAUTHENTICATED from a mutation that needs a user', async () => {
    const res = await t.gql(CREATE_USER, {
      input: {
        username: 'sneaky',
        password: 'long-enough-1',
        displayName: 'x',
        role: 'STREET_ADMIN',
      },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await t.orm.em.fork().count(User, { username: 'sneaky' })).toBe(0);
  });

  it('and with a made-up token too', async () => {
    const res = await t.gql('mutation { logout { ok } }', {}, 'gj_not-a-real-token');
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('registerVolunteer', () => {
  const REGISTER = `mutation($input: RegisterVolunteerInput!) {
    registerVolunteer(input: $input) { token viewer { username role community { name } } errors { code field } }
  }`;

  const REGISTER_ALL = `mutation($input: RegisterVolunteerInput!) {
    registerVolunteer(input: $input) { token errors { code field limit } }
  }`;

  it('creates a volunteer in the chosen community and signs them in', async () => {
    const res = await t.gql(REGISTER, {
      input: {
        username: 'Zhang.Wei',
        password: 'a-good-password',
        displayName: '张伟',
        phone: '13911112222',
        communityId: community.nodeId,
      },
    });
    expect(res.data!.registerVolunteer).toMatchObject({
      viewer: { username: 'zhang.wei', role: 'VOLUNTEER', community: { name: community.name } },
      errors: [],
    });
    const me = await t.gql('{ viewer { username } }', {}, res.data!.registerVolunteer.token);
    expect(me.data!.viewer.username).toBe('zhang.wei');
  });

  it('reports every bad field at once and writes nothing', async () => {
    const before = await t.orm.em.fork().count(User, {});
    const res = await t.gql(REGISTER, {
      input: {
        username: 'x',
        password: 'short',
        displayName: '',
        phone: '12345',
        communityId: community.nodeId,
      },
    });
    expect(
      res.data!.registerVolunteer.errors.map((e: { field: string[] }) => e.field.at(-1)).sort(),
    ).toEqual(['displayName', 'password', 'phone', 'username']);
    expect(await t.orm.em.fork().count(User, {})).toBe(before);
  });

  it('answers an empty form with one REQUIRED error per field, all in one response', async () => {
    const res = await t.gql(REGISTER_ALL, {
      input: {
        username: '  ',
        password: '',
        passwordConfirmation: '',
        displayName: '',
        phone: '',
        communityId: '',
      },
    });
    const errors = res.data!.registerVolunteer.errors as { code: string; field: string[] }[];
    expect(errors.map((e) => [e.field.at(-1), e.code]).sort()).toEqual([
      ['communityId', 'REQUIRED'],
      ['displayName', 'REQUIRED'],
      ['password', 'REQUIRED'],
      ['phone', 'REQUIRED'],
      ['username', 'REQUIRED'],
    ]);
  });

  it('reports a short name with its bound, a taken name, a mismatch and an unknown community together', async () => {
    const taken = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const before = await t.orm.em.fork().count(User, {});
    const short = await t.gql(REGISTER_ALL, {
      input: {
        username: 'ab',
        password: 'a-good-password',
        passwordConfirmation: 'a-good-password',
        displayName: '张伟',
        phone: '13911112222',
        communityId: community.nodeId,
      },
    });
    expect(short.data!.registerVolunteer.errors).toEqual([
      { code: 'TOO_SHORT', field: ['input', 'username'], limit: 3 },
    ]);
    const res = await t.gql(REGISTER_ALL, {
      input: {
        username: taken.username,
        password: 'a-good-password',
        passwordConfirmation: 'another-password',
        displayName: '张伟',
        phone: '139',
        communityId: toGlobalId('Community', 999_999),
      },
    });
    const errors = res.data!.registerVolunteer.errors as { code: string; field: string[] }[];
    expect(errors.map((e) => [e.field.at(-1), e.code]).sort()).toEqual([
      ['communityId', 'NOT_FOUND'],
      ['passwordConfirmation', 'PASSWORD_MISMATCH'],
      ['phone', 'INVALID'],
      ['username', 'TAKEN'],
    ]);
    expect(res.data!.registerVolunteer.token).toBeNull();
    expect(await t.orm.em.fork().count(User, {})).toBe(before);
  });

  it('refuses a taken username, also when two people race for it', async () => {
    const input = {
      username: 'race-name',
      password: 'a-good-password',
      displayName: '王芳',
      phone: '13911113333',
      communityId: community.nodeId,
    };
    const results = await Promise.all([t.gql(REGISTER, { input }), t.gql(REGISTER, { input })]);
    const codes = results.map((r) => r.data!.registerVolunteer.errors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['OK', 'TAKEN']);
    expect(await t.orm.em.fork().count(User, { username: 'race-name' })).toBe(1);
  });

  it('accepts a limited number of sign-ups from one address per hour', async () => {
    // The tests above took four sign-ups from this address (three registrations, and the
    // refused one that asked about a taken name); five are allowed per hour.
    const attempt = (n: number) =>
      t.gql(REGISTER, {
        input: {
          username: `burst-${n}`,
          password: 'a-good-password',
          displayName: '批量',
          phone: '13911114444',
          communityId: community.nodeId,
        },
      });
    expect((await attempt(1)).data!.registerVolunteer.errors).toEqual([]);
    const refused = await attempt(2);
    expect(refused.data!.registerVolunteer.errors).toEqual([
      expect.objectContaining({ code: 'RATE_LIMITED' }),
    ]);
    expect(await t.orm.em.fork().count(User, { username: 'burst-2' })).toBe(0);
  });
});

describe('createUser', () => {
  it('lets the office create staff for any community', async () => {
    const admin = await makeUser(t.orm, { role: Role.STREET_ADMIN });
    const token = await t.login(admin.username);
    const res = await t.gql(
      CREATE_USER,
      {
        input: {
          username: 'new-staff',
          password: 'long-enough-1',
          displayName: '新社工',
          role: 'COMMUNITY_STAFF',
          communityId: other.nodeId,
        },
      },
      token,
    );
    expect(res.data!.createUser).toMatchObject({
      user: { role: 'COMMUNITY_STAFF', community: { name: other.name } },
      errors: [],
    });
  });

  it('lets staff create a liaison for a unit of their own community only', async () => {
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const token = await t.login(staff.username);
    const ownUnit = await makeUnit(t.orm, community);
    const foreignUnit = await makeUnit(t.orm, other);
    const ok = await t.gql(
      CREATE_USER,
      {
        input: {
          username: 'liaison-own',
          password: 'long-enough-1',
          displayName: '联络员',
          role: 'UNIT_LIAISON',
          unitId: ownUnit.nodeId,
        },
      },
      token,
    );
    expect(ok.data!.createUser.errors).toEqual([]);
    const refused = await t.gql(
      CREATE_USER,
      {
        input: {
          username: 'liaison-foreign',
          password: 'long-enough-1',
          displayName: '联络员',
          role: 'UNIT_LIAISON',
          unitId: foreignUnit.nodeId,
        },
      },
      token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.orm.em.fork().count(User, { username: 'liaison-foreign' })).toBe(0);
  });

  it('does not let staff create staff or admins', async () => {
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const token = await t.login(staff.username);
    for (const role of ['COMMUNITY_STAFF', 'STREET_ADMIN']) {
      const res = await t.gql(
        CREATE_USER,
        {
          input: {
            username: `up-${role.toLowerCase()}`,
            password: 'long-enough-1',
            displayName: 'x',
            role,
            communityId: community.nodeId,
          },
        },
        token,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('does not let volunteers or liaisons create anyone', async () => {
    const volunteer = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const res = await t.gql(
      CREATE_USER,
      {
        input: {
          username: 'by-volunteer',
          password: 'long-enough-1',
          displayName: 'x',
          role: 'VOLUNTEER',
          communityId: community.nodeId,
        },
      },
      await t.login(volunteer.username),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('personal data', () => {
  it('masks a user phone for other volunteers, shows it to its owner and their staff', async () => {
    const owner = await makeUser(t.orm, { role: Role.VOLUNTEER, community, phone: '13612345678' });
    const stranger = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const query = '{ node(id: $id) { ... on User { phone } } }'.replace(
      '$id',
      JSON.stringify(owner.nodeId),
    );
    expect((await t.gql(query, {}, await t.login(owner.username))).data!.node).toEqual({
      phone: '13612345678',
    });
    expect((await t.gql(query, {}, await t.login(staff.username))).data!.node).toEqual({
      phone: '13612345678',
    });
    expect((await t.gql(query, {}, await t.login(stranger.username))).data!.node).toBeNull();
  });
});

describe('interface language', () => {
  const SET = `mutation($input: SetMyLanguageInput!) {
    setMyLanguage(input: $input) { viewer { language } errors { code field message } }
  }`;

  it('is kept per user, shown only to themselves, and refuses what is not offered', async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const token = await t.login(user.username);
    expect((await t.gql('{ viewer { language } }', {}, token)).data!.viewer.language).toBeNull();

    const bad = await t.gql(SET, { input: { language: 'fr' } }, token);
    expect(bad.data!.setMyLanguage).toMatchObject({
      viewer: null,
      errors: [{ code: 'INVALID', field: ['input', 'language'] }],
    });
    const stored = await t.orm.em.fork().findOneOrFail(User, user.id);
    expect(stored.language).toBeNull();

    const ok = await t.gql(SET, { input: { language: 'en' } }, token);
    expect(ok.data!.setMyLanguage).toEqual({ viewer: { language: 'en' }, errors: [] });
    // Signing in again (another device) tells the web app which language to open in.
    const again = await t.gql(
      'mutation($input: LoginInput!) { login(input: $input) { token viewer { username language } } }',
      { input: { username: user.username, password: TEST_PASSWORD } },
    );
    expect(again.data!.login.viewer).toEqual({ username: user.username, language: 'en' });
    const fresh = again.data!.login.token as string;
    expect((await t.gql('{ viewer { language } }', {}, fresh)).data!.viewer.language).toBe('en');

    // Staff who may read the volunteer still do not learn their settings.
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const staffToken = await t.login(staff.username);
    const seen = await t.gql(
      'query($id: ID!) { node(id: $id) { ... on User { username language } } }',
      { id: toGlobalId('User', user.id) },
      staffToken,
    );
    expect(seen.data!.node).toEqual({ username: user.username, language: null });
  });

  it('needs a signed-in user', async () => {
    const res = await t.gql(SET, { input: { language: 'en' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
