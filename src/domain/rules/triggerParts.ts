// What every immediate-referral trigger shares: its result, the young people among those involved, the
// R17 harmful box, and R6.7's reading that makes a trigger stand on its own.
import type { IncidentFacts, Person, Tri } from '../types';
import { reason, type Reason } from '../reasons';
import { ageRange, anyTri, isAdult, type AgeReference } from './age';

export type TriggerId = 'R6.1' | 'R6.2' | 'R6.3' | 'R6.4' | 'R6.5' | 'R6.6' | 'R4.5' | 'R17.under13';

export interface TriggerResult {
  id: TriggerId;
  /** Does this trigger apply to the typology assessed (R6.1 and R6.3 only to aggravated, R6.7)? */
  applies: boolean;
  /** The answer the facts give, whether or not it applies. */
  value: Tri;
  /** applies && value: 'yes' means refer now, 'unknown' means it could. */
  fires: Tri;
  reasons: Reason[];
}

export function youngPeople(persons: readonly Person[], referenceDate?: AgeReference): Person[] {
  return persons.filter((p) => isAdult(p, referenceDate) !== 'yes');
}

export function mayBeThirteenToSeventeen(p: Person, referenceDate?: AgeReference): boolean {
  const r = ageRange(p, referenceDate);
  return r.max >= 13 && r.min <= 17;
}

export function named(p: Person): string {
  return p.name.trim() || 'a person involved';
}

/** R17 harmful box: harm, vulnerability or no consent makes the risk tools apply to experimental incidents. */
export function harmfulOrVulnerable(facts: IncidentFacts): Tri {
  // SEN is left out on purpose: it prompts the capacity-to-consent question (R6.4), and is never a
  // trigger on its own (issue 2). A capacity concern, once recorded, counts.
  const vulnerable = facts.persons.some(
    (p) => Boolean(p.otherVulnerabilities?.trim()) || p.socialCare === 'current' || p.socialCare === 'possible',
  );
  if (vulnerable) return 'yes';
  return anyTri([facts.harmOrDistress, facts.sharedWithoutConsent, facts.capacityConcern]);
}

/** A trigger on its own whatever the typology; R6.7: the source's letter makes it conditional on aggravated, the reading does not. */
export function standalone(aggravated: boolean, id: TriggerId, value: Tri, reasons: Reason[]): TriggerResult {
  const withReading =
    !aggravated && value !== 'no'
      ? [
          ...reasons,
          reason(
            'R6.7',
            'The source lists this under aggravated incidents; its own base (UKCCIS 2016) and R4.5 make it a trigger on its own, so we apply it to this experimental incident too.',
            { reading: 'R6.7' },
          ),
        ]
      : reasons;
  return { id, applies: true, value, fires: value, reasons: withReading };
}
