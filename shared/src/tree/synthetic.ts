/**
 * Deterministic synthetic logic trees of any size, for the layout tests and the benchmarks (api/bench).
 * Every tree obeys the kind rules (goal → outcome → issue → cause → measure).
 */
import type { NodeKind } from '../domain.js';
import type { TreeNodeShape } from './rules.js';

export type SyntheticNode = TreeNodeShape & { evidenceCount: number };

const titles: Record<NodeKind, readonly string[]> = {
  goal: ['住み慣れた地域で自分らしく暮らし続けられる'],
  outcome: ['早期に相談・支援につながる', '在宅生活を継続できる', '地域で役割を持つ高齢者が増える'],
  issue: ['相談が重度化してから来る', 'サービス利用が改善につながらない', '介護者の負担で施設入所に至る', '担い手が不足している'],
  cause: [
    '相談窓口が知られていない',
    '単身世帯が多く異変に気づく人がいない',
    '依頼基準が包括間でばらつく',
    '日中の居場所が少ない',
    'かかりつけ医から包括への連絡経路がない',
  ],
  measure: [
    '区報・薬局で相談窓口を周知',
    '医師会と「もの忘れ連絡票」を定型化',
    '圏域ごとの認知症カフェに介護者相談を併設',
    '見守り協定',
    'チーム依頼基準を包括合同で統一する',
  ],
};

const childKind: Record<NodeKind, NodeKind | null> = {
  goal: 'outcome',
  outcome: 'issue',
  issue: 'cause',
  cause: 'measure',
  measure: null,
};

/** A uuid-shaped id that is stable for a given index. */
export function syntheticId(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

const selfNesting = 0.35;

/** Builds a tree of exactly `count` nodes, breadth first, with 2–5 children per node (seeded). */
export function syntheticTree(count: number, seed = 1): SyntheticNode[] {
  let state = seed >>> 0 || 1;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const nodes: SyntheticNode[] = [];
  const make = (parent: SyntheticNode | null, kind: NodeKind, position: number): SyntheticNode => {
    const pool = titles[kind];
    const node: SyntheticNode = {
      id: syntheticId(nodes.length),
      parentId: parent?.id ?? null,
      position,
      kind,
      title: `${pool[Math.floor(rand() * pool.length)] ?? kind} ${nodes.length}`,
      detail: '',
      hypothesisState: kind === 'goal' ? null : rand() < 0.6 ? 'hypothesis' : 'supported',
      evidenceCount: Math.floor(rand() * 3),
    };
    nodes.push(node);
    return node;
  };
  if (count <= 0) return nodes;
  const queue: SyntheticNode[] = [make(null, 'goal', 0)];
  let head = 0;
  while (nodes.length < count) {
    const parent = queue[head++];
    if (!parent) {
      // Only measures were left: grow another cause under the deepest cause.
      const lastCause = nodes.findLast((x) => x.kind === 'cause');
      if (!lastCause) break;
      queue.push(make(lastCause, 'cause', 99));
      continue;
    }
    const base = childKind[parent.kind];
    if (base === null) continue;
    // Some nodes nest under their own kind, so the trees get deeper than four levels.
    const kind = parent.kind !== 'goal' && rand() < selfNesting ? parent.kind : base;
    const n = 2 + Math.floor(rand() * 4);
    for (let i = 0; i < n && nodes.length < count; i++) queue.push(make(parent, kind, i));
  }
  return nodes;
}
