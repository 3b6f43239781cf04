/**
 * The editor's store: one per open tree. It owns the working copy of the domain nodes (never React
 * Flow objects), exposes intent-named actions that produce tree operations and keeps the undo/redo
 * history. Saving (batches against the tree's revision with If-Match, retries, rebasing the user's
 * unsaved edits when someone else saved first) is tree-sync.ts; what the notices say is
 * editor-notices.ts; the server-side facts of each node are node-extras.ts.
 *
 * Framework-free: React reads it through useSyncExternalStore (see components/use-editor-state.ts);
 * timers and the save call are injected so the whole flow is unit-tested.
 */
import { applyTreeOperations, type TreeOperation } from '@banso/shared/tree';
import type { HypothesisState, NodeKind, TreeNode, TreeSnapshot } from '../types';
import { NoticeCounter, notices, type Notice, type NoticeContent } from './editor-notices';
import { labels } from '@banso/shared';
import { message, type TreeMessage } from './messages';
import type { EditorDeps, EditorState } from './editor-types';
import { ruleMessage } from './rule-messages';
import { emptyHistory, record, redo as redoStep, undo as undoStep, type History } from './history';
import {
  addChild as addChildIntent,
  addSibling as addSiblingIntent,
  indexTree,
  moveUnder as moveUnderIntent,
  neighbour,
  removeNode,
  reorder,
  updateNode,
  type Direction,
  type IntentResult,
  type NodePatch,
} from './intents';
import { NodeExtras, type Extras } from './node-extras';
import { TreeSync } from './tree-sync';

export type { EditorDeps, EditorState, SaveOutcome } from './editor-types';
export type { Notice } from './editor-notices';
export { rebase } from './rebase';

export class TreeEditorStore {
  private history: History = emptyHistory;
  private listeners = new Set<() => void>();
  private readonly notices = new NoticeCounter();
  private readonly extras: NodeExtras;
  private readonly sync: TreeSync;
  private state: EditorState;
  private readonly deps: Required<EditorDeps>;

  constructor(initial: TreeSnapshot, deps: EditorDeps, readOnly = false) {
    this.deps = { debounceMs: 800, retryMs: 5000, ...deps };
    this.extras = new NodeExtras(initial.nodes);
    this.sync = new TreeSync(
      initial,
      this.deps,
      {
        state: () => this.state,
        set: (patch) => this.set(patch),
        show: (nodes, patch) => this.setWorking(nodes, patch),
        notify: (content) => this.show(content),
        forgetHistory: () => {
          this.history = emptyHistory;
        },
      },
      this.extras,
    );
    const root = initial.nodes.find((n) => n.parentId === null) ?? null;
    this.state = {
      revision: initial.revision,
      nodes: initial.nodes,
      index: indexTree(initial.nodes),
      selectedId: root?.id ?? null,
      editingId: null,
      status: 'saved',
      unsavedCount: 0,
      notice: null,
      conflict: null,
      canUndo: false,
      canRedo: false,
      readOnly,
    };
  }

