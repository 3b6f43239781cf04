/**
 * Saving the editor's edits: pending operations are batched after a quiet time and saved against
 * the tree's revision (If-Match); a network failure retries, a rule refusal drops what no longer
 * applies, and a 412 loads the newer tree and rebases the user's unsaved edits on it.
 */
import { applyTreeOperations, type TreeOperation } from '@banso/shared/tree';
import type { TreeNode, TreeSnapshot } from '../types';
import { compactOperations, splitBatches } from './batch';
import { notices, type NoticeContent } from './editor-notices';
import type { EditorDeps, EditorState, SaveOutcome } from './editor-types';
import { message, type TreeMessage } from './messages';
import type { NodeExtras } from './node-extras';
import { actionIds, rebase } from './rebase';
import { treeChanges } from './tree-diff';

/** What the save loop needs of the store that shows the working copy. */
export interface SyncHost {
  state(): EditorState;
  set(patch: Partial<EditorState>): void;
  /** Shows a working copy; status, counts and undo flags follow the save loop unless patched. */
  show(nodes: TreeNode[], patch: Partial<EditorState>): void;
  notify(content: NoticeContent): void;
  /** The undo history no longer applies (the base tree changed under it). */
  forgetHistory(): void;
}

export class TreeSync {
  /** The tree as last saved (or loaded) and its revision. */
  base: TreeNode[];
  baseRevision: number;
  private pending: TreeOperation[] = [];
  private inFlight: TreeOperation[] = [];
  private timer: unknown = null;
  /** A newer tree that arrived while a title was being typed: taken in when typing ends. */
  private waiting: TreeSnapshot | null = null;

