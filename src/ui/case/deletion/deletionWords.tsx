// What the deletion steps share: the R12.4 reminder's words, the plan's dates and rows, where reasons are shown, and the policy notes.
import { Link } from 'react-router';
import type { ReasonField } from '../../../domain/reasons';
import type { Person } from '../../../domain/types';
import { InsetText, type DateParts } from '../../components';
import { type FieldIds } from '../../data/useStep';

/** The R12.4 reminder, in full: the words the young people are given. */
export const ILLEGALITY_REMINDER =
  'possession is illegal; refusing to delete, or being found later not to have deleted, is an offence and police may become involved';

/** A date typed as day, month and year, as an ISO date; null if it is not a real date. */
export function dateFromParts(parts: DateParts): string | null {
  const day = Number(parts.day.trim());
  const month = Number(parts.month.trim());
  const year = Number(parts.year.trim());
  if (![day, month, year].every(Number.isInteger) || year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1)
    return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

/** A week from now as day, month and year, for the deadline's hint. */
export function exampleDate(now = new Date()): string {
  const d = new Date(now.getTime() + 7 * 86_400_000);
  return `${d.getDate()} ${d.getMonth() + 1} ${d.getFullYear()}`;
}

export const rowId = (personId: string, i: number) => `where-${personId}-${i}`;

export const personName = (p: Person | undefined) => p?.name.trim() || 'A young person';

export function PolicyNotes({ caseId }: { caseId: string }) {
  return (
    <InsetText>
      Reporting the imagery to a platform for take-down is separate from deletion and can happen at any stage (R12.7).{' '}
      <Link className="app-link" to={`/cases/${caseId}/removal`}>
        Report it for removal online
      </Link>
    </InsetText>
  );
}

/** Where this page shows each answer the deletion steps' reasons can name; the list's rows are added on the page. */
export const DELETION_FIELDS = {
  deadline: 'deadline',
  illegalityReminderGiven: 'reminder',
  how: 'how',
} satisfies FieldIds;

/** Fields about the plan's rows: placed at the first row (or the first blank one), or its "add" button. */
export const DELETION_ROW_FIELDS = ['items', 'items.personId', 'items.where'] as const satisfies readonly ReasonField[];
