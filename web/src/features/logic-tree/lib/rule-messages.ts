/**
 * Japanese explanations of the tree rules (shared/src/tree.ts), shown when an edit or a drop is
 * refused. They name the rule so the user learns it: "「要因」の下に置けるのは「要因」「取組」です".
 */
import { nodeKinds } from '@banso/shared';
import { allowedChildKinds, type TreeRuleViolation } from '@banso/shared/tree';
import type { NodeKind } from '../types';
import { kindStyles } from './kinds';

const q = (kind: NodeKind) => `「${kindStyles[kind].label}」`;

/** The kinds rule in one sentence, e.g. 目指す姿→中間アウトカム・課題、… */
export const kindRuleSummary = nodeKinds
  .filter((k) => allowedChildKinds[k].length > 0)
  .map((k) => `${kindStyles[k].label}→${allowedChildKinds[k].map((c) => kindStyles[c].label).join('・')}`)
  .join('、');

export interface RuleContext {
  /** Kind of the node being placed or changed. */
  kind?: NodeKind | undefined;
  /** Kind of the intended parent. */
  parentKind?: NodeKind | undefined;
}

export function ruleMessage(violation: Pick<TreeRuleViolation, 'rule'>, ctx: RuleContext = {}): string {
  switch (violation.rule) {
    case 'kind_follows_parent': {
      if (ctx.kind && ctx.parentKind) {
        const allowed = allowedChildKinds[ctx.parentKind];
        return `${q(ctx.parentKind)}の下に${q(ctx.kind)}は置けません。${q(ctx.parentKind)}の下に置けるのは${allowed.map(q).join('')}です。`;
      }
      return `この種類の組み合わせは置けません（${kindRuleSummary}）。`;
    }
    case 'measure_is_leaf':
      return '「取組」の下には何も置けません（取組はツリーの末端です）。';
    case 'cycle':
      return 'ノードを自分自身やその配下の下へは移動できません。';
    case 'single_goal_root':
      return '「目指す姿」はツリーに一つだけです。';
    case 'root_must_be_goal':
      return 'ツリーの根は「目指す姿」でなければなりません。';
    case 'node_has_action':
      return '選定済みの取組（アクション）を含むため、削除や種類の変更はできません。先にアクションを中止してください。';
    case 'empty_title':
      return 'タイトルを入力してください。';
    case 'unknown_node':
      return '対象のノードが見つかりません（他の人が削除した可能性があります）。';
    case 'unknown_parent':
      return '移動先のノードが見つかりません（他の人が削除した可能性があります）。';
    case 'duplicate_id':
      return '同じノードがすでにあります。';
  }
}
