/**
 * 「親を変更」: moves a node by keyboard. A modal listing, in tree order and indented by level, only
 * the parents the kind rules allow (intents.validParents, checked with the shared rules); arrow keys
 * choose (native radio group), Enter or 「ここへ移動」 moves, Escape cancels.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { TreeEditorStore } from '../lib/editor-store';
import { placesOf } from '../lib/flow-mapping';
import { validParents } from '../lib/intents';
import { useTreeText } from './use-tree-text';

export interface ParentPickerProps {
  store: TreeEditorStore;
  /** The node to move; null when closed. */
  nodeId: string | null;
  onClose: (moved: boolean) => void;
}

export function ParentPicker({ store, nodeId, onClose }: ParentPickerProps) {
  const { t, labels } = useTreeText();
  const ref = useRef<HTMLDialogElement>(null);
  const state = store.getState();
  const node = nodeId !== null ? state.index.byId.get(nodeId) : undefined;
  const options = useMemo(
    () => (nodeId !== null ? validParents(state.nodes, state.index, nodeId) : []),
    [nodeId, state.nodes, state.index],
  );
  const levels = useMemo(() => placesOf(state.nodes), [state.nodes]);
  const [chosen, setChosen] = useState<string | null>(null);
  const open = node !== undefined;

  useEffect(() => {
    setChosen(options[0]?.id ?? null);
  }, [options]);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (nodeId === null || chosen === null) return;
    onClose(store.moveUnder(nodeId, chosen));
  };

  return (
    <dialog
      ref={ref}
      className="lt-dialog lt-picker"
      aria-labelledby="lt-picker-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
      data-testid="tree-parent-picker"
    >
      {node && (
        <form onSubmit={submit}>
          <h2 id="lt-picker-title">{t('move.title', { title: node.title })}</h2>
          <p>{t('move.intro')}</p>
          {options.length === 0 ? (
            <p>{t('move.none')}</p>
          ) : (
            <fieldset className="lt-picker__list">
              <legend className="lt-visually-hidden">{t('move.list')}</legend>
              {options.map((o) => (
                <label
                  key={o.id}
                  className="lt-picker__option"
                  style={{ paddingInlineStart: `${((levels.get(o.id)?.level ?? 1) - 1) * 16}px` }}
                >
                  <input
                    type="radio"
                    name="lt-new-parent"
                    value={o.id}
                    checked={chosen === o.id}
                    onChange={() => setChosen(o.id)}
                    autoFocus={chosen === o.id}
                  />
                  {`${labels.nodeKind[o.kind]}: ${o.title}`}
                </label>
              ))}
            </fieldset>
          )}
          <div className="lt-dialog__actions">
            <button type="button" className="lt-button" onClick={() => onClose(false)}>
              {t('move.cancel')}
            </button>
            <button type="submit" className="lt-button lt-button--primary" disabled={chosen === null}>
              {t('move.confirm')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
