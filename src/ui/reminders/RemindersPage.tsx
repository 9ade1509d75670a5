// Reminders: everything with a date, most urgent first, in three groups: Overdue, Due soon,
// Waiting. Each links to where it is done. Red only for overdue (UX.md); the domain decides
// what is due and why (src/domain/reminders.ts), this screen only shows it.
import { Link } from 'react-router';
import { reminderUrgency, type Reminder, type ReminderGroup } from '../../domain/reminders';
import { RULES } from '../../domain/rules/catalogue';
import { InsetText, UrgencyTag } from '../components';
import { formatDate, todayIso } from '../format';
import { RuleLink } from '../policy/PolicySays';
import { useReminders } from './RemindersContext';
import './reminders.css';

const GROUPS: { key: ReminderGroup; heading: string; hint: string }[] = [
  { key: 'overdue', heading: 'Overdue', hint: 'The date has passed. Deal with these first.' },
  { key: 'soon', heading: 'Due soon', hint: 'For you to do now or within the next few days.' },
  {
    key: 'waiting',
    heading: 'Waiting',
    hint: 'Not due yet, or in someone else’s hands. Nothing to do today unless you want to chase.',
  },
];

function when(r: Reminder, today: string): string {
  if (r.due === null) return r.severity === 'waiting' ? 'No date' : 'Now';
  if (r.overdue) return `Was due ${formatDate(r.due)}`;
  if (r.due === today) return 'Due today';
  return `Due ${formatDate(r.due)}`;
}

function Item({ r, today }: { r: Reminder; today: string }) {
  return (
    <li className="app-reminder" data-kind={r.kind}>
      <div className="app-reminder__main">
        <Link className="app-link app-reminder__link" to={r.link}>
          {r.reference ? `${r.reference}: ` : ''}
          {r.label}
        </Link>
        <p className="app-reminder__reason">
          {r.reason.rule in RULES ? (
            <RuleLink rule={r.reason.rule as keyof typeof RULES} />
          ) : (
            // Backups are the app's own security design, not a rule of the policy: explained beside the policy.
            <Link className="app-rule-link" to="/policy#backups" aria-label="Why backups matter">
              Backups
            </Link>
          )}{' '}
          {r.reason.text}
        </p>
      </div>
      <div className="app-reminder__status">
        <UrgencyTag urgency={reminderUrgency(r)} />
        <span className="app-reminder__when">{when(r, today)}</span>
      </div>
    </li>
  );
}

export function RemindersPage() {
  const { list, counts, noTermDates } = useReminders();
  const today = todayIso();
  return (
    <div className="app-page">
      <h1 className="app-heading-xl">Reminders</h1>
      {list === null ? (
        <p className="app-body" role="status">
          Gathering reminders…
        </p>
      ) : list.length === 0 ? (
        <>
          <p className="app-body" role="status">
            Nothing is due. Reminders appear here when a deletion deadline nears, a referral has no outcome, a
            transfer’s receipt has not come back, a decision awaits sign-off or a backup grows old.
          </p>
          <p className="app-body">
            <Link className="app-link app-link--block" to="/">
              Go to your cases
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="app-body" role="status">
            {counts.overdue > 0 ? `${counts.overdue} overdue, ` : ''}
            {counts.soon} due soon, {counts.waiting} waiting.
          </p>
          {GROUPS.map((g) => {
            const items = list.filter((r) => r.severity === g.key);
            return (
              <section key={g.key} aria-labelledby={`reminders-${g.key}`}>
                <h2 className="app-heading-m" id={`reminders-${g.key}`}>
                  {g.heading} ({items.length})
                </h2>
                {items.length === 0 ? (
                  <p className="app-body app-reminder__none">
                    Nothing {g.key === 'waiting' ? 'waiting' : g.key === 'soon' ? 'due soon' : 'overdue'}.
                  </p>
                ) : (
                  <>
                    <p className="app-body app-reminder__hint">{g.hint}</p>
                    <ul className="app-reminder-list">
                      {items.map((r) => (
                        <Item key={r.id} r={r} today={today} />
                      ))}
                    </ul>
                  </>
                )}
              </section>
            );
          })}
        </>
      )}
      {noTermDates && (
        <InsetText>
          School days are counted as weekdays because no term dates are entered.{' '}
          <Link className="app-link" to="/settings#term-dates">
            Enter your term dates in Settings
          </Link>
          .
        </InsetText>
      )}
    </div>
  );
}
