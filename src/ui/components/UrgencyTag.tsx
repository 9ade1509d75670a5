// How urgent something owed is, as a tag whose words say it (WCAG 1.4.1: the colour only repeats
// them). The case list, the reminders and a case's reminders all use this one tag, so "Act now"
// looks and reads the same wherever it appears. Which urgency applies is the domain's answer
// (src/domain/summary.ts actsNow, src/domain/reminders.ts severity), never worked out here.
import { Tag, type TagColour } from './Tag';

export type Urgency = 'overdue' | 'act-now' | 'due' | 'due-soon' | 'waiting';

export const URGENCY: Record<Urgency, { text: string; colour: TagColour }> = {
  overdue: { text: 'Overdue', colour: 'red' },
  'act-now': { text: 'Act now', colour: 'red' },
  due: { text: 'Due', colour: 'blue' },
  'due-soon': { text: 'Due soon', colour: 'blue' },
  waiting: { text: 'Waiting', colour: 'grey' },
};

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { text, colour } = URGENCY[urgency];
  return <Tag colour={colour}>{text}</Tag>;
}
