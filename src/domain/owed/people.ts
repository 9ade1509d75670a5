// R9, R11.4, R11.5: parents and carers informed (or not, agreed with an agency), viewings recorded,
// and support offered to the staff who viewed.
import { referenceDate, type CaseRecord } from '../case';
import { youngPeople } from '../rules/triggers';
import type { OwedFacts, OwedItem } from './items';

/** R9.1: the young people whose parents or carers the school informs; never someone met online (their parents are not the school's to tell). */
export function parentsToInform(c: CaseRecord): ReturnType<typeof youngPeople> {
  return youngPeople(c.facts.persons, referenceDate(c)).filter((p) => !p.onlineContact);
}

/** R9: parents and carers of each young person (not online contacts: their parents are not the school's to tell). */
export function parentsOwed(f: OwedFacts): OwedItem[] {
  const { c } = f;
  const out: OwedItem[] = [];
  for (const p of parentsToInform(c)) {
    const rec = c.parents[p.id];
    if (!rec)
      out.push({
        kind: 'parents',
        rule: 'R9.1',
        text: `Parents and carers of ${p.name || 'a young person'}: not recorded.`,
        step: 'parents',
        ref: p.id,
        blocks: ['close'],
      });
    else if (rec.decision === 'not-informed' && (!rec.agreedWith || rec.agreedWith === 'none')) {
      out.push({
        kind: 'parents',
        rule: 'R9.2',
        text: `Parents and carers of ${p.name || 'a young person'} are not to be told, but no agency was consulted: agree it with the MASH or the police.`,
        step: 'parents',
        ref: p.id,
        blocks: ['close'],
      });
    }
  }
  return out;
}

/** R11.4, R11.5: viewings recorded, support offered. */
export function viewingOwed(f: OwedFacts): OwedItem[] {
  const { c } = f;
  const out: OwedItem[] = [];
  for (const v of c.viewings)
    if (!v.record)
      out.push({
        kind: 'viewing',
        rule: 'R11.4',
        text: 'A viewing was justified but its record is not complete.',
        step: 'viewing',
        ref: v.id,
        blocks: ['close'],
      });
  if (c.viewings.some((v) => v.record) && c.supportOffered.length === 0) {
    out.push({
      kind: 'support',
      rule: 'R11.5',
      text: 'Record the support offered to the staff who viewed the imagery.',
      step: 'viewing',
      blocks: ['close'],
    });
  }
  return out;
}
