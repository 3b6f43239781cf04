import { useSyncExternalStore } from 'react';
import type { EditorState, TreeEditorStore } from '../lib/editor-store';

/** The store's state for React (re-renders on every store change). */
export function useEditorState(store: TreeEditorStore): EditorState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
