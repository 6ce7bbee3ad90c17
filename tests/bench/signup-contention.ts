// The sign-up contention benchmark: many volunteers press "sign up" for one shift at the same
// moment, through two API processes. Measures how long it takes and checks that the capacity
// held and the waitlist came out as an unbroken line.
import type { MikroORM } from '@mikro-orm/postgresql';
import { hashPassword, newToken, tokenHash } from '../../api/src/modules/auth/password.js';
import { Session } from '../../api/src/modules/auth/session.entity.js';
import { Role, User } from '../../api/src/modules/auth/user.entity.js';
import { Community } from '../../api/src/modules/directory/community.entity.js';
import { Activity } from '../../api/src/modules/shifts/activity.entity.js';
import { Shift } from '../../api/src/modules/shifts/shift.entity.js';
import { OrganiserKind, SignupStatus } from '../../api/src/modules/shifts/shift.enums.js';
import { Signup } from '../../api/src/modules/shifts/signup.entity.js';
import { Volunteer } from '../../api/src/modules/shifts/volunteer.entity.js';

export interface ContentionOptions {
  volunteers: number;
  places: number;
  /** Requests in flight at once, across all processes. */
  concurrency: number;
  /** Sign-ups on a separate shift first, so both processes are warm (JIT, pools, caches). */
  warmup: number;
}

export const FULL: ContentionOptions = {
  volunteers: 2000,
  places: 50,
  concurrency: 200,
  warmup: 200,
};
export const SMOKE: ContentionOptions = {
  volunteers: 100,
  places: 10,
  concurrency: 50,
  warmup: 20,
};

export interface ContentionResult {
  options: ContentionOptions;
  wallMs: number;
  /** Sign-ups answered per second of wall time. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  confirmed: number;
  waitlisted: number;
  errors: number;
  /** Empty when everything the benchmark checks held. */
  problems: string[];
}

