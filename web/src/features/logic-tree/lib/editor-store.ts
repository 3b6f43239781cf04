/**
 * The editor's store: one per open tree. It owns the working copy of the domain nodes (never React
 * Flow objects), exposes intent-named actions that produce tree operations, batches pending
 * operations and saves them against the tree's revision (If-Match), keeps the undo/redo history,
 * and rebases the user's unsaved edits when someone else saved first (412).
 *
 * Framework-free: React reads it through useSyncExternalStore (see components/use-editor.ts);
 * timers and the save call are injected so the whole flow is unit-tested.
 */
import { applyTreeOperations, type TreeNodeShape, type TreeOperation } from '@banso/shared/tree';
import type { HypothesisState, NodeKind, TreeNode, TreeSnapshot } from '../types';
import { compactOperations, splitBatches } from './batch';
import { ruleMessage } from './rule-messages';
import { emptyHistory, record, redo as redoStep, undo as undoStep, type History } from './history';
import {
  addChild as addChildIntent,
  addSibling as addSiblingIntent,
  indexTree,
  moveUnder as moveUnderIntent,
  neighbour,
  removeNode,
  updateNode,
  type Direction,
  type IntentResult,
  type NodePatch,
  type TreeIndex,
} from './intents';

export type SaveOutcome =
  | { ok: true; tree: TreeSnapshot }
  /** 412: someone else saved first; `current` is the tree as it is now. */
  | { ok: false; kind: 'conflict'; current: TreeSnapshot }
  /** 400/409: the server refused the batch under its rules. */
  | { ok: false; kind: 'rejected'; message: string }
  /** Network failure or 5xx: the batch can be retried as it is. */
  | { ok: false; kind: 'error'; message: string };

export interface EditorDeps {
  save: (ops: TreeOperation[], revision: number) => Promise<SaveOutcome>;
  newId: () => string;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Quiet time after the last edit before the batch is saved. */
  debounceMs?: number;
  retryMs?: number;
}

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

export interface Notice {
  id: number;
  tone: 'error' | 'info' | 'conflict';
  text: string;
}

export interface ConflictInfo {
  /** The revision that was loaded instead. */
  revision: number;
  /** How many of the user's edits still apply on top of it (kept, not yet saved). */
  kept: number;
  /** Titles the user typed that could not be re-applied (their node is gone), so they are not lost. */
  lostTitles: string[];
}

export interface EditorState {
  revision: number;
  /** The working copy: the saved tree plus every unsaved edit. */
  nodes: TreeNode[];
  index: TreeIndex;
  selectedId: string | null;
  editingId: string | null;
  status: SaveStatus;
  unsavedCount: number;
  notice: Notice | null;
  conflict: ConflictInfo | null;
  canUndo: boolean;
  canRedo: boolean;
  readOnly: boolean;
}

type Extras = Pick<TreeNode, 'evidenceCount' | 'action'>;

export class TreeEditorStore {
  private base: TreeNode[];
  private baseRevision: number;
  private pending: TreeOperation[] = [];
  private inFlight: TreeOperation[] = [];
  private history: History = emptyHistory;
  private extras = new Map<string, Extras>();
  private timer: unknown = null;
  private listeners = new Set<() => void>();
  private noticeSeq = 0;
  private state: EditorState;
  private readonly deps: Required<EditorDeps>;

  constructor(initial: TreeSnapshot, deps: EditorDeps, readOnly = false) {
    this.deps = { debounceMs: 800, retryMs: 5000, ...deps };
    this.base = initial.nodes;
    this.baseRevision = initial.revision;
    this.rememberExtras(initial.nodes);
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
    return this.commit(addChildIntent(this.state.nodes, this.state.index, parentId, this.deps.newId()), options.edit ?? true);
  }

  addSibling(nodeId = this.state.selectedId, options: { edit?: boolean } = {}): boolean {
    if (nodeId === null) return false;
    return this.commit(addSiblingIntent(this.state.nodes, this.state.index, nodeId, this.deps.newId()), options.edit ?? true);
  }

