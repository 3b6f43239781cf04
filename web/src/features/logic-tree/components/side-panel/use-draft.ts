import { useEffect, useState, type KeyboardEvent } from 'react';

export interface Draft {
  text: string;
  dirty: boolean;
}

/** Typed text that follows outside changes (undo, another user's version) unless the user has typed something. */
export function useDraft(value: string) {
  const [draft, setDraft] = useState<Draft>({ text: value, dirty: false });
  useEffect(() => setDraft((d) => (d.dirty ? d : { text: value, dirty: false })), [value]);
  return [draft, setDraft] as const;
}

/** Enter that is not confirming an IME conversion. */
export const isEnter = (e: KeyboardEvent) => e.key === 'Enter' && !e.nativeEvent.isComposing && e.keyCode !== 229;
