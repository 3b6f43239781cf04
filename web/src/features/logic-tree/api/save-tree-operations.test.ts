import { afterEach, describe, expect, it, vi } from 'vitest';
import { syntheticId } from '../lib/synthetic-tree';
import { jaText } from '../lib/test-fixtures';
import { saveTreeOperations } from './save-tree-operations';

const engagementId = syntheticId(9999);
const tree = (revision: number) => ({
  engagementId,
  revision,
  currentRevision: revision,
  nodes: [
    {
      id: syntheticId(1),
      parentId: null,
      position: 0,
      kind: 'goal',
      title: '目指す姿',
      detail: '',
      hypothesisState: null,
      evidenceCount: 0,
      action: null,
    },
  ],
});
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const ops = [{ op: 'update' as const, id: syntheticId(1), title: '新しい目指す姿' }];

afterEach(() => vi.unstubAllGlobals());

describe('saveTreeOperations', () => {
  it('posts the batch with If-Match and returns the saved tree', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => json(200, tree(8)));
    vi.stubGlobal('fetch', fetch);
    const outcome = await saveTreeOperations(engagementId, ops, 7);
    expect(outcome).toEqual({ ok: true, tree: { revision: 8, nodes: tree(8).nodes } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`/api/engagements/${engagementId}/tree/operations`);
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'if-match': '"7"' });
    expect(JSON.parse(String(init.body))).toEqual({ operations: ops });
  });

  it('turns 412 into a conflict carrying the current tree', async () => {
    vi.stubGlobal('fetch', async () =>
      json(412, { type: 'about:blank', title: 'Precondition Failed', status: 412, current: tree(9) }, 'application/problem+json'),
    );
    expect(await saveTreeOperations(engagementId, ops, 7)).toEqual({
      ok: false,
      kind: 'conflict',
      current: { revision: 9, nodes: tree(9).nodes },
    });
  });

  it('explains a broken tree rule in Japanese', async () => {
    vi.stubGlobal('fetch', async () =>
      json(
        400,
        {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          code: 'tree_rule',
          detail: 'x',
          errors: [{ path: 'body.operations.0', message: 'x', rule: 'measure_is_leaf', index: 0 }],
        },
        'application/problem+json',
      ),
    );
    const outcome = await saveTreeOperations(engagementId, ops, 7);
    expect(outcome).toMatchObject({ ok: false, kind: 'rejected', message: { key: 'rule.measure_is_leaf' } });
    expect(jaText('message' in outcome ? outcome.message : null)).toContain('取組案はツリーの末端');
  });

  it('reports a network failure as retryable', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const outcome = await saveTreeOperations(engagementId, ops, 7);
    expect(outcome).toEqual({ ok: false, kind: 'error', message: { key: 'save.offline' } });
    expect(jaText('message' in outcome ? outcome.message : null)).toBe('サーバーに接続できません');
  });
});
