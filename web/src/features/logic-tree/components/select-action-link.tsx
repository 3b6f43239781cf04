/**
 * 「この取組を選定」: opens the action selection (取組 tab) with this measure preselected
 * (`?node=<id>`, read by the selection form). A link, so it can also open in a new tab.
 */
import type { MouseEvent } from 'react';
import { isPlainClick, navigate } from '../../../lib/router';
import { useTreeText } from './use-tree-text';

export function SelectActionLink({ href, className, tabIndex }: { href: string; className: string; tabIndex?: number }) {
  const { t } = useTreeText();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    e.stopPropagation();
    if (!isPlainClick(e)) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} className={className} onClick={onClick} tabIndex={tabIndex} data-testid="tree-select-action">
      {t('node.selectAction')}
    </a>
  );
}
