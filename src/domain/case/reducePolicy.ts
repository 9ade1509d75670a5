// What a case records that re-runs the policy: its opening, the disclosure (R5.1), changed facts,
// the initial review's decision (R4.2, R6, R7) and the further risk assessment (R8).
import type { IncidentFacts } from '../types';
import { withFactDefaults } from '../types';
import type { CaseEvent, CaseEventOf } from '../events';
import { assess } from '../rules/assess';
import { eventsOf, type CaseRecord, type Stamp } from './record';
import { referenceDate } from './dates';

export const POLICY_EVENTS = [
  'case.opened',
  'disclosure.recorded',
  'facts.updated',
  'review.decided',
  'risk.assessed',
] as const satisfies readonly CaseEvent['type'][];

export type PolicyEventType = (typeof POLICY_EVENTS)[number];
export type PolicyEvent = CaseEventOf<PolicyEventType>;

export const isPolicyEvent = eventsOf(POLICY_EVENTS);

function mergeFacts(facts: IncidentFacts, patch: Partial<IncidentFacts>): IncidentFacts {
  const next = { ...facts };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  }
  return next;
}

/** The record after one of these events; `next` is the record with the event counted. */
export function reducePolicy(c: CaseRecord, e: PolicyEvent, s: Stamp, next: CaseRecord): CaseRecord {
  switch (e.type) {
    case 'case.opened':
      return { ...next, id: e.caseId, reference: e.reference, policyVersion: e.policyVersion, opened: s };
    case 'disclosure.recorded':
      return {
        ...next,
        disclosure: { ...e.disclosure, ...s },
        facts: mergeFacts(
          {
            ...c.facts,
            persons: e.persons,
            platforms: e.disclosure.platforms,
            ...(e.disclosure.incidentDate !== undefined ? { incidentDate: e.disclosure.incidentDate } : {}),
          },
          e.facts ?? {},
        ),
      };
    case 'facts.updated':
      return { ...next, facts: mergeFacts(c.facts, e.facts) };
    case 'review.decided': {
      // "The app proposed" is recorded as the policy engine's own answer for these facts, whatever
      // the screen sent, so the record of what was recommended cannot be wrong.
      // A decision recorded before a question was asked reads that answer "not known yet" (withFactDefaults).
      const facts = withFactDefaults(e.facts);
      // Ages on the incident date as the decision's facts give it (issue 11 item 6).
      const a = assess(facts, {
        confirmedTypology: e.decision.typology,
        referenceDate: referenceDate({ ...c, facts }),
      });
      const recommendedRoutes = a.routes.routes
        .filter((r) => r.strength === 'act-now' || r.strength === 'recommended')
        .map((r) => r.route);
      const actNowRoutes = a.routes.routes.filter((r) => r.strength === 'act-now').map((r) => r.route);
      return {
        ...next,
        facts,
        decisions: [
          ...c.decisions,
          { ...e.decision, proposedTypology: a.proposed.typology, recommendedRoutes, actNowRoutes, facts, ...s },
        ],
      };
    }
    case 'risk.assessed':
      return {
        ...next,
        facts: mergeFacts(c.facts, { ...e.facts, riskTool: { tool: e.tool, level: e.level } }),
        riskAssessments: [...c.riskAssessments, { tool: e.tool, level: e.level, answers: e.answers, ...s }],
      };
  }
}
