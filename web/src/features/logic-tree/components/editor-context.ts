import { createContext, useContext } from 'react';
import type { TreeEditorStore } from '../lib/editor-store';

export interface EditorContextValue {
  store: TreeEditorStore;
  /** Moves keyboard focus to a node of the canvas (after inline editing ends, or after navigation). */
  focusNode: (id: string) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditorContext outside the tree canvas');
  return value;
}