  /** Creates the goal (目指す姿) of an empty tree and opens it for editing. */
  addRoot(title = '目指す姿'): boolean {
    if (this.state.nodes.length > 0) {
      this.notify('error', ruleMessage({ rule: 'single_goal_root' }));
      return false;
    }
    const id = this.deps.newId();
    return this.commit(
      {
        ok: true,
        edit: {
          label: '目指す姿を追加',
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
    return this.base.some((n) => n.id === id);
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
      this.notify('error', 'タイトルを入力してください。');
      return false;
    }
    const result = updateNode(this.state.nodes, this.state.index, id, patch);
    return result === null ? true : this.commit(result, false);
  }

  moveUnder(id: string, parentId: string, position?: number): boolean {
    const result = moveUnderIntent(this.state.nodes, this.state.index, id, parentId, position);
    return result === null ? true : this.commit(result, false);
  }

  /** Checks a re-parenting without applying it: null when allowed, else the reason in Japanese. */
  checkMove(id: string, parentId: string): string | null {
    if (this.state.readOnly) return '閲覧のみです。';
    const result = moveUnderIntent(this.state.nodes, this.state.index, id, parentId);
    return result === null || result.ok ? null : result.message;
  }

  /** Checks a removal without applying it: null when allowed, else the reason in Japanese. */
  checkRemove(id: string): string | null {
    if (this.state.readOnly) return '閲覧のみです。';
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
    return this.applyStep(step.ops, step.history, step.select, `元に戻しました: ${step.label}`);
  }

  redo(): boolean {
    const step = redoStep(this.history);
    if (!step) return false;
    return this.applyStep(step.ops, step.history, step.select, `やり直しました: ${step.label}`);
  }

  private applyStep(ops: TreeOperation[], history: History, select: string | null, label: string): boolean {
    if (this.state.readOnly) return false;
    const result = applyTreeOperations(this.state.nodes, ops, { nodesWithAction: this.state.index.nodesWithAction });
    if (!result.ok) {
      // The tree moved on (e.g. another user's change was loaded): this step no longer applies.
      this.history = emptyHistory;
      this.notify('error', '他の変更と重なるため、この操作は元に戻せません。');
      this.set({ canUndo: false, canRedo: false });
      return false;
    }
    this.history = history;
    this.pending.push(...ops);
    this.setWorking(this.withExtras(result.nodes), { selectedId: select, editingId: null });
    this.notify('info', label);
    this.schedule();
    return true;
  }

  private commit(result: IntentResult, edit: boolean): boolean {
    if (this.state.readOnly) return false;
    if (!result.ok) {
      this.notify('error', result.message);
      return false;
    }
    const applied = applyTreeOperations(this.state.nodes, result.edit.ops, { nodesWithAction: this.state.index.nodesWithAction });
    if (!applied.ok) return false; // the intent already checked; defensive
    this.pending.push(...result.edit.ops);
    this.history = record(this.history, result.edit);
    this.setWorking(this.withExtras(applied.nodes), {
      selectedId: result.edit.selectAfter,
      ...(edit ? { editingId: result.edit.selectAfter } : {}),
    });
    this.schedule();
    return true;
  }

  // ── saving ────────────────────────────────────────────────────────────────
  private schedule(delay = this.deps.debounceMs) {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /**
   * Saves the pending operations now as one batch. Does nothing while a title is being typed
   * (it saves when editing ends), while a save is in flight (the rest follows it), or while a
   * conflict waits for the user's decision.
   */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      this.deps.clearTimer(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0 || this.inFlight.length > 0) return;
    if (this.state.editingId !== null || this.state.status === 'conflict') return;
    const [batch = [], ...later] = splitBatches(this.base, compactOperations(this.pending));
    this.inFlight = batch;
    this.pending = later.flat();
    this.set({ status: 'saving' });
    let outcome: SaveOutcome;
    try {
      outcome = await this.deps.save(batch, this.baseRevision);
    } catch (e) {
      outcome = { ok: false, kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    if (outcome.ok) this.saved(outcome.tree);
    else if (outcome.kind === 'conflict') this.conflicted(outcome.current);
    else if (outcome.kind === 'rejected') this.rejected(outcome.message);
    else this.failed(outcome.message);
  }

  private saved(tree: TreeSnapshot) {
    this.inFlight = [];
    this.base = tree.nodes;
    this.baseRevision = tree.revision;
    this.rememberExtras(tree.nodes);
    // Edits made while the batch was in flight go on top of the saved tree.
    const rest = applyTreeOperations(tree.nodes, this.pending, { nodesWithAction: actionIds(tree.nodes) });
    if (!rest.ok) {
      this.pending = [];
      this.notify('error', '保存中に行った編集の一部を適用できませんでした。');
    }
    this.setWorking(rest.ok ? this.withExtras(rest.nodes) : tree.nodes, {
      revision: tree.revision,
      status: this.pending.length > 0 ? 'dirty' : 'saved',
    });
    if (this.pending.length > 0) this.schedule(0);
  }

  private conflicted(current: TreeSnapshot) {
    const mine = [...this.inFlight, ...this.pending];
    this.inFlight = [];
    this.base = current.nodes;
    this.baseRevision = current.revision;
    this.rememberExtras(current.nodes);
    const { nodes, kept, lostTitles } = rebase(current.nodes, mine);
    this.pending = kept;
    this.history = emptyHistory;
    const selectedId = this.state.selectedId !== null && nodes.some((n) => n.id === this.state.selectedId) ? this.state.selectedId : null;
    this.setWorking(this.withExtras(nodes), {
      revision: current.revision,
      status: kept.length > 0 ? 'conflict' : 'saved',
      conflict: { revision: current.revision, kept: kept.length, lostTitles },
      selectedId,
      canUndo: false,
      canRedo: false,
    });
    this.notify(
      'conflict',
      kept.length > 0
        ? '他の人がこのツリーを更新しました。最新の版を読み込み、あなたの未保存の編集をその上に残しています。確認して保存してください。'
        : '他の人がこのツリーを更新しました。最新の版を読み込みました。',
    );
  }

  private rejected(message: string) {
    this.inFlight = [];
    const rest = applyTreeOperations(this.base, this.pending, { nodesWithAction: actionIds(this.base) });
    if (!rest.ok) this.pending = [];
    this.history = emptyHistory;
    this.setWorking(rest.ok ? this.withExtras(rest.nodes) : this.base, {
      status: this.pending.length > 0 ? 'dirty' : 'saved',
      canUndo: false,
      canRedo: false,
    });
    this.notify('error', `保存できませんでした: ${message}`);
  }

  private failed(message: string) {
    this.pending = [...this.inFlight, ...this.pending];
    this.inFlight = [];
    this.set({ status: 'error', unsavedCount: this.pending.length });
    this.notify('error', `保存に失敗しました（${message}）。自動で再試行します。`);
    this.schedule(this.deps.retryMs);
  }

  /** After a conflict: save the edits that were kept on top of the newer version. */
  resolveConflict(choice: 'save' | 'discard') {
    if (choice === 'discard') {
      this.pending = [];
      this.setWorking(this.base, { status: 'saved', conflict: null });
      return;
    }
    this.set({ status: this.pending.length > 0 ? 'dirty' : 'saved', conflict: null });
    void this.flush();
  }

  /**
   * A newer tree arrived from the server outside a save (e.g. a refetch). Taken over when nothing
   * is unsaved; otherwise the next save meets the 412 and rebases.
   */
  receive(tree: TreeSnapshot) {
    if (tree.revision <= this.baseRevision) return;
    if (this.pending.length > 0 || this.inFlight.length > 0) return;
    this.base = tree.nodes;
    this.baseRevision = tree.revision;
    this.rememberExtras(tree.nodes);
    this.setWorking(tree.nodes, { revision: tree.revision, status: 'saved' });
  }

  /** Updates the server-side facts of a node (e.g. its evidence count after attaching evidence). */
  patchExtras(id: string, patch: Partial<Extras>) {
    const cur = this.extras.get(id) ?? { evidenceCount: 0, action: null };
    this.extras.set(id, { ...cur, ...patch });
    this.setWorking(this.withExtras(this.state.nodes), {});
  }

  dismissNotice() {
    if (this.state.notice) this.set({ notice: null });
  }

  notify(tone: Notice['tone'], text: string) {
    this.set({ notice: { id: ++this.noticeSeq, tone, text } });
  }

  hasUnsaved(): boolean {
    return this.pending.length > 0 || this.inFlight.length > 0;
  }

  dispose() {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  // ── helpers ───────────────────────────────────────────────────────────────
  private rememberExtras(nodes: readonly TreeNode[]) {
    this.extras = new Map(nodes.map((n) => [n.id, { evidenceCount: n.evidenceCount, action: n.action }]));
  }

  private withExtras(nodes: readonly TreeNodeShape[]): TreeNode[] {
    return nodes.map((n) => {
      const extra = this.extras.get(n.id) ?? { evidenceCount: 0, action: null };
      return {
        id: n.id,
        parentId: n.parentId,
        position: n.position,
        kind: n.kind,
        title: n.title,
        detail: n.detail,
        hypothesisState: n.hypothesisState,
        evidenceCount: extra.evidenceCount,
        action: extra.action,
      };
    });
  }

  private setWorking(nodes: TreeNode[], patch: Partial<EditorState>) {
    const index = indexTree(nodes);
    const selectedId = patch.selectedId !== undefined ? patch.selectedId : this.state.selectedId;
    const editingId = patch.editingId !== undefined ? patch.editingId : this.state.editingId;
    this.set({
      ...patch,
      nodes,
      index,
      selectedId: selectedId !== null && index.byId.has(selectedId) ? selectedId : null,
      editingId: editingId !== null && index.byId.has(editingId) ? editingId : null,
      unsavedCount: this.pending.length + this.inFlight.length,
      status: patch.status ?? (this.pending.length + this.inFlight.length > 0 ? (this.inFlight.length > 0 ? 'saving' : this.state.status === 'conflict' ? 'conflict' : 'dirty') : 'saved'),
      canUndo: patch.canUndo ?? this.history.past.length > 0,
      canRedo: patch.canRedo ?? this.history.future.length > 0,
    });
  }
}

const actionIds = (nodes: readonly TreeNode[]) => new Set(nodes.filter((n) => n.action !== null).map((n) => n.id));

/**
 * Re-applies the user's operations one by one on a newer tree, keeping those that still apply.
 * Titles from renames or adds that no longer apply are returned so the UI can show them.
 */
export function rebase(
  nodes: readonly TreeNode[],
  ops: readonly TreeOperation[],
): { nodes: TreeNode[]; kept: TreeOperation[]; lostTitles: string[] } {
  const withAction = actionIds(nodes);
  let current: TreeNode[] = [...nodes];
  const extras = new Map(nodes.map((n) => [n.id, n]));
  const kept: TreeOperation[] = [];
  const lostTitles: string[] = [];
  for (const op of compactOperations(ops)) {
    const result = applyTreeOperations(current, [op], { nodesWithAction: withAction });
    if (result.ok) {
      kept.push(op);
      current = result.nodes.map((n) => {
        const e = extras.get(n.id);
        return { ...n, evidenceCount: e?.evidenceCount ?? 0, action: e?.action ?? null };
      });
    } else if ((op.op === 'add' || op.op === 'update') && op.title !== undefined) {
      lostTitles.push(op.title);
    }
  }
  return { nodes: current, kept, lostTitles };
}
