import { createContext, useContext } from 'react';
import type { TreeEditorStore } from '../lib/editor-store';

export interface EditorContextValue {
  store: TreeEditorStore;
  /** Moves keyboard focus to a node of the canvas (after inline editing ends, or after navigation). */
  focusNode: (id: string) => void;
  /** Opens or closes a node's branch (canvas nodes show the button when given). */
  toggle?: ((id: string, open: boolean) => void) | undefined;
  /** Where 「この取組を選定」 leads for a measure; absent when not allowed. */
  selectActionHref?: ((id: string) => string) | undefined;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditorContext outside the tree canvas');
  return value;
}
