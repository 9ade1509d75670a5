// What a case records of the people and agencies told or contacted: referrals and their outcomes
// (R5.2, R6, R10), parents and carers (R9), conversations, support (R11.5), advice (R7.4, R10.3),
// social care contacts (R10.3) and removal reports (R15).
import type { CaseEvent, CaseEventOf } from '../events';
import { eventsOf, type CaseRecord, type Stamp } from './record';

export const AGENCY_EVENTS = [
  'referral.made',
  'referral.outcome',
  'parents.recorded',
  'conversation.recorded',
  'support.offered',
  'advice.sought',
  'social-care.contacted',
  'removal.reported',
] as const satisfies readonly CaseEvent['type'][];

export type AgencyEvent = CaseEventOf<(typeof AGENCY_EVENTS)[number]>;

export const isAgencyEvent = eventsOf(AGENCY_EVENTS);

/** The record after one of these events; `next` is the record with the event counted. */
export function reduceAgencies(c: CaseRecord, e: AgencyEvent, s: Stamp, next: CaseRecord): CaseRecord {
  switch (e.type) {
    case 'referral.made':
      return {
        ...next,
        referrals: [
          ...c.referrals,
          { id: e.referralId, agency: e.agency, to: e.to, phone: e.phone, reference: e.reference, note: e.note, ...s },
        ],
      };
    case 'referral.outcome':
      return {
        ...next,
        referrals: c.referrals.map((r) =>
          r.id === e.referralId ? { ...r, outcome: { text: e.outcome, nextStep: e.nextStep, ...s } } : r,
        ),
      };
    case 'parents.recorded':
      return {
        ...next,
        parents: {
          ...c.parents,
          [e.personId]: {
            decision: e.decision,
            informedBy: e.informedBy,
            reason: e.reason,
            agreedWith: e.agreedWith,
            ...s,
          },
        },
      };
    case 'conversation.recorded':
      return {
        ...next,
        conversations: [
          ...c.conversations,
          { personId: e.personId, conductedBy: e.conductedBy, summary: e.summary, ...s },
        ],
      };
    case 'support.offered':
      return { ...next, supportOffered: [...c.supportOffered, { to: e.to, note: e.note, ...s }] };
    case 'advice.sought':
      return { ...next, advice: [...(c.advice ?? []), { agency: e.agency, who: e.who, advice: e.advice, ...s }] };
    case 'social-care.contacted':
      return { ...next, socialCareContacts: [...c.socialCareContacts, { to: e.to, outcome: e.outcome, ...s }] };
    case 'removal.reported':
      return { ...next, removals: [...c.removals, { service: e.service, platform: e.platform, note: e.note, ...s }] };
  }
}
