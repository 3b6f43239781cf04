/** The demo tree of みどり区 (shared/demo/engagements.ja.yaml), for unit tests. */
import type { NodeKind } from '@banso/shared';
import type { TreeNode } from '../types';

const rows: [string, NodeKind, string | null, string, number?, boolean?][] = [
  ['md01', 'goal', null, '認知症になっても住み慣れた地域で自分らしく暮らせる'],
  ['md02', 'outcome', 'md01', '早期に相談・支援につながる'],
  ['md03', 'outcome', 'md01', '在宅生活を継続できる'],
  ['md04', 'issue', 'md02', '相談が重度化してから来る', 1],
  ['md05', 'cause', 'md04', '単身世帯が多く異変に気づく人がいない', 1],
  ['md06', 'cause', 'md04', '相談窓口が知られていない', 1],
  ['md07', 'cause', 'md04', 'かかりつけ医から包括への連絡経路がない', 1],
  ['md08', 'issue', 'md02', '初期集中支援チームの稼働が少ない', 1],
  ['md09', 'cause', 'md08', '依頼基準が包括間でばらつく'],
  ['md10', 'issue', 'md03', '介護者の負担で施設入所に至る', 1],
  ['md11', 'cause', 'md10', '日中の居場所が少ない'],
  ['md12', 'cause', 'md10', '介護者が相談・休息できる場が少ない'],
  ['md13', 'measure', 'md05', 'マンション管理組合・配達事業者と見守り協定', 0, true],
  ['md14', 'measure', 'md07', '医師会と「もの忘れ連絡票」を定型化', 0, true],
  ['md15', 'measure', 'md09', 'チーム依頼基準を包括合同で統一', 0, true],
  ['md16', 'measure', 'md12', '圏域ごとの認知症カフェに介護者相談を併設', 0, true],
  ['md17', 'measure', 'md06', '区報・薬局で相談窓口を周知', 0, true],
  ['md18', 'measure', 'md11', '認知症対応型通所の整備誘導'],
];

const positions = new Map<string | null, number>();
export const midoriTree: TreeNode[] = rows.map(([id, kind, parentId, title, evidenceCount = 0, hasAction = false]) => {
  const position = positions.get(parentId) ?? 0;
  positions.set(parentId, position + 1);
  return {
    id,
    parentId,
    position,
    kind,
    title,
    detail: '',
    hypothesisState: kind === 'goal' ? null : 'hypothesis',
    evidenceCount,
    action: hasAction ? { id: `act-${id}`, status: 'selected' } : null,
  };
});

// ── the messages in Japanese, through the real catalog (i18next) ──────────────
import { labels } from '@banso/shared';
import { createI18n } from '../../../i18n/setup';
import type { NewTitle } from './intents';
import { formatMessage, type TreeMessage, type Translate } from './messages';

const jaT = createI18n('ja').getFixedT('ja', 'logicTree') as unknown as Translate;

/** A message key as the Japanese reader sees it. */
export const jaText = (m: TreeMessage | null | undefined): string | null => (m ? formatMessage(jaT, 'ja', m) : null);

/** The refusal of an intent (or a save) in Japanese, null when it went through. */
export const refusalText = (r: { ok: boolean; message?: TreeMessage } | null): string | null => (r && !r.ok ? jaText(r.message) : null);

/** The title a new node gets in the Japanese editor: 新しい要因. */
export const jaNewTitle: NewTitle = (kind) => jaT('node.newTitle', { kind: labels('ja').nodeKind[kind] });
