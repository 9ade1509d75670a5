// Test data builders: events with who, when it happened and when it was recorded.
import type { Actor, IncidentFacts, RouteId, Typology } from '../../src/domain/types';
import type { CaseEvent, CaseEventType, Disclosure, ReviewDecision, Signature } from '../../src/domain/events';
import { CURRENT_POLICY_VERSION } from '../../src/domain/types';

export const DSL: Actor = { userId: 'u-dsl', role: 'dsl', name: 'Dana Shah' };
export const DEPUTY: Actor = { userId: 'u-deputy', role: 'deputy-dsl', name: 'Dev Patel' };
export const HEAD: Actor = { userId: 'u-head', role: 'headteacher', name: 'Helen Okafor' };
export const STAFF: Actor = { userId: 'u-staff', role: 'staff', name: 'Sam Teacher' };

let seq = 0;
let clock = Date.parse('2026-03-02T09:00:00Z');

/** Reset ids and the fake clock (each test gets the same times). */
export function resetBuilders(start = '2026-03-02T09:00:00Z'): void {
  seq = 0;
  clock = Date.parse(start);
}

type Payload<T extends CaseEventType> = Omit<
  Extract<CaseEvent, { type: T }>,
  'id' | 'actor' | 'occurredAt' | 'recordedAt' | 'type'
>;

export function ev<T extends CaseEventType>(
  type: T,
  payload: Payload<T>,
  actor: Actor = DSL,
  minutesLater = 10,
): Extract<CaseEvent, { type: T }> {
  seq += 1;
  clock += minutesLater * 60_000;
  const at = new Date(clock).toISOString();
  return { id: `e${seq}`, type, actor, occurredAt: at, recordedAt: at, ...payload } as Extract<CaseEvent, { type: T }>;
}

export const opened = (reference = 'YPSI-2026-001') =>
  ev('case.opened', { caseId: 'case-1', reference, policyVersion: CURRENT_POLICY_VERSION });

export function disclosure(overrides: Partial<Disclosure> = {}): Disclosure {
  return {
    disclosedBy: 'Leo',
    discloserRelation: 'young-person',
    disclosedTo: 'Ms Teacher',
    disclosedAt: '2026-03-02T08:45:00Z',
    channel: 'in-person',
    account: 'He said: "she sent me a picture and I am worried about it."',
    platforms: ['Snapchat'],
    spreadNotes: 'Nobody else has seen it.',
    imageryDescription: 'A topless photograph of herself.',
    actionsTaken: 'Told the DSL in person straight away.',
    ...overrides,
  };
}

export function decision(
  facts: IncidentFacts,
  typology: Typology,
  routes: RouteId[],
  overrides: Partial<ReviewDecision> = {},
): ReviewDecision {
  return {
    decisionId: `d${seq + 1}`,
    attendees: ['Dana Shah (DSL)', 'Helen Okafor (Headteacher)'],
    answers: { immediateRisk: 'No immediate risk.' },
    proposedTypology: typology,
    typology,
    recommendedRoutes: routes,
    routes,
    rationale: 'Decided in the initial review meeting.',
    ...overrides,
  };
}

export const typedSignature = (name: string): Signature => ({ kind: 'typed', name });
