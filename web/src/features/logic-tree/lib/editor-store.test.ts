import { applyTreeOperations, type TreeOperation } from '@banso/shared/tree';
import { describe, expect, it } from 'vitest';
import type { TreeNode, TreeSnapshot } from '../types';
import { rebase, TreeEditorStore, type SaveOutcome } from './editor-store';
import { jaNewTitle, jaText, midoriTree } from './test-fixtures';

/** A fake server holding one tree, applying batches like the API (412 on a stale revision). */
function fakeServer(initial: TreeNode[]) {
  let tree: TreeSnapshot = { revision: 1, nodes: initial };
  const calls: { ops: TreeOperation[]; revision: number }[] = [];
  const resolvers: (() => void)[] = [];
  let hold = false;
  const save = async (ops: TreeOperation[], revision: number): Promise<SaveOutcome> => {
    calls.push({ ops, revision });
    if (hold) await new Promise<void>((r) => resolvers.push(r));
    if (revision !== tree.revision) return { ok: false, kind: 'conflict', current: tree };
    const r = applyTreeOperations(tree.nodes, ops);
    if (!r.ok) return { ok: false, kind: 'rejected', message: { key: 'save.server', params: { detail: r.violation.message } } };
    const extras = new Map(tree.nodes.map((n) => [n.id, n]));
    tree = {
      revision: tree.revision + 1,
      nodes: r.nodes.map((n) => ({ ...n, evidenceCount: extras.get(n.id)?.evidenceCount ?? 0, action: extras.get(n.id)?.action ?? null })),
    };
    return { ok: true, tree };
  };
  return {
    save,
    calls,
    get tree() {
      return tree;
    },
    /** Another user saves directly. */
    otherSaves(ops: TreeOperation[]) {
      const r = applyTreeOperations(tree.nodes, ops);
      if (!r.ok) throw new Error(r.violation.message);
      tree = { revision: tree.revision + 1, nodes: r.nodes.map((n) => ({ ...n, evidenceCount: 0, action: null })) };
    },
    hold(on: boolean) {
      hold = on;
      if (!on) resolvers.splice(0).forEach((r) => r());
    },
  };
}

