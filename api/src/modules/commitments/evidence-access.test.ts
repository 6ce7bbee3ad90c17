// Security review, issue 13, defect 7: evidence files (sign-in sheets and photos show residents)
// are for the unit, its community's staff and the office (policy 'evidence.read'), however
// public the commitment; the co-building report is for the office, the community's staff and its
// units (policy 'coBuildingReport.read'), not for every volunteer and social worker.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  makeVolunteer,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import { shanghaiDate } from '../../graphql/dates.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Commitment } from './commitment.entity.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gj-evidence-access-'));
const t = useTestApp(() => ({ dataDir }));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const base = () => t.url.replace(/\/graphql$/, '');
const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

const RECORD = `mutation($input: RecordFulfilmentInput!) {
  recordFulfilment(input: $input) { fulfilment { id evidence { id url } } errors { code message } }
}`;
const EVIDENCE = `query($id: ID!) {
  commitment(id: $id) { fulfilments(first: 10) { edges { node { id evidence { id url } } } } }
}`;

let community: Community;
let commitment: Commitment;
let evidenceId: string;
let evidenceUrl: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  const unit = await makeUnit(t.orm, community);
  const otherUnit = await makeUnit(t.orm, community);
  const otherCommunity = await makeCommunity(t.orm);
  const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  const people: Record<string, User> = {
    liaison,
    staff: await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community }),
    admin: await makeUser(t.orm, { role: Role.STREET_ADMIN }),
    volunteer: (await makeVolunteer(t.orm, community)).user,
    socialWorker: await makeUser(t.orm, { role: Role.SOCIAL_WORKER, community }),
    otherUnitLiaison: await makeUser(t.orm, {
      role: Role.UNIT_LIAISON,
      community,
      unit: otherUnit,
    }),
    otherStaff: await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community: otherCommunity }),
  };
  for (const [key, user] of Object.entries(people)) tokens[key] = await t.login(user.username);

  // An accepted commitment: public to everyone signed in (policy 'commitment.read').
  commitment = await makeCommitment(t.orm, unit, {
    createdBy: liaison,
    status: CommitmentStatus.ACTIVE,
    periodStart: '2000-01-01',
    periodEnd: '2099-12-31',
  });
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), '签到表.png');
  const uploaded = await fetch(`${base()}/files/evidence`, {
    method: 'POST',
    headers: auth(tokens.liaison!),
    body: form,
  });
  expect(uploaded.status).toBe(201);
  const { id } = (await uploaded.json()) as AnyData;
  const res = await t.gql(
    RECORD,
    {
      input: {
        commitmentId: commitment.nodeId,
        amount: 2,
        date: shanghaiDate(),
        note: '社区清扫签到',
        evidenceIds: [id],
      },
    },
    tokens.liaison,
  );
  expect(res.data!.recordFulfilment.errors).toEqual([]);
  [{ id: evidenceId, url: evidenceUrl }] = res.data!.recordFulfilment.fulfilment.evidence;
});

const OUTSIDERS = ['volunteer', 'socialWorker', 'otherUnitLiaison', 'otherStaff'];
const READERS = ['liaison', 'staff', 'admin'];

describe('GET /files/evidence/:id of an accepted commitment', () => {
  it('answers 404 to a volunteer, a social worker, another unit and another community', async () => {
    for (const viewer of OUTSIDERS) {
      const res = await fetch(`${base()}${evidenceUrl}`, { headers: auth(tokens[viewer]!) });
      expect(res.status, viewer).toBe(404);
      expect(((await res.json()) as AnyData).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('serves the photo to the unit, its community’s staff and the office', async () => {
    for (const viewer of READERS) {
      const res = await fetch(`${base()}${evidenceUrl}`, { headers: auth(tokens[viewer]!) });
      expect(res.status, viewer).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }
  });
});

describe('Fulfilment.evidence', () => {
  async function evidenceSeenBy(viewer: string) {
    const res = await t.gql(EVIDENCE, { id: commitment.nodeId }, tokens[viewer]);
    expect(res.errors, viewer).toBeUndefined();
    const edges = res.data!.commitment.fulfilments.edges;
    expect(edges, viewer).toHaveLength(1);
    return edges[0].node.evidence;
  }

  it('is null for those who may not open the files, though they see the record', async () => {
    for (const viewer of OUTSIDERS) expect(await evidenceSeenBy(viewer), viewer).toBeNull();
  });

  it('lists the files for the unit, its community’s staff and the office', async () => {
    for (const viewer of READERS) {
      expect(await evidenceSeenBy(viewer), viewer).toEqual([{ id: evidenceId, url: evidenceUrl }]);
    }
  });
});

describe('GET /reports/co-building', () => {
  const report = (token: string) =>
    fetch(
      `${base()}/reports/co-building?${new URLSearchParams({
        communityId: community.nodeId,
        format: 'csv',
      })}`,
      { headers: auth(token) },
    );

  it('refuses a volunteer and a social worker of the community (403)', async () => {
    for (const viewer of ['volunteer', 'socialWorker']) {
      const res = await report(tokens[viewer]!);
      expect(res.status, viewer).toBe(403);
      expect(((await res.json()) as AnyData).errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('serves the CSV to the community’s staff, its units’ liaisons and the office', async () => {
    for (const viewer of ['staff', 'liaison', 'otherUnitLiaison', 'admin']) {
      const res = await report(tokens[viewer]!);
      expect(res.status, viewer).toBe(200);
      expect(res.headers.get('content-type'), viewer).toMatch(/^text\/csv/);
      expect(await res.text(), viewer).toContain(commitment.title);
    }
    const res = await report(tokens.otherStaff!);
    expect(res.status).toBe(403);
    await res.arrayBuffer();
  });
});
