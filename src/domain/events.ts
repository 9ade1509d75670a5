// Every change to a case is one of these plain-JSON events: who, when it happened (as told),
// when it was recorded, and the facts. Events are appended, never edited (docs/SECURITY.md item 8).
import type { Actor, IncidentFacts, Person, PolicyVersion, RouteId, Typology } from './types';

export interface EventEnvelope {
  /** Unique id of this event (also the AAD of its stored ciphertext). */
  id: string;
  actor: Actor;
  /** When it happened, as told (ISO date-time). */
  occurredAt: string;
  /** When it was entered on this device (ISO date-time). Guards compare these; they never read the clock. */
  recordedAt: string;
  /**
   * The events this one followed (their ids): the case's head where it was recorded, or, for a
   * merge, every head it reconciles (src/domain/dag.ts). Absent in events recorded before several
   * tablets could share a case: each of those followed the one recorded before it on its tablet.
   */
  parents?: string[] | undefined;
  /** The opaque id of the tablet that recorded it. Absent in older events. */
  device?: string | undefined;
  /** What that tablet is called on the school's sync server ("hillside-dsl-tablet-1"), when sync is set up. */
  tablet?: string | undefined;
}

export type DisclosureChannel = 'in-person' | 'phone' | 'online' | 'written' | 'overheard' | 'other';
export type Discloser = 'young-person' | 'friend' | 'parent' | 'staff' | 'police' | 'other';

export interface Disclosure {
  /** Who told (e.g. "Leo Smith, Year 11"). */
  disclosedBy: string;
  discloserRelation: Discloser;
  /** Who was told (the member of staff). */
  disclosedTo: string;
  /** When it was told (ISO date-time). */
  disclosedAt: string;
  /**
   * When the imagery was made or shared, as the writer knows it (issue 11 item 6): an ISO date,
   * 'unknown' (asked, not known), or absent (not asked: older disclosures). Becomes the case's
   * incident date unless the DSL records another.
   */
  incidentDate?: string | undefined;
  channel: DisclosureChannel;
  /** What was said, in the young person's own words. */
  account: string;
  platforms: string[];
  spreadNotes: string;
  /** R13.3: a description of what the imagery shows, never the imagery itself. */
  imageryDescription: string;
  actionsTaken: string;
}

export type ReviewAnswerKey =
  | 'immediateRisk' // R5.1
  | 'referral' // R5.2
  | 'viewingNeeded' // R5.3
  | 'furtherInformation' // R5.4
  | 'spread' // R5.5
  | 'immediateDeletion' // R5.6
  | 'relevantFacts' // R5.7
  | 'contactOthers' // R5.8
  | 'contactParents'; // R5.9
export type ReviewAnswers = Partial<Record<ReviewAnswerKey, string>>;

export interface ReviewDecision {
  /** Stable id so a sign-off names the decision it signs (R14.3: a changed decision is signed again). */
  decisionId: string;
  attendees: string[];
  answers: ReviewAnswers;
  /** The typology the app proposed at the time, kept beside the DSL's. */
  proposedTypology: Typology;
  typology: Typology;
  /** Required when the DSL's typology differs from the proposal (R2.3). */
  typologyReason?: string;
  /** R2.4: the DSL's answer when asked to reconsider experimental with no consent. */
  noConsentReconsidered?: string;
  /** Routes the app recommended (act-now and recommended) at the time. */
  recommendedRoutes: RouteId[];
  /** Routes the DSL chose. */
  routes: RouteId[];
  /** Required when the chosen routes leave out a recommended one, or take one not offered. */
  routeReason?: string;
  /** R7.2: why this decision, in the DSL's words. */
  rationale: string;
  /**
   * R4.5, R6.9, R7.4: who at the MASH or the police was consulted, when and what they advised. Required
   * when the decision goes against an immediate referral the policy asks for now (an override) or
   * answers an escalation without a referral; the Headteacher then signs it off (R14.3).
   */
  consultation?: Consultation | undefined;
}

/** A consultation with another agency: who, when (ISO date-time, as told) and what they advised. */
export interface Consultation {
  agency: 'mash' | 'police';
  who: string;
  at: string;
  advice: string;
}

/** Agencies the school liaises with for advice (R7.4, R10.3), short of a referral. */
export type AdviceAgency = 'mash' | 'police' | 'social-care' | 'lado';

export type ReferralAgency = 'mash' | 'police' | 'social-care' | 'lado' | 'chair-of-governors';
export type ReferralNextStep = 'agency-leads' | 'return-to-school' | 'no-further-action';
export type ParentsDecision = 'informed' | 'young-person-will-tell' | 'not-informed';
/** R11.2 grounds; 'device-search': searching a device for the imagery (R12.2) is a viewing, with the same safeguards. */
export type ViewingGround = 'only-way-to-decide' | 'report-takedown' | 'unavoidable' | 'device-search';

export interface ViewingSafeguards {
  discussedWithHeadteacher: boolean; // R11.3
  viewerAuthorised: boolean; // DSL or delegated by the Headteacher
  secondStaffPresent: boolean;
  onPremises: boolean;
  sameSexWherePossible: boolean;
  noCopyPrintShare: boolean;
  noSignificantDistress: boolean; // R11.1
}

/** A signature drawn on the tablet (vector strokes) or typed (WCAG 2.5.7). */
export type Signature =
  | { kind: 'drawn'; name: string; strokes: { x: number; y: number; t?: number }[][]; width: number; height: number }
  | { kind: 'typed'; name: string };

