// One link component: in-app paths go through the router, everything else is a plain anchor.
import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';

export interface AppLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  href: string;
  children: ReactNode;
}

export function AppLink({ href, children, ...rest }: AppLinkProps) {
  if (href.startsWith('/')) {
    return (
      <Link to={href} {...rest}>
        {children}
      </Link>
    );
  }
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}
