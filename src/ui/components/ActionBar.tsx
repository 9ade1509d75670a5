// The page's main actions kept in reach at the bottom of a tablet screen (UX.md: a sticky
// bottom action bar on tablets).
import type { ReactNode } from 'react';

export function ActionBar({ children, label = 'Actions' }: { children: ReactNode; label?: string }) {
  return (
    <div className="app-action-bar" role="group" aria-label={label}>
      <div className="app-button-group">{children}</div>
    </div>
  );
}