export type CaseEvent = EventEnvelope &
  (
    | { type: 'case.opened'; caseId: string; reference: string; policyVersion: PolicyVersion }
    | {
        type: 'disclosure.recorded';
        disclosure: Disclosure;
        persons: Person[];
        facts?: Partial<Omit<IncidentFacts, 'persons'>>;
      }
    // `note` is also the reason for an amendment: a trigger set back to no, or a person removed (R14.1).
    | {
        type: 'facts.updated';
        facts: Partial<IncidentFacts>;
        source: 'review' | 'risk-assessment' | 'new-information';
        note?: string;
      }
    // `changeReason`: why a fact is set back from yes (or, after a decision, from not known) or a person removed.
    | { type: 'review.decided'; decision: ReviewDecision; facts: IncidentFacts; changeReason?: string }
    | {
        type: 'referral.made';
        referralId: string;
        agency: ReferralAgency;
        to: string;
        phone?: string;
        reference?: string;
        note?: string;
      }
    | { type: 'referral.outcome'; referralId: string; outcome: string; nextStep: ReferralNextStep }
    | {
        type: 'risk.assessed';
        tool: string;
        level: 'low' | 'medium' | 'high';
        answers: Record<string, string>;
        facts: Partial<IncidentFacts>;
        changeReason?: string;
      }
    // R7.4, R10.3: advice sought from, or contact made with, an agency short of a referral.
    | { type: 'advice.sought'; agency: AdviceAgency; who: string; advice: string }
    | {
        type: 'parents.recorded';
        personId: string;
        decision: ParentsDecision;
        informedBy?: string;
        reason?: string;
        agreedWith?: 'mash' | 'police' | 'none';
      }
    | { type: 'conversation.recorded'; personId: string; conductedBy: string; summary: string }
    | {
        type: 'viewing.justified';
        viewingId: string;
        grounds: ViewingGround[];
        reason: string;
        safeguards: ViewingSafeguards;
        factsNotFromYoungPeople?: boolean;
      }
    | {
        type: 'viewing.recorded';
        viewingId: string;
        unavoidable: boolean;
        viewer: string;
        witness: string;
        present: string[];
        why: string;
        actions: string;
        viewerSignature: Signature;
        witnessSignature: Signature;
      }
    | { type: 'support.offered'; to: string; note?: string }
    | {
        type: 'deletion.planned';
        deadline: string;
        items: { personId: string; where: string }[];
        illegalityReminderGiven: boolean;
        /** R12.5: an unconfirmed item of the earlier plan left out of this one, and why. */
        dropped?: { personId: string; where: string; reason: string }[];
      }
    // R12.4: a young person refuses to delete; they are reminded it is an offence the police may act on.
    | { type: 'deletion.refused'; personId: string; where: string; note: string; reminderGiven: boolean }
    | { type: 'deletion.confirmed'; personId: string; where: string; how: string }
    | {
        type: 'device.secured';
        deviceId: string;
        description: string;
        ownerPersonId?: string;
        switchedOff: boolean;
        lockedAway: boolean;
        where: string;
      }
    | { type: 'device.collected'; deviceId: string; collectedBy: string; reference?: string }
    | { type: 'social-care.contacted'; to: string; outcome: string }
    | {
        type: 'removal.reported';
        service: 'report-remove' | 'take-it-down' | 'platform';
        platform?: string;
        note: string;
      }
    | { type: 'signoff.signed'; decisionId: string; signature: Signature; inPlaceOfHeadteacher?: string }
    | { type: 'escalated'; reason: string }
    | { type: 'note.added'; text: string }
    // Two tablets added to the case at once (src/domain/dag.ts): a key holder names every head and
    // says in words how the two branches were reconciled. Nothing on either branch is changed.
    | { type: 'branches.merged'; heads: string[]; reconciliation: string }
    // One staff disclosure accepted on two tablets apart became two cases (docs/SYNC.md): a key
    // holder records, in both, that they are the same incident and which one carries it on. The one
    // closed this way keeps every step recorded in it (`laterSteps` lists them); nothing in either
    // case is changed (R14.1). `replaces`: this case's earlier such steps about the pair it settles.
    | {
        type: 'same-incident.recorded';
        disclosureId: string;
        closed: CaseRef;
        kept: CaseRef;
        reason: string;
        carriedOver: string;
        laterSteps: { eventId: string; type: CaseEventType }[];
        replaces: string[];
      }
    | { type: 'answer.amended'; targetEventId: string; field: string; before: string; after: string; reason: string }
    | { type: 'case.closed'; summary: string }
    | { type: 'case.reopened'; reason: string }
    // A case opened by mistake and discarded before anything was recorded in it (issue 14).
    | { type: 'case.discarded'; reason: string }
    // Retention (docs/SECURITY.md item 13): the review date set by hand, a legal hold, a review's outcome.
    // `replaces`: the review date in force when it was set (null: none), as worked out with the
    // establishment's settings; a date EARLIER than it needs a second key holder (`approvedBy`), each
    // with their passphrase, checked by storage (issue 15 item 3). Both are absent in older records.
    | { type: 'retention.date-set'; reviewDate: string; reason: string; replaces?: string | null; approvedBy?: Actor }
    | { type: 'legal-hold.set'; reason: string }
    | { type: 'legal-hold.lifted'; reason: string }
    | { type: 'retention.reviewed'; keepUntil: string; reason: string; replaces?: string | null; approvedBy?: Actor }
  );

export type CaseEventType = CaseEvent['type'];
/** A case named from another: its id and its readable reference. */
export interface CaseRef {
  caseId: string;
  reference: string;
}
/** An event as it arrives from the UI, before the storage layer stamps id and recordedAt. */
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
