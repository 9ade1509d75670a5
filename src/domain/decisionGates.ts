// What a review decision needs (R6): the recommended routes, reasons for any departure from them, and a decision set back by new facts (R6.9).
import { assess } from './rules/assess';
import { isReferralDecision } from './rules/routes';
import { needsNoConsentReconsideration } from './rules/typology';
import { gate, reason, type Explanation, type Reason } from './reasons';
import { currentDecision, factsSetBack, referenceDate, type CaseRecord } from './case';
import type { ReviewDecision } from './events';
import { unansweredEscalations } from './owed';
import type { RouteId } from './types';
import { blank } from './blank';

/** Routes the policy recommends (act now or recommended) for these facts and this typology. */
export function recommendedRoutesFor(
  c: CaseRecord,
  facts = c.facts,
  typology = currentDecision(c)?.typology ?? null,
): RouteId[] {
  const a = assess(facts, { confirmedTypology: typology, referenceDate: referenceDate(c) });
  return a.routes.routes.filter((r) => r.strength === 'act-now' || r.strength === 'recommended').map((r) => r.route);
}

/** R14.1: a change that sets a fact back, or removes a person, is an amendment: it needs its reason. */
export function explainSetBack(
  c: CaseRecord,
  facts: Parameters<typeof factsSetBack>[1],
  why: string | undefined,
): Reason[] {
  const setBack = factsSetBack(c, facts);
  if (setBack.length === 0 || !blank(why)) return [];
  const removed = setBack.filter((x) => x.field === 'facts.persons').map((x) => x.before);
  const lowered = setBack.filter((x) => x.field !== 'facts.persons').map((x) => x.label);
  return [
    reason(
      'R14.1',
      `${[removed.length > 0 && `This removes ${removed.join(', ')} from the case`, lowered.length > 0 && `This sets back ${lowered.join(', ')}`].filter(Boolean).join('; ')}: record why. The earlier answer stays in the chronology.`,
      { field: 'changeReason' },
    ),
  ];
}

/**
 * R4.5, R6.9: does this decision override the policy? The act-now referrals it leaves out, and
 * whether it answers an escalation without a referral. Either needs a consultation and sign-off.
 */
export function decisionOverride(
  c: CaseRecord,
  d: Pick<ReviewDecision, 'routes' | 'typology'>,
  facts = c.facts,
): { routes: RouteId[]; escalation: boolean } {
  const a = assess(facts, { confirmedTypology: d.typology, referenceDate: referenceDate(c) });
  const routes = a.routes.routes
    .filter(
      (r) =>
        r.strength === 'act-now' &&
        ['mash-referral', 'police', 'lado'].includes(r.route) &&
        !d.routes.includes(r.route),
    )
    .map((r) => r.route);
  return { routes, escalation: unansweredEscalations(c).length > 0 && !isReferralDecision(d.routes) };
}

/** R2.3, R2.4, R7.2, "recommendations never block": what a decision must say before it is recorded. */
export function explainDecision(c: CaseRecord, d: ReviewDecision, facts = c.facts, changeReason?: string): Explanation {
  const blockers: Reason[] = [];
  const a = assess(facts, { confirmedTypology: d.typology, referenceDate: referenceDate(c) });
  // R14.3: a changed decision is a new decision, signed again; it never takes an earlier one's id (or sign-off).
  if (c.decisions.some((x) => x.decisionId === d.decisionId))
    blockers.push(
      reason(
        'R14.3',
        'This decision has the id of an earlier one. A changed decision is a new decision, and is signed off again.',
        { field: 'rationale' },
      ),
    );
  if (d.attendees.filter((x) => !blank(x)).length === 0)
    blockers.push(reason('R4.2', 'Record who attended the initial review meeting.', { field: 'attendees' }));
  if (blank(d.rationale)) blockers.push(reason('R7.2', 'Record the reasons for the decision.', { field: 'rationale' }));
  if (d.typology !== a.proposed.typology && blank(d.typologyReason)) {
    blockers.push(
      reason('R2.3', `The app proposed ${a.proposed.typology}; record why you judge it ${d.typology}.`, {
        field: 'typologyReason',
      }),
    );
  }
  if (needsNoConsentReconsideration(facts, d.typology) && blank(d.noConsentReconsidered)) {
    blockers.push(
      reason(
        'R2.4',
        'The imagery was shared without consent, which the policy treats as aggravated. Please reconsider, and record why you still judge it experimental.',
        { reading: 'R2.4', field: 'noConsentReconsidered' },
      ),
    );
  }
  if (d.routes.length === 0) blockers.push(reason('R5.2', 'Choose at least one route.', { field: 'routes' }));
  const recommended = a.routes.routes
    .filter((r) => r.strength === 'act-now' || r.strength === 'recommended')
    .map((r) => r.route);
  const offered = new Set(a.routes.routes.map((r) => r.route));
  const leftOut = recommended.filter((r) => !d.routes.includes(r));
  // Choosing more than recommended is never questioned; managing in school when it is not offered is.
  const notOffered = d.routes.filter((r) => r === 'school-manage' && !offered.has(r));
  if ((leftOut.length > 0 || notOffered.length > 0) && blank(d.routeReason)) {
    blockers.push(
      reason(
        'R7.2',
        `Your choice differs from what the policy recommends (${[...leftOut.map((r) => `not ${r}`), ...notOffered.map((r) => `${r} not offered`)].join(', ')}). You may choose it: record why.`,
        { field: 'routeReason' },
      ),
    );
  }
  // R4.5, R6.9: going against an immediate referral, or answering an escalation without one, is an
  // override: it needs the agency consulted (who, when, what they advised) and the Headteacher's sign-off.
  const { routes: overridden, escalation: escalationUnanswered } = decisionOverride(c, d, facts);
  if (overridden.length > 0 || escalationUnanswered) {
    const k = d.consultation;
    if (!k || blank(k.who) || blank(k.at) || blank(k.advice)) {
      blockers.push(
        reason(
          overridden.length > 0 ? 'R4.5' : 'R6.9',
          `${overridden.length > 0 ? `The policy asks for this now: ${overridden.join(', ')}. Going against it` : 'The case was escalated. Answering it without a referral'} is an override: record who at the MASH or the police you consulted, when, and what they advised. The Headteacher then signs it off.`,
          { field: 'consultation' },
        ),
      );
    }
    if (escalationUnanswered && overridden.length === 0 && blank(d.routeReason))
      blockers.push(reason('R6.9', 'The case was escalated: record why it is not referred.', { field: 'routeReason' }));
  }
  blockers.push(...explainSetBack(c, facts, changeReason));
  return gate(blockers, reason('R7.2', 'The decision, who made it and why are recorded.'));
}
