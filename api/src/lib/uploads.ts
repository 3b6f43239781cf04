/**
 * Receiving an uploaded file: streamed to a staging file (never held in memory) while its SHA-256 and
 * size are counted, then its type is read from the bytes (file-type) and checked against the
 * allow-list; the name the user gave is kept only as a display name, sanitised.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import contentDisposition from 'content-disposition';
import { fileTypeFromFile } from 'file-type';
import { BadRequest, ContentTooLarge, DomainError } from './errors.js';

/** What this domain exchanges: PDF, Office Open XML, CSV, plain text, PNG and JPEG (file-type's ext → media type). */
const sniffedAllowed: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
};

export class UnsupportedFileType extends DomainError {
  constructor(detected: string | null) {
    super(
      415,
      'file_type_not_allowed',
      `This kind of file is not accepted${detected ? ` (${detected})` : ''}: PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG`,
    );
  }
}

export interface StagedFile {
  path: string;
  size: number;
  sha256: string;
  mediaType: string;
  name: string;
  /** Removes the staging file (call in finally). */
  discard(): Promise<void>;
}

/** The largest name kept, in characters (the extension is kept when cut). */
const NAME_MAX = 120;

/**
 * A display name that is harmless anywhere: the last path segment only (`../../etc/passwd` → `passwd`),
 * NFC, no control or reserved characters (Windows' `<>:"/\|?*`), no leading dots or trailing dots/spaces.
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  if ([...name].length > NAME_MAX) {
    const ext = path.extname(name).slice(0, 10);
    name = [...name.slice(0, name.length - ext.length)].slice(0, NAME_MAX - ext.length).join('') + ext;
  }
  return name === '' ? 'file' : name;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the RFC 5987 `filename*` for Japanese names. */
export const attachmentDisposition = (name: string) => contentDisposition(name, { type: 'attachment' });

async function looksLikeText(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    // Text, in UTF-8 or Shift_JIS (what Excel on LGWAN terminals writes CSV in), has no NUL bytes.
    return !buf.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/** Reads the type from the bytes: a sniffed allowed type, or text (csv by its name, else plain); anything else 415. */
async function mediaTypeOf(file: string, name: string, size: number): Promise<string> {
  const sniffed = await fileTypeFromFile(file);
  if (sniffed) {
    const allowed = sniffedAllowed[sniffed.ext];
    if (!allowed) throw new UnsupportedFileType(sniffed.mime);
    return allowed;
  }
  if (size > 0 && (await looksLikeText(file))) return name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
  throw new UnsupportedFileType(null);
}

/** True when the error is @fastify/multipart's "file larger than limits.fileSize". */
const isFileTooLarge = (err: unknown) => (err as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Streams `source` into a staging file, counting bytes (413 `file_too_large` beyond `maxBytes`) and
 * hashing them, then reads the type from the bytes. The caller stores the file and discards it.
 */
export async function stageUpload(source: Readable, opts: { fileName: string; maxBytes: number }): Promise<StagedFile> {
  const dir = await mkdtemp(path.join(tmpdir(), 'banso-upload-'));
  const file = path.join(dir, 'upload');
  const discard = () => rm(dir, { recursive: true, force: true });
  const hash = createHash('sha256');
  let size = 0;
  const tooLarge = () => new ContentTooLarge('file_too_large', `A file may be at most ${opts.maxBytes} bytes`, { maxBytes: opts.maxBytes });
  try {
    await pipeline(
      source,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > opts.maxBytes) return done(tooLarge());
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(file),
    );
    // A stream cut short by the parser's own limit is too large too.
    if ((source as Readable & { truncated?: boolean }).truncated) throw tooLarge();
    const name = sanitizeFileName(opts.fileName);
    const mediaType = await mediaTypeOf(file, name, size);
    return { path: file, size, sha256: hash.digest('hex'), mediaType, name, discard };
  } catch (err) {
    await discard();
    if (isFileTooLarge(err)) throw tooLarge();
    throw asUploadError(err);
  }
}

/**
 * What reading a multipart body threw, as the caller's mistake it is: our own refusals and
 * @fastify/multipart's (a status of their own: 406 not multipart, 413 too many parts) stay; the
 * parser's complaints about the bytes themselves (no boundary, a part cut short, a broken header —
 * busboy throws plain errors) become 400 naming the body instead of 500.
 */
export function asUploadError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  if (typeof err === 'object' && err !== null && typeof (err as { statusCode?: unknown }).statusCode === 'number') return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BadRequest('The multipart body is malformed', [{ path: 'body', message }], 'malformed_multipart');
}
