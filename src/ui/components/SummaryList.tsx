// Summary list (GOV.UK pattern): answers as key/value rows, each with an optional "Change" link,
// as on a "check your answers" page.
import type { ReactNode } from 'react';
import { AppLink } from './AppLink';
import { VisuallyHidden } from './VisuallyHidden';

export interface SummaryListRow {
  key: ReactNode;
  value: ReactNode;
  change?: {
    href: string;
    /** Read after "Change" by screen readers, e.g. "date of the incident". */
    visuallyHiddenText: string;
    label?: string;
  };
}

export function SummaryList({ rows }: { rows: SummaryListRow[] }) {
  const anyActions = rows.some((row) => row.change);
  return (
    <dl className="app-summary-list">
      {rows.map((row, index) => (
        // Rows are positional: a summary of answers is rendered in question order.
        <div key={index} className="app-summary-list__row">
          <dt className="app-summary-list__key" dir="auto">
            {row.key}
          </dt>
          {/* dir="auto": a name or answer in Arabic or Hebrew reads in its own direction. */}
          <dd className="app-summary-list__value" dir="auto">
            {row.value}
          </dd>
          {row.change ? (
            <dd className="app-summary-list__actions">
              <AppLink href={row.change.href} className="app-link app-summary-list__action">
                {row.change.label ?? 'Change'} <VisuallyHidden>{row.change.visuallyHiddenText}</VisuallyHidden>
              </AppLink>
            </dd>
          ) : (
            anyActions && <dd className="app-summary-list__actions" />
          )}
        </div>
      ))}
    </dl>
  );
}
