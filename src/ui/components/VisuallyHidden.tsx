// Text for screen readers only: context a sighted user gets from the layout.
import type { ReactNode } from 'react';

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="app-visually-hidden">{children}</span>;
}
