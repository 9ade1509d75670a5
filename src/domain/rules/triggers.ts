// R6 (as R6.7 reads it), R4.5 and R17: the immediate-referral triggers, each yes, no or unknown.
// This module is the index: who is involved (triggersWho.ts), what happened (triggersWhat.ts).
import type { IncidentFacts, Typology } from '../types';
import type { AgeReference } from './age';
import { youngPeople, type TriggerResult } from './triggerParts';
import { coercionTrigger, contentTrigger, harmTrigger, immediateRiskTrigger } from './triggersWhat';
import { adultTrigger, riskToolTrigger, under13ReadingTrigger, under13Trigger } from './triggersWho';

export { harmfulOrVulnerable, youngPeople, type TriggerId, type TriggerResult } from './triggerParts';

/** Evaluate every trigger for the typology given (the DSL's confirmed one, or the proposal). */
export function evaluateTriggers(
  facts: IncidentFacts,
  typology: Typology,
  referenceDate?: AgeReference,
): TriggerResult[] {
  const yp = youngPeople(facts.persons, referenceDate);
  const aggravated = typology === 'aggravated';
  const r61 = under13Trigger(yp, aggravated, referenceDate);
  return [
    r61,
    adultTrigger(facts, aggravated, referenceDate),
    riskToolTrigger(facts, yp, aggravated, referenceDate),
    coercionTrigger(facts, yp, aggravated),
    contentTrigger(facts, aggravated),
    immediateRiskTrigger(facts, aggravated),
    harmTrigger(facts),
    under13ReadingTrigger(facts, aggravated, r61.value),
  ];
}
