/**
 * The S3 path of the file storage, against a real S3-compatible server started here: s3rver (an npm
 * package that speaks the S3 REST API over HTTP, storing objects in a directory). The same
 * @aws-sdk/client-s3 client the production path uses puts, reads and deletes an attachment's bytes,
 * and an upload through the app with S3_* settings lands in the bucket byte for byte.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagements } from '../../src/db/schema/index.js';
import { attachmentKey, s3Storage } from '../../src/lib/storage.js';
import { multipart } from '../support/multipart.js';
import { createTestContext, demo } from '../support/test-app.js';

const BUCKET = 'banso-test';
let server: S3rver;
let dir: string;
let endpoint: string;

async function bytesOf(stream: Readable | null): Promise<Buffer> {
  if (!stream) throw new Error('no object');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'banso-s3-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(dir, 'store'),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const address: AddressInfo = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the S3 file storage against s3rver', () => {
  it('puts, reads back byte for byte, and deletes an attachment', async () => {
    const storage = s3Storage({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      prefix: 'banso/',
    });
    const bytes = Buffer.from('報告会の次第 — S3 にも同じバイトで');
    const file = path.join(dir, 'upload.txt');
    await writeFile(file, bytes);
    const key = attachmentKey('0b6c3a52-2f0e-4c5e-9d55-0e4f3b0b9a11');
    await storage.put(key, file, { size: bytes.length, mediaType: 'text/plain', sha256: createHash('sha256').update(bytes).digest('hex') });
    const got = await bytesOf(await storage.get(key));
    expect(got.equals(bytes)).toBe(true);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
  });

  it('holds what the app stores with S3_* settings: a program event’s material, uploaded and downloaded byte for byte', async () => {
    const env = {
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_PREFIX: 'app/',
    };
    const ctx = await createTestContext({ env });
    try {
      const [row] = await ctx.database.db.select({ programId: engagements.programId }).from(engagements).limit(1);
      const office = await ctx.login(demo.office);
      const event = await office.post(`/api/programs/${row!.programId}/events`, {
        kind: 'training',
        title: 'S3 研修',
        startDate: '2026-01-15',
      });
      expect(event.statusCode, event.body).toBe(201);
      const bytes = Buffer.from('研修資料: 一つの保存先、S3 互換ストレージ');
      const url = `/api/programs/${row!.programId}/events/${event.json().id}/materials`;
      const up = await office.request({ method: 'POST', url, ...multipart('研修資料.txt', bytes) });
      expect(up.statusCode, up.body).toBe(201);
      const down = await office.get(`${url}/${up.json().id}/content`);
      expect(down.statusCode).toBe(200);
      expect(down.rawPayload.equals(bytes)).toBe(true);
      // The object is in the bucket under the app's prefix.
      const storage = s3Storage({
        bucket: BUCKET,
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        prefix: 'app/',
      });
      expect((await bytesOf(await storage.get(attachmentKey(up.json().id)))).equals(bytes)).toBe(true);
    } finally {
      await ctx.close();
    }
  });
});
