// R14.1, R4.2, R6.9: the disclosure and the initial review's decision, and a new decision when the
// facts have changed since it was made.
import { ALL, type OwedFacts, type OwedItem } from './items';
import { changesSinceDecision } from './decision';

/** R14.1, R4.2, R6.9: the disclosure recorded, a decision recorded, and a new one when the facts have changed. */
export function decisionOwed(f: OwedFacts): OwedItem[] {
  const { c, d } = f;
  const out: OwedItem[] = [];
  if (!c.disclosure)
    out.push({
      kind: 'disclosure',
      rule: 'R14.1',
      text: 'The disclosure is not recorded.',
      step: 'disclosure',
      blocks: ['close'],
    });
  if (!d)
    out.push({
      kind: 'decision',
      rule: 'R4.2',
      text: 'The initial review decision is not recorded.',
      step: 'review',
      blocks: ALL,
    });

  // R6.9, R4.5: new facts since the decision need a new decision before anything is closed or deleted.
  const changes = changesSinceDecision(c);
  if (d && changes.length > 0) {
    out.push({
      kind: 'new-decision',
      rule: 'R6.9',
      text: `A new decision is needed: the facts have changed since the decision of ${d.at.slice(0, 10)}. ${changes.join(' ')}`,
      step: 'review',
      ref: d.decisionId,
      blocks: ['close', 'delete', 'sign-off'],
    });
  }
  return out;
}