/** Manual timers: run them when the test says so. */
function manualTimers() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let seq = 0;
  return {
    setTimer: (fn: () => void, ms: number) => {
      timers.set(++seq, { fn, ms });
      return seq;
    },
    clearTimer: (h: unknown) => {
      if (typeof h === 'number') timers.delete(h);
    },
    pending: () => [...timers.values()].map((t) => t.ms),
    runAll: () => {
      const all = [...timers.values()];
      timers.clear();
      all.forEach((t) => t.fn());
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(nodes = midoriTree) {
  const server = fakeServer(nodes);
  const timers = manualTimers();
  let id = 0;
  const store = new TreeEditorStore(server.tree, {
    save: server.save,
    newTitle: jaNewTitle,
    newId: () => `new${++id}`,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { server, timers, store };
}

const titleOf = (store: TreeEditorStore, id: string) => store.getState().index.byId.get(id)?.title;
const titleOfBase = (id: string) => midoriTree.find((n) => n.id === id)?.title;

describe('TreeEditorStore', () => {
  it('starts with the root selected and nothing unsaved', () => {
    const { store } = setup();
    expect(store.getState()).toMatchObject({ selectedId: 'md01', status: 'saved', unsavedCount: 0, revision: 1 });
  });

  it('Tab-style addChild opens the new node for editing and saves add + typed title as one operation when editing ends', async () => {
    const { store, server } = setup();
    store.select('md08');
    expect(store.addChild()).toBe(true);
    expect(store.getState()).toMatchObject({ selectedId: 'new1', editingId: 'new1', status: 'dirty', unsavedCount: 1 });
    await store.flush();
    expect(server.calls).toHaveLength(0); // not while the title is being typed
    store.rename('new1', '基準の文書がない');
    store.stopEditing();
    await settle();
    expect(server.calls).toEqual([
      { revision: 1, ops: [{ op: 'add', id: 'new1', parentId: 'md08', kind: 'cause', title: '基準の文書がない', position: 1 }] },
    ]);
    expect(store.getState()).toMatchObject({ status: 'saved', revision: 2, unsavedCount: 0 });
    expect(server.tree.nodes.find((n) => n.id === 'new1')?.title).toBe('基準の文書がない');
  });

  it('Escape on a new, still untitled node takes it back: nothing is saved and nothing is left to redo', async () => {
    const { store, server, timers } = setup();
    store.select('md08');
    store.addChild();
    expect(store.abandonNew('new1')).toBe(true);
    expect(store.getState()).toMatchObject({ selectedId: 'md08', editingId: null, unsavedCount: 0, canUndo: false, canRedo: false });
    expect(store.getState().index.byId.has('new1')).toBe(false);
    timers.runAll();
    await settle();
    expect(server.calls).toHaveLength(0);
  });

  it('keeps a new node once it has a title, and removes an already saved one when abandoned', async () => {
    const { store, server } = setup();
    store.select('md08');
    store.addChild();
    store.rename('new1', '基準');
    expect(store.abandonNew('new1')).toBe(false);
    store.stopEditing();
    await settle();
    store.addSibling('new1');
    store.stopEditing();
    await settle();
    expect(server.tree.nodes.some((n) => n.id === 'new2')).toBe(true);
    expect(store.abandonNew('new2')).toBe(true);
    await store.flush();
    await settle();
    expect(server.tree.nodes.some((n) => n.id === 'new2')).toBe(false);
    expect(server.tree.nodes.some((n) => n.id === 'new1')).toBe(true);
  });

  it('reorders among siblings with moveBy and saves the move', async () => {
    const { store, server } = setup();
    store.select('md05');
    expect(store.moveBy(1)).toBe(true);
    expect(
      store
        .getState()
        .index.children.get('md04')
        ?.map((n) => n.id),
    ).toEqual(['md06', 'md05', 'md07']);
    expect(store.moveBy(1)).toBe(true);
    expect(store.moveBy(1)).toBe(false);
    await store.flush();
    await settle();
    expect(server.calls.at(-1)?.ops).toEqual([
      { op: 'move', id: 'md05', parentId: 'md04', position: 1 },
      { op: 'move', id: 'md05', parentId: 'md04', position: 2 },
    ]);
    expect(store.getState().selectedId).toBe('md05');
  });

  it('batches edits made in quick succession into one save after the debounce', async () => {
    const { store, server, timers } = setup();
    store.rename('md05', 'A');
    store.setHypothesis('md06', 'supported');
    store.setDetail('md07', '詳細');
    expect(timers.pending()).toEqual([800]);
    timers.runAll();
    await settle();
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.ops).toHaveLength(3);
  });

  it('refuses an invalid edit with a Japanese notice and changes nothing', () => {
    const { store } = setup();
    const before = store.getState().nodes;
    expect(store.moveUnder('md06', 'md03')).toBe(false);
    expect(store.getState().notice?.tone).toBe('error');
    expect(jaText(store.getState().notice?.message)).toContain('「中間アウトカム」の下に「要因」は置けません');
    expect(store.getState().nodes).toBe(before);
    expect(store.checkMove('md06', 'md08')).toBeNull();
    expect(jaText(store.checkMove('md06', 'md13'))).toContain('取組');
    expect(jaText(store.checkRemove('md10'))).toContain('選定済み');
    expect(store.checkRemove('md18')).toBeNull();
  });

  it('undoes and redoes through new operations that are saved', async () => {
    const { store, server } = setup();
    store.rename('md05', '見守りの目がない');
    store.undo();
    expect(titleOf(store, 'md05')).toBe('単身世帯が多く異変に気づく人がいない');
    expect(store.getState()).toMatchObject({ canUndo: false, canRedo: true });
    store.redo();
    expect(titleOf(store, 'md05')).toBe('見守りの目がない');
    await store.flush();
    expect(server.tree.nodes.find((n) => n.id === 'md05')?.title).toBe('見守りの目がない');
  });

  it('undoes a removal by re-adding the subtree', async () => {
    const plain = midoriTree.map((n) => ({ ...n, action: null }));
    const { store, server } = setup(plain);
    store.remove('md10');
    expect(store.getState().nodes).toHaveLength(plain.length - 5);
    await store.flush();
    expect(server.tree.nodes).toHaveLength(plain.length - 5);
    store.undo();
    await store.flush();
    expect(server.tree.nodes).toHaveLength(plain.length);
    expect(server.tree.nodes.find((n) => n.id === 'md16')?.parentId).toBe('md12');
  });

  it('saves a removal and its undo made in one go as two batches the server accepts', async () => {
    const plain = midoriTree.map((n) => ({ ...n, action: null }));
    const { store, server } = setup(plain);
    store.remove('md10');
    store.undo();
    await store.flush();
    await settle();
    await store.flush();
    expect(server.calls.map((c) => c.ops.length)).toEqual([1, 5]);
    expect(store.getState().status).toBe('saved');
    expect(server.tree.nodes).toHaveLength(plain.length);
  });

  it("on 412 loads the newer version, keeps the user's edits on top and waits for confirmation", async () => {
    const { store, server } = setup();
    store.rename('md06', '相談窓口の認知度が低い（高田）');
    server.otherSaves([{ op: 'update', id: 'md05', title: '単身世帯の見守り不足（森川）' }]);
    await store.flush();
    const s = store.getState();
    expect(s.status).toBe('conflict');
    expect(s.revision).toBe(2);
    expect(s.notice?.tone).toBe('conflict');
    expect(jaText(s.notice?.message)).toContain('他の人がこのツリーを更新しました');
    expect(titleOf(store, 'md05')).toBe('単身世帯の見守り不足（森川）');
    expect(titleOf(store, 'md06')).toBe('相談窓口の認知度が低い（高田）');
    // What changed meanwhile and what the user's kept edit does, node by node, for the banner.
    expect(s.conflict?.theirs).toEqual([{ op: 'rename', from: titleOfBase('md05'), title: '単身世帯の見守り不足（森川）' }]);
    expect(s.conflict?.mine).toEqual([{ op: 'rename', from: titleOfBase('md06'), title: '相談窓口の認知度が低い（高田）' }]);
    // Autosave is paused until the user decides.
    await store.flush();
    expect(server.calls).toHaveLength(1);
    store.resolveConflict('save');
    await settle();
    expect(server.calls[1]).toMatchObject({ revision: 2 });
    expect(server.tree.nodes.find((n) => n.id === 'md06')?.title).toBe('相談窓口の認知度が低い（高田）');
    expect(server.tree.nodes.find((n) => n.id === 'md05')?.title).toBe('単身世帯の見守り不足（森川）');
    expect(store.getState()).toMatchObject({ status: 'saved', conflict: null, revision: 3 });
  });

  it('on 412 reports titles that no longer apply instead of losing them', async () => {
    const { store, server } = setup();
    store.rename('md18', '通所の整備（高田）');
    server.otherSaves([{ op: 'remove', id: 'md18' }]);
    await store.flush();
    expect(store.getState().conflict).toMatchObject({ revision: 2, since: 1, kept: 0, lostTitles: ['通所の整備（高田）'] });
    expect(store.getState().status).toBe('saved');
  });

  it("shows another user's saved revision at once when nothing is unsaved (a live update)", () => {
    const { store, server } = setup();
    server.otherSaves([{ op: 'update', id: 'md05', title: '単身世帯の見守り不足（森川）' }]);
    store.receive(server.tree);
    expect(titleOf(store, 'md05')).toBe('単身世帯の見守り不足（森川）');
    expect(store.getState()).toMatchObject({ status: 'saved', revision: 2, conflict: null });
    store.receive({ ...server.tree, revision: 1 }); // an older snapshot (a late refetch) changes nothing
    expect(store.getState().revision).toBe(2);
  });

  it('re-applies unsaved edits on a live revision and saves them against it, without a 412', async () => {
    const { store, server } = setup();
    store.rename('md06', '相談窓口の認知度が低い（高田）');
    server.otherSaves([{ op: 'update', id: 'md05', title: '単身世帯の見守り不足（森川）' }]);
    store.receive(server.tree);
    expect(store.getState()).toMatchObject({ status: 'dirty', revision: 2, conflict: null, canUndo: false });
    expect(titleOf(store, 'md05')).toBe('単身世帯の見守り不足（森川）');
    expect(titleOf(store, 'md06')).toBe('相談窓口の認知度が低い（高田）');
    await store.flush();
    expect(server.calls).toEqual([{ revision: 2, ops: [{ op: 'update', id: 'md06', title: '相談窓口の認知度が低い（高田）' }] }]);
    expect(store.getState()).toMatchObject({ status: 'saved', revision: 3 });
  });

  it('keeps a live revision waiting while a title is typed, and shows the title that no longer applies', async () => {
    const { store, server } = setup();
    store.startEditing('md18');
    store.rename('md18', '通所の整備（高田）');
    server.otherSaves([{ op: 'remove', id: 'md18' }]);
    store.receive(server.tree);
    expect(titleOf(store, 'md18')).toBe('通所の整備（高田）'); // the input is not pulled away
    expect(store.getState().revision).toBe(1);
    store.stopEditing();
    await settle();
    expect(store.getState().revision).toBe(2);
    expect(store.getState().conflict).toMatchObject({ revision: 2, since: 1, kept: 0, lostTitles: ['通所の整備（高田）'] });
    expect(store.getState().nodes.some((n) => n.id === 'md18')).toBe(false);
    expect(server.calls).toHaveLength(0);
  });

  it('leaves a live revision to the save in flight, which meets the 412 and rebases', async () => {
    const { store, server } = setup();
    server.hold(true);
    store.rename('md05', 'A');
    const first = store.flush();
    await settle();
    server.otherSaves([{ op: 'update', id: 'md06', title: 'B' }]);
    store.receive(server.tree);
    expect(store.getState().status).toBe('saving');
    server.hold(false);
    await first;
    expect(store.getState()).toMatchObject({ status: 'conflict', revision: 2 });
    expect(titleOf(store, 'md06')).toBe('B');
    expect(titleOf(store, 'md05')).toBe('A');
  });

  it('keeps edits made while a save is in flight and saves them next', async () => {
    const { store, server } = setup();
    server.hold(true);
    store.rename('md05', 'A');
    const first = store.flush();
    await settle();
    expect(store.getState().status).toBe('saving');
    store.rename('md06', 'B');
    server.hold(false);
    await first;
    expect(titleOf(store, 'md06')).toBe('B');
    expect(store.getState().status).toBe('dirty');
    await store.flush();
    expect(server.calls.map((c) => c.revision)).toEqual([1, 2]);
    expect(server.tree.nodes.find((n) => n.id === 'md06')?.title).toBe('B');
  });

  it('retries after a network failure without losing the batch', async () => {
    const { store, server, timers } = setup();
    let fail = true;
    const flaky = new TreeEditorStore(server.tree, {
      save: (ops, rev) => (fail ? Promise.reject(new Error('offline')) : server.save(ops, rev)),
      newTitle: jaNewTitle,
      newId: () => 'x',
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    flaky.rename('md05', 'A');
    await flaky.flush();
    expect(flaky.getState()).toMatchObject({ status: 'error', unsavedCount: 1 });
    expect(timers.pending()).toContain(5000);
    fail = false;
    timers.runAll();
    await settle();
    expect(flaky.getState().status).toBe('saved');
    expect(server.tree.nodes.find((n) => n.id === 'md05')?.title).toBe('A');
    expect(store.getState().status).toBe('saved');
  });

  it('does nothing in read-only mode', () => {
    const server = fakeServer(midoriTree);
    const timers = manualTimers();
    const ro = new TreeEditorStore(
      server.tree,
      { save: server.save, newTitle: jaNewTitle, newId: () => 'x', setTimer: timers.setTimer, clearTimer: timers.clearTimer },
      true,
    );
    expect(ro.addChild('md04')).toBe(false);
    expect(ro.rename('md04', 'x')).toBe(false);
    ro.startEditing('md04');
    expect(ro.getState().editingId).toBeNull();
    expect(ro.navigate('firstChild')).toBe('md02');
  });

  it('notifies subscribers on every change', () => {
    const { store } = setup();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.select('md02');
    store.navigate('next');
    off();
    store.select('md04');
    expect(calls).toBe(2);
    expect(store.getState().selectedId).toBe('md04');
  });
});

describe('rebase', () => {
  it('keeps operations that still apply and drops those that do not', () => {
    const newer = midoriTree.filter((n) => n.id !== 'md18');
    const { kept, lostTitles, nodes } = rebase(newer, [
      { op: 'update', id: 'md18', title: 'gone' },
      { op: 'update', id: 'md05', title: 'kept' },
    ]);
    expect(kept).toEqual([{ op: 'update', id: 'md05', title: 'kept' }]);
    expect(lostTitles).toEqual(['gone']);
    expect(nodes.find((n) => n.id === 'md05')?.title).toBe('kept');
  });
});
