import { useTreeText } from '../use-tree-text';
import { actionBadgeOf } from '../../lib/flow-mapping';
import type { TreeNode } from '../../types';
import { SelectActionLink } from '../select-action-link';

/** On a measure: whether it is selected as an action, the action's status, and 「この取組を選定」 when it is not. */
export function ActionStatus({ id, node, selectHref }: { id: string; node: TreeNode; selectHref?: string | undefined }) {
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
      {!node.action && selectHref !== undefined && <SelectActionLink href={selectHref} className="lt-button lt-button--primary" />}
    </section>
  );
}
