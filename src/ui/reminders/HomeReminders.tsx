// The reminder count on the home screen, linking to the reminders. Red only when something is overdue.
import { Link } from 'react-router';
import { Tag } from '../components';
import { useReminders } from './RemindersContext';
import './reminders.css';

export function HomeReminders() {
  const { list, counts } = useReminders();
  if (list === null) return null;
  const parts = [
    counts.overdue > 0 && `${counts.overdue} overdue`,
    counts.soon > 0 && `${counts.soon} due soon`,
    counts.waiting > 0 && `${counts.waiting} waiting`,
  ].filter(Boolean);
  return (
    <p className="app-body app-home-reminders" data-testid="home-reminders">
      {counts.overdue > 0 && <Tag colour="red">Overdue</Tag>}{' '}
      <Link className="app-link" to="/reminders">
        {counts.attention > 0
          ? `Reminders: ${parts.join(', ')}`
          : `Reminders: nothing due${counts.waiting > 0 ? ` (${counts.waiting} waiting)` : ''}`}
      </Link>
    </p>
  );
}
