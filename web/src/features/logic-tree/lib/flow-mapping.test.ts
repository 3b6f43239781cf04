import { describe, expect, it } from 'vitest';
import { actionBadgeOf, ariaLabelOf, toFlow } from './flow-mapping';
import { layoutTree } from './layout';
import { NODE_WIDTH, nodeHeight } from './node-size';
import { midoriTree } from './test-fixtures';

const positions = layoutTree(midoriTree.map((n) => ({ ...n, width: NODE_WIDTH, height: nodeHeight(n.title) }))).positions;
const state = { selectedId: 'md04', editingId: null, readOnly: false };

describe('toFlow', () => {
  it('maps every domain node to a flow node typed by its kind, at its layout position', () => {
    const { nodes } = toFlow(midoriTree, positions, state);
    expect(nodes).toHaveLength(midoriTree.length);
    const issue = nodes.find((n) => n.id === 'md04')!;
    expect(issue.type).toBe('issue');
    expect(issue.position).toEqual(positions.get('md04'));
    expect(issue.selected).toBe(true);
    expect(issue.ariaLabel).toBe('課題: 相談が重度化してから来る');
    expect(issue.data).toMatchObject({
      title: '相談が重度化してから来る',
      evidenceCount: 1,
      actionBadge: null,
      hypothesisState: 'hypothesis',
    });
    expect(nodes.find((n) => n.id === 'md01')!.draggable).toBe(false);
    expect(nodes.find((n) => n.id === 'md05')!.draggable).toBe(true);
  });

  it('draws one edge per parent link', () => {
    const { edges } = toFlow(midoriTree, positions, state);
    expect(edges).toHaveLength(midoriTree.length - 1);
    expect(edges).toContainEqual(expect.objectContaining({ source: 'md04', target: 'md05' }));
  });

  it('gives measures their action badge (未選定 when no action)', () => {
    expect(actionBadgeOf(midoriTree.find((n) => n.id === 'md13')!)).toBe('selected');
    expect(actionBadgeOf(midoriTree.find((n) => n.id === 'md18')!)).toBe('not_selected');
    expect(actionBadgeOf(midoriTree.find((n) => n.id === 'md04')!)).toBeNull();
  });

  it('makes nothing draggable in read-only mode', () => {
    const { nodes } = toFlow(midoriTree, positions, { ...state, readOnly: true });
    expect(nodes.every((n) => !n.draggable)).toBe(true);
  });

  it('reuses unchanged objects and replaces changed ones', () => {
    const first = toFlow(midoriTree, positions, state);
    const renamed = midoriTree.map((n) => (n.id === 'md06' ? { ...n, title: '窓口の認知度が低い' } : n));
    const second = toFlow(renamed, positions, { ...state, selectedId: 'md05' }, first);
    const same = (id: string) => first.nodes.find((n) => n.id === id) === second.nodes.find((n) => n.id === id);
    expect(same('md02')).toBe(true);
    expect(same('md06')).toBe(false);
    expect(same('md04')).toBe(false); // deselected
    expect(same('md05')).toBe(false); // selected
    expect(second.edges[0]).toBe(first.edges[0]);
    expect(second.nodes.find((n) => n.id === 'md06')!.ariaLabel).toBe(ariaLabelOf({ kind: 'cause', title: '窓口の認知度が低い' }));
  });

  it('names nodes in the chosen language', () => {
    const first = toFlow(midoriTree, positions, state);
    const en = toFlow(midoriTree, positions, { ...state, locale: 'en' }, first);
    expect(en.nodes.find((n) => n.id === 'md04')!.ariaLabel).toBe('Issue: 相談が重度化してから来る');
    expect(en.nodes[0]).not.toBe(first.nodes[0]);
  });

  it('never changes the domain nodes it maps', () => {
    const before = JSON.stringify(midoriTree);
    toFlow(midoriTree, positions, { ...state, dropTarget: { id: 'md05', valid: false } });
    expect(JSON.stringify(midoriTree)).toBe(before);
  });

  it('marks the drop target while dragging', () => {
    const { nodes } = toFlow(midoriTree, positions, { ...state, dropTarget: { id: 'md08', valid: false } });
    expect(nodes.find((n) => n.id === 'md08')!.data.drop).toBe('invalid');
    expect(nodes.find((n) => n.id === 'md04')!.data.drop).toBeNull();
  });
});
