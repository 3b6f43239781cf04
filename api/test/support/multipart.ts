import { randomUUID } from 'node:crypto';

/** A multipart/form-data body with one part `file`, as a browser sends it (UTF-8 file name), for app.inject. */
export function multipart(fileName: string, bytes: Buffer, type = 'application/octet-stream') {
  const boundary = `----banso${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
