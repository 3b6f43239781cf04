/** Typed domain errors thrown by services; one handler maps them to problem+json. */
export interface FieldError {
  path: string;
  message: string;
  rule?: string;
  index?: number;
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
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(409, code, message, extra);
  }
}
export class PreconditionRequired extends DomainError {
  constructor() {
    super(428, 'precondition_required', 'This change needs an If-Match header with the version you edited');
  }
}
export class PreconditionFailed extends DomainError {
  constructor(current?: unknown, message = 'Someone else changed this since you loaded it') {
    super(412, 'precondition_failed', message, current === undefined ? {} : { current });
  }
}
export class TooManyRequests extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(429, code, message);
    this.retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
export class ContentTooLarge extends DomainError {
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(413, code, message, extra);
  }
}
export class ServiceUnavailable extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds: number, extra: Record<string, unknown> = {}) {
    super(503, code, message, extra);
    this.retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
