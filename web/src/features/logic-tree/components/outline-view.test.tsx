// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n';
import { TreeEditorStore } from '../lib/editor-store';
import { visibleTree } from '../lib/outline';
import { jaNewTitle, midoriTree } from '../lib/test-fixtures';
import { OutlineView } from './outline-view';
import { useEditorState } from './use-editor-state';

function Harness({
  store,
  onRequestRemove,
  onRequestMove,
}: {
  store: TreeEditorStore;
  onRequestRemove?: (id: string) => void;
  onRequestMove?: (id: string) => void;
}) {
  const state = useEditorState(store);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const visible = useMemo(() => visibleTree(state.index, collapsed), [state.index, collapsed]);
  return (
    <OutlineView
      store={store}
      visible={visible}
      matches={new Set()}
      onToggle={(id, open) =>
        setCollapsed((c) => {
          const next = new Set(c);
          if (open) next.delete(id);
          else next.add(id);
          return next;
        })
      }
      {...(onRequestRemove && { onRequestRemove })}
      {...(onRequestMove && { onRequestMove })}
    />
  );
}

function setup(options: { readOnly?: boolean } = {}) {
  let seq = 0;
  const saves: unknown[] = [];
  const store = new TreeEditorStore(
    { revision: 1, nodes: midoriTree },
    {
      save: async (ops) => {
        saves.push(ops);
        return { ok: false, kind: 'error', message: { key: 'save.offline' } };
      },
      newId: () => `new${++seq}`,
      newTitle: jaNewTitle,
      setTimer: () => 0,
      clearTimer: () => undefined,
    },
    options.readOnly ?? false,
  );
  const onRequestRemove = vi.fn();
  const onRequestMove = vi.fn();
  render(
    <I18nProvider initialLocale="ja">
      <Harness store={store} onRequestRemove={onRequestRemove} onRequestMove={onRequestMove} />
    </I18nProvider>,
  );
  return { store, onRequestRemove, onRequestMove, saves };
}

/** An item's name is its row: kind and title, then its badges (never its children's text). */
const rowName = (kindAndTitle: string) => new RegExp(`^${kindAndTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`);
const item = (kindAndTitle: string) => screen.getByRole('treeitem', { name: rowName(kindAndTitle) });
const focused = () => document.activeElement as HTMLElement;
const press = (key: string, mods: { altKey?: boolean; shiftKey?: boolean; ctrlKey?: boolean } = {}) =>
  act(() => {
    fireEvent.keyDown(focused(), { key, ...mods });
  });

afterEach(cleanup);

