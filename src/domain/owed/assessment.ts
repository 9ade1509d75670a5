// R6.3, R8, R12.1, R14.3: the local risk tool when it decides the route, the further risk assessment,
// and the Headteacher's sign-off of the decision.
import { needsSignOff, overriddenRoutes, validSignOff } from './decision';
import { ALL, ROUTE_ACT, type OwedFacts, type OwedItem } from './items';

/** R6.3: the local risk tool decides the route: apply it now (the decision, once recorded, weighs it). */
export function riskToolNowOwed(f: OwedFacts): OwedItem[] {
  const { d, a } = f;
  const out: OwedItem[] = [];
  if (d && a.routes.some((r) => r.route === 'risk-assessment' && r.strength === 'act-now')) {
    out.push({
      kind: 'risk-assessment',
      rule: 'R6.3',
      text: 'Apply the local risk tool now: a high result means an immediate MASH referral.',
      step: 'risk',
      route: 'risk-assessment',
      blocks: ALL,
    });
  }
  return out;
}

/**
 * R8, R12.1: the further risk assessment comes before any deletion (unless an agency returned the case to the school
 * to manage).
 */
export function riskAssessmentOwed(f: OwedFacts): OwedItem[] {
  const { c, d, refers } = f;
  const out: OwedItem[] = [];
  const schoolManagesByOutcome = c.referrals.some((r) => r.outcome && r.outcome.nextStep !== 'agency-leads');
  if (d && c.riskAssessments.length === 0) {
    const closeToo = !refers;
    if (closeToo || !schoolManagesByOutcome) {
      out.push({
        kind: 'risk-assessment',
        rule: 'R8',
        text: closeToo
          ? 'The further risk assessment is not recorded.'
          : 'The further risk assessment is not recorded: nothing is deleted before it (R12.1).',
        step: 'risk',
        blocks: closeToo ? ALL : ['delete'],
      });
    }
  }
  return out;
}

/** R14.3: the sign-off the current decision needs. */
export function signOffOwed(f: OwedFacts): OwedItem[] {
  const { c, d } = f;
  const out: OwedItem[] = [];
  if (d && needsSignOff(c, d) && !validSignOff(c, d)) {
    const over = overriddenRoutes(c, d);
    out.push({
      kind: 'sign-off',
      rule: 'R14.3',
      text:
        over.length > 0
          ? `The decision goes against the policy (${over.map((r) => ROUTE_ACT[r].toLowerCase()).join(', ')}): the Headteacher signs it off, and not the person who made it.`
          : 'The decision not to refer is not yet signed off by the Headteacher (and not by the person who made it).',
      step: 'sign-off',
      ref: d.decisionId,
      since: d.at,
      blocks: ALL,
    });
  }
  return out;
}
