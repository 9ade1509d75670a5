// A reminder's tag: overdue by the domain's dates, "Act now" for what the policy asks for at once
// (R6 act-now referral, R6.9 escalation: src/domain/summary.ts actsNow), else by its group.
import type { Reminder } from '../../domain/reminders';
import { actsNow } from '../../domain/summary';
import type { Urgency } from '../components';

export function reminderUrgency(r: Pick<Reminder, 'overdue' | 'severity' | 'kind'>): Urgency {
  if (r.overdue) return 'overdue';
  if (actsNow(r.kind)) return 'act-now';
  return r.severity === 'soon' ? 'due-soon' : 'waiting';
}
