// @vitest-environment jsdom
import type { Access, Comment, CommentThread } from '@banso/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n';
import { CommentBadge, CommentThreads, type CommentThreadsController } from './comment-threads';

const ADVISOR = '00000000-0000-4000-8000-000000000001';
const MEMBER = '00000000-0000-4000-8000-000000000002';
const OBSERVER = '00000000-0000-4000-8000-000000000003';
const NODE = '00000000-0000-4000-8000-0000000000aa';

const comment = (over: Partial<Comment>): Comment => ({
  id: '00000000-0000-4000-8000-0000000000c1',
  engagementId: '00000000-0000-4000-8000-0000000000e1',
  subjectType: 'node',
  subjectId: NODE,
  parentId: null,
  kind: 'comment',
  visibility: 'municipality',
  body: '根拠を補強できますか',
  author: { id: ADVISOR, name: '森川 恵子' },
  authorRole: 'advisor',
  mine: false,
  mentions: [],
  createdAt: '2025-07-15T01:00:00.000Z',
  editedAt: null,
  deletedAt: null,
  resolvedAt: null,
  resolvedBy: null,
  version: 1,
  ...over,
});

function recorder<V>() {
  const calls: V[] = [];
  return { calls, mutation: { mutate: (v: V) => void calls.push(v), isPending: false, error: null } };
}

function controllerFor(access: Access, threads: CommentThread[]) {
  const create = recorder<Parameters<CommentThreadsController['create']['mutate']>[0]>();
  const resolve = recorder<Parameters<CommentThreadsController['resolve']['mutate']>[0]>();
  const controller: CommentThreadsController = {
    subject: { type: 'node', id: NODE },
    access,
    threads,
    loading: false,
    loadError: null,
    hasMore: false,
    loadMore: () => {},
    members: [
      { id: ADVISOR, name: '森川 恵子', role: 'advisor' },
      { id: MEMBER, name: '中村 陽子', role: 'municipal_member' },
    ],
    create: create.mutation,
    update: recorder<Parameters<CommentThreadsController['update']['mutate']>[0]>().mutation,
    remove: recorder<Parameters<CommentThreadsController['remove']['mutate']>[0]>().mutation,
    resolve: resolve.mutation,
  };
  return { controller, create: create.calls, resolve: resolve.calls };
}

afterEach(cleanup);

describe('CommentThreads', () => {
  it('shows a deleted comment in its place and lets a municipal member resolve the thread', () => {
    const thread: CommentThread = {
      ...comment({}),
      replies: [
        comment({ id: '00000000-0000-4000-8000-0000000000c2', parentId: comment({}).id, body: '', deletedAt: '2025-08-01T00:00:00Z' }),
      ],
    };
    const { controller, resolve } = controllerFor({ userId: MEMBER, role: 'municipal_member' }, [thread]);
    render(
      <I18nProvider initialLocale="ja">
        <CommentThreads controller={controller} />
      </I18nProvider>,
    );
    const item = screen.getByRole('listitem', { name: 'コメントのスレッド' });
    expect(within(item).getByText('削除されました')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: '解決済みにする' }));
    expect(resolve).toEqual([{ commentId: thread.id, version: 1, resolved: true }]);
    // Not the author: no edit or delete.
    expect(within(item).queryByRole('button', { name: 'コメントを編集' })).toBeNull();
  });

  it('mentions only members who can read the thread, and sends their ids with the text', () => {
    const { controller, create } = controllerFor({ userId: ADVISOR, role: 'advisor' }, []);
    render(
      <I18nProvider initialLocale="ja">
        <CommentThreads controller={controller} />
      </I18nProvider>,
    );
    const visibility = screen.getByLabelText('公開範囲') as HTMLSelectElement;
    expect(visibility.value).toBe('team');
    const picker = screen.getByRole('combobox', { name: 'メンションする人' });
    // A team thread: the municipal member cannot read it.
    expect(within(picker).queryByRole('option', { name: '中村 陽子' })).toBeNull();
    fireEvent.change(visibility, { target: { value: 'municipality' } });
    expect(screen.getByText(/傍聴自治体には表示されません/)).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'メンションする人' }), { target: { value: MEMBER } });
    const text = screen.getByLabelText('新しいコメント') as HTMLTextAreaElement;
    expect(text.value).toBe('@中村 陽子 ');
    fireEvent.change(text, { target: { value: '@中村 陽子 集計をお願いします' } });
    fireEvent.click(screen.getByRole('button', { name: 'コメントする' }));
    expect(create).toEqual([
      {
        subjectType: 'node',
        subjectId: NODE,
        kind: 'comment',
        visibility: 'municipality',
        body: '@中村 陽子 集計をお願いします',
        mentions: [MEMBER],
      },
    ]);
  });

  it('gives an observer a 質問する form for observers, without mentions or a visibility choice', () => {
    const { controller, create } = controllerFor({ userId: OBSERVER, role: 'observer' }, []);
    render(
      <I18nProvider initialLocale="ja">
        <CommentThreads controller={controller} />
      </I18nProvider>,
    );
    expect(screen.queryByLabelText('公開範囲')).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'メンションする人' })).toBeNull();
    fireEvent.change(screen.getByLabelText('質問'), { target: { value: '基準はどうそろえましたか' } });
    fireEvent.click(screen.getByRole('button', { name: '質問する' }));
    expect(create[0]).toMatchObject({ kind: 'question', visibility: 'observers', mentions: [] });
  });

  it('names the badge with the open count', () => {
    render(
      <I18nProvider initialLocale="ja">
        <CommentBadge count={2} />
      </I18nProvider>,
    );
    expect(screen.getByRole('img', { name: 'コメント 2件' })).toBeTruthy();
  });
});
