import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData } from '../../../../tests/support/test-app.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import { Commitment } from './commitment.entity.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { evidenceFileName } from './evidence-names.js';
import { evidencePath, MAX_EVIDENCE_BYTES, sha256Hex } from './evidence.storage.js';
import { Fulfilment } from './fulfilment.entity.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gj-evidence-'));
const t = useTestApp(() => ({ dataDir }));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = (text: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );

const base = () => t.url.replace(/\/graphql$/, '');
const auth = (token?: string | null): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

interface Uploaded {
  status: number;
  body: AnyData;
}

async function upload(
  token: string | null,
  bytes: Uint8Array,
  fileName: string,
  clientType = 'application/octet-stream',
  field = 'file',
): Promise<Uploaded> {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type: clientType }), fileName);
  const response = await fetch(`${base()}/files/evidence`, {
    method: 'POST',
    headers: auth(token),
    body: form,
  });
  return { status: response.status, body: (await response.json()) as AnyData };
}

function download(token: string | null, id: string, headers: Record<string, string> = {}) {
  return fetch(`${base()}/files/evidence/${id}`, { headers: { ...auth(token), ...headers } });
}

/** Every file under DATA_DIR/evidence, temp files included. */
function filesOnDisk(): string[] {
  const root = path.join(dataDir, 'evidence');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const rowCount = () => t.orm.em.fork().count(EvidenceFile, {});

const RECORD = `mutation($input: RecordFulfilmentInput!) {
  recordFulfilment(input: $input) {
    fulfilment { id evidence { id fileName mimeType size url } }
    errors { code field message }
  }
}`;

let community: Community;
let unit: Unit;
let liaison: User;
let liaisonToken: string;

beforeAll(async () => {
  community = await makeCommunity(t.orm);
  unit = await makeUnit(t.orm, community);
  liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
  liaisonToken = await t.login(liaison.username);
});

/** A commitment whose period surely contains today. */
const commitmentOf = (forUnit: Unit, createdBy: User, status: CommitmentStatus) =>
  makeCommitment(t.orm, forUnit, {
    createdBy,
    status,
    periodStart: '2000-01-01',
    periodEnd: '2099-12-31',
  });

describe('POST /files/evidence', () => {
  it('stores a PNG and a PDF under their SHA-256, typed by content', async () => {
    const png = await upload(liaisonToken, PNG, 'photo.png', 'image/png');
    expect(png.status).toBe(201);
    expect(png.body).toEqual({
      id: expect.any(String),
      fileName: 'photo.png',
      mimeType: 'image/png',
      size: PNG.length,
      url: `/files/evidence/${png.body.id}`,
    });
    const pngPath = evidencePath(dataDir, sha256Hex(PNG));
    expect(pngPath).toBe(
      path.join(dataDir, 'evidence', sha256Hex(PNG).slice(0, 2), sha256Hex(PNG)),
    );
    expect(readFileSync(pngPath).equals(PNG)).toBe(true);

    // The client's type and name claim something else; the content decides.
    const bytes = pdf('receipt');
    const doc = await upload(liaisonToken, bytes, '收据.jpg', 'image/jpeg');
    expect(doc.status).toBe(201);
    expect(doc.body).toMatchObject({
      fileName: '收据.jpg',
      mimeType: 'application/pdf',
      size: bytes.length,
    });
    expect(readFileSync(evidencePath(dataDir, sha256Hex(bytes))).equals(bytes)).toBe(true);

    const row = await t.orm.em
      .fork()
      .findOneOrFail(EvidenceFile, { sha256: sha256Hex(bytes) }, { populate: ['uploadedBy'] });
    expect(row).toMatchObject({
      fileName: '收据.jpg',
      mimeType: 'application/pdf',
      size: bytes.length,
      fulfilment: null,
    });
    expect(row.uploadedBy.id).toBe(liaison.id);
    expect(filesOnDisk().some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('writes the same bytes once but records every upload', async () => {
    const bytes = pdf('twice');
    const target = evidencePath(dataDir, sha256Hex(bytes));
    const before = filesOnDisk().length;
    const rowsBefore = await rowCount();
    const first = await upload(liaisonToken, bytes, 'a.pdf');
    const second = await upload(liaisonToken, bytes, 'b.pdf');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.id).not.toBe(second.body.id);
    expect(filesOnDisk().length).toBe(before + 1);
    expect(existsSync(target)).toBe(true);
    expect(await rowCount()).toBe(rowsBefore + 2);
  });

  it('refuses text dressed up as a PNG (415) and stores nothing', async () => {
    const text = Buffer.from('just some text, not an image at all\n');
    const before = filesOnDisk();
    const rowsBefore = await rowCount();
    const res = await upload(liaisonToken, text, 'photo.png', 'image/png');
    expect(res.status).toBe(415);
    expect(res.body.errors[0].extensions.code).toBe('UNSUPPORTED_FILE');
    expect(filesOnDisk()).toEqual(before);
    expect(existsSync(evidencePath(dataDir, sha256Hex(text)))).toBe(false);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('refuses a file one byte over 10 MB (413) and stores nothing', async () => {
    const big = Buffer.alloc(MAX_EVIDENCE_BYTES + 1);
    PNG.copy(big);
    const before = filesOnDisk();
    const rowsBefore = await rowCount();
    const res = await upload(liaisonToken, big, 'huge.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('FILE_TOO_LARGE');
    expect(filesOnDisk()).toEqual(before);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('asks for a file when there is none, or it is empty, or in another field (400)', async () => {
    const form = new FormData();
    form.append('note', 'hello');
    const noFile = await fetch(`${base()}/files/evidence`, {
      method: 'POST',
      headers: auth(liaisonToken),
      body: form,
    });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as AnyData).errors[0].extensions.code).toBe('FILE_REQUIRED');

    const json = await fetch(`${base()}/files/evidence`, {
      method: 'POST',
      headers: { ...auth(liaisonToken), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as AnyData).errors[0].extensions.code).toBe('FILE_REQUIRED');

    const empty = await upload(liaisonToken, new Uint8Array(0), 'empty.png');
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].extensions.code).toBe('FILE_REQUIRED');

    const otherField = await upload(liaisonToken, PNG, 'photo.png', 'image/png', 'photo');
    expect(otherField.status).toBe(400);
    expect(otherField.body.errors[0].extensions.code).toBe('FILE_REQUIRED');
  });

  it('refuses anonymous and unknown tokens (401) without storing', async () => {
    const rowsBefore = await rowCount();
    for (const token of [null, 'gj_not-a-real-token']) {
      const res = await upload(token, PNG, 'photo.png');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('keeps only a clean base name', async () => {
    const res = await upload(liaisonToken, PNG, '..\\..\\etc\\捐赠\u202Egnp.exe');
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('捐赠gnp.exe');
    expect(evidenceFileName('../../.hidden', 'image/png')).toBe('hidden');
    expect(evidenceFileName('\u0000\u0007', 'image/png')).toBe('evidence.png');
    const long = evidenceFileName(`${'长'.repeat(300)}.pdf`, 'application/pdf');
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('长.pdf')).toBe(true);
  });
});

describe('GET /files/evidence/:id', () => {
  it('serves an unattached upload to its uploader only, with safe headers and an ETag', async () => {
    const bytes = pdf('unattached');
    const { body } = await upload(liaisonToken, bytes, '活动 照片.pdf');
    const res = await download(liaisonToken, body.id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence.pdf"; filename*=UTF-8''${encodeURIComponent('活动 照片.pdf')}`,
    );
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
    const etag = `"${sha256Hex(bytes)}"`;
    expect(res.headers.get('etag')).toBe(etag);

    const cached = await download(liaisonToken, body.id, { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    const weak = await download(liaisonToken, body.id, { 'if-none-match': `"x", W/${etag}` });
    expect(weak.status).toBe(304);
    const stale = await download(liaisonToken, body.id, { 'if-none-match': '"other"' });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();

    // Not attached yet: even the unit's own community staff cannot see it.
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const staffRes = await download(await t.login(staff.username), body.id);
    expect(staffRes.status).toBe(404);
    expect(((await staffRes.json()) as AnyData).errors[0].extensions.code).toBe('NOT_FOUND');
    // A refused ETag check reveals nothing either.
    const staffCached = await download(await t.login(staff.username), body.id, {
      'if-none-match': etag,
    });
    expect(staffCached.status).toBe(404);
    await staffCached.arrayBuffer();
  });

  it('answers 401 to anonymous and 404 to IDs that are malformed, unknown or of another type', async () => {
    const { body } = await upload(liaisonToken, PNG, 'photo.png');
    const anonymous = await download(null, body.id);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as AnyData).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const unknown = Buffer.from('EvidenceFile:999999999').toString('base64url');
    const otherType = Buffer.from(`Unit:${unit.id}`).toString('base64url');
    for (const id of ['nope', unknown, otherType]) {
      const res = await download(liaisonToken, id);
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    }
  });
  it('masks an internal failure (bytes missing on disk) as a 500', async () => {
    const bytes = pdf('lost');
    const { body } = await upload(liaisonToken, bytes, 'lost.pdf');
    rmSync(evidencePath(dataDir, sha256Hex(bytes)));
    const res = await download(liaisonToken, body.id);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });
});

describe('evidence on fulfilment records', () => {
  it('a liaison uploads, attaches it with recordFulfilment, and readers of the commitment download it', async () => {
    const commitment = await commitmentOf(unit, liaison, CommitmentStatus.ACTIVE);
    const { status, body } = await upload(liaisonToken, PNG, '志愿服务.png');
    expect(status).toBe(201);
    const res = await t.gql(
      RECORD,
      {
        input: {
          commitmentId: commitment.nodeId,
          amount: 3,
          date: shanghaiDate(),
          note: '社区清扫',
          evidenceIds: [body.id],
        },
      },
      liaisonToken,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordFulfilment.errors).toEqual([]);
    expect(res.data!.recordFulfilment.fulfilment.evidence).toEqual([
      {
        id: body.id,
        fileName: '志愿服务.png',
        mimeType: 'image/png',
        size: PNG.length,
        url: body.url,
      },
    ]);

    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    for (const token of [liaisonToken, await t.login(staff.username)]) {
      const file = await fetch(`${base()}${body.url}`, { headers: auth(token) });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    }
    // An accepted commitment is public, its evidence is not (policy 'evidence.read'; see
    // evidence-access.test.ts).
    const otherUnit = await makeUnit(t.orm, community);
    const stranger = await makeUser(t.orm, {
      role: Role.UNIT_LIAISON,
      community,
      unit: otherUnit,
    });
    const strangerRes = await download(await t.login(stranger.username), body.id);
    expect(strangerRes.status).toBe(404);
    await strangerRes.arrayBuffer();

    // Attached once: it cannot be attached again.
    const again = await t.gql(
      RECORD,
      {
        input: {
          commitmentId: commitment.nodeId,
          amount: 1,
          date: shanghaiDate(),
          evidenceIds: [body.id],
        },
      },
      liaisonToken,
    );
    expect(again.data!.recordFulfilment.errors[0].code).toBe('NOT_FOUND');
  });

  it('evidence of a commitment not yet accepted is hidden from other units and volunteers', async () => {
    const commitment = await commitmentOf(unit, liaison, CommitmentStatus.SUBMITTED);
    const bytes = pdf('submitted');
    const { body } = await upload(liaisonToken, bytes, 'plan.pdf');

    // recordFulfilment refuses commitments that are not accepted, so attach it directly.
    const em = t.orm.em.fork();
    const fulfilment = em.create(Fulfilment, {
      commitment: em.getReference(Commitment, commitment.id),
      amount: '1.00',
      date: shanghaiDate(),
      recordedBy: em.getReference(User, liaison.id),
    });
    const row = await em.findOneOrFail(EvidenceFile, { sha256: sha256Hex(bytes) });
    row.fulfilment = fulfilment;
    await em.flush();

    const otherUnit = await makeUnit(t.orm, community);
    const otherLiaison = await makeUser(t.orm, {
      role: Role.UNIT_LIAISON,
      community,
      unit: otherUnit,
    });
    const volunteer = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const otherCommunity = await makeCommunity(t.orm);
    const otherStaff = await makeUser(t.orm, {
      role: Role.COMMUNITY_STAFF,
      community: otherCommunity,
    });
    for (const user of [otherLiaison, volunteer, otherStaff]) {
      const res = await download(await t.login(user.username), body.id);
      expect(res.status, user.role).toBe(404);
      expect(((await res.json()) as AnyData).errors[0].extensions.code).toBe('NOT_FOUND');
    }

    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    for (const token of [liaisonToken, await t.login(staff.username)]) {
      const res = await download(token, body.id);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('nobody can attach someone else’s upload', async () => {
    const { body } = await upload(liaisonToken, pdf('mine'), 'mine.pdf');
    const evidenceId = Number(Buffer.from(body.id, 'base64url').toString().split(':')[1]);

    const otherUnit = await makeUnit(t.orm, community);
    const otherLiaison = await makeUser(t.orm, {
      role: Role.UNIT_LIAISON,
      community,
      unit: otherUnit,
    });
    const staff = await makeUser(t.orm, { role: Role.COMMUNITY_STAFF, community });
    const theirs = await commitmentOf(otherUnit, otherLiaison, CommitmentStatus.ACTIVE);
    const ours = await commitmentOf(unit, liaison, CommitmentStatus.ACTIVE);

    // Another unit's liaison, on their own commitment; staff, even on the uploader's commitment.
    for (const [user, commitment] of [
      [otherLiaison, theirs],
      [staff, ours],
    ] as const) {
      const res = await t.gql(
        RECORD,
        {
          input: {
            commitmentId: commitment.nodeId,
            amount: 2,
            date: shanghaiDate(),
            evidenceIds: [body.id],
          },
        },
        await t.login(user.username),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordFulfilment.fulfilment).toBeNull();
      expect(res.data!.recordFulfilment.errors).toEqual([
        expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'evidenceIds'] }),
      ]);
    }

    const em = t.orm.em.fork();
    expect((await em.findOneOrFail(EvidenceFile, evidenceId)).fulfilment).toBeNull();
    expect(await em.count(Fulfilment, { commitment: { $in: [theirs.id, ours.id] } })).toBe(0);
    const refreshed = await em.findOneOrFail(Commitment, theirs.id);
    expect(refreshed.pendingAmount).toBe('0.00');
  });
});
