import type { ProblemCode } from '@banso/shared';

/** Typed domain errors thrown by services; one handler maps them to problem+json. */
export interface FieldError {
  path: string;
  message: string;
  rule?: string;
  index?: number;
  /** The source row of an imported file or text. */
  row?: number;
  /** The sheet and column (letter) of an imported workbook's cell. */
  sheet?: string;
  column?: string;
}

export class DomainError extends Error {
  /** Seconds for a Retry-After header (429, 503). */
  retryAfter?: number;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends DomainError {
  constructor(message: string, errors: FieldError[] = [], code = 'bad_request') {
    super(400, code, message, { errors });
  }
}
/**
 * 400 `invalid_rows`: an import refused as a whole, with one field error per bad row (or cell) of the
 * file — its row, its column, the reason and, when the row names one, the field.
 */
export function invalidRows(
  errors: readonly { row: number; column: string; reason: string; message: string; field?: string }[],
  unit: 'row' | 'cell' = 'row',
): BadRequest {
  return new BadRequest(
    `${errors.length} ${unit}${errors.length === 1 ? '' : 's'} of the file cannot be imported; nothing was written`,
    errors.map((e) => ({
      path: `body.rows.${e.row}${e.field ? `.${e.field}` : ''}`,
      index: e.row,
      rule: e.reason,
      message: `row ${e.row}, ${e.column}: ${e.message}`,
    })),
    'invalid_rows',
  );
}
export class Unauthorized extends DomainError {
  constructor(message = 'Sign in required') {
    super(401, 'unauthorized', message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = 'You may not do this') {
    super(403, 'forbidden', message);
  }
}
export class NotFound extends DomainError {
  constructor(what = 'Resource') {
    super(404, 'not_found', `${what} not found`);
  }
}
export class Conflict extends DomainError {
  constructor(code: ProblemCode, message: string, extra: Record<string, unknown> = {}) {
    super(409, code, message, extra);
  }
}
export class PreconditionRequired extends DomainError {
  /** `current`: the record that exists although the caller sent no version (someone created it meanwhile). */
  constructor(current?: unknown) {
    super(
      428,
      'precondition_required',
      'This change needs an If-Match header with the version you edited',
      current === undefined ? {} : { current },
    );
  }
}
export class PreconditionFailed extends DomainError {
  constructor(current?: unknown, message = 'Someone else changed this since you loaded it') {
    super(412, 'precondition_failed', message, current === undefined ? {} : { current });
  }
}
export class TooManyRequests extends DomainError {
  constructor(code: ProblemCode, message: string, retryAfterSeconds: number) {
    super(429, code, message);
    this.retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
export class ContentTooLarge extends DomainError {
  constructor(code: ProblemCode, message: string, extra: Record<string, unknown> = {}) {
    super(413, code, message, extra);
  }
}
export class ServiceUnavailable extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds: number, extra: Record<string, unknown> = {}) {
    super(503, code, message, extra);
    this.retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** The chain of causes of a thrown value (drizzle wraps the driver's error in `cause`). */
function causes(err: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    out.push(e as Record<string, unknown>);
  return out;
}

/** Socket errors and the pg pool's own timeouts. */
const unavailableErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const unavailableMessages = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /query read timeout/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /client was closed and is not queryable/i,
];

/**
 * Why a thrown value means the database is unreachable or too slow (connection refused or lost,
 * pool/connection/query timeouts, statement_timeout, idle-in-transaction timeout, server shutting
 * down or full), or null for any other error.
 */
export function databaseUnavailableReason(err: unknown): string | null {
  for (const e of causes(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (code === '57014') return 'statement timeout';
    if (code === '25P03') return 'idle in transaction timeout';
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300')
      return `database connection (${code})`;
    if (unavailableErrnos.has(code)) return `database connection (${code})`;
    if (unavailableMessages.some((re) => re.test(message)))
      return message.toLowerCase().includes('timeout') ? 'database timeout' : 'database connection lost';
  }
  return null;
}

/** PostgreSQL's unique violation (23505): the constraint and the columns it names, as camelCase fields. */
export function uniqueViolation(err: unknown): { constraint: string | null; fields: string[] } | null {
  for (const e of causes(err)) {
    if (e.code !== '23505') continue;
    const detail = typeof e.detail === 'string' ? e.detail : '';
    const columns =
      /Key \(([^)]*)\)=/
        .exec(detail)?.[1]
        ?.split(',')
        .map((c) => c.trim().replace(/^"|"$/g, '')) ?? [];
    const fields = columns
      .filter((c) => /^[a-z_][a-z0-9_]*$/i.test(c))
      .map((c) => c.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase()));
    return { constraint: typeof e.constraint === 'string' ? e.constraint : null, fields };
  }
  return null;
}
