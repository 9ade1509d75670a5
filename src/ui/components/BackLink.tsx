// Back link (GOV.UK pattern) for question pages.
import { AppLink } from './AppLink';

export function BackLink({ href, children = 'Back' }: { href: string; children?: string }) {
  return (
    <AppLink href={href} className="app-back-link">
      {children}
    </AppLink>
  );
}
