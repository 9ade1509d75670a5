// A case's own reminders of some kinds, shown on the screen where they are dealt with (issue 7):
// on Referrals, when each outcome is due to be chased; on Transfer, when each receipt is due back.
// The dates and reasons come from the domain's reminder list (school days counted from the term
// dates in Settings); this only picks this case's ones and shows them. Red only when overdue.
import { reminderUrgency, type Reminder, type ReminderKind } from '../../domain/reminders';
import { UrgencyTag } from '../components';
import { formatDate } from '../format';
import { useReminders } from './RemindersContext';
import './reminders.css';

/** "Was due 6 March 2026", "Due 6 March 2026", "Now", "No date". */
export function reminderWhen(r: Pick<Reminder, 'due' | 'overdue' | 'severity'>): string {
  if (r.due === null) return r.severity === 'waiting' ? 'No date' : 'Now';
  return r.overdue ? `Was due ${formatDate(r.due)}` : `Due ${formatDate(r.due)}`;
}

export function CaseReminders({
  caseId,
  kinds,
  heading,
}: {
  caseId: string;
  kinds: readonly ReminderKind[];
  heading: string;
}) {
  const { list } = useReminders();
  const mine = (list ?? []).filter((r) => r.caseId === caseId && kinds.includes(r.kind));
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby={`case-reminders-${kinds.join('-')}`} data-testid="case-reminders">
      <h2 className="app-heading-m" id={`case-reminders-${kinds.join('-')}`}>
        {heading}
      </h2>
      <ul className="app-reminder-list">
        {mine.map((r) => (
          <li key={r.id} className="app-reminder" data-kind={r.kind}>
            <div className="app-reminder__main">
              <p className="app-body app-reminder__rule">{r.label}</p>
              <p className="app-reminder__reason">{r.reason.text}</p>
            </div>
            <div className="app-reminder__status">
              <UrgencyTag urgency={reminderUrgency(r)} />
              <span className="app-reminder__when">{reminderWhen(r)}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