  constructor(
    initial: TreeSnapshot,
    private readonly deps: Required<EditorDeps>,
    private readonly host: SyncHost,
    private readonly extras: NodeExtras,
  ) {
    this.base = initial.nodes;
    this.baseRevision = initial.revision;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  get inFlightCount(): number {
    return this.inFlight.length;
  }

  hasUnsaved(): boolean {
    return this.pending.length > 0 || this.inFlight.length > 0;
  }

  /** Whether a node exists on the server (evidence can only be attached to saved nodes). */
  isSaved(id: string): boolean {
    return this.base.some((n) => n.id === id);
  }

  /** Adds operations to the next batch (the working copy already shows them). */
  enqueue(ops: readonly TreeOperation[]) {
    this.pending.push(...ops);
  }

  /**
   * Takes back the last pending operation when it is the addition of `id` (not sent yet), so an
   * abandoned new node costs no save at all. False when it was already sent (remove it instead).
   */
  retractAdd(id: string): boolean {
    const last = this.pending.at(-1);
    if (last?.op !== 'add' || last.id !== id) return false;
    this.pending.pop();
    return true;
  }

  schedule(delay = this.deps.debounceMs) {
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
    const state = this.host.state();
    if (this.waiting && state.editingId === null) this.receive(this.waiting);
    if (this.pending.length === 0 || this.inFlight.length > 0) return;
    if (state.editingId !== null || state.status === 'conflict') return;
    const [batch = [], ...later] = splitBatches(this.base, compactOperations(this.pending));
    this.inFlight = batch;
    this.pending = later.flat();
    this.host.set({ status: 'saving' });
    let outcome: SaveOutcome;
    try {
      outcome = await this.deps.save(batch, this.baseRevision);
    } catch (e) {
      outcome = { ok: false, kind: 'error', message: message('save.server', { detail: e instanceof Error ? e.message : String(e) }) };
    }
    if (outcome.ok) this.saved(outcome.tree);
    else if (outcome.kind === 'conflict') this.conflicted(outcome.current);
    else if (outcome.kind === 'rejected') this.rejected(outcome.message);
    else this.failed(outcome.message);
  }

  private rebaseOn(tree: TreeSnapshot) {
    this.base = tree.nodes;
    this.baseRevision = tree.revision;
    this.extras.remember(tree.nodes);
  }

  private saved(tree: TreeSnapshot) {
    this.inFlight = [];
    this.rebaseOn(tree);
    // Edits made while the batch was in flight go on top of the saved tree.
    const rest = applyTreeOperations(tree.nodes, this.pending, { nodesWithAction: actionIds(tree.nodes) });
    if (!rest.ok) {
      this.pending = [];
      this.host.notify(notices.editsDuringSaveLost());
    }
    this.host.show(rest.ok ? this.extras.apply(rest.nodes) : tree.nodes, {
      revision: tree.revision,
      status: this.pending.length > 0 ? 'dirty' : 'saved',
    });
    if (this.pending.length > 0) this.schedule(0);
  }

  /**
   * Takes a newer tree as the base and re-applies `mine` on it: shows the result and returns what
   * was kept. The undo history no longer applies; a conflict (`confirm`, or titles that no longer
   * apply) waits for the user's decision.
   */
  private rebaseMine(current: TreeSnapshot, mine: TreeOperation[], confirm: boolean): { kept: number; conflict: boolean } {
    const since = this.baseRevision;
    const before = this.base;
    this.rebaseOn(current);
    const { nodes, kept, lostTitles } = rebase(current.nodes, mine);
    this.pending = kept;
    this.host.forgetHistory();
    // The user decides (the banner) after a 412, or when some of the edits no longer apply.
    const conflict = confirm || lostTitles.length > 0;
    const selected = this.host.state().selectedId;
    this.host.show(this.extras.apply(nodes), {
      revision: current.revision,
      status: kept.length === 0 ? 'saved' : conflict ? 'conflict' : 'dirty',
      conflict: conflict
        ? {
            revision: current.revision,
            since,
            kept: kept.length,
            lostTitles,
            theirs: treeChanges(before, current.nodes),
            mine: treeChanges(current.nodes, nodes),
          }
        : null,
      selectedId: selected !== null && nodes.some((n) => n.id === selected) ? selected : null,
      canUndo: false,
      canRedo: false,
    });
    return { kept: kept.length, conflict };
  }

  private conflicted(current: TreeSnapshot) {
    const mine = [...this.inFlight, ...this.pending];
    this.inFlight = [];
    this.host.notify(notices.conflict(this.rebaseMine(current, mine, true).kept));
  }

  private rejected(reason: TreeMessage) {
    this.inFlight = [];
    const rest = applyTreeOperations(this.base, this.pending, { nodesWithAction: actionIds(this.base) });
    if (!rest.ok) this.pending = [];
    this.host.forgetHistory();
    this.host.show(rest.ok ? this.extras.apply(rest.nodes) : this.base, {
      status: this.pending.length > 0 ? 'dirty' : 'saved',
      canUndo: false,
      canRedo: false,
    });
    this.host.notify(notices.rejected(reason));
  }

  private failed(reason: TreeMessage) {
    this.pending = [...this.inFlight, ...this.pending];
    this.inFlight = [];
    this.host.set({ status: 'error', unsavedCount: this.pending.length });
    this.host.notify(notices.failed(reason));
    this.schedule(this.deps.retryMs);
  }

  /** After a conflict: save the edits that were kept on top of the newer version, or drop them. */
  resolveConflict(choice: 'save' | 'discard') {
    if (choice === 'discard') {
      this.pending = [];
      this.host.show(this.base, { status: 'saved', conflict: null });
      return;
    }
    this.host.set({ status: this.pending.length > 0 ? 'dirty' : 'saved', conflict: null });
    void this.flush();
  }

  /**
   * A newer tree arrived from the server outside a save (someone else's edit, announced live, or a
   * refetch). Nothing unsaved: it is shown as it is. Unsaved edits: they are re-applied on top of it
   * (as after a 412), and what no longer applies is shown as a conflict. While a save is in flight
   * its answer rebases instead; while a title is being typed the tree waits until typing ends.
   */
  receive(tree: TreeSnapshot) {
    if (tree.revision <= this.baseRevision) return;
    if (this.inFlight.length > 0 || this.host.state().status === 'conflict') return;
    if (this.host.state().editingId !== null) {
      if (!this.waiting || this.waiting.revision < tree.revision) this.waiting = tree;
      return;
    }
    this.waiting = null;
    if (this.pending.length === 0) {
      this.rebaseOn(tree);
      this.host.show(tree.nodes, { revision: tree.revision, status: 'saved' });
      return;
    }
    const { kept, conflict } = this.rebaseMine(tree, this.pending, false);
    if (conflict) this.host.notify(notices.conflict(kept));
    else if (kept > 0) this.schedule(0);
  }

  dispose() {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }
}
