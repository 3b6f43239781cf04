import type { AnchorHTMLAttributes, MouseEvent, Ref } from 'react';
import { isPlainClick, navigate } from '../../lib/router';

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  replace?: boolean;
  ref?: Ref<HTMLAnchorElement>;
}

/** An ordinary link that navigates inside the app on a plain click (new tab etc. still work). */
export function Link({ href, replace, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!isPlainClick(event) || rest.target === '_blank') return;
    event.preventDefault();
    navigate(href, { replace: replace ?? false });
  };
  return <a href={href} onClick={handle} {...rest} />;
}
