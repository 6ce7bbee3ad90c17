// Issue 14, defect 7: uploads could fill the database's disk. 100 parallel 9 MB uploads by
// self-registered volunteers were all accepted and held whole in memory, unattached files lived
// for ever, and polyglots and a 100000 × 100000 PNG were served inline. Now: uploads stream to
// disk, a user's bytes per 24 hours and uploads in progress are capped (under parallel uploads
// too), unattached files are deleted after a grace period, uploads stop while the disk is short,
// and every file is served as a sandboxed attachment.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommitmentStatus,
  makeCommitment,
  makeCommunity,
  makeUnit,
  makeUser,
  Role,
} from '../../../../tests/support/factories.js';
import { useTestApp, type AnyData, type TestApp } from '../../../../tests/support/test-app.js';
import type { Config } from '../../config.js';
import { shanghaiDate } from '../../graphql/dates.js';
import { jobDefinitions } from '../../jobs/jobs.js';
import type { User } from '../auth/user.entity.js';
import type { Community } from '../directory/community.entity.js';
import type { Unit } from '../directory/unit.entity.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { deleteUnattachedEvidence, EVIDENCE_CLEANUP_JOB } from './evidence.jobs.js';
import { evidencePath, sha256Hex } from './evidence.storage.js';

const MiB = 1024 * 1024;
const CAP = 10 * MiB;

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** A server whose evidence settings are the defaults with `evidence` over them. */
function appWith(evidence: Partial<Config['evidence']>): { t: TestApp; dataDir: string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gj-evidence-limits-'));
  dataDirs.push(dataDir);
  const t = useTestApp((base) => ({ dataDir, evidence: { ...base.evidence, ...evidence } }));
  return { t, dataDir };
}

// ---------------------------------------------------------------------------------------------
// Files

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.byteLength, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter, no interlace
  return pngChunk('IHDR', data);
}

/**
 * A PNG of `total` bytes whose header says `width` × `height`; `id` makes its bytes (and so its
 * SHA-256) its own. Only the header is real: nothing here decodes pixels.
 */
function png(total: number, { id = 0, width = 640, height = 480 } = {}): Buffer {
  const head = Buffer.concat([PNG_SIGNATURE, ihdr(width, height)]);
  const tail = pngChunk('IEND', new Uint8Array(0));
  const idat = Buffer.alloc(Math.max(4, total - head.length - tail.length - 12));
  idat.writeUInt32BE(id >>> 0, 0);
  return Buffer.concat([head, pngChunk('IDAT', idat), tail]);
}

/** A real 1 × 1 JPEG that is also an HTML page (in a comment) and carries a PE after its end. */
function jpegHtmlPePolyglot(): Buffer {
  const html = Buffer.from('<html><body><script>alert(document.domain)</script></body></html>');
  const com = Buffer.alloc(4);
  com.set([0xff, 0xfe]);
  com.writeUInt16BE(html.length + 2, 2);
  // SOF0: 8 bits, 1 × 1, 3 components.
  const sof = Buffer.from([
    0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x00,
    0x03, 0x11, 0x00,
  ]);
  const pe = Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(58),
    Buffer.from('This program cannot be run in DOS mode.\r\n$PE\0\0'),
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), com, html, sof, Buffer.from([0xff, 0xd9]), pe]);
}

// ---------------------------------------------------------------------------------------------
// HTTP

const baseOf = (t: TestApp) => t.url.replace(/\/graphql$/, '');
const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

interface Uploaded {
  status: number;
  body: AnyData;
  headers: Headers;
}

/** An upload the usual way: a FormData body, so with Content-Length. */
async function upload(t: TestApp, token: string, bytes: Uint8Array, name = 'photo.png') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/png' }), name);
  const res = await fetch(`${baseOf(t)}/files/evidence`, {
    method: 'POST',
    headers: auth(token),
    body: form,
  });
  return { status: res.status, body: (await res.json()) as AnyData, headers: res.headers };
}