describe('OutlineView', () => {
  it('lists every node as a treeitem with level, place, expanded state and one tab stop', () => {
    setup();
    const tree = screen.getByRole('tree', { name: 'ロジックツリー（アウトライン）' });
    const items = within(tree).getAllByRole('treeitem');
    expect(items).toHaveLength(18);
    const cause = item('要因 相談窓口が知られていない');
    expect([cause.getAttribute('aria-level'), cause.getAttribute('aria-posinset'), cause.getAttribute('aria-setsize')]).toEqual([
      '4',
      '2',
      '3',
    ]);
    expect(item('課題 相談が重度化してから来る').getAttribute('aria-expanded')).toBe('true');
    expect(item('取組案 区報・薬局で相談窓口を周知').hasAttribute('aria-expanded')).toBe(false);
    expect(items.filter((i) => i.tabIndex === 0)).toHaveLength(1);
    expect(items[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('moves with the WAI-ARIA tree keys: ↓ ↑ in order, ← closes then goes to the parent, → opens then enters', async () => {
    const { store } = setup();
    const goal = item('目指す姿 認知症になっても住み慣れた地域で自分らしく暮らせる');
    goal.focus();
    press('ArrowDown');
    expect(store.getState().selectedId).toBe('md02');
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md02'));
    press('ArrowDown');
    expect(store.getState().selectedId).toBe('md04');
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md04'));
    press('ArrowLeft'); // open → closes
    expect(item('課題 相談が重度化してから来る').getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('treeitem', { name: rowName('要因 相談窓口が知られていない') })).toBeNull();
    press('ArrowDown'); // skips the folded causes
    expect(store.getState().selectedId).toBe('md08');
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md08'));
    press('ArrowUp');
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md04'));
    press('ArrowRight'); // closed → opens
    expect(item('課題 相談が重度化してから来る').getAttribute('aria-expanded')).toBe('true');
    press('ArrowRight'); // open → first child
    expect(store.getState().selectedId).toBe('md05');
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md05'));
    press('ArrowLeft'); // open cause → closes
    expect(item('要因 単身世帯が多く異変に気づく人がいない').getAttribute('aria-expanded')).toBe('false');
    press('ArrowLeft'); // closed → parent
    expect(store.getState().selectedId).toBe('md04');
    press('End');
    expect(store.getState().selectedId).toBe('md16');
    press('Home');
    expect(store.getState().selectedId).toBe('md01');
  });

  it('adds a child with Insert, names it in place (Enter confirms) and keeps focus on it', async () => {
    const { store } = setup();
    store.select('md08');
    item('課題 初期集中支援チームの稼働が少ない').focus();
    press('Insert');
    const editor = await screen.findByRole('textbox', { name: '要因のタイトル' });
    expect(document.activeElement).toBe(editor);
    fireEvent.change(editor, { target: { value: '基準の文書がない' } });
    press('Enter');
    await waitFor(() => expect(focused()).toBe(item('要因 基準の文書がない')));
    expect(store.getState().index.byId.get('new1')).toMatchObject({ parentId: 'md08', title: '基準の文書がない' });
  });

  it('Escape on a just-created untitled node removes it and returns to its parent', async () => {
    const { store } = setup();
    store.select('md08');
    item('課題 初期集中支援チームの稼働が少ない').focus();
    press('Insert');
    await screen.findByRole('textbox', { name: '要因のタイトル' });
    press('Escape');
    expect(store.getState().index.byId.has('new1')).toBe(false);
    expect(screen.queryByRole('treeitem', { name: /新しい要因/ })).toBeNull();
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md08'));
  });

  it('renames with Enter or F2, reorders with Alt+↑/↓, and asks the editor for Delete and 親を変更', async () => {
    const { store, onRequestRemove, onRequestMove } = setup();
    store.select('md05');
    item('要因 単身世帯が多く異変に気づく人がいない').focus();
    press('ArrowDown', { altKey: true });
    expect(
      store
        .getState()
        .index.children.get('md04')
        ?.map((n) => n.id),
    ).toEqual(['md06', 'md05', 'md07']);
    expect(item('要因 単身世帯が多く異変に気づく人がいない').getAttribute('aria-posinset')).toBe('2');
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md05'));
    press('ArrowUp', { altKey: true });
    expect(store.getState().index.children.get('md04')?.[0]?.id).toBe('md05');
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md05'));
    press('Delete');
    expect(onRequestRemove).toHaveBeenCalledWith('md05');
    press('m');
    expect(onRequestMove).toHaveBeenCalledWith('md05');
    press('Enter');
    expect(store.getState().editingId).toBe('md05');
    const editor = await screen.findByRole('textbox', { name: '要因のタイトル' });
    press('Escape');
    expect(store.getState().editingId).toBeNull();
    expect(screen.queryByRole('textbox', { name: '要因のタイトル' })).toBeNull();
    expect(editor.isConnected).toBe(false);
    await waitFor(() => expect(focused().dataset.outlineId).toBe('md05'));
    press('F2');
    expect(store.getState().editingId).toBe('md05');
  });

  it('keeps only navigation when read-only', () => {
    const { store } = setup({ readOnly: true });
    item('目指す姿 認知症になっても住み慣れた地域で自分らしく暮らせる').focus();
    for (const key of ['Insert', 'Enter', 'F2', 'Delete']) press(key);
    expect(store.getState().nodes).toHaveLength(18);
    expect(store.getState().editingId).toBeNull();
    press('ArrowDown');
    expect(store.getState().selectedId).toBe('md02');
  });
});
