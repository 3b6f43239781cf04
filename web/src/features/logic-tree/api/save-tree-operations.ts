import { TreeSchema, type Tree } from '@banso/shared';
import { isTreeRule, type TreeOperation } from '@banso/shared/tree';
import { postTreeOperations } from '../../../api/tree/post-tree-operations';
import { isApiError } from '../../../lib/api-error';
import type { SaveOutcome } from '../lib/editor-types';
import { message } from '../lib/messages';
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
    if (!isApiError(error))
      return { ok: false, kind: 'error', message: serverSaid(error instanceof Error ? error.message : String(error)) };
    if (error.status === 412) {
      const current = TreeSchema.safeParse(error.current);
      if (current.success) return { ok: false, kind: 'conflict', current: snapshot(current.data) };
      return { ok: false, kind: 'error', message: serverSaid(error.detail) };
    }
    if (error.status === 400 || error.status === 409 || error.status === 403) {
      const rule = error.errors.find((e) => e.rule !== undefined)?.rule;
      return {
        ok: false,
        kind: 'rejected',
        message: rule !== undefined && isTreeRule(rule) ? ruleMessage({ rule }) : serverSaid(error.detail),
      };
    }
    if (error.status === 401) return { ok: false, kind: 'error', message: message('save.signedOut') };
    return { ok: false, kind: 'error', message: error.isNetwork ? message('save.offline') : serverSaid(error.detail) };
  }
}

/** The server's own explanation, shown as it came when no rule names the reason. */
const serverSaid = (detail: string) => message('save.server', { detail });