const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { signup { id status waitlistPosition } errors { code message } } }`;

const HOUR = 3_600_000;

interface Fixture {
  shift: Shift;
  tokens: string[];
}

/** A community, its staff member, an activity, one shift and `count` volunteers with tokens. */
async function createFixture(
  orm: MikroORM,
  options: { count: number; places: number; startsInHours: number; name: string },
): Promise<Fixture> {
  const em = orm.em.fork();
  const passwordHash = await hashPassword(`bench-${Date.now()}`);
  const community = em.create(Community, {
    code: `bench-${options.name}`,
    name: `基准测试社区${options.name}`,
    nameEn: `Benchmark ${options.name}`,
    households: 3000,
    residents: 7000,
    fullTimeWorkers: 6,
    secondedWorkers: 2,
  });
  const staff = em.create(User, {
    username: `bench-staff-${options.name}`,
    passwordHash,
    displayName: '基准测试社区工作者',
    role: Role.COMMUNITY_STAFF,
    community,
  });
  const activity = em.create(Activity, {
    community,
    organiserKind: OrganiserKind.COMMUNITY,
    createdBy: staff,
    title: '社区清雪',
    location: '社区服务中心',
  });
  const startsAt = new Date(Date.now() + options.startsInHours * HOUR);
  const shift = em.create(Shift, {
    activity,
    community,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * HOUR),
    capacity: options.places,
  });
  const expiresAt = new Date(Date.now() + 24 * HOUR);
  const tokens = Array.from({ length: options.count }, (_, i) => {
    const user = em.create(User, {
      username: `bench-${options.name}-${i}`,
      passwordHash,
      displayName: `志愿者${i}`,
      role: Role.VOLUNTEER,
      community,
    });
    em.create(Volunteer, { user, realName: user.displayName, phone: '13600000000', community });
    const token = newToken();
    em.create(Session, { user, tokenHash: tokenHash(token), expiresAt });
    return token;
  });
  await em.flush();
  return { shift, tokens };
}

interface Answer {
  ms: number;
  status: string | null;
  position: number | null;
  error: string | null;
}

async function signUp(url: string, token: string, shiftId: string): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SIGN_UP, variables: { input: { shiftId } } }),
    });
    const body = (await res.json()) as {
      data?: {
        signUpForShift: {
          signup: { status: string; waitlistPosition: number | null } | null;
          errors: { code: string; message: string }[];
        };
      };
      errors?: { message: string }[];
    };
    const ms = performance.now() - started;
    const payload = body.data?.signUpForShift;
    const error =
      res.status !== 200
        ? `HTTP ${res.status}`
        : body.errors?.length
          ? body.errors[0]!.message
          : payload?.errors.length
            ? payload.errors[0]!.code
            : !payload?.signup
              ? 'no sign-up in the answer'
              : null;
    return {
      ms,
      status: payload?.signup?.status ?? null,
      position: payload?.signup?.waitlistPosition ?? null,
      error,
    };
  } catch (error) {
    return { ms: performance.now() - started, status: null, position: null, error: String(error) };
  }
}

/** Sends every sign-up with at most `concurrency` in flight, alternating between the APIs. */
async function fire(
  urls: readonly string[],
  tokens: readonly string[],
  shiftId: string,
  concurrency: number,
): Promise<{ answers: Answer[]; wallMs: number }> {
  const answers: Answer[] = new Array(tokens.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tokens.length) }, async () => {
      for (let i = next++; i < tokens.length; i = next++) {
        answers[i] = await signUp(urls[i % urls.length]!, tokens[i]!, shiftId);
      }
    }),
  );
  return { answers, wallMs: performance.now() - started };
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const sameList = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export async function runSignupContention(
  orm: MikroORM,
  urls: readonly string[],
  options: ContentionOptions,
  log: (line: string) => void = console.log,
): Promise<ContentionResult> {
  log(
    `creating ${options.volunteers} volunteers with tokens and a shift of ${options.places} places`,
  );
  const warm = await createFixture(orm, {
    count: options.warmup,
    places: Math.max(1, Math.round(options.warmup / 10)),
    startsInHours: 72,
    name: 'warmup',
  });
  const main = await createFixture(orm, {
    count: options.volunteers,
    places: options.places,
    startsInHours: 48,
    name: 'main',
  });

  log(`warming up: ${options.warmup} sign-ups on another shift`);
  const warmup = await fire(urls, warm.tokens, warm.shift.nodeId, options.concurrency);
  const warmupErrors = warmup.answers.filter((a) => a.error).length;

  log(
    `firing ${options.volunteers} sign-ups at once, ${options.concurrency} in flight, over ${urls.length} processes`,
  );
  const { answers, wallMs } = await fire(urls, main.tokens, main.shift.nodeId, options.concurrency);

  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const errors = answers.filter((a) => a.error);
  const confirmed = answers.filter((a) => a.status === SignupStatus.CONFIRMED).length;
  const positions = answers
    .filter((a) => a.status === SignupStatus.WAITLISTED)
    .map((a) => a.position ?? 0)
    .sort((a, b) => a - b);
  const waitlistLength = options.volunteers - options.places;

  // What the database says, not only the answers.
  const em = orm.em.fork();
  const shift = await em.findOneOrFail(Shift, main.shift.id);
  const savedConfirmed = await em.count(Signup, {
    shift: shift.id,
    status: SignupStatus.CONFIRMED,
  });
  const tickets = (
    await em.find(
      Signup,
      { shift: shift.id, status: SignupStatus.WAITLISTED },
      { orderBy: { waitlistSeq: 'asc' }, fields: ['waitlistSeq'] },
    )
  ).map((s) => s.waitlistSeq ?? 0);

  const problems: string[] = [];
  if (warmupErrors) problems.push(`${warmupErrors} errors while warming up`);
  if (errors.length) {
    const kinds = [...new Set(errors.map((e) => e.error))].slice(0, 3).join('; ');
    problems.push(`${errors.length} errors (${kinds})`);
  }
  if (confirmed !== options.places)
    problems.push(`${confirmed} answered CONFIRMED, expected ${options.places}`);
  if (!sameList(positions, range(waitlistLength)))
    problems.push(`waitlist positions are not 1..${waitlistLength}`);
  if (shift.confirmedCount !== options.places || savedConfirmed !== options.places)
    problems.push(
      `database: confirmedCount ${shift.confirmedCount}, ${savedConfirmed} CONFIRMED rows, expected ${options.places}`,
    );
  if (shift.waitlistCount !== waitlistLength || !sameList(tickets, range(waitlistLength)))
    problems.push(
      `database: waitlistCount ${shift.waitlistCount}, ${tickets.length} tickets, expected 1..${waitlistLength}`,
    );

  return {
    options,
    wallMs,
    throughput: (answers.length / wallMs) * 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    confirmed,
    waitlisted: positions.length,
    errors: errors.length,
    problems,
  };
}
