/**
 * The tree rules (shared/src/tree) explained, shown when an edit or a drop is refused: one message
 * per rule name the shared rules export, naming the rule so the user learns it
 * ("「要因」の下に置けるのは…"). Returns message keys of the logicTree namespace.
 */
import { nodeKinds } from '@banso/shared';
import { allowedChildKinds, type TreeRule, type TreeRuleViolation } from '@banso/shared/tree';
import type { NodeKind } from '../types';
import { message, type TreeMessage } from './messages';

/** The message key of each rule (typed against the shared list, so a new rule needs its message). */
export const ruleMessageKeys = {
  duplicate_id: 'rule.duplicate_id',
  unknown_node: 'rule.unknown_node',
  unknown_parent: 'rule.unknown_parent',
  single_goal_root: 'rule.single_goal_root',
  root_must_be_goal: 'rule.root_must_be_goal',
  cycle: 'rule.cycle',
  measure_is_leaf: 'rule.measure_is_leaf',
  kind_follows_parent: 'rule.kind_follows_parent',
  node_has_action: 'rule.node_has_action',
  empty_title: 'rule.empty_title',
} as const satisfies Record<TreeRule, TreeMessage['key']>;

/** The kinds rule in one message, e.g. 目指す姿→中間アウトカム、課題 … */
export const kindRuleSummary = (): TreeMessage => message('rule.kind_follows_parent', { summary: { list: kindRuleItems() } });

export const kindRuleItems = (): TreeMessage[] =>
  nodeKinds
    .filter((k) => allowedChildKinds[k].length > 0)
    .map((k) => message('rule.kindSummaryItem', { parent: { kind: k }, children: { kinds: allowedChildKinds[k] } }));

export interface RuleContext {
  /** Kind of the node being placed or changed. */
  kind?: NodeKind | undefined;
  /** Kind of the intended parent. */
  parentKind?: NodeKind | undefined;
}

export function ruleMessage(violation: Pick<TreeRuleViolation, 'rule'>, ctx: RuleContext = {}): TreeMessage {
  if (violation.rule === 'kind_follows_parent') {
    if (ctx.kind && ctx.parentKind)
      return message('rule.kind_follows_parent.pair', {
        parent: { kind: ctx.parentKind },
        kind: { kind: ctx.kind },
        allowed: { kinds: allowedChildKinds[ctx.parentKind] },
      });
    return kindRuleSummary();
  }
  return message(ruleMessageKeys[violation.rule]);
}
