import { hypothesisStates, type HypothesisState } from '@banso/shared';
import { useTreeText } from '../use-tree-text';
import type { TreeEditorStore } from '../../lib/editor-store';
import type { TreeNode } from '../../types';

/** The node's hypothesis state: a segmented choice when editable, a badge otherwise. */
export function HypothesisField({
  name,
  node,
  store,
  editable,
}: {
  name: string;
  node: TreeNode;
  store: TreeEditorStore;
  editable: boolean;
}) {
  const { t, labels } = useTreeText();
  const label = (h: HypothesisState) => labels.hypothesisState[h];
  if (!editable)
    return (
      <div className="lt-field">
        <span className="lt-field__label">{t('panel.hypothesis')}</span>
        <span>
          {node.hypothesisState ? (
            <span className={`lt-badge lt-badge--${node.hypothesisState}`}>{label(node.hypothesisState)}</span>
          ) : (
            t('panel.hypothesisNone')
          )}
        </span>
      </div>
    );
  return (
    <fieldset className="lt-field lt-hypothesis">
      <legend className="lt-field__label">{t('panel.hypothesis')}</legend>
      <div className="lt-segmented">
        {[null, ...hypothesisStates].map((h: HypothesisState | null) => (
          <label
            key={h ?? 'none'}
            className={`lt-segmented__item${node.hypothesisState === h ? ' is-on' : ''}${h ? ` lt-badge--${h}` : ''}`}
          >
            <input type="radio" name={name} checked={node.hypothesisState === h} onChange={() => store.setHypothesis(node.id, h)} />
            {h === null ? t('panel.hypothesisNone') : label(h)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
