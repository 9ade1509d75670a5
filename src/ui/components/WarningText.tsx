// Warning text (GOV.UK pattern): something the user must know before acting, e.g. "Do not view
// the imagery".
import type { ReactNode } from 'react';
import { VisuallyHidden } from './VisuallyHidden';

export function WarningText({ children, label = 'Warning' }: { children: ReactNode; label?: string }) {
  return (
    <div className="app-warning-text">
      <span className="app-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="app-warning-text__text">
        <VisuallyHidden>{label}:</VisuallyHidden> {children}
      </strong>
    </div>
  );
}
