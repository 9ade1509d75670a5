// What the case still owes the policy (issue 11): one list, worked out from the current facts and
// the whole record, never from the last decision alone. The closing, deletion and sign-off gates,
// the task list, the reminders and the PDF all read it; none of them repeats it.
//
// Every item is typed: what kind of thing is owed, the rule that asks for it, one plain sentence,
// and the step of the case where it is done (so a screen links to it and never matches text).
//
// This module is the index: each family of obligations is worked out by its own function in owed/,
// citing its rules, and `owedToPolicy` lists them in order, most urgent first.
import { currentDecision, type CaseRecord } from './case';
import { branchOwed } from './merge';
import { closedAsSameIncident, sameIncidentOwed } from './sameIncident';
import { reason, type Reason } from './reasons';
import { isReferralDecision } from './rules/routes';
import { riskAssessmentOwed, riskToolNowOwed, signOffOwed } from './owed/assessment';
import { currentAssessment } from './owed/decision';
import { decisionOwed } from './owed/decided';
import { deletionOwed, devicesOwed, evidenceOwed } from './owed/evidence';
import type { OwedBlock, OwedFacts, OwedItem } from './owed/items';
import { liaisonOwed } from './owed/liaison';
import { parentsOwed, viewingOwed } from './owed/people';
import { actNowOwed, chosenReferralsOwed, escalationsOwed, outcomesOwed } from './owed/referrals';

export type { OwedBlock, OwedItem, OwedKind, OwedStep } from './owed/items';
export {
  accountable,
  changesSinceDecision,
  currentAssessment,
  needsSignOff,
  overriddenRoutes,
  unansweredEscalations,
  validSignOff,
} from './owed/decision';
export { parentsToInform } from './owed/people';

/** Each family in the order its items are listed; a family may read what the ones before it owe. */
const FAMILIES: readonly ((f: OwedFacts, sofar: readonly OwedItem[]) => OwedItem[])[] = [
  decisionOwed,
  escalationsOwed,
  actNowOwed,
  riskToolNowOwed,
  chosenReferralsOwed,
  outcomesOwed,
  liaisonOwed,
  riskAssessmentOwed,
  signOffOwed,
  parentsOwed,
  viewingOwed,
  deletionOwed,
  devicesOwed,
  evidenceOwed,
];

// Records are never mutated (case.ts builds a new one for every event), so what is worked out from
// one is kept with it: the gates, the task list and the summary ask about the same record often.
const owedOf = new WeakMap<CaseRecord, OwedItem[]>();

/** Everything the case still owes the policy, most urgent first. */
export function owedToPolicy(c: CaseRecord): readonly OwedItem[] {
  const known = owedOf.get(c);
  if (known) return known;
  // R14.1 (reading SYNC.same): a case closed as the same incident as another owes nothing further;
  // the incident is carried on, and owed, in the other case.
  if (closedAsSameIncident(c)) {
    owedOf.set(c, []);
    return [];
  }
  const d = currentDecision(c);
  const f: OwedFacts = { c, d, a: currentAssessment(c), refers: !!d && isReferralDecision(d.routes) };
  const out: OwedItem[] = [...sameIncidentOwed(c), ...branchOwed(c)];
  for (const family of FAMILIES) out.push(...family(f, out));
  owedOf.set(c, out);
  return out;
}

/** The owed items that hold back one thing, as reasons a gate gives. */
export function owedBlocking(c: CaseRecord, what: OwedBlock, items: readonly OwedItem[] = owedToPolicy(c)): Reason[] {
  return items.filter((x) => x.blocks.includes(what)).map((x) => reason(x.rule, x.text));
}

/** Does the case need a new decision now (R6.9)? */
export function newDecisionNeeded(c: CaseRecord, items: readonly OwedItem[] = owedToPolicy(c)): OwedItem | undefined {
  return items.find((x) => x.kind === 'new-decision');
}
