import { type KeyboardEvent, useEffect, useRef } from 'react';
import { navigate } from '../../lib/router';
import { Link } from './link';

export interface TabItem {
  id: string;
  label: string;
  href: string;
}

/**
 * Tabs whose state is the URL: each tab is a link (role=tab). Arrow keys, Home and End move
 * between tabs and open them (automatic activation), as the WAI-ARIA tabs pattern describes.
 */
export function TabList({ items, active, label, idPrefix }: { items: TabItem[]; active: string; label: string; idPrefix: string }) {
  const refs = useRef(new Map<string, HTMLAnchorElement>());
  // The active tab is in view when the list scrolls sideways (a narrow screen, 200 % zoom), without scrolling the page.
  useEffect(() => {
    const tab = refs.current.get(active);
    const list = tab?.parentElement;
    if (!tab || !list || list.scrollWidth <= list.clientWidth) return;
    const left = tab.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft || left + tab.offsetWidth > list.scrollLeft + list.clientWidth)
      list.scrollLeft = Math.max(0, left - (list.clientWidth - tab.offsetWidth) / 2);
  }, [active]);
  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % items.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const item = items[next];
    if (!item) return;
    navigate(item.href, { replace: true });
    refs.current.get(item.id)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {items.map((item, index) => {
        const selected = item.id === active;
        return (
          <Link
            key={item.id}
            href={item.href}
            replace
            role="tab"
            id={`${idPrefix}-tab-${item.id}`}
            aria-selected={selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={selected ? 0 : -1}
            className={`tabs__tab${selected ? ' tabs__tab--active' : ''}`}
            ref={(el) => {
              if (el) refs.current.set(item.id, el);
              else refs.current.delete(item.id);
            }}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {item.label}
          </Link>
        );
      })}
    </div>
  );
}
