// The stages of the response process, and which events each accepts. The machine and `explain`
// both read this table, so what the UI offers and what the machine accepts cannot drift apart.
import type { CaseEventType } from './events';
import type { Role } from './types';

export type Stage = 'new' | 'disclosure' | 'initialReview' | 'referral' | 'riskAssessment' | 'response' | 'closed';

export const STAGES: readonly Stage[] = [
  'new',
  'disclosure',
  'initialReview',
  'referral',
  'riskAssessment',
  'response',
  'closed',
];

export const STAGE_LABELS: Record<Stage, string> = {
  new: 'New',
  disclosure: 'Disclosure',
  initialReview: 'Initial review meeting',
  referral: 'Referral',
  riskAssessment: 'Risk assessment',
  response: 'Response and follow-up',
  closed: 'Closed',
};

/** Work that can be recorded at any open stage once the disclosure is in (R4.5, R10.2, R12.7). */
const ONGOING: CaseEventType[] = [
  'facts.updated',
  'escalated',
  'note.added',
  'answer.amended',
  'referral.made',
  'referral.outcome',
  'parents.recorded',
  'conversation.recorded',
  'viewing.justified',
  'viewing.recorded',
  'support.offered',
  'deletion.planned',
  'deletion.confirmed',
  'device.secured',
  'device.collected',
  'social-care.contacted',
  'advice.sought',
  'deletion.refused',
  'removal.reported',
  'signoff.signed',
  'branches.merged',
  'same-incident.recorded',
];

/** docs/SECURITY.md item 13: the review date and a legal hold can be recorded at any stage once the case is open. */
const RETENTION: CaseEventType[] = ['retention.date-set', 'legal-hold.set', 'legal-hold.lifted'];

export const STAGE_ACCEPTS: Record<Stage, readonly CaseEventType[]> = {
  new: ['case.opened'],
  // An empty case opened by mistake may be discarded (gates.ts explainDiscard).
  disclosure: [
    'case.discarded',
    'disclosure.recorded',
    'note.added',
    'escalated',
    'device.secured',
    'removal.reported',
    'support.offered',
    'branches.merged',
    ...RETENTION,
  ],
  initialReview: ['review.decided', ...ONGOING, ...RETENTION],
  // R4.5, R14.1: a case escalated before its disclosure was recorded can still record it.
  referral: ['review.decided', 'risk.assessed', 'disclosure.recorded', ...ONGOING, ...RETENTION],
  riskAssessment: ['review.decided', 'risk.assessed', 'disclosure.recorded', ...ONGOING, ...RETENTION],
  response: ['review.decided', 'risk.assessed', 'case.closed', 'disclosure.recorded', ...ONGOING, ...RETENTION],
  // A retention review is of a closed record.
  // A closed case may still be the one carried on when its twin is closed as the same incident.
  closed: [
    'case.reopened',
    'note.added',
    'branches.merged',
    'same-incident.recorded',
    ...RETENTION,
    'retention.reviewed',
  ],
};

export const ROLE_LABELS: Record<Role, string> = {
  dsl: 'Designated Safeguarding Lead',
  'deputy-dsl': 'Deputy DSL',
  headteacher: 'Headteacher',
  staff: 'Member of staff',
};
