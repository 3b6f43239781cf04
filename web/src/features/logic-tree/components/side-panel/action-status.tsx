import { useTreeText } from '../use-tree-text';
import { actionBadgeOf } from '../../lib/flow-mapping';
import type { TreeNode } from '../../types';

/** On a measure: whether it is selected as an action, and the action's status. */
export function ActionStatus({ id, node }: { id: string; node: TreeNode }) {
  const { t, labels } = useTreeText();
  const action = actionBadgeOf(node);
  if (!action) return null;
  return (
    <section className="lt-panel__section" aria-labelledby={id}>
      <h3 id={id}>{t('panel.action')}</h3>
      <p>
        <span className={`lt-badge lt-badge--action lt-badge--${action}`}>{labels.actionBadge[action]}</span>{' '}
        {node.action ? t('panel.actionSelected') : t('panel.actionNone')}
      </p>
    </section>
  );
}
