import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { databaseUnavailableReason, DomainError, type FieldError, uniqueViolation } from '../lib/errors.js';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The problem type of database outages (a relative URI reference, RFC 9457 §3.1.1). */
export const DATABASE_UNAVAILABLE = '/problems/database_unavailable';

export function sendProblem(reply: FastifyReply, status: number, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: titles[status] ?? 'Error', status, detail, ...extra });
}

/** Turns the type provider's validation errors into field paths such as `body.ops.0.title`. */
function fieldErrors(error: FastifyError): FieldError[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).flatMap((v) => {
    const base = [
      context,
      ...String(v.instancePath ?? '')
        .split('/')
        .filter(Boolean),
    ].join('.');
    const keys = (v.params as { keys?: string[] } | undefined)?.keys;
    if (v.keyword === 'unrecognized_keys' && keys?.length) return keys.map((k) => ({ path: `${base}.${k}`, message: 'Unknown field' }));
    return [{ path: base, message: v.message ?? 'Invalid value' }];
  });
}

/** One error handler: domain errors and validation failures become problem+json; 5xx hide their cause. */
export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      // Something threw a string or another non-object: nothing below can read it, and fastify's
      // fallback handler would echo it to the client.
      if (typeof error !== 'object' || error === null) {
        request.log.error({ thrown: String(error) }, 'non-error value thrown');
        return sendProblem(reply, 500, 'The server could not complete the request');
      }
      if (error instanceof DomainError) {
        if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
        // A refused upload whose body is still coming: close the connection after the answer. A browser
        // reads the answer only once its upload is through, and nothing reads the rest of the body any more.
        if (error.status === 413 && !request.raw.complete) void reply.header('connection', 'close');
        return sendProblem(reply, error.status, error.message, { code: error.code, ...error.extra });
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const errors = fieldErrors(error);
        return sendProblem(reply, 400, `Invalid ${errors.map((e) => e.path).join(', ')}`, { code: 'validation', errors });
      }
      if (isResponseSerializationError(error)) {
        request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
        return sendProblem(reply, 500, 'The server could not complete the request');
      }
      switch (error.code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return sendProblem(reply, 400, 'The body is not valid JSON', {
            code: 'malformed_json',
            errors: [{ path: 'body', message: 'Malformed JSON' }],
          });
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return sendProblem(reply, 413, 'The body is larger than the server accepts', { code: 'body_too_large' });
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return sendProblem(reply, 415, 'Send JSON (Content-Type: application/json)', { code: 'unsupported_media_type' });
      }
      const unavailable = databaseUnavailableReason(error);
      if (unavailable) {
        request.log.warn({ err: error, reason: unavailable }, 'database unavailable');
        void reply.header('retry-after', String(app.config.DB_RETRY_AFTER_SECONDS));
        return sendProblem(reply, 503, `The database is unavailable (${unavailable}); retry shortly`, {
          type: DATABASE_UNAVAILABLE,
          code: 'database_unavailable',
        });
      }
      // Two requests raced for the same unique value (the services check first, the index decides).
      const unique = uniqueViolation(error);
      if (unique) {
        const fields = unique.fields.length > 0 ? unique.fields : ['body'];
        return sendProblem(reply, 409, `Already exists: ${fields.join(', ')}`, {
          code: 'already_exists',
          errors: fields.map((f) => ({
            path: f === 'body' ? 'body' : `body.${f}`,
            message: 'Already exists',
            ...(unique.constraint ? { rule: unique.constraint } : {}),
          })),
        });
      }
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status === 429) {
        return sendProblem(reply, 429, 'Too many attempts; try again later', { code: 'rate_limited' });
      }
      if (status >= 500) {
        request.log.error({ err: error }, 'unhandled error');
        return sendProblem(reply, status, 'The server could not complete the request');
      }
      return sendProblem(reply, status, error.message, { code: error.code });
    });
  },
  { name: 'errors', dependencies: ['db'] },
);
