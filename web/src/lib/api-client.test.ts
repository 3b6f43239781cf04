import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { api, setCsrfToken } from './api-client';
import { ApiError, problemFromResponse, staleCurrent } from './api-error';

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('problemFromResponse', () => {
  it('reads status, code, detail and field errors from problem+json', async () => {
    const e = await problemFromResponse(
      problem(400, {
        detail: 'Invalid body.rationale',
        code: 'validation',
        errors: [{ path: 'body.rationale', message: 'A rationale is required' }],
      }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 400, code: 'validation', detail: 'Invalid body.rationale' });
    expect(e.errors).toEqual([{ path: 'body.rationale', message: 'A rationale is required' }]);
  });

  it('keeps the current representation of a 412 and the missing list of a 409', async () => {
    const stale = await problemFromResponse(problem(412, { detail: 'stale', current: { id: 'a', version: 3 } }));
    expect(stale.current).toEqual({ id: 'a', version: 3 });
    const blocked = await problemFromResponse(
      problem(409, { code: 'roadmap_incomplete', detail: 'no', missing: [{ actionId: 'x', title: 'T', lacks: ['roadmap_item'] }] }),
    );
    expect(blocked.code).toBe('roadmap_incomplete');
    expect(blocked.missing).toEqual([{ actionId: 'x', title: 'T', lacks: ['roadmap_item'] }]);
  });

  it('falls back to the status for a body that is not problem+json', async () => {
    const e = await problemFromResponse(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(e).toMatchObject({ status: 502, code: undefined, detail: 'Bad Gateway', errors: [] });
  });
});

describe('staleCurrent', () => {
  const Schema = z.object({ id: z.string(), version: z.number() });
  it('parses the current representation of a 412 only', () => {
    const e412 = new ApiError({ status: 412, detail: 's', current: { id: 'a', version: 2 } });
    expect(staleCurrent(e412, Schema)).toEqual({ id: 'a', version: 2 });
    expect(staleCurrent(new ApiError({ status: 412, detail: 's', current: { id: 1 } }), Schema)).toBeNull();
    expect(staleCurrent(new ApiError({ status: 409, detail: 'c', current: { id: 'a', version: 2 } }), Schema)).toBeNull();
  });
});

describe('api client', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('sends the CSRF token and If-Match on writes, not the token on reads', async () => {
    setCsrfToken('tok');
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ ok: true }), { status: 200 }));
    await api.patch('/engagements/e/actions/a', z.object({ ok: z.boolean() }), { status: 'done' }, { ifMatch: 7 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/engagements/e/actions/a');
    const headers = new Headers(init?.headers);
    expect(init?.method).toBe('PATCH');
    expect(headers.get('x-csrf-token')).toBe('tok');
    expect(headers.get('if-match')).toBe('"7"');
    expect(headers.get('content-type')).toBe('application/json');
    expect(init?.body).toBe('{"status":"done"}');
    expect(init?.credentials).toBe('same-origin');

    await api.get('/portfolio', z.object({ ok: z.boolean() }), { query: { programId: undefined, limit: 5 } });
    const [url2, init2] = fetchMock.mock.calls[1]!;
    expect(url2).toBe('/api/portfolio?limit=5');
    expect(new Headers(init2?.headers).get('x-csrf-token')).toBeNull();
  });

  it('turns a problem answer into an ApiError', async () => {
    fetchMock.mockResolvedValue(problem(403, { detail: 'Not allowed', code: 'forbidden' }));
    await expect(api.get('/x', z.object({}))).rejects.toMatchObject({ status: 403, code: 'forbidden', detail: 'Not allowed' });
  });

  it('reports a network failure as status 0, code network', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await api.get('/x', z.object({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: 'network', isNetwork: true });
  });

  it('rejects an answer that does not match the contract', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ items: 'nope' }), { status: 200 }));
    await expect(api.get('/engagements', z.object({ items: z.array(z.string()) }))).rejects.toMatchObject({
      status: 200,
      code: 'invalid_response',
    });
  });
});

describe('retry policy', async () => {
  const { shouldRetry } = await import('./query-client');
  it('retries network failures and server errors a few times, never 4xx', () => {
    expect(shouldRetry(0, new ApiError({ status: 0, code: 'network', detail: '' }))).toBe(true);
    expect(shouldRetry(2, new ApiError({ status: 503, detail: '' }))).toBe(true);
    expect(shouldRetry(3, new ApiError({ status: 503, detail: '' }))).toBe(false);
    for (const status of [400, 401, 403, 404, 409, 412]) expect(shouldRetry(0, new ApiError({ status, detail: '' }))).toBe(false);
    expect(shouldRetry(0, new Error('render'))).toBe(false);
  });
});
