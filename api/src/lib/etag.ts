import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadRequest, PreconditionRequired } from './errors.js';

export const etagOf = (version: number) => `"${version}"`;

/** The version a client says it edited, from If-Match (`"3"`, `W/"3"` or `3`); 428 when absent. */
export function requireIfMatch(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') throw new PreconditionRequired();
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  if (!match) throw new BadRequest('If-Match must be the ETag you received', [{ path: 'If-Match', message: 'malformed ETag' }]);
  return Number(match[1]);
}

export function setEtag(reply: FastifyReply, version: number) {
  void reply.header('etag', etagOf(version));
}
