/**
 * One storage interface for attachment bytes: a directory (FILES_DIR, default <DATA_DIR>/files) when
 * embedded, S3-compatible object storage when S3_BUCKET is set. Objects are named by the attachment's
 * id (`attachments/<uuid>`), never by the user's file name, so a name cannot reach the file system.
 */
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';

export interface PutMeta {
  size: number;
  mediaType: string;
  sha256: string;
}

export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Stores the bytes of `sourceFile` (a staged upload) under `key`. */
  put(key: string, sourceFile: string, meta: PutMeta): Promise<void>;
  /** The object's bytes; null when it is missing. */
  get(key: string): Promise<Readable | null>;
  /** Removes the object (no error when it is already gone). */
  delete(key: string): Promise<void>;
}

/** Keys are ours (`attachments/<uuid>`): lower-case letters, digits, dashes and single slashes only. */
const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;
function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Invalid storage key ${JSON.stringify(key)}`);
  return key;
}

export const attachmentKey = (id: string) => checkKey(`attachments/${id.toLowerCase()}`);

/** The directory store: `<root>/<key>`, written through a `.part` file and renamed, so a reader never sees half a file. */
export function localStorage(root: string): FileStorage {
  const dir = path.resolve(root);
  const fileOf = (key: string) => path.join(dir, ...checkKey(key).split('/'));
  return {
    kind: 'local',
    async put(key, sourceFile) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const part = `${target}.part`;
      await copyFile(sourceFile, part);
      await rename(part, target);
    },
    async get(key) {
      const file = fileOf(key);
      return existsSync(file) ? createReadStream(file) : null;
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string | undefined;
  forcePathStyle: boolean;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  prefix: string;
}

/** The S3-compatible store (AWS S3, MinIO, a cloud's S3 API). */
export function s3Storage(settings: S3Settings): FileStorage {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    // An S3-compatible server of one's own (MinIO, a cloud's S3 API, s3rver in the tests): the SDK's default
    // CRC32 trailer (aws-chunked bodies) is not understood everywhere and some servers store the chunk
    // framing as the object's bytes, so checksums are sent only where an operation requires them.
    ...(settings.endpoint
      ? { endpoint: settings.endpoint, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
  });
  const Bucket = settings.bucket;
  const keyOf = (key: string) => `${settings.prefix}${checkKey(key)}`;
  return {
    kind: 's3',
    async put(key, sourceFile, meta) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: keyOf(key),
          Body: createReadStream(sourceFile),
          ContentLength: meta.size,
          ContentType: meta.mediaType,
          Metadata: { sha256: meta.sha256 },
        }),
      );
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(key) }));
        return (res.Body as Readable | undefined) ?? null;
      } catch (err) {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
    },
  };
}

/** Where attachment bytes live when no bucket is configured. */
export const filesDirOf = (config: Pick<Config, 'FILES_DIR' | 'DATA_DIR'>) =>
  path.resolve(config.FILES_DIR ?? path.join(config.DATA_DIR, 'files'));

/** The store the configuration names: S3 when S3_BUCKET is set, else the files directory. */
export function storageFrom(config: Config): FileStorage {
  if (config.S3_BUCKET)
    return s3Storage({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      prefix: config.S3_PREFIX,
    });
  return localStorage(filesDirOf(config));
}
