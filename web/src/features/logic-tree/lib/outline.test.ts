import { describe, expect, it } from 'vitest';
import { indexTree } from './intents';
import { expandTo, outlineStep, searchNodes, visibleTree } from './outline';
import { midoriTree } from './test-fixtures';

const index = indexTree(midoriTree);

describe('visibleTree', () => {
  it('shows every node in tree order when nothing is collapsed', () => {
    const v = visibleTree(index, new Set());
    expect(v.nodes).toHaveLength(18);
    expect(v.nodes.slice(0, 4).map((n) => n.id)).toEqual(['md01', 'md02', 'md04', 'md05']);
    expect(v.hidden.size).toBe(0);
    expect(v.withChildren.has('md04')).toBe(true);
    expect(v.withChildren.has('md13')).toBe(false);
  });

  it('folds a collapsed branch and counts what it hides', () => {
    const v = visibleTree(index, new Set(['md04']));
    expect(v.nodes).toHaveLength(12);
    expect(v.hidden.get('md04')).toBe(6);
  });
});

describe('expandTo', () => {
  it('opens every collapsed ancestor of a node and keeps the set when none is collapsed', () => {
    const c = new Set(['md02', 'md04', 'md10']);
    expect([...expandTo(index, c, 'md13')]).toEqual(['md10']);
    expect(expandTo(index, c, 'md12')).not.toBe(c);
    const none = new Set(['md10']);
    expect(expandTo(index, none, 'md13')).toBe(none);
  });
});

describe('searchNodes', () => {
  it('finds titles containing the query, in tree order, ignoring case and width', () => {
    expect(searchNodes(index, '相談')).toEqual(['md02', 'md04', 'md06', 'md17', 'md12', 'md16']);
    expect(searchNodes(index, '  ')).toEqual([]);
  });
});

describe('outlineStep', () => {
  const v = visibleTree(index, new Set(['md08']));
  it('follows the WAI-ARIA tree keys', () => {
    expect(outlineStep(index, v, 'md07', 'next').select).toBe('md14');
    expect(outlineStep(index, v, 'md08', 'next').select).toBe('md03');
    expect(outlineStep(index, v, 'md01', 'previous').select).toBeNull();
    expect(outlineStep(index, v, 'md08', 'in')).toEqual({ select: null, expand: 'md08' });
    expect(outlineStep(index, v, 'md04', 'in').select).toBe('md05');
    expect(outlineStep(index, v, 'md04', 'out')).toEqual({ select: null, collapse: 'md04' });
    expect(outlineStep(index, v, 'md05', 'out')).toEqual({ select: null, collapse: 'md05' });
    expect(outlineStep(index, v, 'md13', 'out').select).toBe('md05');
    expect(outlineStep(index, v, 'md13', 'in').select).toBeNull();
  });
});
