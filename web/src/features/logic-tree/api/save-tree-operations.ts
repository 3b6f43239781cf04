import { TreeSchema, type Tree } from '@banso/shared';
import type { TreeOperation } from '@banso/shared/tree';
import { postTreeOperations } from '../../../api/tree/post-tree-operations';
import { isApiError } from '../../../lib/api-error';
import type { SaveOutcome } from '../lib/editor-types';
import { ruleMessage } from '../lib/rule-messages';
import type { TreeSnapshot } from '../types';

const snapshot = (tree: Tree): TreeSnapshot => ({ revision: tree.revision, nodes: tree.nodes });

/**
 * Saves a batch (api/tree/post-tree-operations). Never throws: the editor
 * store gets a SaveOutcome (saved tree, 412 with the current tree, rule refusal, or failure).
 */
export async function saveTreeOperations(engagementId: string, operations: TreeOperation[], revision: number): Promise<SaveOutcome> {
  try {
    const tree = await postTreeOperations(engagementId, operations, revision);
    return { ok: true, tree: snapshot(tree) };
  } catch (error) {
    if (!isApiError(error)) return { ok: false, kind: 'error', message: error instanceof Error ? error.message : String(error) };
    if (error.status === 412) {
      const current = TreeSchema.safeParse(error.current);
      if (current.success) return { ok: false, kind: 'conflict', current: snapshot(current.data) };
      return { ok: false, kind: 'error', message: error.detail };
    }
    if (error.status === 400 || error.status === 409 || error.status === 403) {
      const rule = error.errors.find((e) => e.rule !== undefined)?.rule;
      const known = rule !== undefined && isTreeRule(rule) ? ruleMessage({ rule }) : null;
      return { ok: false, kind: 'rejected', message: known ?? error.detail };
    }
    if (error.status === 401)
      return { ok: false, kind: 'error', message: 'サインインが切れました。別のタブでサインインし直すと保存を再開します' };
    return { ok: false, kind: 'error', message: error.isNetwork ? 'サーバーに接続できません' : error.detail };
  }
}

const treeRules = [
  'duplicate_id',
  'unknown_node',
  'unknown_parent',
  'single_goal_root',
  'root_must_be_goal',
  'cycle',
  'measure_is_leaf',
  'kind_follows_parent',
  'node_has_action',
  'empty_title',
] as const;
type KnownRule = (typeof treeRules)[number];
const isTreeRule = (rule: string): rule is KnownRule => (treeRules as readonly string[]).includes(rule);
