/**
 * What the editor shows, apart from the tree itself: canvas or outline (remembered per user in
 * localStorage), the collapsed branches (shared by both views) and the search.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useMe } from '../../../api/auth/get-me';
import type { TreeIndex } from '../lib/intents';
import { expandTo, searchNodes, visibleTree } from '../lib/outline';

export type TreeViewKind = 'canvas' | 'outline';

const storageKey = (userId: string | undefined) => `banso.logicTree.view.${userId ?? 'anonymous'}`;

function readView(userId: string | undefined): TreeViewKind {
  try {
    return window.localStorage.getItem(storageKey(userId)) === 'outline' ? 'outline' : 'canvas';
  } catch {
    return 'canvas';
  }
}

export function useTreeView(index: TreeIndex, selectedId: string | null) {
  const me = useMe();
  const userId = me.data?.user.id;
  const [view, setViewState] = useState<TreeViewKind>(() => readView(userId));
  useEffect(() => setViewState(readView(userId)), [userId]);
  const setView = useCallback(
    (next: TreeViewKind) => {
      setViewState(next);
      try {
        window.localStorage.setItem(storageKey(userId), next);
      } catch {
        // Private mode: the choice lasts for this page only.
      }
    },
    [userId],
  );

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((id: string, open: boolean) => {
    setCollapsed((c) => {
      if (open === !c.has(id)) return c;
      const next = new Set(c);
      if (open) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  // A node that becomes selected (search, navigation, a new child) is never left inside a fold.
  useEffect(() => {
    if (selectedId !== null) setCollapsed((c) => expandTo(index, c, selectedId));
  }, [index, selectedId]);
  const visible = useMemo(() => visibleTree(index, collapsed), [index, collapsed]);

  const [query, setQuery] = useState('');
  const matchList = useMemo(() => searchNodes(index, query), [index, query]);
  const matches = useMemo(() => new Set(matchList), [matchList]);

  return { view, setView, collapsed, toggle, visible, query, setQuery, matchList, matches };
}
