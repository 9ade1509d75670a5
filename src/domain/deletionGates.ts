// Whether deletion may be considered (R12.1) and what a deletion plan (R12.3, R12.4) or confirmation (R12.2) needs.
import { youngPeople } from './rules/triggers';
import { allow, gate, reason, refuse, type Explanation, type Reason } from './reasons';
import { referenceDate, type CaseRecord } from './case';
import type { CaseEventOf } from './events';
import { owedBlocking } from './owed';
import { blank } from './blank';

/**
 * R12.1, R8, R6.9, R14.3: deletion only once other agencies need not be involved, the risk assessment
 * is recorded, and the decision is current and signed off. Each reason is something the case still owes
 * (owed.ts), so this never repeats a rule.
 */
export function explainDeletion(c: CaseRecord): Explanation {
  return gate(
    owedBlocking(c, 'delete'),
    reason(
      'R12.1',
      'Other agencies need not be involved, and that decision is recorded and signed off: deletion may be considered.',
    ),
  );
}

export function explainDeletionPlan(c: CaseRecord, e: CaseEventOf<'deletion.planned'>): Explanation {
  const base = explainDeletion(c);
  if (!base.allowed) return base;
  const blockers: Reason[] = [];
  if (blank(e.deadline) || e.deadline <= e.occurredAt.slice(0, e.deadline.length))
    blockers.push(reason('R12.3', 'Set a deadline for deletion, after today.', { field: 'deadline' }));
  if (e.items.length === 0)
    blockers.push(
      reason('R12.2', 'List, for each young person, every device or service the imagery must be deleted from.', {
        field: 'items',
      }),
    );
  if (e.items.some((i) => blank(i.where)))
    blockers.push(reason('R12.2', 'Say where each copy is (device or service).', { field: 'items.where' }));
  const yp = new Set(youngPeople(c.facts.persons, referenceDate(c)).map((p) => p.id));
  if (e.items.some((i) => !yp.has(i.personId)))
    blockers.push(
      reason('R12.2', 'Each deletion must name a young person involved in this case.', { field: 'items.personId' }),
    );
  // R12.5: re-planning keeps every unconfirmed item of the earlier plan, or records why it was dropped.
  const earlier = c.deletion;
  if (earlier) {
    const open = earlier.items.filter(
      (i) => !earlier.confirmations.some((x) => x.personId === i.personId && x.where === i.where),
    );
    const lost = open.filter(
      (i) =>
        !e.items.some((x) => x.personId === i.personId && x.where === i.where) &&
        !(e.dropped ?? []).some((x) => x.personId === i.personId && x.where === i.where && !blank(x.reason)),
    );
    if (lost.length > 0) {
      blockers.push(
        reason(
          'R12.5',
          `The new plan leaves out ${lost.map((i) => i.where).join(', ')}, not yet confirmed as deleted: keep it in the plan, or record why it is dropped.`,
          { field: 'items' },
        ),
      );
    }
  }
  if (!e.illegalityReminderGiven)
    blockers.push(
      reason(
        'R12.4',
        'Remind the young people that possessing the imagery is illegal, and that refusing to delete it is an offence the police may become involved in.',
        { field: 'illegalityReminderGiven' },
      ),
    );
  return gate(blockers, reason('R12.3', 'A deadline for deletion is set.'));
}

export function explainDeletionConfirmed(c: CaseRecord, e: CaseEventOf<'deletion.confirmed'>): Explanation {
  if (!c.deletion) return refuse(reason('R12.1', 'Plan the deletion first (decision, deadline, reminder).'));
  const base = explainDeletion(c);
  if (!base.allowed) return base;
  if (!c.deletion.items.some((i) => i.personId === e.personId && i.where === e.where)) {
    return refuse(reason('R12.2', 'This device or service is not in the deletion plan.'));
  }
  if (c.deletion.confirmations.some((x) => x.personId === e.personId && x.where === e.where)) {
    return refuse(reason('R12.2', 'This deletion is already confirmed.'));
  }
  if (blank(e.how))
    return refuse(
      reason('R12.2', 'Record how the deletion was confirmed (for example, the young person confirmed it in person).', {
        field: 'how',
      }),
    );
  return allow(reason('R12.5', 'The deletion is confirmed and recorded.'));
}
