import { ProblemSchema, type RoadmapGapItem } from '@banso/shared';

export interface FieldError {
  path: string;
  message: string;
  rule?: string | undefined;
  index?: number | undefined;
  /** The row, sheet and column of an imported file's cell. */
  row?: number | undefined;
  sheet?: string | undefined;
  column?: string | undefined;
}

/**
 * A failed API call, from a problem+json answer (status ≥ 400), a network failure (status 0,
 * code `network`) or an answer that did not match its contract (code `invalid_response`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string;
  readonly errors: FieldError[];
  /** For 412: the current representation the server sent back. */
  readonly current: unknown;
  /** For 409 roadmap_incomplete: what keeps the roadmap from being agreed. */
  readonly missing: RoadmapGapItem[];

  constructor(init: {
    status: number;
    code?: string | undefined;
    detail: string;
    errors?: FieldError[] | undefined;
    current?: unknown;
    missing?: RoadmapGapItem[] | undefined;
  }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.current = init.current;
    this.missing = init.missing ?? [];
  }

  get isNetwork(): boolean {
    return this.status === 0 && this.code === 'network';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * For a 412 (changed since loaded), or a 428 that carries the record (created by someone else since
 * the caller saw none), the server's current representation when it matches `schema`; null otherwise.
 */
export function staleCurrent<T>(
  error: unknown,
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } },
): T | null {
  if (!isApiError(error) || (error.status !== 412 && error.status !== 428)) return null;
  const parsed = schema.safeParse(error.current);
  return parsed.success ? parsed.data : null;
}

/** Reads an error answer; anything that is not problem+json still becomes an ApiError with the status. */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  const parsed = ProblemSchema.safeParse(body);
  if (parsed.success) {
    const p = parsed.data;
    return new ApiError({
      status: response.status,
      code: p.code,
      detail: p.detail ?? p.title,
      errors: p.errors,
      current: p.current,
      missing: p.missing,
    });
  }
  return new ApiError({ status: response.status, detail: response.statusText || `HTTP ${response.status}` });
}

/** The server's field errors of a 400 (`body.visitWindows.1.end` → `visitWindows.1.end`), keyed by path. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error) || error.status !== 400) return {};
  return Object.fromEntries(error.errors.map((e) => [e.path.replace(/^body\./, ''), e.message]));
}
