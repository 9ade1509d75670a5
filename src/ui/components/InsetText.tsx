// Inset text (GOV.UK pattern): a quote from the policy or a note that stands apart.
import type { ReactNode } from 'react';

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="app-inset-text">{children}</div>;
}
