/**
 * The one way the web talks to the API: same-origin fetch with the session cookie, the CSRF token
 * (from login / GET /auth/me) on every state-changing request, `If-Match` from a resource's
 * version, and every answer parsed with the shared zod contract.
 */
import type { z } from 'zod';
import { ApiError, problemFromResponse } from './api-error';

const API_BASE = '/api';

let csrfToken: string | null = null;

/** Remembers the token the server issued with the session (login and GET /auth/me answer it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  /** The resource's version; sent as `If-Match: "<version>"`. */
  ifMatch?: number | string | null | undefined;
  signal?: AbortSignal | undefined;
  query?: Record<string, string | number | undefined>;
  /**
   * A file sent as the raw request body (an upload), with its content type; or a multipart form
   * (the browser writes its content type with the boundary); instead of `body`.
   */
  file?: { data: Blob; type: string } | { data: FormData };
}

/** The address of an API path (for what fetch does not open, such as an EventSource). */
export function urlOf(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file && 'type' in options.file) headers['content-type'] = options.file.type;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined && options.ifMatch !== null) headers['if-match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ? options.file.data : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network', detail: 'The server could not be reached' });
  }
  if (!response.ok) throw await problemFromResponse(response);
  return response;
}

/** Sends a request and parses the JSON answer with `schema`. */
export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
  const response = await send(path, options);
  const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError({
      status: response.status,
      code: 'invalid_response',
      detail: `Unexpected answer from ${path}${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}`,
    });
  }
  return parsed.data;
}

/** Sends a request whose answer carries nothing the caller needs (204, {ok:true}). */
export async function apiSend(path: string, options: RequestOptions): Promise<void> {
  await send(path, options);
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest(path, schema, { ...options, method: 'GET' }),
  post: <S extends z.ZodType>(path: string, schema: S, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest(path, schema, { ...options, method: 'POST', body }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest(path, schema, { ...options, method: 'PUT', body }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest(path, schema, { ...options, method: 'PATCH', body }),
  /** POSTs a file as the raw body (CSV, xlsx) or a multipart form (attachments) and parses the JSON answer. */
  upload: <S extends z.ZodType>(
    path: string,
    schema: S,
    file: NonNullable<RequestOptions['file']>,
    options: Omit<RequestOptions, 'method' | 'body' | 'file'> = {},
  ) => apiRequest(path, schema, { ...options, method: 'POST', file }),
  delete: (path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) => apiSend(path, { ...options, method: 'DELETE' }),
};