const BOUNDARY = 'gj-evidence-limits-boundary';
const ZEROS = new Uint8Array(64 * 1024);

/**
 * An upload streamed without Content-Length (chunked): the multipart body of a PNG of `size`
 * bytes made as it is sent, so the test itself holds no copy. `gate`, when given, holds the body
 * after its first chunk until it resolves.
 */
async function streamUpload(
  t: TestApp,
  token: string,
  size: number,
  id: number,
  gate?: Promise<void>,
): Promise<Uploaded> {
  const head = png(0, { id }).subarray(0, PNG_SIGNATURE.length + 25); // signature + IHDR
  const idatLength = size - head.length - 12 - 12; // IDAT and IEND framing
  const idatHead = Buffer.alloc(8);
  idatHead.writeUInt32BE(idatLength, 0);
  idatHead.write('IDAT', 4, 'latin1');
  const idatId = Buffer.alloc(4);
  idatId.writeUInt32BE(id, 0);
  const parts: Uint8Array[] = [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="p${id}.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    head,
    idatHead,
    idatId,
  ];
  let left = idatLength - idatId.length;
  let sentFirst = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (parts.length > 0) {
        controller.enqueue(parts.shift()!);
        return;
      }
      if (!sentFirst) {
        sentFirst = true;
        if (gate) await gate;
      }
      if (left > 0) {
        const n = Math.min(left, ZEROS.length);
        controller.enqueue(n === ZEROS.length ? ZEROS : ZEROS.subarray(0, n));
        left -= n;
        return;
      }
      controller.enqueue(Buffer.alloc(4)); // IDAT's CRC, unchecked
      controller.enqueue(pngChunk('IEND', new Uint8Array(0)));
      controller.enqueue(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
      controller.close();
    },
  });
  const res = await fetch(`${baseOf(t)}/files/evidence`, {
    method: 'POST',
    headers: { ...auth(token), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as AnyData, headers: res.headers };
}

/** Every file under DATA_DIR/evidence, temp files included. */
function filesOnDisk(dataDir: string): string[] {
  const root = path.join(dataDir, 'evidence');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const incoming = (dataDir: string) =>
  filesOnDisk(dataDir).filter((file) => file.includes(`${path.sep}.incoming${path.sep}`));

const codeOf = (res: Uploaded) => res.body.errors?.[0]?.extensions?.code as string | undefined;

/** Bytes of `user`'s stored uploads. */
async function storedBytes(t: TestApp, user: User): Promise<number> {
  const rows = await t.orm.em.fork().find(EvidenceFile, { uploadedBy: user.id });
  return rows.reduce((sum, row) => sum + row.size, 0);
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// ---------------------------------------------------------------------------------------------

describe('with a daily cap of 10 MB per user', () => {
  const { t, dataDir } = appWith({
    dailyBytesPerUser: CAP,
    concurrentPerUser: 25,
    concurrentPerProcess: 50,
  });

  let community: Community;
  let unit: Unit;
  const volunteer = async () => {
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    return { user, token: await t.login(user.username) };
  };

  beforeAll(async () => {
    community = await makeCommunity(t.orm);
    unit = await makeUnit(t.orm, community);
  });

  it('accepts one user’s uploads up to the cap, refuses the next (429), and not another user’s', async () => {
    const a = await volunteer();
    const b = await volunteer();
    for (const [i, size] of [4 * MiB, 4 * MiB].entries()) {
      const res = await upload(t, a.token, png(size, { id: i + 1 }));
      expect(res.status, `upload ${i}`).toBe(201);
    }
    // 8 MB used: 3 MB does not fit. Its Content-Length says so before the body is read.
    const before = filesOnDisk(dataDir);
    const refused = await upload(t, a.token, png(3 * MiB, { id: 3 }));
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('QUOTA_EXCEEDED');
    expect(refused.body.errors[0].message).toMatch(/10 MB .* 24 hours .* 2 MB left/);
    // The same without Content-Length: refused as the body passes what is left.
    const streamed = await streamUpload(t, a.token, 3 * MiB, 4);
    expect(streamed.status).toBe(429);
    expect(codeOf(streamed)).toBe('QUOTA_EXCEEDED');
    expect(filesOnDisk(dataDir)).toEqual(before);

    // Exactly what is left still fits; then nothing does.
    expect((await upload(t, a.token, png(2 * MiB, { id: 5 }))).status).toBe(201);
    expect(await storedBytes(t, a.user)).toBe(CAP);
    const full = await upload(t, a.token, png(1024, { id: 6 }));
    expect(full.status).toBe(429);
    expect(codeOf(full)).toBe('QUOTA_EXCEEDED');

    // Another user's quota is their own.
    expect((await upload(t, b.token, png(4 * MiB, { id: 7 }))).status).toBe(201);
    expect(await storedBytes(t, b.user)).toBe(4 * MiB);
  });

  // 40 MB through multipart parsing and hashing: allow a busy 2-core machine its time.
  it(
    '20 parallel 2 MB uploads by one user: exactly those that fit are stored, streamed not held in memory',
    { timeout: 90_000 },
    async () => {
      const { user, token } = await volunteer();
      const COUNT = 20;
      const SIZE = 2 * MiB;

      // What the process (server and client: the server runs in this process) holds in JS objects
      // and buffers while the uploads run, sampled after a full GC so garbage does not count.
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const held = () => {
        gc();
        const m = process.memoryUsage();
        return m.heapUsed + m.arrayBuffers;
      };
      const baseline = held();
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(held()), 50);

      let results: Uploaded[];
      try {
        results = await Promise.all(
          Array.from({ length: COUNT }, (_, i) => streamUpload(t, token, SIZE, 1000 + i)),
        );
      } finally {
        clearInterval(sampler);
      }
      // Held across two samples in a row: buffers of socket reads in flight at one sample (a few
      // MB at most, sometimes more while GC holds the loop) do not count, a body kept whole does.
      const kept = samples.slice(1).map((sample, i) => Math.min(sample, samples[i]!));
      const growth = Math.max(0, ...kept.map((sample) => sample - baseline));
      const peak = Math.max(0, ...samples.map((sample) => sample - baseline));
      expect(samples.length).toBeGreaterThanOrEqual(2);
      // Whole bodies in memory would be 40 MB; streamed, what is held is the streams' buffers.
      const measured = `grew by ${(growth / MiB).toFixed(1)} MB held for 50 ms (${(peak / MiB).toFixed(1)} MB at one sample)`;
      expect(growth, measured).toBeLessThan((COUNT * SIZE) / 2);

      const accepted = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status !== 201);
      expect(accepted).toHaveLength(CAP / SIZE);
      expect(refused.map(codeOf)).toEqual(Array(COUNT - CAP / SIZE).fill('QUOTA_EXCEEDED'));
      expect(accepted.reduce((sum, r) => sum + (r.body.size as number), 0)).toBe(CAP);
      expect(await storedBytes(t, user)).toBe(CAP);
      for (const r of accepted) {
        const row = await t.orm.em.fork().findOneOrFail(EvidenceFile, idNumber(r.body.id));
        expect(existsSync(evidencePath(dataDir, row.sha256))).toBe(true);
      }
      expect(incoming(dataDir)).toEqual([]);
    },
  );

  it('refuses a PNG whose header claims 100000 × 100000 pixels (422), storing nothing', async () => {
    const { token } = await volunteer();
    const before = filesOnDisk(dataDir);
    const bomb = png(200, { width: 100_000, height: 100_000 });
    const res = await upload(t, token, bomb, 'bomb.png');
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('IMAGE_TOO_LARGE');
    expect(res.body.errors[0].message).toMatch(/100000 × 100000/);
    expect(existsSync(evidencePath(dataDir, sha256Hex(bomb)))).toBe(false);
    expect(await t.orm.em.fork().count(EvidenceFile, { sha256: sha256Hex(bomb) })).toBe(0);
    expect(filesOnDisk(dataDir)).toEqual(before);

    // Too wide alone, or too many pixels in all; a large but sane photo passes.
    expect((await upload(t, token, png(200, { width: 12_001, height: 10 }))).status).toBe(422);
    expect((await upload(t, token, png(200, { width: 10_000, height: 9_000 }))).status).toBe(422);
    expect((await upload(t, token, png(200, { width: 12_000, height: 6_000 }))).status).toBe(201);
  });

  it('serves a JPEG+HTML+PE polyglot only as a sandboxed, nosniff attachment; HTML and PE alone are refused', async () => {
    const { token } = await volunteer();
    const polyglot = jpegHtmlPePolyglot();
    // The name tries to end the header parameter and add its own.
    const name = 'x.html"; filename=evil.html\r\nX-Injected: 1';
    const up = await upload(t, token, polyglot, name);
    // Sniffing sees a JPEG (it is one): the way it is served is the defence.
    expect(up.status).toBe(201);
    expect(up.body.mimeType).toBe('image/jpeg');

    const res = await fetch(`${baseOf(t)}${up.body.url}`, { headers: auth(token) });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(polyglot)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('x-injected')).toBeNull();
    const stored = up.body.fileName as string;
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence.jpg"; filename*=UTF-8''${encodeURIComponent(stored).replace(
        /['()*!]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      )}`,
    );
    expect(res.headers.get('content-disposition')).not.toContain('evil.html"');

    for (const [bytes, file] of [
      [Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'photo.jpg'],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'photo.jpg'],
    ] as const) {
      const refused = await upload(t, token, bytes, file);
      expect(refused.status).toBe(415);
      expect(codeOf(refused)).toBe('UNSUPPORTED_FILE');
    }
  });

  it('the hourly job deletes unattached uploads past the grace period with their bytes, and keeps attached ones', async () => {
    expect(jobDefinitions(t.app).map((job) => job.name)).toContain(EVIDENCE_CLEANUP_JOB);

    const liaison = await makeUser(t.orm, { role: Role.UNIT_LIAISON, community, unit });
    const token = await t.login(liaison.username);
    const commitment = await makeCommitment(t.orm, unit, {
      createdBy: liaison,
      status: CommitmentStatus.ACTIVE,
      periodStart: '2000-01-01',
      periodEnd: '2099-12-31',
    });
    const lonely = png(5000, { id: 2001 });
    const attached = png(5000, { id: 2002 });
    const shared = png(5000, { id: 2003 }); // uploaded twice, attached once
    const busy = png(5000, { id: 2004 }); // being attached while the job runs
    const ids: Record<string, string> = {};
    for (const [key, bytes] of Object.entries({ lonely, attached, shared, busy })) {
      const res = await upload(t, token, bytes);
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    }
    const sharedCopy = await upload(t, token, shared);
    expect(sharedCopy.status).toBe(201);
    const record = await t.gql(
      `mutation($input: RecordFulfilmentInput!) {
        recordFulfilment(input: $input) { fulfilment { id } errors { code message } }
      }`,
      {
        input: {
          commitmentId: commitment.nodeId,
          amount: 1,
          date: shanghaiDate(),
          evidenceIds: [ids.attached, ids.shared],
        },
      },
      token,
    );
    expect(record.data!.recordFulfilment.errors).toEqual([]);
    const fulfilmentId = idNumber(record.data!.recordFulfilment.fulfilment.id);

    // Another transaction is attaching `busy` right now (its row is locked, not committed).
    const attaching = t.orm.em.fork() as EntityManager;
    await attaching.begin();
    await attaching
      .getConnection()
      .execute(
        'update "evidence_file" set "fulfilment_id" = ? where "id" = ?',
        [fulfilmentId, idNumber(ids.busy!)],
        'run',
        attaching.getTransactionContext(),
      );
    let result: { rows: number; files: number };
    try {
      // Grace 0: everything unattached uploaded before now goes.
      result = await deleteUnattachedEvidence(t.orm, dataDir, new Date());
    } finally {
      await attaching.commit();
    }

    const em = t.orm.em.fork();
    const exists = async (id: string) => (await em.count(EvidenceFile, idNumber(id))) === 1;
    expect(await exists(ids.lonely!)).toBe(false);
    expect(existsSync(evidencePath(dataDir, sha256Hex(lonely)))).toBe(false);
    expect(await exists(ids.attached!)).toBe(true);
    expect(existsSync(evidencePath(dataDir, sha256Hex(attached)))).toBe(true);
    // The unattached copy of shared bytes goes; the bytes stay for the attached one.
    expect(await exists(sharedCopy.body.id)).toBe(false);
    expect(await exists(ids.shared!)).toBe(true);
    expect(existsSync(evidencePath(dataDir, sha256Hex(shared)))).toBe(true);
    expect(await exists(ids.busy!)).toBe(true);
    expect(existsSync(evidencePath(dataDir, sha256Hex(busy)))).toBe(true);
    expect(result.rows).toBeGreaterThanOrEqual(2);

    // Nothing unattached is left (the other tests' uploads went too), and every stored file
    // belongs to a row.
    expect(await em.count(EvidenceFile, { fulfilment: null })).toBe(0);
    const rows = await em.find(EvidenceFile, {});
    expect(filesOnDisk(dataDir)).toEqual(
      [...new Set(rows.map((row) => evidencePath(dataDir, row.sha256)))].sort(),
    );
    // The attached files are still served.
    const res = await fetch(`${baseOf(t)}/files/evidence/${ids.attached}`, {
      headers: auth(token),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});

describe('with a cap of 2 uploads in progress per user and 3 per process', () => {
  const { t, dataDir } = appWith({ concurrentPerUser: 2, concurrentPerProcess: 3 });

  it('refuses more at once (429 TOO_MANY_UPLOADS), and accepts again when they finish', async () => {
    const community = await makeCommunity(t.orm);
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
      tokens.push(await t.login(user.username));
    }
    const [a, b, c] = tokens as [string, string, string];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = [
      streamUpload(t, a, MiB, 3001, gate),
      streamUpload(t, a, MiB, 3002, gate),
      streamUpload(t, b, MiB, 3003, gate),
    ];
    await waitFor(() => incoming(dataDir).length === 3, 'three uploads in progress');

    const third = await upload(t, a, png(1000, { id: 3004 }));
    expect(third.status).toBe(429);
    expect(codeOf(third)).toBe('TOO_MANY_UPLOADS');
    expect(third.headers.get('retry-after')).toBe('5');
    const fourth = await upload(t, c, png(1000, { id: 3005 }));
    expect(fourth.status).toBe(429);
    expect(codeOf(fourth)).toBe('TOO_MANY_UPLOADS');

    open();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await upload(t, a, png(1000, { id: 3006 }))).status).toBe(201);
    expect(incoming(dataDir)).toEqual([]);
  });
});

describe('when the disk has less free space than EVIDENCE_MIN_FREE_BYTES', () => {
  const { t, dataDir } = appWith({ minFreeBytes: Number.MAX_SAFE_INTEGER });

  it('refuses uploads with 507 INSUFFICIENT_STORAGE and writes nothing', async () => {
    const community = await makeCommunity(t.orm);
    const user = await makeUser(t.orm, { role: Role.VOLUNTEER, community });
    const token = await t.login(user.username);
    const res = await upload(t, token, png(5000, { id: 4001 }));
    expect(res.status).toBe(507);
    expect(codeOf(res)).toBe('INSUFFICIENT_STORAGE');
    expect(res.body.errors[0].message).toMatch(/disk space/);
    expect(filesOnDisk(dataDir)).toEqual([]);
    expect(await t.orm.em.fork().count(EvidenceFile, { uploadedBy: user.id })).toBe(0);
  });
});

function idNumber(globalId: string): number {
  return Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);
}
