/**
 * Focus helpers that keep the tree one tab stop: Tab and Shift+Tab on a node go to the first
 * focusable element after / the last before the whole tree (canvas or outline), never to <body>.
 */
const focusableSelector =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex], summary';

function tabbables(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(focusableSelector)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[hidden], [inert]') && el.getClientRects().length > 0,
  );
}

/** Focuses the first tabbable element after (`forward`) or the last before `container`; false when there is none. */
export function focusOutside(container: HTMLElement, forward: boolean): boolean {
  const all = tabbables();
  const candidates = all.filter((el) => {
    if (el === container || container.contains(el)) return false;
    const pos = container.compareDocumentPosition(el);
    return forward ? (pos & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 : (pos & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
  });
  const target = forward ? candidates[0] : candidates.at(-1);
  if (!target) return false;
  target.focus();
  return true;
}

/** The first tabbable element inside `container` (F6 into the side panel). */
export function firstTabbable(container: HTMLElement): HTMLElement | null {
  return tabbables(container)[0] ?? null;
}