  // ── subscription (useSyncExternalStore) ───────────────────────────────────
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): EditorState => this.state;

  private set(patch: Partial<EditorState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  // ── selection and inline editing ──────────────────────────────────────────
  select(id: string | null) {
    if (id !== null && !this.state.index.byId.has(id)) return;
    if (id === this.state.selectedId) return;
    this.set({ selectedId: id, editingId: this.state.editingId === id ? id : null });
  }

  /** Arrow-key navigation; returns the newly selected id (or null when there is nowhere to go). */
  navigate(direction: Direction): string | null {
    const from = this.state.selectedId;
    if (from === null) {
      const root = this.state.nodes.find((n) => n.parentId === null);
      if (root) this.select(root.id);
      return root?.id ?? null;
    }
    const to = neighbour(this.state.index, from, direction);
    if (to !== null) this.select(to);
    return to;
  }

  startEditing(id = this.state.selectedId) {
    if (this.state.readOnly || id === null || !this.state.index.byId.has(id)) return;
    this.set({ selectedId: id, editingId: id });
  }

  /** Ends inline editing; the edits made meanwhile are saved right away. */
  stopEditing() {
    if (this.state.editingId === null) return;
    this.set({ editingId: null });
    void this.flush();
  }

  // ── intents ───────────────────────────────────────────────────────────────
  addChild(parentId = this.state.selectedId, options: { edit?: boolean } = {}): boolean {
    if (parentId === null) return false;
    return this.commit(
      addChildIntent(this.state.nodes, this.state.index, parentId, this.deps.newId(), this.deps.newTitle),
      options.edit ?? true,
    );
  }

  addSibling(nodeId = this.state.selectedId, options: { edit?: boolean } = {}): boolean {
    if (nodeId === null) return false;
    return this.commit(
      addSiblingIntent(this.state.nodes, this.state.index, nodeId, this.deps.newId(), this.deps.newTitle),
      options.edit ?? true,
    );
  }

  /** Creates the goal of an empty tree (titled with the kind's name unless given) and opens it for editing. */
  addRoot(title = labels('ja').nodeKind.goal): boolean {
    if (this.state.nodes.length > 0) {
      this.show(notices.refused(ruleMessage({ rule: 'single_goal_root' })));
      return false;
    }
    const id = this.deps.newId();
    return this.commit(
      {
        ok: true,
        edit: {
          label: message('edit.add', { kind: { kind: 'goal' } }),
          ops: [{ op: 'add', id, parentId: null, kind: 'goal', title }],
          inverse: [{ op: 'remove', id }],
          selectAfter: id,
          selectAfterUndo: null,
        },
      },
      true,
    );
  }

  /** Whether a node exists on the server (evidence can only be attached to saved nodes). */
  isSaved(id: string): boolean {
    return this.sync.isSaved(id);
  }

  rename(id: string, title: string): boolean {
    return this.update(id, { title });
  }

  setHypothesis(id: string, hypothesisState: HypothesisState | null): boolean {
    return this.update(id, { hypothesisState });
  }

  setKind(id: string, kind: NodeKind): boolean {
    return this.update(id, { kind });
  }

  setDetail(id: string, detail: string): boolean {
    return this.update(id, { detail });
  }

  update(id: string, patch: NodePatch): boolean {
    if (patch.title !== undefined && patch.title.trim() === '') {
      this.show(notices.emptyTitle());
      return false;
    }
    const result = updateNode(this.state.nodes, this.state.index, id, patch);
    return result === null ? true : this.commit(result, false);
  }

  moveUnder(id: string, parentId: string, position?: number): boolean {
    const result = moveUnderIntent(this.state.nodes, this.state.index, id, parentId, position);
    return result === null ? true : this.commit(result, false);
  }

  /** Alt+↑ / Alt+↓: one place up or down among the siblings (nothing at either end). */
  moveBy(delta: -1 | 1, id = this.state.selectedId): boolean {
    if (id === null) return false;
    const result = reorder(this.state.nodes, this.state.index, id, delta);
    return result === null ? false : this.commit(result, false);
  }

  /**
   * Escape on a node just created and still carrying its default title: the creation is taken
   * back (no 「新しい○○」 is left behind, nothing remains to redo). False when the node is not that.
   */
  abandonNew(id: string): boolean {
    const last = this.history.past.at(-1);
    const node = this.state.index.byId.get(id);
    const add = last?.ops[0];
    if (!last || !node || last.ops.length !== 1 || add?.op !== 'add' || add.id !== id) return false;
    if (node.title !== add.title || (this.state.index.children.get(id)?.length ?? 0) > 0) return false;
    const result = applyTreeOperations(this.state.nodes, last.inverse, { nodesWithAction: this.state.index.nodesWithAction });
    if (!result.ok) return false;
    this.history = { past: this.history.past.slice(0, -1), future: [] };
    if (!this.sync.retractAdd(id)) this.sync.enqueue(last.inverse);
    this.setWorking(this.extras.apply(result.nodes), { selectedId: last.selectAfterUndo, editingId: null });
    this.sync.schedule();
    return true;
  }

  /** Checks a re-parenting without applying it: null when allowed, else the reason. */
  checkMove(id: string, parentId: string): TreeMessage | null {
    if (this.state.readOnly) return message('notice.readOnly');
    const result = moveUnderIntent(this.state.nodes, this.state.index, id, parentId);
    return result === null || result.ok ? null : result.message;
  }

  /** Checks a removal without applying it: null when allowed, else the reason. */
  checkRemove(id: string): TreeMessage | null {
    if (this.state.readOnly) return message('notice.readOnly');
    const result = removeNode(this.state.nodes, this.state.index, id);
    return result.ok ? null : result.message;
  }

  remove(id = this.state.selectedId): boolean {
    if (id === null) return false;
    return this.commit(removeNode(this.state.nodes, this.state.index, id), false);
  }

  undo(): boolean {
    const step = undoStep(this.history);
    if (!step) return false;
    return this.applyStep(step.ops, step.history, step.select, notices.undone(step.label));
  }

  redo(): boolean {
    const step = redoStep(this.history);
    if (!step) return false;
    return this.applyStep(step.ops, step.history, step.select, notices.redone(step.label));
  }

  private applyStep(ops: TreeOperation[], history: History, select: string | null, notice: NoticeContent): boolean {
    if (this.state.readOnly) return false;
    const result = applyTreeOperations(this.state.nodes, ops, { nodesWithAction: this.state.index.nodesWithAction });
    if (!result.ok) {
      // The tree moved on (e.g. another user's change was loaded): this step no longer applies.
      this.history = emptyHistory;
      this.show(notices.stepNoLongerApplies());
      this.set({ canUndo: false, canRedo: false });
      return false;
    }
    this.history = history;
    this.sync.enqueue(ops);
    this.setWorking(this.extras.apply(result.nodes), { selectedId: select, editingId: null });
    this.show(notice);
    this.sync.schedule();
    return true;
  }

  private commit(result: IntentResult, edit: boolean): boolean {
    if (this.state.readOnly) return false;
    if (!result.ok) {
      this.show(notices.refused(result.message));
      return false;
    }
    const applied = applyTreeOperations(this.state.nodes, result.edit.ops, { nodesWithAction: this.state.index.nodesWithAction });
    if (!applied.ok) return false; // the intent already checked; defensive
    this.sync.enqueue(result.edit.ops);
    this.history = record(this.history, result.edit);
    this.setWorking(this.extras.apply(applied.nodes), {
      selectedId: result.edit.selectAfter,
      ...(edit ? { editingId: result.edit.selectAfter } : {}),
    });
    this.sync.schedule();
    return true;
  }

  // ── saving (tree-sync.ts) ─────────────────────────────────────────────────
  /** Saves the pending operations now (see TreeSync.flush for when it waits). */
  flush(): Promise<void> {
    return this.sync.flush();
  }

  /** After a conflict: save the edits that were kept on top of the newer version. */
  resolveConflict(choice: 'save' | 'discard') {
    this.sync.resolveConflict(choice);
  }

  /** A newer tree arrived from the server outside a save (e.g. a refetch). */
  receive(tree: TreeSnapshot) {
    this.sync.receive(tree);
  }

  hasUnsaved(): boolean {
    return this.sync.hasUnsaved();
  }

  /** Updates the server-side facts of a node (e.g. its evidence count after attaching evidence). */
  patchExtras(id: string, patch: Partial<Extras>) {
    this.extras.patch(id, patch);
    this.setWorking(this.extras.apply(this.state.nodes), {});
  }

  // ── notices (editor-notices.ts) ───────────────────────────────────────────
  dismissNotice() {
    if (this.state.notice) this.set({ notice: null });
  }

  notify(tone: Notice['tone'], content: TreeMessage) {
    this.show({ tone, message: content });
  }

  private show(content: NoticeContent) {
    this.set({ notice: this.notices.next(content) });
  }

  dispose() {
    this.sync.dispose();
    this.listeners.clear();
  }

  private setWorking(nodes: TreeNode[], patch: Partial<EditorState>) {
    const index = indexTree(nodes);
    const selectedId = patch.selectedId !== undefined ? patch.selectedId : this.state.selectedId;
    const editingId = patch.editingId !== undefined ? patch.editingId : this.state.editingId;
    const { pendingCount, inFlightCount } = this.sync;
    const unsaved = pendingCount + inFlightCount;
    this.set({
      ...patch,
      nodes,
      index,
      selectedId: selectedId !== null && index.byId.has(selectedId) ? selectedId : null,
      editingId: editingId !== null && index.byId.has(editingId) ? editingId : null,
      unsavedCount: unsaved,
      status:
        patch.status ?? (unsaved > 0 ? (inFlightCount > 0 ? 'saving' : this.state.status === 'conflict' ? 'conflict' : 'dirty') : 'saved'),
      canUndo: patch.canUndo ?? this.history.past.length > 0,
      canRedo: patch.canRedo ?? this.history.future.length > 0,
    });
  }
}
